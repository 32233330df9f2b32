//! Shared helpers for the Paxos tests: a cluster driven step by step, with
//! rules that drop or delay chosen messages as they are sent, so a test can
//! build exactly the interleaving a bug needs.

pub mod faults;

use distlab::protocols::paxos::{
    cluster, Bug, Mode, PaxosMember, PaxosMsg, PaxosNode, PaxosSpec, Submit,
};
use distlab::sim::{
    ms, Action, ClusterAction, Describe, Latency, NetworkConfig, NodeId, Record, RecordKind, Sim,
    SimConfig, StepOutcome, Target,
};
use distlab::units::{MsRange, NodeNum};

/// What to do with a message as it is sent.
pub enum Fate {
    Deliver,
    Drop,
    /// Deliver it this many milliseconds late.
    Delay(u64),
}

/// A rule: sender, receiver, message, and the time it is sent.
pub type Rule = dyn Fn(NodeId, NodeId, &PaxosMsg, u64) -> Fate;

/// A cluster of `nodes` with fixed 10 ms latency, the given proposers
/// (numbered from 1), mode and bugs.
pub fn paxos(nodes: usize, proposers: &[usize], mode: Mode, bugs: &[Bug]) -> Sim<PaxosMember> {
    let spec = PaxosSpec {
        nodes,
        mode,
        proposers: proposers.iter().map(|&n| NodeNum(n)).collect(),
        retry_ms: MsRange(50, 150),
        bugs: bugs.to_vec(),
        workload: None,
    };
    let config = SimConfig {
        seed: 1,
        network: NetworkConfig {
            latency: Latency::uniform_ms(10, 10),
            loss: 0.0,
            duplicate: 0.0,
        },
    };
    cluster(spec.config(), None, config)
}

pub fn propose(sim: &mut Sim<PaxosMember>, at_ms: u64, node: u8, value: &str) {
    sim.schedule(
        ms(at_ms),
        Action::Request(
            Target::Node(NodeId(node - 1)),
            Submit::Propose(value.into()),
        ),
        false,
    );
}

/// Runs until `until_ms`, applying `rule` to every message sent; returns
/// the explanations, to print when a test fails.
pub fn drive(sim: &mut Sim<PaxosMember>, until_ms: u64, rule: &Rule) -> Vec<String> {
    drive_watching(sim, until_ms, rule, &mut |_| {})
}

/// [`drive`], showing every record to `watch` as well.
pub fn drive_watching(
    sim: &mut Sim<PaxosMember>,
    until_ms: u64,
    rule: &Rule,
    watch: &mut dyn FnMut(&Record<PaxosMember>),
) -> Vec<String> {
    let mut notes = Vec::new();
    while sim.step_until(ms(until_ms)) == StepOutcome::Stepped {
        // Acting steps the events due before the act, so their records
        // are looked at in turn.
        loop {
            let acts = judge(sim, rule, &mut notes, watch);
            if acts.is_empty() {
                break;
            }
            sim.act_all(acts);
        }
    }
    notes
}

fn judge(
    sim: &Sim<PaxosMember>,
    rule: &Rule,
    notes: &mut Vec<String>,
    watch: &mut dyn FnMut(&Record<PaxosMember>),
) -> Vec<ClusterAction<PaxosMember>> {
    let mut acts = Vec::new();
    for r in sim.last_records() {
        watch(r);
        match &r.kind {
            RecordKind::Note { note, .. } => {
                notes.push(format!("{:>4}ms {}", r.t_us / 1_000, note.english()))
            }
            RecordKind::Send { id, from, to, msg } => match rule(*from, *to, msg, r.t_us / 1_000) {
                Fate::Deliver => {}
                Fate::Drop => acts.push(Action::DropMessage(*id)),
                Fate::Delay(d) => acts.push(Action::DelayMessage(*id, ms(d))),
            },
            _ => {}
        }
    }
    acts
}

/// The invariants the run broke, in order.
pub fn broken(sim: &Sim<PaxosMember>) -> Vec<&'static str> {
    sim.violations()
        .iter()
        .map(|(_, f)| f.invariant.en)
        .collect()
}

/// Server `id`, which a cluster without clients has at every number.
pub fn server(sim: &Sim<PaxosMember>, id: NodeId) -> &PaxosNode {
    sim.node(id).server().expect("a server")
}

/// The servers, in order.
pub fn servers(sim: &Sim<PaxosMember>) -> impl Iterator<Item = &PaxosNode> {
    sim.nodes().iter().filter_map(PaxosMember::server)
}

/// S`n` as the simulator counts it.
pub fn s(n: u8) -> NodeId {
    NodeId(n - 1)
}
