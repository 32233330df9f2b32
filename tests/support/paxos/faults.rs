//! Random fault schedules for Paxos, from the shared fault generator:
//! crashes, restarts, pauses, partitions, one-way cuts, loss, duplication,
//! forced timeouts and proposals, then a heal that restarts every node. Each schedule is a
//! pure function of its seed.

use distlab::protocols::paxos::{Mode, Paxos, PaxosRequest, PaxosSpec};
use distlab::protocols::TargetSpec;
use distlab::scenario::{ActionSpec, Cluster, NetworkSpec, Scenario};
use distlab::sim::SimRng;
use distlab::units::{MsRange, NodeNum, Probability};

use crate::support::schedule::{fault_actions, Fault, Plan};

/// When the faults stop and everything is healed.
pub const FAULTS_END_MS: u64 = 2_000;
/// When a run ends: time enough after the heal to choose everything.
pub const RUN_END_MS: u64 = 5_000;
/// Pauses last at most this long, so every node runs again this long
/// after the heal.
pub const LONGEST_PAUSE_MS: u64 = 500;

pub fn propose(to: usize, value: String) -> ActionSpec<Paxos> {
    ActionSpec::Request(PaxosRequest::Propose(TargetSpec::Node(NodeNum(to)), value))
}

/// What Paxos's random schedules draw their faults from: crashes (of any
/// node or the leader), restarts, pauses, partitions, one-way cuts, heals,
/// dropped messages, forced timeouts and proposals.
const PLAN: Plan = Plan {
    faults: (8, 40),
    from_ms: 0,
    end_ms: FAULTS_END_MS,
    menu: &[
        Fault::Crash,
        Fault::Crash,
        Fault::CrashLeader,
        Fault::Restart,
        Fault::Pause(LONGEST_PAUSE_MS),
        Fault::Partition,
        Fault::CutLink,
        Fault::Heal,
        Fault::DropNext,
        Fault::Timeout,
        Fault::Request,
        Fault::Request,
        Fault::Request,
        Fault::Request,
        Fault::Request,
        Fault::Request,
    ],
};

/// What a schedule may be drawn from.
pub struct Shape {
    /// The mode, or either at random.
    pub mode: Option<Mode>,
    /// The most proposers (S1, S2, …), at least one.
    pub max_proposers: u64,
}

/// A random schedule of faults and proposals until [`FAULTS_END_MS`], then
/// a heal, no more loss or duplication, and every node restarted.
pub fn fault_schedule(seed: u64, shape: &Shape) -> Scenario<Paxos> {
    let mut rng = SimRng::new(seed ^ 0x9a05);
    let coin = rng.chance(0.5);
    let mode = shape
        .mode
        .unwrap_or(if coin { Mode::Single } else { Mode::Multi });
    let n = [3, 3, 4, 5, 5, 7][rng.range(0, 5) as usize];
    let proposers: Vec<NodeNum> = (1..=rng.range(1, shape.max_proposers).min(n as u64) as usize)
        .map(NodeNum)
        .collect();
    let lat = rng.range(1, 10);
    let network = NetworkSpec {
        latency_ms: MsRange(lat, lat + rng.range(0, 20)),
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
        long_tail: None,
    };
    let actions = fault_actions(&mut rng, n, &PLAN, |rng, drawn| {
        let to = rng.range(1, proposers.len() as u64) as usize;
        propose(to, format!("v{}", drawn.index))
    });
    Scenario {
        seed,
        cluster: Cluster(PaxosSpec {
            nodes: n,
            mode,
            proposers,
            ..PaxosSpec::default()
        }),
        network,
        actions,
        until_ms: Some(RUN_END_MS),
        disk_ms: MsRange(0, 0),
    }
}
