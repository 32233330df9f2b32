use super::*;
use crate::protocols::balance::algo::Why;
use crate::protocols::balance::members::{label, server_node};
use crate::protocols::balance::spec::{RingSpec, MAX_SERVERS};

fn both(value: &dyn Describe) -> (String, String) {
    let labels = Labels::plain();
    (
        value.describe(Lang::En, labels),
        value.describe(Lang::Zh, labels),
    )
}

fn pick(server: usize, why: Why) -> Pick {
    Pick {
        server,
        members: 0b111,
        why,
    }
}

#[test]
fn a_pick_is_explained_by_the_algorithm_state_in_both_languages() {
    let mut after = [0.0; MAX_SERVERS];
    after[..3].copy_from_slice(&[-2.0, 1.0, 1.0]);
    let note = BalanceNote::from(PickNote {
        req: 1,
        key: None,
        algorithm: Algorithm::SmoothWeighted,
        attempt: 1,
        pick: pick(
            0,
            Why::Swrr {
                before: [0.0; MAX_SERVERS],
                after,
                total: 7.0,
            },
        ),
    });
    let (en, zh) = both(&note);
    assert_eq!(
        en,
        "LB sends request #1 to S3 by SmoothWeighted: adding each server's effective weight to its current weight gives it +5, the largest; it gives back the total, 7, and stands at -2"
    );
    assert!(
        zh.starts_with("LB 按 SmoothWeighted（平滑加权轮询）把请求 #1 发给 S3"),
        "{zh}"
    );
    assert!(zh.contains("+5") && zh.contains("-2"), "{zh}");
}

#[test]
fn two_choices_and_the_ring_name_their_candidates_and_points() {
    let two = BalanceNote::from(PickNote {
        req: 9,
        key: None,
        algorithm: Algorithm::PowerOfTwo,
        attempt: 2,
        pick: pick(
            2,
            Why::TwoChoices {
                a: 0,
                b: 2,
                load_a: 3,
                load_b: 1,
            },
        ),
    });
    let (en, zh) = both(&two);
    assert!(en.contains("(retry 1"), "{en}");
    assert!(
        en.ends_with(
            "of the two drawn, S3 has 3 active and S5 has 1; S5 has fewer (the first on a tie)"
        ),
        "{en}"
    );
    assert!(zh.contains("S3 有 3 个未完成请求，S5 有 1 个"), "{zh}");
    let ring = BalanceNote::from(PickNote {
        req: 4,
        key: Some(42),
        algorithm: Algorithm::RingHash(RingSpec { vnodes: 100 }),
        attempt: 1,
        pick: pick(
            1,
            Why::Ring {
                key_point: u64::MAX / 4,
                owner: u64::MAX / 2,
            },
        ),
    });
    let (en, zh) = both(&ring);
    assert!(
        en.ends_with("key 42 hashes to 25.00% of the ring; the first server point at or after it, at 50.00%, is S4's"),
        "{en}"
    );
    assert!(zh.contains("键 42 哈希到环上 25.00% 处"), "{zh}");
}

#[test]
fn timers_say_what_happens_when_they_fire() {
    let done = BalanceTimer::Done {
        req: 37,
        attempt: 1,
    };
    assert_eq!(
        both(&done),
        (
            "the work on request #37 is done".to_owned(),
            "请求 #37 的工作完成".to_owned()
        )
    );
    assert_eq!(
        BalanceTimer::Deadline.english(),
        "the earliest time-out of an attempt expires"
    );
}

#[test]
fn rejections_keep_the_trace_code_and_explain_it() {
    let obs = BalanceObs::Reject {
        req: 3,
        reason: Reason::QueueFull,
    };
    let (en, zh) = both(&obs);
    assert_eq!(
        en,
        "request #3 is rejected: queue-full (the server's queue was full)"
    );
    assert_eq!(zh, "请求 #3 被拒绝：queue-full（服务器队列已满）");
    let json = serde_json::to_value(&obs).expect("serialises");
    assert_eq!(json["reason"], "queue-full");
}

#[test]
fn every_note_reads_differently_in_chinese() {
    let s = server_node(0);
    let notes = [
        BalanceNote::Sends {
            req: 1,
            cost_us: 5_000,
        },
        BalanceNote::NewRate { rate: 50 },
        BalanceNote::FailsAtOnce { me: s, req: 1 },
        BalanceNote::Queues {
            me: s,
            req: 1,
            in_service: 1,
            waiting: 2,
        },
        BalanceNote::QueueFull {
            me: s,
            req: 1,
            queue: 10,
        },
        BalanceNote::Starts {
            me: s,
            req: 1,
            work_us: 500,
            hit: true,
        },
        BalanceNote::Finishes { me: s, req: 1 },
        BalanceNote::Slowed { me: s, factor: 4.0 },
        BalanceNote::FailFast { me: s, on: true },
        BalanceNote::Starting { me: s, weight: 2 },
        BalanceNote::AsksAgain { me: s },
        BalanceNote::AnswersProbe {
            me: s,
            healthy: false,
        },
        BalanceNote::NotForMe {
            me: s,
            command: BalanceCommand::SetRate(5),
        },
        BalanceNote::SecondCopy { req: 1 },
        BalanceNote::NoServer { req: 1 },
        BalanceNote::LateAnswer { from: s, req: 1 },
        BalanceNote::PassesAnswer { from: s, req: 1 },
        BalanceNote::PassesError { from: s, req: 1 },
        BalanceNote::GivesUp {
            server: s,
            req: 1,
            after_ms: 100,
        },
        BalanceNote::Ejects {
            server: s,
            until_ms: 3000,
            errors: 5,
        },
        BalanceNote::NoneOverdue { next_ms: Some(5) },
        BalanceNote::OverBudget { req: 1, out: 2 },
        BalanceNote::OutOfTries { req: 1, tries: 3 },
        BalanceNote::WillRetry {
            req: 1,
            why: Reason::Timeout,
            delay_us: 12_000,
        },
        BalanceNote::Healthy {
            server: s,
            checks: 2,
        },
        BalanceNote::Unhealthy {
            server: s,
            checks: 2,
        },
        BalanceNote::NewAlgorithm {
            algorithm: Algorithm::PeakEwma,
        },
        BalanceNote::Admits {
            server: s,
            weight: 1,
        },
        BalanceNote::AlreadyIn { server: s },
        BalanceNote::Removes { server: s },
        BalanceNote::AlreadyOut { server: s },
        BalanceNote::EndsTwice {
            req: 1,
            how: End::Completed,
        },
        BalanceNote::NeverTaken {
            req: 1,
            how: End::Rejected(Reason::Budget),
        },
        BalanceNote::Vanished {
            req: 1,
            since_ms: 20,
        },
    ];
    for note in notes {
        let (en, zh) = both(&note);
        assert!(!en.is_empty() && en != zh, "{note:?}: {en}");
        assert!(
            zh.chars().any(|c| c > '\u{2e80}'),
            "{note:?} has no Chinese: {zh}"
        );
    }
    assert_eq!(label(s), "S1");
}

#[test]
fn commands_and_roles_read_in_both_languages() {
    let add = BalanceCommand::AddServer(crate::protocols::balance::ServerSpec {
        weight: 2,
        ..Default::default()
    });
    assert_eq!(
        both(&add),
        (
            "AddServer(weight 2)".to_owned(),
            "新增服务器（权重 2）".to_owned()
        )
    );
    assert_eq!(
        both(&BalanceAlias::Spare),
        (
            "a spare server slot".to_owned(),
            "空闲的服务器槽位".to_owned()
        )
    );
}

#[test]
fn english_names_reasons_and_algorithms_as_the_trace_and_files_write_them() {
    for reason in Reason::ALL {
        assert_eq!(words::short(reason, Lang::En), reason.code());
    }
    let algorithms = [
        Algorithm::RoundRobin,
        Algorithm::Random,
        Algorithm::WeightedRandom,
        Algorithm::SmoothWeighted,
        Algorithm::EdfWeighted,
        Algorithm::LeastConnections,
        Algorithm::PowerOfTwo,
        Algorithm::PeakEwma,
        Algorithm::RingHash(RingSpec { vnodes: 100 }),
        Algorithm::ModuloHash,
    ];
    for algorithm in algorithms {
        assert_eq!(algorithm_name(algorithm, Lang::En), algorithm.name());
        let zh = algorithm_name(algorithm, Lang::Zh);
        assert!(
            zh.starts_with(algorithm.name()) && zh.ends_with('）'),
            "{zh}"
        );
    }
}
