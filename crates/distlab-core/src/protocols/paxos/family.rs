//! Paxos on the family seam: how files, lessons, runs and the screen see it.

use crate::sim::Invariant;
use std::collections::BTreeMap;
use std::fmt;

use super::checker::INVARIANTS;
use super::goals::{PaxosCondition, PaxosFacts};
use super::measures::MEASURES;
use super::member::{PaxosMember, Submit};
use super::messages::{Ballot, PaxosMsg, PaxosObs, PaxosTimer};
use super::node::Phase;
use super::spec::{Mode, PaxosRequest, PaxosSpec};
use crate::protocols::clients::ClientAlias;
use crate::protocols::measure::MeasureDef;
use crate::protocols::{
    target, target_spec, Leadership, Mark, Meaning, MsgClass, MsgLook, Report, RoleTone, Setup,
    Teach,
};
use crate::sim::{NodeId, Record, RecordKind, Sim, SimConfig, Target};
use crate::units::{Lang, MsRange};

/// The Paxos family: `paxos` is single-decree, `multi-paxos` Multi-Paxos.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Paxos;

/// Values cycled through by the request key.
const VALUES: [&str; 4] = ["x", "y", "z", "w"];

/// What a headless Paxos run reports: the value chosen in each slot, and
/// the highest ballot any proposer ran (whether or not it got anything
/// chosen: a new leader's ballot may never carry a command).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PaxosSummary {
    pub chosen: BTreeMap<u64, (Ballot, String)>,
    pub highest_ballot: Ballot,
}

impl fmt::Display for PaxosSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "slots chosen: {}", self.chosen.len())?;
        for (slot, (ballot, value)) in self.chosen.iter().take(8) {
            writeln!(f, "  slot {slot}: \"{value}\" (ballot {ballot})")?;
        }
        if self.chosen.len() > 8 {
            writeln!(f, "  …")?;
        }
        writeln!(f, "highest ballot: {}", self.highest_ballot)
    }
}

impl Setup for Paxos {
    type Node = PaxosMember;

    type Spec = PaxosSpec;

    type RequestSpec = PaxosRequest;

    const TAG: &'static str = "Paxos";

    const NAMES: &'static [&'static str] = &["paxos", "multi-paxos"];

    fn sandbox_blurb(lang: Lang) -> &'static str {
        crate::text!(lang, en: "Paxos sandbox: proposers, acceptors, learners", zh: "Paxos 沙盒：提议者、接受者、学习者")
    }

    fn sandbox_spec(name: &str, nodes: usize) -> PaxosSpec {
        PaxosSpec {
            nodes,
            mode: if name == "multi-paxos" {
                Mode::Multi
            } else {
                Mode::Single
            },
            ..PaxosSpec::default()
        }
    }

    fn display_name(spec: &PaxosSpec, _lang: Lang) -> &'static str {
        match spec.mode {
            Mode::Multi => "Multi-Paxos",
            Mode::Single => "Paxos",
        }
    }

    fn sandbox_name(spec: &PaxosSpec) -> &'static str {
        match spec.mode {
            Mode::Multi => "multi-paxos",
            Mode::Single => "paxos",
        }
    }

    fn nodes(spec: &PaxosSpec) -> usize {
        spec.members()
    }

    fn numbered_kinds(spec: &PaxosSpec) -> Vec<(&'static str, usize)> {
        vec![("client", spec.workload.as_ref().map_or(0, |w| w.clients))]
    }

    fn build(spec: &PaxosSpec, config: SimConfig) -> Sim<PaxosMember> {
        super::cluster(spec.config(), spec.workload.as_ref(), config)
    }

    fn request_to_sim(spec: &PaxosRequest) -> (Target<ClientAlias>, Submit) {
        let text = |s: &String| -> std::sync::Arc<str> { s.as_str().into() };
        let first = Target::Alias(ClientAlias::Client(1));
        match spec {
            PaxosRequest::Propose(to, value) => (target(*to), Submit::Propose(text(value))),
            PaxosRequest::ClientWrite(v) => (first, Submit::Write(text(v))),
            PaxosRequest::ClientWriteTo(to, v) => (target(*to), Submit::Write(text(v))),
            PaxosRequest::ClientRead(k) => (first, Submit::Read(text(k))),
            PaxosRequest::ClientReadFrom(to, k) => (target(*to), Submit::Read(text(k))),
        }
    }

    fn request_from_sim(to: Target<ClientAlias>, request: &Submit) -> Option<PaxosRequest> {
        let first = to == Target::Alias(ClientAlias::Client(1));
        Some(match request {
            Submit::Propose(v) => PaxosRequest::Propose(target_spec(to), v.to_string()),
            Submit::Write(v) if first => PaxosRequest::ClientWrite(v.to_string()),
            Submit::Write(v) => PaxosRequest::ClientWriteTo(target_spec(to), v.to_string()),
            Submit::Read(k) if first => PaxosRequest::ClientRead(k.to_string()),
            Submit::Read(k) => PaxosRequest::ClientReadFrom(target_spec(to), k.to_string()),
        })
    }

    fn sample_request(n: usize, selected: NodeId) -> (Target<ClientAlias>, Submit) {
        let value = VALUES[(n.max(1) - 1) % VALUES.len()];
        let value = if n > VALUES.len() {
            format!("{value}{n}")
        } else {
            value.to_owned()
        };
        (Target::Node(selected), Submit::Propose(value.into()))
    }
}

impl Teach for Paxos {
    type Goal = PaxosCondition;

    type Facts = PaxosFacts;

    const INVARIANTS: &'static [Invariant] = &INVARIANTS;

    fn request_task(lang: Lang) -> &'static str {
        crate::text!(lang, en: "propose a value", zh: "提出一个值")
    }
}

impl Report for Paxos {
    type Summary = PaxosSummary;

    fn with_main_timeout(spec: &PaxosSpec, range: MsRange) -> PaxosSpec {
        PaxosSpec {
            retry_ms: range,
            ..spec.clone()
        }
    }

    /// Every ballot begins with its Prepare reaching an acceptor (the
    /// run's summary is not shown the sends), and a chosen value's ballot
    /// is one of them.
    fn tally(summary: &mut PaxosSummary, record: &Record<PaxosMember>) {
        match &record.kind {
            RecordKind::Proto(PaxosObs::Chosen {
                slot,
                command,
                ballot,
                ..
            }) => {
                summary
                    .chosen
                    .entry(*slot)
                    .or_insert_with(|| (*ballot, command.value.to_string()));
                summary.highest_ballot = summary.highest_ballot.max(*ballot);
            }
            RecordKind::Deliver {
                msg: PaxosMsg::Prepare { ballot, .. },
                ..
            } => summary.highest_ballot = summary.highest_ballot.max(*ballot),
            _ => {}
        }
    }

    const MEASURES: &'static [MeasureDef<PaxosMember>] = &MEASURES;

    fn explorer(
        sim: &Sim<PaxosMember>,
        search: &crate::explore::Search,
    ) -> Option<Box<dyn crate::explore::Exploration>> {
        let parts = super::explore::parts();
        Some(Box::new(crate::explore::Explorer::new(sim, search, &parts)))
    }

    fn leadership(record: &Record<PaxosMember>) -> Option<Leadership> {
        match &record.kind {
            RecordKind::Proto(PaxosObs::Leader {
                node,
                ballot,
                leads,
            }) => Some(Leadership {
                node: *node,
                epoch: ballot.round,
                leads: *leads,
            }),
            _ => None,
        }
    }
}

impl Meaning for Paxos {
    const EPOCH: &'static str = "ballot";

    const EPOCH_SHORT: &'static str = "b";

    fn mark(member: &PaxosMember) -> Mark {
        let node = match member {
            PaxosMember::Server(node) => node,
            PaxosMember::Client(client) => return client.mark(),
        };
        let (letter, name, tone) = match (node.proposer, node.phase) {
            (false, _) => ('A', "acceptor", RoleTone::Passive),
            (true, Phase::Idle) => ('P', "proposer", RoleTone::Passive),
            (true, Phase::Preparing) => ('1', "phase 1", RoleTone::Active),
            (true, Phase::Accepting) => ('2', "phase 2", RoleTone::Active),
            (true, Phase::Leading) => ('L', "leader", RoleTone::Leading),
        };
        Mark { letter, name, tone }
    }

    fn epoch(member: &PaxosMember) -> Option<u64> {
        let node = member.server()?;
        Some(node.promised.round.max(node.ballot.round))
    }

    fn main_timer() -> Option<PaxosTimer> {
        Some(PaxosTimer::Election)
    }

    fn message_look(msg: &PaxosMsg) -> MsgLook {
        let (class, glyph) = match msg {
            PaxosMsg::Prepare { .. } => (MsgClass::Ask, "◆"),
            PaxosMsg::Promise { .. } => (MsgClass::Grant, "✓"),
            PaxosMsg::Nack { .. } => (MsgClass::Refuse, "✗"),
            PaxosMsg::Accept { .. } => (MsgClass::Data, "■"),
            PaxosMsg::Accepted { .. } => (MsgClass::Grant, "●"),
            PaxosMsg::Heartbeat { .. } => (MsgClass::Heartbeat, "♥"),
            PaxosMsg::Forward { .. } => (MsgClass::Forward, "▸"),
            PaxosMsg::CatchUp { .. } => (MsgClass::Ask, "?"),
            PaxosMsg::Decided { .. } => (MsgClass::Data, "✦"),
            PaxosMsg::ClientRequest { .. } => (MsgClass::Ask, "»"),
            PaxosMsg::ClientReply { .. } => (MsgClass::Data, "«"),
        };
        MsgLook { class, glyph }
    }

    fn is_routine(kind: &RecordKind<PaxosMember>) -> bool {
        match kind {
            RecordKind::Deliver { msg, .. } => matches!(msg, PaxosMsg::Heartbeat { .. }),
            RecordKind::Timer { timer, .. } => *timer == PaxosTimer::Heartbeat,
            _ => false,
        }
    }

    /// Up to the highest slot any node accepted or learned: an acceptor
    /// can hold a slot above the last one chosen.
    fn client_history(sim: &Sim<PaxosMember>) -> Option<&crate::history::History> {
        let has_clients = sim.nodes().iter().any(|m| m.client().is_some());
        has_clients.then(|| sim.checker().client_history())
    }

    fn strip_len(sim: &Sim<PaxosMember>) -> u64 {
        sim.nodes()
            .iter()
            .filter_map(PaxosMember::server)
            .flat_map(|n| [n.accepted.keys().next_back(), n.chosen.keys().next_back()])
            .flatten()
            .max()
            .map_or(0, |s| s + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocols::TargetSpec;
    use crate::units::NodeNum;

    #[test]
    fn requests_convert_both_ways() {
        let spec = PaxosRequest::Propose(TargetSpec::Node(NodeNum(2)), "x".into());
        let (to, request) = Paxos::request_to_sim(&spec);
        assert_eq!(to, Target::Node(NodeId(1)));
        assert_eq!(Paxos::request_from_sim(to, &request), Some(spec));
    }

    #[test]
    fn the_name_picks_the_mode() {
        assert_eq!(Paxos::sandbox_spec("paxos", 5).mode, Mode::Single);
        assert_eq!(Paxos::sandbox_spec("multi-paxos", 3).mode, Mode::Multi);
        assert_eq!(Paxos::sandbox_spec("multi-paxos", 3).nodes, 3);
    }
}
