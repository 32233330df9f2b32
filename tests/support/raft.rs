//! Raft's helpers: random fault schedules (the cluster, the network and
//! client writes around the shared fault generator) and a runner that
//! collects what a Raft run committed.

use std::collections::BTreeMap;

use distlab::protocols::raft::{
    Raft, RaftMember, RaftNode, RaftObs, RaftRequest, RaftSpec, ReadMode, Rule, Workload,
};
use distlab::protocols::TargetSpec;
use distlab::scenario::{Cluster, NetworkSpec};
use distlab::sim::{ms, RecordKind, Sim, SimRng, StepOutcome};
use distlab::units::{MsRange, NodeNum, Probability};

pub use super::schedule::at;
use super::schedule::{fault_actions, node, Fault, Plan};

type ActionSpec = distlab::scenario::ActionSpec<Raft>;
type Scenario = distlab::scenario::Scenario<Raft>;
type TimedAction = distlab::scenario::TimedAction<Raft>;

/// When the faults of a random schedule stop and everything is healed.
pub const FAULTS_END_MS: u64 = 4_000;
/// When a random schedule's run ends: the cluster has this long after the
/// heal to elect a leader and commit everything on every node.
pub const RUN_END_MS: u64 = 9_000;

/// What Raft's random schedules draw their faults from: crashes (of the
/// leader or any node), restarts, pauses, partitions, one-way cuts, an
/// isolated leader, heals, loss, forced timeouts, clock jumps, dropped
/// messages and client writes.
const PLAN: Plan = Plan {
    faults: (5, 25),
    from_ms: 200,
    end_ms: FAULTS_END_MS,
    menu: &[
        Fault::CrashLeaderOrNode,
        Fault::CrashLeaderOrNode,
        Fault::Restart,
        Fault::Restart,
        Fault::Pause(800),
        Fault::Partition,
        Fault::CutLink,
        Fault::IsolateLeader,
        Fault::Heal,
        Fault::Loss,
        Fault::Timeout,
        Fault::ClockJump,
        Fault::DropNext,
        Fault::Request,
        Fault::Request,
        Fault::Request,
    ],
};

/// A random fault schedule for a correct Raft cluster, fully determined by
/// `seed`: crashes, restarts, pauses, partitions, one-way cuts, loss,
/// duplication, forced timeouts, clock jumps and client writes; then a heal,
/// restarts, and steady client writes so that liveness can be checked. Half
/// the clusters take snapshots every 2 to 6 applied entries; a third have
/// spares and servers added and removed during the faults.
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
    let mut writes = 0;
    let mut actions = fault_actions(&mut rng, n, &PLAN, |rng, drawn| {
        writes += 1;
        let value = format!("w{writes}={}", drawn.t);
        if rng.chance(0.5) {
            ActionSpec::Request(RaftRequest::ClientWrite(value))
        } else {
            ActionSpec::Request(RaftRequest::ClientWriteTo(
                TargetSpec::Node(node(rng, drawn.nodes)),
                value,
            ))
        }
    });
    let mut t = FAULTS_END_MS + 500;
    while t <= RUN_END_MS - 1_500 {
        actions.push(at(
            t,
            ActionSpec::Request(RaftRequest::ClientWrite(format!("after-heal={t}"))),
        ));
        t += 300;
    }
    // Drawn apart, so that the faults of a seed stay those it always had.
    let mut compaction = SimRng::new(seed ^ 0x05_a905);
    let snapshot_every = compaction
        .chance(0.5)
        .then(|| compaction.range(2, 6) as u32);
    let spares = membership_changes(seed, n, &mut actions);
    if spares.is_some() && !rules.contains(&Rule::CheckQuorum) {
        // A server removed before it heard of it times out again and
        // again; CheckQuorum keeps it from deposing the leader (§4.2.3).
        rules.push(Rule::CheckQuorum);
    }
    Scenario {
        seed,
        cluster: Cluster(RaftSpec {
            nodes: n,
            rules,
            snapshot_every,
            spares: spares.unwrap_or(0),
            ..RaftSpec::default()
        }),
        network,
        actions,
        until_ms: Some(RUN_END_MS),
        disk_ms: MsRange(0, 0),
    }
}

/// For a third of the seeds, one or two spares and one to four servers
/// added or removed while the faults run, partitions placing the spares
/// too; the number of spares, if any.
fn membership_changes(seed: u64, n: usize, actions: &mut Vec<TimedAction>) -> Option<usize> {
    let mut rng = SimRng::new(seed ^ 0x3e3b_e125);
    if !rng.chance(0.33) {
        return None;
    }
    let spares = rng.range(1, 2) as usize;
    for _ in 0..rng.range(1, 4) {
        let server = NodeNum(rng.range(1, (n + spares) as u64) as usize);
        let request = if rng.chance(0.5) {
            RaftRequest::AddServer(server)
        } else {
            RaftRequest::RemoveServer(server)
        };
        let t = rng.range(PLAN.from_ms, FAULTS_END_MS);
        actions.push(at(t, ActionSpec::Request(request)));
    }
    for k in n + 1..=n + spares {
        // A spare that was added may have been crashed as the leader.
        let restart = ActionSpec::Restart(TargetSpec::Node(NodeNum(k)));
        actions.push(at(FAULTS_END_MS, restart));
    }
    actions.sort_by_key(|a| a.at_ms);
    for timed in actions.iter_mut() {
        if let ActionSpec::Partition(groups) = &mut timed.action {
            for k in n + 1..=n + spares {
                let group = rng.range(0, groups.len() as u64 - 1) as usize;
                groups[group].push(NodeNum(k));
            }
        }
    }
    Some(spares)
}

/// The end state of a run and everything any node ever committed.
pub struct Outcome {
    pub sim: Sim<RaftMember>,
    /// index → (term, value), as first committed anywhere.
    pub committed: BTreeMap<u64, (u64, String)>,
    /// How many times a follower installed a leader's snapshot.
    pub installed: usize,
}

pub fn run(scenario: &Scenario) -> Outcome {
    let mut sim = scenario.build();
    sim.set_explanations(false);
    let until = ms(scenario.until_ms.unwrap_or(10_000));
    let mut committed = BTreeMap::new();
    let mut installed = 0;
    while sim.step_until(until) == StepOutcome::Stepped {
        for r in sim.last_records() {
            match &r.kind {
                RecordKind::Proto(RaftObs::Commit {
                    index, term, value, ..
                }) => {
                    committed
                        .entry(*index)
                        .or_insert((*term, value.to_string()));
                }
                RecordKind::Proto(RaftObs::InstallSnapshot { .. }) => installed += 1,
                _ => {}
            }
        }
    }
    Outcome {
        sim,
        committed,
        installed,
    }
}

/// The invariants `scenario` breaks, in English, in the order broken.
pub fn broken_invariants(scenario: &Scenario) -> Vec<&'static str> {
    run(scenario)
        .sim
        .violations()
        .iter()
        .map(|(_, v)| v.invariant.en)
        .collect()
}

/// A preset from `assets/scenarios/`.
pub fn preset(name: &str) -> Scenario {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/scenarios")
        .join(name);
    Scenario::load(&path).unwrap_or_else(|e| panic!("{e}"))
}

/// The servers of a run, without its client processes.
pub fn servers(sim: &Sim<RaftMember>) -> Vec<&RaftNode> {
    sim.nodes().iter().filter_map(RaftMember::server).collect()
}

/// Server `id` of a run.
pub fn server(sim: &Sim<RaftMember>, id: distlab::sim::NodeId) -> &RaftNode {
    sim.node(id).server().expect("a server")
}

/// Why a run was not live after the heal, if it was not.
pub fn liveness_problem(outcome: &Outcome) -> Option<String> {
    let sim = &outcome.sim;
    let Some(leader) = sim.leader() else {
        return Some("no leader at the end of the run".into());
    };
    let members = &server(sim, leader).members;
    for node in servers(sim).into_iter().filter(|n| members.contains(&n.id)) {
        for (&index, (term, value)) in &outcome.committed {
            if node.commit_index < index {
                return Some(format!(
                    "{} has commit index {} but entry {index} ({value}) was committed",
                    node.id, node.commit_index
                ));
            }
            match node.log.get(index) {
                Some(e) if e.term == *term && &*e.value == value => {}
                // Replaced by a snapshot: the checker compared it.
                None if index <= node.log.base().index => {}
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

/// A random fault schedule with three client processes reading and writing
/// two keys in `mode`: the schedule of [`random_schedule`], its partitions
/// also placing the clients, and for `Lease` only the faults within the
/// lease's assumptions (no clock jumps, no forced elections: each breaks
/// the promise that no server stands within the minimum election timeout
/// of hearing from the leader).
pub fn read_schedule(seed: u64, mode: ReadMode) -> Scenario {
    let mut scenario = random_schedule(seed);
    let mut rng = SimRng::new(seed ^ 0x0005_ead5);
    let servers = scenario.cluster.0.servers();
    let workload = Workload {
        clients: 3,
        ops_per_s: 4.0,
        keys: vec!["x".into(), "y".into()],
        read_mode: mode,
        ..Workload::default()
    };
    let members = servers + workload.clients;
    scenario.cluster.0.workload = Some(workload);
    scenario.actions.retain(|a| {
        mode != ReadMode::Lease
            || !matches!(a.action, ActionSpec::ClockJump(..) | ActionSpec::Timeout(_))
    });
    for timed in &mut scenario.actions {
        if let ActionSpec::Partition(groups) = &mut timed.action {
            for k in servers + 1..=members {
                groups[rng.range(0, 1) as usize].push(NodeNum(k));
            }
        }
    }
    scenario
}
