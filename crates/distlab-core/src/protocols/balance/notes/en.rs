//! The dispatch family's words in English. The trace's notes are these.

use super::{in_ms, ring_share, BalanceNote, End};
use crate::protocols::balance::algo::{members_of, Pick, Why};
use crate::protocols::balance::goals::BalanceCondition;
use crate::protocols::balance::members::{server_node, BalanceAlias};
use crate::protocols::balance::messages::{BalanceObs, BalanceTimer, Reason};
use crate::protocols::balance::node::BalanceCommand;
use crate::sim::{Labels, NodeId};

pub(super) fn note(note: &BalanceNote, labels: &Labels) -> String {
    let l = |id: &NodeId| labels.get(*id);
    match note {
        BalanceNote::Sends { req, cost_us } => {
            format!("LG sends request #{req} ({} ms of work) to LB", in_ms(*cost_us))
        }
        BalanceNote::NewRate { rate } => format!("LG now sends {rate} requests per second"),
        BalanceNote::FailsAtOnce { me, req } => format!(
            "{} fails request #{req} at once: it is failing fast",
            l(me)
        ),
        BalanceNote::Queues {
            me,
            req,
            in_service,
            waiting,
        } => format!(
            "{} queues request #{req}: {in_service} in service, {waiting} waiting",
            l(me)
        ),
        BalanceNote::QueueFull { me, req, queue } => format!(
            "{} refuses request #{req}: its queue of {queue} is full",
            l(me)
        ),
        BalanceNote::Starts {
            me,
            req,
            work_us,
            hit,
        } => format!(
            "{} starts request #{req}: {} ms of work{}",
            l(me),
            in_ms(*work_us),
            if *hit {
                " (a cache hit: a tenth of the work)"
            } else {
                ""
            }
        ),
        BalanceNote::Finishes { me, req } => {
            format!("{} finishes request #{req} and answers LB", l(me))
        }
        BalanceNote::Slowed { me, factor } => {
            format!("{} now takes {factor}× as long for its work", l(me))
        }
        BalanceNote::FailFast { me, on: true } => {
            format!("{} now answers every request with an error at once", l(me))
        }
        BalanceNote::FailFast { me, on: false } => {
            format!("{} serves requests properly again", l(me))
        }
        BalanceNote::Starting { me, weight } => format!(
            "{} starts as a new server and asks LB to take it into its pool with weight {weight}",
            l(me)
        ),
        BalanceNote::AsksAgain { me } => format!(
            "{} has not heard that LB took it in, so it asks again",
            l(me)
        ),
        BalanceNote::AnswersProbe { me, healthy: true } => {
            format!("{} answers LB's health check: healthy", l(me))
        }
        BalanceNote::AnswersProbe { me, healthy: false } => format!(
            "{} answers LB's health check: failing (it fails every request)",
            l(me)
        ),
        BalanceNote::NotForMe { me, command: c } => {
            format!("{} has nothing to do with {}", l(me), command(c, labels))
        }
        BalanceNote::SecondCopy { req } => {
            format!("LB ignores a second copy of request #{req}: it already has it")
        }
        BalanceNote::NoServer { req } => format!(
            "LB has no server to send request #{req} to: none is in the pool, healthy and not ejected"
        ),
        BalanceNote::Picks(n) => format!(
            "LB sends request #{} to {} by {}{}: {}",
            n.req,
            l(&server_node(n.pick.server)),
            n.algorithm.name(),
            match n.attempt {
                1 => String::new(),
                a => format!(" (retry {}, on a server it has not tried if it can)", a - 1),
            },
            why(&n.pick, n.req, n.key, labels)
        ),
        BalanceNote::LateAnswer { from, req } => format!(
            "LB ignores {}'s late answer to request #{req}: that attempt already ended",
            l(from)
        ),
        BalanceNote::PassesAnswer { from, req } => format!(
            "LB passes {}'s answer to request #{req} back to the client",
            l(from)
        ),
        BalanceNote::PassesError { from, req } => format!(
            "LB passes {}'s error for request #{req} back to the client: retries are off",
            l(from)
        ),
        BalanceNote::GivesUp {
            server,
            req,
            after_ms,
        } => format!(
            "LB gives up waiting for {} on request #{req} after {after_ms} ms",
            l(server)
        ),
        BalanceNote::Ejects {
            server,
            until_ms,
            errors,
        } => format!(
            "LB ejects {} as an outlier until t={until_ms} ms: {errors} failures in a row",
            l(server)
        ),
        BalanceNote::NoneOverdue { next_ms: Some(t) } => format!(
            "LB finds no attempt past its time-out: they were answered in time; the next waiting one gives up at t={t} ms"
        ),
        BalanceNote::NoneOverdue { next_ms: None } => {
            "LB finds no attempt past its time-out: they were answered in time".to_owned()
        }
        BalanceNote::OverBudget { req, out } => format!(
            "LB may not retry request #{req}: {out} retries are already out, the budget's limit"
        ),
        BalanceNote::OutOfTries { req, tries } => {
            format!("LB gives up on request #{req}: all {tries} tries failed")
        }
        BalanceNote::WillRetry { req, why, delay_us } => match delay_us {
            0 => format!(
                "LB retries request #{req} ({}) on another server at once",
                why.code()
            ),
            _ => format!(
                "LB will retry request #{req} ({}) on another server after {} ms",
                why.code(),
                in_ms(*delay_us)
            ),
        },
        BalanceNote::Healthy { server, checks } => format!(
            "LB marks {} healthy again after {checks} good checks",
            l(server)
        ),
        BalanceNote::Unhealthy { server, checks } => format!(
            "LB marks {} unhealthy after {checks} failed checks",
            l(server)
        ),
        BalanceNote::NewAlgorithm { algorithm } => {
            format!("LB now picks servers by {}", algorithm.name())
        }
        BalanceNote::Admits { server, weight } => format!(
            "LB takes the new server {} into its pool with weight {weight}",
            l(server)
        ),
        BalanceNote::AlreadyIn { server } => format!(
            "LB has {} in its pool already and says so again",
            l(server)
        ),
        BalanceNote::Removes { server } => format!(
            "LB takes {} out of the pool: it sends it nothing new",
            l(server)
        ),
        BalanceNote::AlreadyOut { server } => {
            format!("LB has {} out of its pool already", l(server))
        }
        BalanceNote::EndsTwice { req, how } => format!(
            "request #{req} ends twice: {} after it had already ended",
            end(*how)
        ),
        BalanceNote::NeverTaken { req, how } => format!(
            "request #{req} ends ({}) though the balancer never took it",
            end(*how)
        ),
        BalanceNote::Vanished { req, since_ms } => format!(
            "request #{req} vanished: taken at t={since_ms} ms, never completed nor rejected"
        ),
    }
}

fn end(how: End) -> &'static str {
    match how {
        End::Completed => "completed",
        End::Rejected(r) => r.code(),
    }
}

/// Why the algorithm chose the server: its state at the decision.
fn why(pick: &Pick, req: u64, key: Option<u32>, labels: &Labels) -> String {
    let s = pick.server;
    let l = |i: usize| labels.get(server_node(i));
    let hashed = || match key {
        Some(k) => format!("key {k}"),
        None => format!("request #{req} has no key, so its number"),
    };
    match pick.why {
        Why::Turn { turn, of } => format!("it is next in turn ({} of {of})", turn + 1),
        Why::Drawn { of } => format!("a uniform draw among {of} servers chose it"),
        Why::WeightedDraw { point, total } => format!(
            "a draw of {:.2} in the total weight {:.2} fell in its share",
            point as f64 / 1000.0,
            total as f64 / 1000.0
        ),
        Why::Swrr {
            after, total: t, ..
        } => format!(
            "adding each server's effective weight to its current weight gives it {:+}, the largest; it gives back the total, {t}, and stands at {:+}",
            after[s] + t,
            after[s]
        ),
        Why::Edf { deadlines } => format!(
            "its deadline, {:.3}, was the earliest; its next is 1/weight later",
            deadlines[s]
        ),
        Why::TwoChoices { a, b, .. } if a == b => format!(
            "the two random draws both chose {}, so it has no rival",
            l(a)
        ),
        Why::TwoChoices {
            a,
            b,
            load_a,
            load_b,
        } => format!(
            "of the two drawn, {} has {load_a} active and {} has {load_b}; {} has fewer (the first on a tie)",
            l(a),
            l(b),
            l(s)
        ),
        Why::Least { scores, tied } => {
            let tied = members_of(tied).count();
            let share = format!(
                "it has the fewest active requests per unit of weight ({:.2})",
                scores[s]
            );
            match tied {
                1 => share,
                n => format!("{share}; {n} servers tied and smooth weighted round robin chose among them"),
            }
        }
        Why::LeastWeighted { weights } => format!(
            "the weights differ, so each server weighs its weight ÷ (active requests + 1) in a smooth weighted round robin turn; it weighed {:.2}",
            weights[s]
        ),
        Why::Ewma { scores } => format!(
            "its score, (active + 1) × peak-EWMA latency = {} ms, was the lowest",
            in_ms(scores[s] as u64)
        ),
        Why::Ring { key_point, owner } => format!(
            "{} hashes to {:.2}% of the ring; the first server point at or after it, at {:.2}%, is {}'s",
            hashed(),
            ring_share(key_point),
            ring_share(owner),
            l(s)
        ),
        Why::Modulo { of, index, .. } => format!(
            "{} hashes to a number that leaves {index} divided by the {of} servers in the pool: the {} of them",
            hashed(),
            ordinal(index + 1)
        ),
    }
}

fn ordinal(n: u64) -> String {
    let suffix = match (n % 10, n % 100) {
        (1, 11) | (2, 12) | (3, 13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

pub(super) fn obs(obs: &BalanceObs, labels: &Labels) -> String {
    let s = |server: &usize| labels.get(server_node(server - 1));
    match obs {
        BalanceObs::Dispatch {
            req,
            server,
            attempt: 1,
            ..
        } => format!("request #{req} goes to {}", s(server)),
        BalanceObs::Dispatch {
            req,
            server,
            attempt,
            ..
        } => format!("request #{req} goes to {} (try {attempt})", s(server)),
        BalanceObs::Complete {
            req,
            server,
            latency_us,
            ok: true,
        } => format!(
            "request #{req} completes on {} in {} ms",
            s(server),
            in_ms(*latency_us)
        ),
        BalanceObs::Complete {
            req,
            server,
            latency_us,
            ok: false,
        } => format!(
            "request #{req} ends with an error from {} after {} ms",
            s(server),
            in_ms(*latency_us)
        ),
        BalanceObs::Reject { req, reason: r } => {
            format!("request #{req} is rejected: {} ({})", r.code(), reason(*r))
        }
    }
}

pub(super) fn reason(reason: Reason) -> &'static str {
    match reason {
        Reason::QueueFull => "the server's queue was full",
        Reason::NoServer => "no server was in the pool, healthy and not ejected",
        Reason::Timeout => "it took longer than the time-out",
        Reason::Error => "the server answered with an error",
        Reason::Budget => "a retry was due but the retry budget was spent",
    }
}

pub(super) fn timer(timer: BalanceTimer) -> String {
    match timer {
        BalanceTimer::Arrival => "the next request is due".to_owned(),
        BalanceTimer::Deadline => "the earliest time-out of an attempt expires".to_owned(),
        BalanceTimer::Backoff(req) => format!("request #{req}'s back-off ends"),
        BalanceTimer::Health => "a round of health checks is due".to_owned(),
        BalanceTimer::Done { req, attempt: 1 } => format!("the work on request #{req} is done"),
        BalanceTimer::Done { req, attempt } => {
            format!("the work on request #{req} (try {attempt}) is done")
        }
        BalanceTimer::Announce => "time to ask LB to join again".to_owned(),
    }
}

pub(super) fn command(command: &BalanceCommand, labels: &Labels) -> String {
    match command {
        BalanceCommand::SetRate(r) => format!("SetRate({r})"),
        BalanceCommand::SetAlgorithm(a) => format!("SetAlgorithm({})", a.name()),
        BalanceCommand::SlowDown(f) => format!("SlowDown(×{f})"),
        BalanceCommand::FailFast(on) => format!("FailFast({on})"),
        BalanceCommand::AddServer(s) => format!("AddServer(weight {})", s.weight),
        BalanceCommand::RemoveServer(i) => {
            format!("RemoveServer({})", labels.get(server_node(*i)))
        }
    }
}

pub(super) fn role(role: BalanceAlias) -> String {
    match role {
        BalanceAlias::Server(n) => format!("server {n}"),
        BalanceAlias::Balancer => "the balancer".to_owned(),
        BalanceAlias::Generator => "the load generator".to_owned(),
        BalanceAlias::Spare => "a spare server slot".to_owned(),
    }
}

pub(super) fn goal(condition: &BalanceCondition) -> String {
    match condition {
        BalanceCondition::CompletedAtLeast(k) => format!("{k} more requests complete"),
        BalanceCondition::RejectedAtLeast(k) => format!("{k} more requests are rejected"),
        BalanceCondition::RetriesAtLeast(k) => format!("{k} more retries are sent"),
        BalanceCondition::DispatchedTo(n, k) => format!("{k} more requests go to S{n}"),
        BalanceCondition::QueueAtLeast(n, k) => format!("S{n}'s queue reaches {k}"),
        BalanceCondition::Ejected(n) => format!("LB ejects S{n} as an outlier"),
        BalanceCondition::AlgorithmIs(a) => format!("LB picks by {}", a.name()),
        BalanceCondition::InPool(n) => format!("S{n} is in LB's pool"),
    }
}
