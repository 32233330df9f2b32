//! Random fault schedules for Paxos: crashes, restarts, pauses,
//! partitions, one-way cuts, loss, duplication, forced timeouts and
//! proposals, then a heal that restarts every node. Each schedule is a
//! pure function of its seed.

use distlab::protocols::paxos::{Mode, Paxos, PaxosRequest, PaxosSpec};
use distlab::protocols::TargetSpec;
use distlab::scenario::{ActionSpec, Cluster, NetworkSpec, Scenario, TimedAction};
use distlab::sim::SimRng;
use distlab::units::{MsRange, NodeNum, Probability};

/// When the faults stop and everything is healed.
pub const FAULTS_END_MS: u64 = 2_000;
/// When a run ends: time enough after the heal to choose everything.
pub const RUN_END_MS: u64 = 5_000;
/// Pauses last at most this long, so every node runs again this long
/// after the heal.
pub const LONGEST_PAUSE_MS: u64 = 500;

pub fn at(ms: u64, action: ActionSpec<Paxos>) -> TimedAction<Paxos> {
    TimedAction {
        at_ms: Some(ms),
        at_us: None,
        action,
    }
}

pub fn propose(to: usize, value: String) -> ActionSpec<Paxos> {
    ActionSpec::Request(PaxosRequest::Propose(TargetSpec::Node(NodeNum(to)), value))
}

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
    let node = |rng: &mut SimRng| NodeNum(rng.range(1, n as u64) as usize);
    let mut actions = Vec::new();
    for k in 0..rng.range(8, 40) {
        let t = rng.range(0, FAULTS_END_MS - 1);
        let action = match rng.range(0, 15) {
            0 | 1 => ActionSpec::Crash(TargetSpec::Node(node(&mut rng))),
            2 => ActionSpec::Crash(TargetSpec::Leader),
            3 => ActionSpec::Restart(TargetSpec::Node(node(&mut rng))),
            4 => ActionSpec::Pause(
                TargetSpec::Node(node(&mut rng)),
                rng.range(20, LONGEST_PAUSE_MS),
            ),
            5 => {
                let mut groups = vec![Vec::new(), Vec::new()];
                for k in 1..=n {
                    groups[rng.range(0, 1) as usize].push(NodeNum(k));
                }
                ActionSpec::Partition(groups)
            }
            6 => ActionSpec::CutLink(node(&mut rng), node(&mut rng)),
            7 => ActionSpec::Heal,
            8 => ActionSpec::DropNext(node(&mut rng), node(&mut rng)),
            9 => ActionSpec::Timeout(TargetSpec::Node(node(&mut rng))),
            _ => {
                let to = rng.range(1, proposers.len() as u64) as usize;
                propose(to, format!("v{k}"))
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
