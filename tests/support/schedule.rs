//! Random fault schedules, drawn and run the same way for every family.
//!
//! [`fault_actions`] draws the faults of a schedule for any family from a
//! menu of fault kinds, asking the family's own request generator whenever
//! it draws a request, then heals everything; the family draws its
//! cluster and network around it (see `raft::random_schedule` and
//! `paxos::faults::fault_schedule`). Each schedule is a pure function of
//! its seed.
//!
//! [`check_schedules`] runs one check per seed on every core, or only the
//! seed `DISTLAB_SEED` names, so that a failure printed with its seed
//! reproduces.

use distlab::protocols::{Family, TargetSpec};
use distlab::scenario::{ActionSpec, TimedAction};
use distlab::sim::SimRng;
use distlab::units::{NodeNum, Probability};
use rayon::prelude::*;

/// Runs `check_one` for seeds `first..first + count`, or for the seed in
/// `DISTLAB_SEED` alone when it is set.
pub fn check_schedules(first: u64, count: u64, check_one: impl Fn(u64) + Sync + Send) {
    if let Some(seed) = std::env::var("DISTLAB_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
    {
        return check_one(seed);
    }
    (first..first + count).into_par_iter().for_each(check_one);
}

/// An action at `ms` milliseconds.
pub fn at<F: Family>(ms: u64, action: ActionSpec<F>) -> TimedAction<F> {
    TimedAction {
        at_ms: Some(ms),
        at_us: None,
        action,
    }
}

/// A kind of fault a schedule may draw; the node, the time or the share it
/// needs is drawn with it.
#[derive(Clone, Copy, Debug)]
pub enum Fault {
    /// Crash a random node.
    Crash,
    /// Crash the leader.
    CrashLeader,
    /// Crash the leader or a random node, at even odds.
    CrashLeaderOrNode,
    /// Restart a random node.
    Restart,
    /// Pause a random node for 20 ms up to this many.
    Pause(u64),
    /// Split the nodes into two random sides.
    Partition,
    /// Cut the link from one random node to another.
    CutLink,
    /// Isolate the leader.
    IsolateLeader,
    Heal,
    /// Lose up to 30% of messages.
    Loss,
    /// Force an election timeout on a random node.
    Timeout,
    /// Move a random node's clock up to 200 ms either way.
    ClockJump,
    /// Drop the next message from one random node to another.
    DropNext,
    /// One of the family's requests, from its request generator.
    Request,
}

/// What a schedule's faults are drawn from.
pub struct Plan {
    /// How many faults, drawn from this range (both ends included).
    pub faults: (u64, u64),
    /// The earliest a fault may come.
    pub from_ms: u64,
    /// When the faults stop and everything is healed.
    pub end_ms: u64,
    /// The kinds of fault, each drawn as often as it is listed.
    pub menu: &'static [Fault],
}

/// Where a request is drawn: what the family's request generator is told.
pub struct RequestAt {
    /// The request's time.
    pub t: u64,
    /// Which fault of the schedule it is, from 0.
    pub index: u64,
    /// The cluster's size.
    pub nodes: usize,
}

/// A random node of `n`.
pub fn node(rng: &mut SimRng, n: usize) -> NodeNum {
    NodeNum(rng.range(1, n as u64) as usize)
}

/// Faults drawn from `plan` for a cluster of `nodes`, in time order, then
/// at [`Plan::end_ms`] a heal: no more loss or duplication, every node
/// restarted. `request` draws one of the family's requests whenever the
/// menu says [`Fault::Request`].
pub fn fault_actions<F: Family>(
    rng: &mut SimRng,
    nodes: usize,
    plan: &Plan,
    mut request: impl FnMut(&mut SimRng, RequestAt) -> ActionSpec<F>,
) -> Vec<TimedAction<F>> {
    let n = nodes;
    let mut actions = Vec::new();
    for index in 0..rng.range(plan.faults.0, plan.faults.1) {
        let t = rng.range(plan.from_ms, plan.end_ms - 1);
        let fault = plan.menu[rng.range(0, plan.menu.len() as u64 - 1) as usize];
        let action = match fault {
            Fault::Crash => ActionSpec::Crash(TargetSpec::Node(node(rng, n))),
            Fault::CrashLeader => ActionSpec::Crash(TargetSpec::Leader),
            Fault::CrashLeaderOrNode => ActionSpec::Crash(if rng.chance(0.5) {
                TargetSpec::Leader
            } else {
                TargetSpec::Node(node(rng, n))
            }),
            Fault::Restart => ActionSpec::Restart(TargetSpec::Node(node(rng, n))),
            Fault::Pause(longest) => {
                ActionSpec::Pause(TargetSpec::Node(node(rng, n)), rng.range(20, longest))
            }
            Fault::Partition => {
                let mut groups = vec![Vec::new(), Vec::new()];
                for k in 1..=n {
                    groups[rng.range(0, 1) as usize].push(NodeNum(k));
                }
                ActionSpec::Partition(groups)
            }
            Fault::CutLink => ActionSpec::CutLink(node(rng, n), node(rng, n)),
            Fault::IsolateLeader => ActionSpec::Isolate(TargetSpec::Leader),
            Fault::Heal => ActionSpec::Heal,
            Fault::Loss => ActionSpec::SetLoss(Probability(rng.unit() * 0.3)),
            Fault::Timeout => ActionSpec::Timeout(TargetSpec::Node(node(rng, n))),
            Fault::ClockJump => ActionSpec::ClockJump(
                TargetSpec::Node(node(rng, n)),
                rng.range(0, 400) as i64 - 200,
            ),
            Fault::DropNext => ActionSpec::DropNext(node(rng, n), node(rng, n)),
            Fault::Request => request(rng, RequestAt { t, index, nodes }),
        };
        actions.push(at(t, action));
    }
    actions.sort_by_key(|a| a.at_ms);
    let end = plan.end_ms;
    actions.push(at(end, ActionSpec::Heal));
    actions.push(at(end, ActionSpec::SetLoss(Probability(0.0))));
    actions.push(at(end, ActionSpec::SetDuplication(Probability(0.0))));
    for k in 1..=n {
        actions.push(at(end, ActionSpec::Restart(TargetSpec::Node(NodeNum(k)))));
    }
    actions
}
