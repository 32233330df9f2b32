use super::*;
use crate::sim::Labels;

#[test]
fn a_note_reads_in_both_languages() {
    let note = LockNote::RedisRefuses {
        me: NodeId(3),
        from: NodeId(1),
        holder: NodeId(0),
        until: Some(1_450_000),
    };
    assert_eq!(
        note.english(),
        "S4 refuses S2: the key is held by S1 until 1.450s on S4's clock"
    );
    let zh = note.describe(Lang::Zh, Labels::plain());
    assert!(zh.contains("1.450s"), "{zh}");
    assert!(zh.starts_with("S4 拒绝 S2"), "{zh}");
}

#[test]
fn a_redis_request_reads_as_the_command_it_sends() {
    let ask = |ttl_ms| LockNote::AsksRedis {
        me: NodeId(1),
        server: NodeId(0),
        value: 7,
        ttl_ms,
    };
    assert_eq!(
        ask(Some(500)).english(),
        "S2 asks S1 for the lock: SET lock 7 NX PX 500"
    );
    // The naive lock's key names its client, as the lessons write it.
    assert_eq!(ask(None).english(), "S2 asks S1 for the lock: SET lock S2");
}

#[test]
fn the_redlock_arithmetic_reads_with_its_numbers() {
    let note = LockNote::RedlockHolds {
        me: NodeId(0),
        granted: 3,
        masters: 5,
        sum: Validity {
            ttl: 1_000_000,
            elapsed: 114_600,
            drift: 12_000,
            validity: 873_400,
        },
    };
    // Elapsed time rounds up, so the whole numbers still add up.
    assert!(
        note.english().contains("1000ms − 115ms − 12ms = 873ms"),
        "{}",
        note.english()
    );
    assert!(note
        .describe(Lang::Zh, Labels::plain())
        .contains("1000ms − 115ms − 12ms = 873ms"));
}

#[test]
fn every_timer_reads_as_what_happens_when_it_fires() {
    let timers = [
        LockTimer::Think,
        LockTimer::Retry,
        LockTimer::Request(1),
        LockTimer::Work,
        LockTimer::Validity,
        LockTimer::Storage,
        LockTimer::Heartbeat,
        LockTimer::Expiry,
        LockTimer::Session(NodeId(1)),
    ];
    for timer in timers {
        let en = timer.english();
        let zh = timer.describe(Lang::Zh, Labels::plain());
        assert!(!en.contains("Timer") && !en.is_empty(), "{en}");
        assert_ne!(en, zh);
    }
}
