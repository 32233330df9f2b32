//! Locks on the family seam: how files, lessons, runs and the screen see
//! them.

use crate::sim::Invariant;
use std::fmt;

use super::checker::INVARIANTS;
use super::client::Phase;
use super::goals::{LockCondition, LockFacts};
use super::measures::MEASURES;
use super::messages::{LockMsg, LockObs, LockTimer};
use super::node::{Ask, LockNode, Part};
use super::spec::{LockAlias, LockRequest, LockSpec, Service};
use crate::protocols::measure::MeasureDef;
use crate::protocols::{
    target, target_spec, Mark, Meaning, MsgClass, MsgLook, Report, RoleTone, Setup, Teach,
};
use crate::sim::{InFlight, NodeId, Record, RecordKind, Sim, SimConfig, Target};
use crate::units::{Lang, MsRange};

/// The lock family.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Lock;

/// What a headless lock run reports.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LockSummary {
    pub acquires: u64,
    pub writes: u64,
    pub refused: u64,
    pub expiries: u64,
    pub wakes: u64,
    /// The last value storage accepted.
    pub value: u64,
}

impl fmt::Display for LockSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "lock acquired: {} times; leases or sessions expired: {}",
            self.acquires, self.expiries
        )?;
        writeln!(
            f,
            "storage: {} writes accepted, {} operations refused, value {}",
            self.writes, self.refused, self.value
        )?;
        writeln!(f, "waiters woken: {}", self.wakes)
    }
}

impl Setup for Lock {
    type Node = LockNode;

    type Spec = LockSpec;

    type RequestSpec = LockRequest;

    const TAG: &'static str = "Lock";

    const NAMES: &'static [&'static str] = &["redis-lock", "redlock", "zk-lock"];

    fn sandbox_blurb(lang: Lang) -> &'static str {
        crate::text!(lang, en: "Lock sandbox: clients, a lock service and storage to break", zh: "锁沙盒：客户端、锁服务和存储，随你破坏")
    }

    fn display_name(spec: &LockSpec, lang: Lang) -> &'static str {
        match spec.service {
            Service::Redis(_) => crate::text!(lang, en: "Redis lock", zh: "Redis 锁"),
            Service::Redlock(_) => "Redlock",
            Service::ZooKeeper(_) => crate::text!(lang, en: "ZooKeeper lock", zh: "ZooKeeper 锁"),
        }
    }

    /// `nodes` is the cluster size asked for: clients fill what the lock
    /// service and storage leave (Redlock's five masters leave room for
    /// at most three clients).
    fn sandbox_spec(name: &str, nodes: usize) -> LockSpec {
        let (service, most) = match name {
            "redlock" => (Service::redlock(), 3),
            "zk-lock" => (Service::zookeeper(), 6),
            _ => (Service::default(), 6),
        };
        LockSpec {
            clients: nodes.saturating_sub(2).clamp(1, most),
            service,
            ..LockSpec::default()
        }
    }

    fn sandbox_name(spec: &LockSpec) -> &'static str {
        match spec.service {
            Service::Redlock(_) => "redlock",
            Service::ZooKeeper(_) => "zk-lock",
            Service::Redis(_) => "redis-lock",
        }
    }

    fn nodes(spec: &LockSpec) -> usize {
        spec.clients + spec.service.servers() + 1
    }

    fn numbered_kinds(spec: &LockSpec) -> Vec<(&'static str, usize)> {
        vec![("client", spec.clients), ("server", spec.service.servers())]
    }

    fn build(spec: &LockSpec, config: SimConfig) -> Sim<LockNode> {
        Sim::new(config, LockNode::cluster(spec))
    }

    fn request_to_sim(spec: &LockRequest) -> (Target<LockAlias>, Ask) {
        match spec {
            LockRequest::Acquire(t) => (target(*t), Ask::Acquire),
            LockRequest::Release(t) => (target(*t), Ask::Release),
        }
    }

    fn request_from_sim(to: Target<LockAlias>, ask: &Ask) -> Option<LockRequest> {
        let to = target_spec(to);
        Some(match ask {
            Ask::Acquire => LockRequest::Acquire(to),
            Ask::Release => LockRequest::Release(to),
        })
    }

    fn sample_request(_: usize, selected: NodeId) -> (Target<LockAlias>, Ask) {
        (Target::Node(selected), Ask::Acquire)
    }
}

impl Teach for Lock {
    type Goal = LockCondition;

    type Facts = LockFacts;

    const INVARIANTS: &'static [Invariant] = &INVARIANTS;

    fn request_task(lang: Lang) -> &'static str {
        super::notes::request_task(lang)
    }
}

impl Report for Lock {
    type Summary = LockSummary;

    fn with_main_timeout(spec: &LockSpec, range: MsRange) -> LockSpec {
        LockSpec {
            work_ms: range,
            ..spec.clone()
        }
    }

    fn tally(s: &mut LockSummary, record: &Record<LockNode>) {
        let RecordKind::Proto(obs) = &record.kind else {
            return;
        };
        match obs {
            LockObs::Acquire { .. } => s.acquires += 1,
            LockObs::Expire { .. } => s.expiries += 1,
            LockObs::Wake { .. } => s.wakes += 1,
            LockObs::Write {
                accepted: false, ..
            } => s.refused += 1,
            LockObs::Write {
                op: super::Op::Write,
                value,
                ..
            } => {
                s.writes += 1;
                s.value = *value;
            }
            LockObs::Write { .. } | LockObs::Release { .. } | LockObs::Grant { .. } => {}
        }
    }

    const MEASURES: &'static [MeasureDef<LockNode>] = &MEASURES;
}

impl Meaning for Lock {
    const EPOCH: &'static str = "token";

    const EPOCH_SHORT: &'static str = "#";

    /// Clients read without colour: ■ holding, □ in its critical section
    /// past its validity (Redlock), ◌ after the lock (asking or queued),
    /// · idle.
    fn mark(node: &LockNode) -> Mark {
        match &node.part {
            Part::Client(c) if c.holds() => Mark::new('■', "holding", RoleTone::Leading),
            Part::Client(c) if c.in_section() => {
                Mark::new('□', "past its validity", RoleTone::Active)
            }
            Part::Client(c) if c.phase == Phase::Waiting => {
                Mark::new('◌', "waiting", RoleTone::Tentative)
            }
            Part::Client(c) if c.phase == Phase::Acquiring => {
                Mark::new('◌', "acquiring", RoleTone::Active)
            }
            Part::Client(_) => Mark::new('·', "idle", RoleTone::Passive),
            Part::Redis(_) => Mark::new('R', "redis", RoleTone::Passive),
            Part::Zk(_) => Mark::new('Z', "zookeeper", RoleTone::Passive),
            Part::Storage(_) => Mark::new('S', "storage", RoleTone::Passive),
        }
    }

    fn epoch(node: &LockNode) -> Option<u64> {
        match &node.part {
            Part::Client(c) => c.token,
            Part::Redis(r) => r.key.and_then(|k| k.token),
            Part::Zk(z) => z.holder,
            Part::Storage(s) => s.highest,
        }
    }

    fn main_timer() -> Option<LockTimer> {
        Some(LockTimer::Work)
    }

    fn message_look(msg: &LockMsg) -> MsgLook {
        use MsgClass::*;
        match msg {
            LockMsg::Lock { .. } => MsgLook::new(Ask, "◆"),
            LockMsg::LockOk { .. } => MsgLook::new(Grant, "✓"),
            LockMsg::LockRefused { .. } => MsgLook::new(Refuse, "✗"),
            LockMsg::Unlock { .. } => MsgLook::new(Forward, "◇"),
            LockMsg::Ping { .. } => MsgLook::new(Heartbeat, "♥"),
            LockMsg::Pong => MsgLook::new(Heartbeat, "♡"),
            LockMsg::SessionExpired { .. } => MsgLook::new(Refuse, "⧗"),
            LockMsg::Create { .. } => MsgLook::new(Ask, "+"),
            LockMsg::Created { .. } => MsgLook::new(Grant, "●"),
            LockMsg::GetChildren { .. } => MsgLook::new(Ask, "?"),
            LockMsg::Children { .. } => MsgLook::new(Data, "≡"),
            LockMsg::Exists { .. } => MsgLook::new(Ask, "◎"),
            LockMsg::ExistsReply { .. } => MsgLook::new(Data, "○"),
            LockMsg::Delete { .. } => MsgLook::new(Forward, "−"),
            LockMsg::NodeDeleted { .. } => MsgLook::new(Grant, "!"),
            LockMsg::ChildrenChanged => MsgLook::new(Grant, "¡"),
            LockMsg::Read { .. } => MsgLook::new(Data, "▷"),
            LockMsg::ReadReply { .. } => MsgLook::new(Data, "◁"),
            LockMsg::Write { .. } => MsgLook::new(Data, "✎"),
            LockMsg::WriteReply { accepted: true, .. } => MsgLook::new(Grant, "◀"),
            LockMsg::WriteReply {
                accepted: false, ..
            } => MsgLook::new(Refuse, "⊘"),
        }
    }

    /// Heartbeats; a message waiting at a paused member's door (nothing
    /// happens until it resumes); a watch's notice to a client that no
    /// longer waits (it ignores it).
    fn is_routine_in_flight(sim: &Sim<LockNode>, m: &InFlight<LockMsg>) -> bool {
        if m.waiting {
            return true;
        }
        match &m.payload {
            LockMsg::Ping { .. } | LockMsg::Pong => true,
            LockMsg::NodeDeleted { .. } | LockMsg::ChildrenChanged => sim
                .node(m.to)
                .client()
                .is_some_and(|c| c.phase != Phase::Waiting),
            _ => false,
        }
    }

    fn is_routine(kind: &RecordKind<LockNode>) -> bool {
        match kind {
            RecordKind::Deliver { msg, .. } | RecordKind::Send { msg, .. } => {
                matches!(msg, LockMsg::Ping { .. } | LockMsg::Pong)
            }
            RecordKind::Timer { timer, .. } => *timer == LockTimer::Heartbeat,
            _ => false,
        }
    }
}
