//! Shared helpers for the integration tests: random fault schedules and a
//! runner that collects what a Raft run committed.

use std::collections::BTreeMap;

use distlab::protocols::raft::{Raft, RaftNode, RaftObs, RaftRequest, RaftSpec, Rule};
use distlab::protocols::TargetSpec;
use distlab::scenario::{Cluster, NetworkSpec};
use distlab::sim::{ms, RecordKind, Sim, SimRng, StepOutcome};
use distlab::units::{MsRange, NodeNum, Probability};

type ActionSpec = distlab::scenario::ActionSpec<Raft>;
type Scenario = distlab::scenario::Scenario<Raft>;
type TimedAction = distlab::scenario::TimedAction<Raft>;

/// When the faults of a random schedule stop and everything is healed.
pub const FAULTS_END_MS: u64 = 4_000;
/// When a random schedule's run ends: the cluster has this long after the
/// heal to elect a leader and commit everything on every node.
pub const RUN_END_MS: u64 = 9_000;

/// An action at `ms` milliseconds.
pub fn at(ms: u64, action: ActionSpec) -> TimedAction {
    TimedAction {
        at_ms: Some(ms),
        at_us: None,
        action,
    }
}

fn node(rng: &mut SimRng, n: usize) -> NodeNum {
    NodeNum(rng.range(1, n as u64) as usize)
}

/// A random fault schedule for a correct Raft cluster, fully determined by
/// `seed`: crashes, restarts, pauses, partitions, one-way cuts, loss,
/// duplication, forced timeouts, clock jumps and client writes; then a heal,
/// restarts, and steady client writes so that liveness can be checked.
pub fn random_schedule(seed: u64) -> Scenario {
    let mut rng = SimRng::new(seed ^ 0x5eed_5eed);
    let n = [3, 3, 4, 5, 5, 5, 7][rng.range(0, 6) as usize];
    let mut rules = Vec::new();
    for rule in [Rule::PreVote, Rule::CheckQuorum, Rule::NoopOnElection] {
        if rng.chance(0.3) {
            rules.push(rule);
        }
    }
    // Raft needs messages to be much faster than the election timeout
    // (§5.6 of the paper); the tail is kept within that.
    let lat_lo = rng.range(1, 10);
    let long_tail = rng.chance(0.2);
    let spread = if long_tail {
        rng.range(1, 4)
    } else {
        rng.range(0, 20)
    };
    let network = NetworkSpec {
        latency_ms: MsRange(lat_lo, lat_lo + spread),
        loss: Probability(if rng.chance(0.3) {
            rng.unit() * 0.1
        } else {
            0.0
        }),
        duplicate: Probability(if rng.chance(0.3) {
            rng.unit() * 0.1
        } else {
            0.0
        }),
        long_tail: long_tail.then(|| 2.0 + rng.unit()),
    };
    let mut actions = Vec::new();
    let faults = rng.range(5, 25);
    let mut writes = 0;
    for _ in 0..faults {
        let t = rng.range(200, FAULTS_END_MS - 1);
        let action = match rng.range(0, 15) {
            0 | 1 => ActionSpec::Crash(if rng.chance(0.5) {
                TargetSpec::Leader
            } else {
                TargetSpec::Node(node(&mut rng, n))
            }),
            2 | 3 => ActionSpec::Restart(TargetSpec::Node(node(&mut rng, n))),
            4 => ActionSpec::Pause(TargetSpec::Node(node(&mut rng, n)), rng.range(20, 800)),
            5 => {
                let mut groups = vec![Vec::new(), Vec::new()];
                for k in 1..=n {
                    groups[rng.range(0, 1) as usize].push(NodeNum(k));
                }
                ActionSpec::Partition(groups)
            }
            6 => ActionSpec::CutLink(node(&mut rng, n), node(&mut rng, n)),
            7 => ActionSpec::Isolate(TargetSpec::Leader),
            8 => ActionSpec::Heal,
            9 => ActionSpec::SetLoss(Probability(rng.unit() * 0.3)),
            10 => ActionSpec::Timeout(TargetSpec::Node(node(&mut rng, n))),
            11 => ActionSpec::ClockJump(
                TargetSpec::Node(node(&mut rng, n)),
                rng.range(0, 400) as i64 - 200,
            ),
            12 => ActionSpec::DropNext(node(&mut rng, n), node(&mut rng, n)),
            _ => {
                writes += 1;
                if rng.chance(0.5) {
                    ActionSpec::Request(RaftRequest::ClientWrite(format!("w{writes}={t}")))
                } else {
                    ActionSpec::Request(RaftRequest::ClientWriteTo(
                        TargetSpec::Node(node(&mut rng, n)),
                        format!("w{writes}={t}"),
                    ))
                }
            }
        };
        actions.push(at(t, action));
    }
    actions.sort_by_key(|a| a.at_ms);
    actions.push(at(FAULTS_END_MS, ActionSpec::Heal));
    actions.push(at(FAULTS_END_MS, ActionSpec::SetLoss(Probability(0.0))));
    actions.push(at(
        FAULTS_END_MS,
        ActionSpec::SetDuplication(Probability(0.0)),
    ));
    for k in 1..=n {
        actions.push(at(
            FAULTS_END_MS,
            ActionSpec::Restart(TargetSpec::Node(NodeNum(k))),
        ));
    }
    let mut t = FAULTS_END_MS + 500;
    while t <= RUN_END_MS - 1_500 {
        actions.push(at(
            t,
            ActionSpec::Request(RaftRequest::ClientWrite(format!("after-heal={t}"))),
        ));
        t += 300;
    }
    Scenario {
        seed,
        cluster: Cluster(RaftSpec {
            nodes: n,
            rules,
            ..RaftSpec::default()
        }),
        network,
        actions,
        until_ms: Some(RUN_END_MS),
        disk_ms: MsRange(0, 0),
    }
}

/// The end state of a run and everything any node ever committed.
pub struct Outcome {
    pub sim: Sim<RaftNode>,
    /// index → (term, value), as first committed anywhere.
    pub committed: BTreeMap<u64, (u64, String)>,
}

pub fn run(scenario: &Scenario) -> Outcome {
    let mut sim = scenario.build();
    sim.set_explanations(false);
    let until = ms(scenario.until_ms.unwrap_or(10_000));
    let mut committed = BTreeMap::new();
    while sim.step_until(until) == StepOutcome::Stepped {
        for r in sim.last_records() {
            if let RecordKind::Proto(RaftObs::Commit {
                index, term, value, ..
            }) = &r.kind
            {
                committed
                    .entry(*index)
                    .or_insert((*term, value.to_string()));
            }
        }
    }
    Outcome { sim, committed }
}

/// Why a run was not live after the heal, if it was not.
pub fn liveness_problem(outcome: &Outcome) -> Option<String> {
    let sim = &outcome.sim;
    if sim.leader().is_none() {
        return Some("no leader at the end of the run".into());
    }
    for node in sim.nodes() {
        for (&index, (term, value)) in &outcome.committed {
            if node.commit_index < index {
                return Some(format!(
                    "{} has commit index {} but entry {index} ({value}) was committed",
                    node.id, node.commit_index
                ));
            }
            match node.log.get(index) {
                Some(e) if e.term == *term && &*e.value == value => {}
                other => {
                    return Some(format!(
                        "{} holds {other:?} at {index}, not the committed ({term}, {value})",
                        node.id
                    ))
                }
            }
        }
    }
    None
}
