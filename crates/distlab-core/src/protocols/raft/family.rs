//! Raft on the family seam: how files, lessons, runs and the screen see it.

use crate::sim::Invariant;
use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

use super::checker::INVARIANTS;
use super::goals::{RaftCondition, RaftFacts};
use super::member::{Command, RaftMember};
use super::messages::{RaftMsg, RaftObs, RaftTimer, Role};
use super::spec::{RaftRequest, RaftSpec};
use crate::protocols::clients::ClientAlias;
use crate::protocols::measure::{first_leader, leader_downtime, leaderless, MeasureDef};
use crate::protocols::{
    node_id, target, target_spec, Leadership, Mark, Meaning, MsgClass, MsgLook, Report, RoleTone,
    Setup, Teach,
};
use crate::sim::{InFlight, NodeId, Record, RecordKind, Sim, SimConfig, Target};
use crate::units::{Lang, MsRange, NodeNum};

/// The Raft family.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Raft;

/// Keys cycled through by the request key's writes (`x=1`, `y=2`, …).
const WRITE_KEYS: [&str; 3] = ["x", "y", "z"];

/// What a headless Raft run reports: who led which term, and what was
/// committed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RaftSummary {
    /// The first leader of each term.
    pub leaders: BTreeMap<u64, NodeId>,
    /// The highest index known committed anywhere.
    pub committed: u64,
    /// Each committed index's term and value, as first learnt.
    pub committed_entries: BTreeMap<u64, (u64, String)>,
}

impl fmt::Display for RaftSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.leaders.is_empty() {
            writeln!(f, "leaders: none elected")?;
        } else {
            let list: Vec<String> = self
                .leaders
                .iter()
                .map(|(t, n)| format!("term {t}: {n}"))
                .collect();
            writeln!(f, "leaders: {}", list.join(", "))?;
        }
        writeln!(f, "entries committed: {}", self.committed)
    }
}

impl Setup for Raft {
    type Node = RaftMember;

    type Spec = RaftSpec;

    type RequestSpec = RaftRequest;

    const TAG: &'static str = "Raft";

    const NAMES: &'static [&'static str] = &["raft"];

    fn sandbox_blurb(lang: Lang) -> &'static str {
        crate::text!(lang, en: "Raft sandbox: five servers to break as you like", zh: "Raft 沙盒：五台服务器，随你破坏")
    }

    fn sandbox_spec(_: &str, nodes: usize) -> RaftSpec {
        RaftSpec {
            nodes,
            ..RaftSpec::default()
        }
    }

    fn nodes(spec: &RaftSpec) -> usize {
        spec.members()
    }

    fn numbered_kinds(spec: &RaftSpec) -> Vec<(&'static str, usize)> {
        vec![("client", spec.workload.as_ref().map_or(0, |w| w.clients))]
    }

    fn build(spec: &RaftSpec, config: SimConfig) -> Sim<RaftMember> {
        super::cluster(spec.config(), spec.workload.as_ref(), config)
    }

    fn request_to_sim(spec: &RaftRequest) -> (Target<ClientAlias>, Command) {
        let text = |v: &String| -> std::sync::Arc<str> { v.as_str().into() };
        match spec {
            RaftRequest::ClientWrite(v) => (Target::Leader, Command::Write(text(v))),
            RaftRequest::ClientWriteTo(t, v) => (target(*t), Command::Write(text(v))),
            RaftRequest::ClientRead(k) => (
                Target::Alias(ClientAlias::Client(1)),
                Command::Read(text(k), None),
            ),
            RaftRequest::ClientReadFrom(t, k) => (target(*t), Command::Read(text(k), None)),
            RaftRequest::ClientReadWith(t, k, mode) => {
                (target(*t), Command::Read(text(k), Some(*mode)))
            }
            RaftRequest::AddServer(n) => (Target::Leader, Command::AddServer(node_id(*n))),
            RaftRequest::RemoveServer(n) => (Target::Leader, Command::RemoveServer(node_id(*n))),
        }
    }

    fn request_from_sim(to: Target<ClientAlias>, request: &Command) -> Option<RaftRequest> {
        Some(match (to, request) {
            (Target::Leader, Command::Write(v)) => RaftRequest::ClientWrite(v.to_string()),
            (other, Command::Write(v)) => {
                RaftRequest::ClientWriteTo(target_spec(other), v.to_string())
            }
            (Target::Alias(ClientAlias::Client(1)), Command::Read(k, None)) => {
                RaftRequest::ClientRead(k.to_string())
            }
            (other, Command::Read(k, None)) => {
                RaftRequest::ClientReadFrom(target_spec(other), k.to_string())
            }
            (other, Command::Read(k, Some(mode))) => {
                RaftRequest::ClientReadWith(target_spec(other), k.to_string(), *mode)
            }
            (_, Command::AddServer(id)) => RaftRequest::AddServer(NodeNum(id.index() + 1)),
            (_, Command::RemoveServer(id)) => RaftRequest::RemoveServer(NodeNum(id.index() + 1)),
        })
    }

    const MEMBERSHIP: bool = true;

    fn membership_of(request: &Command) -> Option<NodeId> {
        match request {
            Command::AddServer(id) | Command::RemoveServer(id) => Some(*id),
            Command::Write(_) | Command::Read(..) => None,
        }
    }

    fn membership_request(
        sim: &Sim<RaftMember>,
        selected: NodeId,
    ) -> Option<(Target<ClientAlias>, Command)> {
        let leader = sim.node(sim.leader()?).server()?;
        let request = if leader.members.contains(&selected) {
            Command::RemoveServer(selected)
        } else {
            Command::AddServer(selected)
        };
        Some((Target::Leader, request))
    }

    /// A client write handed to the selected server, as a client talking
    /// to it would: a follower passes it to the leader it knows (or turns
    /// it away), and a leader cut off from the others still appends it.
    fn sample_request(n: usize, selected: NodeId) -> (Target<ClientAlias>, Command) {
        let key = WRITE_KEYS[(n.max(1) - 1) % WRITE_KEYS.len()];
        let value: Arc<str> = format!("{key}={n}").into();
        (Target::Node(selected), Command::Write(value))
    }
}

impl Teach for Raft {
    type Goal = RaftCondition;

    type Facts = RaftFacts;

    const INVARIANTS: &'static [Invariant] = &INVARIANTS;

    fn request_task(lang: Lang) -> &'static str {
        crate::text!(lang, en: "send a client write", zh: "发送一次客户端写入")
    }
}

impl Report for Raft {
    type Summary = RaftSummary;

    fn with_main_timeout(spec: &RaftSpec, range: MsRange) -> RaftSpec {
        RaftSpec {
            election_timeout_ms: range,
            ..spec.clone()
        }
    }

    fn tally(summary: &mut RaftSummary, record: &Record<RaftMember>) {
        match &record.kind {
            RecordKind::Proto(RaftObs::Role {
                node,
                term,
                role: Role::Leader,
            }) => {
                summary.leaders.entry(*term).or_insert(*node);
            }
            RecordKind::Proto(RaftObs::Commit {
                index, term, value, ..
            }) => {
                summary.committed = summary.committed.max(*index);
                summary
                    .committed_entries
                    .entry(*index)
                    .or_insert_with(|| (*term, value.to_string()));
            }
            _ => {}
        }
    }

    const MEASURES: &'static [MeasureDef<RaftMember>] = &[
        leader_downtime::<Raft>(),
        leaderless::<Raft>(),
        first_leader::<Raft>(),
        super::measures::MESSAGES_PER_COMMAND,
        super::measures::READ_LATENCY,
        super::measures::CATCH_UP,
    ];

    /// The workload's settings are Raft's too: `--compare
    /// read_mode=Log,ReadIndex` changes the clients' read mode.
    fn with_setting(spec: &RaftSpec, name: &str, value: &str) -> Result<RaftSpec, String> {
        let in_workload = serde_json::to_value(super::Workload::default())
            .ok()
            .and_then(|w| w.get(name).map(|_| ()))
            .is_some();
        if !in_workload {
            return crate::protocols::setting::with_field(spec, Self::TAG, name, value);
        }
        let Some(workload) = &spec.workload else {
            return Err(format!(
                "`{name}` is a setting of the clients, and this scenario has no `workload:`"
            ));
        };
        let workload = crate::protocols::setting::with_field(workload, "workload", name, value)?;
        Ok(RaftSpec {
            workload: Some(workload),
            ..spec.clone()
        })
    }

    /// Raft's safety does not depend on timing, unless its clients read
    /// under leases: a lease holds for a time, so a schedule that fires
    /// timers early could break it where no real network would.
    fn explorer(
        sim: &Sim<RaftMember>,
        search: &crate::explore::Search,
    ) -> Option<Box<dyn crate::explore::Exploration>> {
        let leases = sim
            .nodes()
            .iter()
            .filter_map(RaftMember::server)
            .any(|s| s.config.read_mode == Some(super::ReadMode::Lease));
        let parts = super::explore::parts();
        (!leases).then(|| -> Box<dyn crate::explore::Exploration> {
            Box::new(crate::explore::Explorer::new(sim, search, &parts))
        })
    }

    fn leadership(record: &Record<RaftMember>) -> Option<Leadership> {
        match &record.kind {
            RecordKind::Proto(RaftObs::Role { node, term, role }) => Some(Leadership {
                node: *node,
                epoch: *term,
                leads: *role == Role::Leader,
            }),
            _ => None,
        }
    }
}

impl Meaning for Raft {
    const EPOCH: &'static str = "term";

    const EPOCH_SHORT: &'static str = "t";

    /// A heartbeat that brings its follower no news of a commit, or a
    /// success that tells its leader nothing it did not know.
    fn is_routine_in_flight(sim: &Sim<RaftMember>, m: &InFlight<RaftMsg>) -> bool {
        let Some(receiver) = sim.node(m.to).server() else {
            return false;
        };
        match &m.payload {
            RaftMsg::AppendEntries {
                entries,
                leader_commit,
                ..
            } => entries.is_empty() && *leader_commit <= receiver.commit_index,
            RaftMsg::AppendEntriesReply {
                success: true,
                match_index,
                ..
            } => receiver.match_index.get(m.from.index()) >= Some(match_index),
            _ => false,
        }
    }

    fn mark(member: &RaftMember) -> Mark {
        let node = match member {
            RaftMember::Server(node) => node,
            RaftMember::Client(client) => return client.mark(),
        };
        if node.role == Role::Follower && !node.is_member() {
            return Mark {
                letter: 'O',
                name: "outside",
                tone: RoleTone::Passive,
            };
        }
        let tone = match node.role {
            Role::Follower => RoleTone::Passive,
            Role::PreCandidate => RoleTone::Tentative,
            Role::Candidate => RoleTone::Active,
            Role::Leader => RoleTone::Leading,
        };
        Mark {
            letter: node.role.letter(),
            name: node.role.name(),
            tone,
        }
    }

    fn epoch(member: &RaftMember) -> Option<u64> {
        member.server().map(|node| node.current_term)
    }

    fn main_timer() -> Option<RaftTimer> {
        Some(RaftTimer::Election)
    }

    fn message_look(msg: &RaftMsg) -> MsgLook {
        let (class, glyph) = match msg {
            RaftMsg::PreVote { .. } => (MsgClass::Ask, "◇"),
            RaftMsg::RequestVote { .. } => (MsgClass::Ask, "◆"),
            RaftMsg::PreVoteReply { granted, .. } | RaftMsg::RequestVoteReply { granted, .. } => {
                if *granted {
                    (MsgClass::Grant, "✓")
                } else {
                    (MsgClass::Refuse, "✗")
                }
            }
            RaftMsg::AppendEntries { entries, .. } if entries.is_empty() => {
                (MsgClass::Heartbeat, "♥")
            }
            RaftMsg::AppendEntries { .. } => (MsgClass::Data, "■"),
            RaftMsg::AppendEntriesReply { success: true, .. } => (MsgClass::Grant, "●"),
            RaftMsg::AppendEntriesReply { .. } => (MsgClass::Refuse, "○"),
            RaftMsg::InstallSnapshot { .. } => (MsgClass::Data, "▣"),
            RaftMsg::InstallSnapshotReply { .. } => (MsgClass::Grant, "●"),
            RaftMsg::ClientForward { .. } => (MsgClass::Forward, "▸"),
            RaftMsg::ClientRequest { .. } => (MsgClass::Ask, "?"),
            RaftMsg::ClientReply { .. } => (MsgClass::Data, "!"),
        };
        MsgLook { class, glyph }
    }

    fn is_routine(kind: &RecordKind<RaftMember>) -> bool {
        match kind {
            RecordKind::Deliver { msg, .. } => {
                matches!(
                    msg,
                    RaftMsg::AppendEntries { entries, .. } if entries.is_empty()
                ) || matches!(msg, RaftMsg::AppendEntriesReply { success: true, .. })
            }
            RecordKind::Timer { timer, .. } => *timer == RaftTimer::Heartbeat,
            _ => false,
        }
    }

    fn client_history(sim: &Sim<RaftMember>) -> Option<&crate::history::History> {
        let has_clients = sim.nodes().iter().any(|m| m.client().is_some());
        has_clients.then(|| sim.checker().client_history())
    }

    fn strip_len(sim: &Sim<RaftMember>) -> u64 {
        sim.nodes()
            .iter()
            .filter_map(RaftMember::server)
            .map(|n| n.log.last_index())
            .max()
            .unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_convert_both_ways() {
        for spec in [
            RaftRequest::ClientWrite("x=1".into()),
            RaftRequest::ClientWriteTo(crate::protocols::TargetSpec::Leader, "y".into()),
            RaftRequest::ClientRead("x".into()),
            RaftRequest::ClientReadFrom(
                crate::protocols::TargetSpec::Alias(ClientAlias::Client(2)),
                "x".into(),
            ),
            RaftRequest::ClientReadWith(
                crate::protocols::TargetSpec::Alias(ClientAlias::Client(1)),
                "x".into(),
                crate::protocols::raft::ReadMode::Lease,
            ),
        ] {
            let (to, request) = Raft::request_to_sim(&spec);
            let back = Raft::request_from_sim(to, &request).expect("a file form");
            // A write to the leader is written the short way.
            let (again, _) = Raft::request_to_sim(&back);
            assert_eq!(again, to);
        }
    }

    #[test]
    fn a_sample_request_goes_to_the_selected_server() {
        let (to, _) = Raft::sample_request(1, NodeId(3));
        assert_eq!(to, Target::Node(NodeId(3)));
    }

    #[test]
    fn sample_requests_cycle_through_keys() {
        let values: Vec<String> = (1..=4)
            .map(|n| match Raft::sample_request(n, NodeId(0)).1 {
                Command::Write(v) => v.to_string(),
                other => format!("{other:?}"),
            })
            .collect();
        assert_eq!(values, ["x=1", "y=2", "z=3", "x=4"]);
    }
}
