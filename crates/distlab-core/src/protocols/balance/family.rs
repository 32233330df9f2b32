//! Dispatch on the family seam: how files, lessons, runs and the screen
//! see it.

use crate::sim::Invariant;
use std::fmt;

use super::checker::INVARIANTS;
use super::goals::{BalanceCondition, BalanceFacts};
use super::measures::MEASURES;
use super::members::BalanceAlias;
use super::messages::{BalanceMsg, BalanceObs, BalanceTimer, Reason};
use super::node::{members, BalanceCommand, BalanceNode};
use super::spec::{Algorithm, BalanceRequest, BalanceSpec, ServerSpec, MAX_SERVERS};
use crate::protocols::measure::MeasureDef;
use crate::protocols::{
    target, target_spec, Mark, Meaning, MsgClass, MsgLook, Report, RoleTone, Setup, TargetSpec,
    Teach,
};
use crate::sim::{NodeId, Record, RecordKind, Sim, SimConfig, Target};
use crate::units::{nearest_rank, Lang, MsRange};

/// The dispatch family.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Balancer;

/// Algorithms the request key cycles through with the balancer selected,
/// the ones that read load first.
const KEY_CYCLE: [Algorithm; 10] = [
    Algorithm::LeastConnections,
    Algorithm::PowerOfTwo,
    Algorithm::PeakEwma,
    Algorithm::SmoothWeighted,
    Algorithm::EdfWeighted,
    Algorithm::WeightedRandom,
    Algorithm::Random,
    Algorithm::RoundRobin,
    Algorithm::RingHash(super::spec::RingSpec { vnodes: 100 }),
    Algorithm::ModuloHash,
];
/// Rates the request key cycles through when the generator is selected.
const RATES: [u32; 4] = [50, 100, 200, 400];

/// What a headless dispatch run reports.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BalanceSummary {
    pub dispatched: u64,
    pub completed: u64,
    pub errors: u64,
    /// Rejections by reason, in the order of [`Reason::ALL`].
    pub rejected: [u64; Reason::ALL.len()],
    pub retries: u64,
    latencies: Vec<u64>,
}

impl BalanceSummary {
    /// The latency at quantile `q` (nearest rank), in microseconds.
    pub fn quantile(&self, q: f64) -> u64 {
        nearest_rank(&self.sorted_latencies(), q).unwrap_or(0)
    }

    fn sorted_latencies(&self) -> Vec<u64> {
        let mut v = self.latencies.clone();
        v.sort_unstable();
        v
    }
}

impl fmt::Display for BalanceSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ms = |us: u64| us as f64 / 1000.0;
        let sorted = self.sorted_latencies();
        let at = |q: f64| nearest_rank(&sorted, q).unwrap_or(0);
        writeln!(
            f,
            "requests: {} completed ({} with errors), {} retries",
            self.completed, self.errors, self.retries
        )?;
        let rejected: Vec<String> = Reason::ALL
            .iter()
            .zip(self.rejected)
            .filter(|(_, n)| *n > 0)
            .map(|(r, n)| format!("{} {n}", r.code()))
            .collect();
        let total: u64 = self.rejected.iter().sum();
        match total {
            0 => writeln!(f, "rejected: 0")?,
            _ => writeln!(f, "rejected: {total} ({})", rejected.join(", "))?,
        }
        writeln!(
            f,
            "latency ms: p50 {:.1} · p95 {:.1} · p99 {:.1} · max {:.1}",
            ms(at(0.5)),
            ms(at(0.95)),
            ms(at(0.99)),
            ms(at(1.0))
        )
    }
}

fn server_of(t: TargetSpec<BalanceAlias>) -> usize {
    match t {
        TargetSpec::Alias(BalanceAlias::Server(n)) => usize::from(n).wrapping_sub(1),
        TargetSpec::Node(n) => n.0.wrapping_sub(3),
        _ => usize::MAX,
    }
}

impl Setup for Balancer {
    type Node = BalanceNode;

    type Spec = BalanceSpec;

    type RequestSpec = BalanceRequest;

    const TAG: &'static str = "Balancer";

    const NAMES: &'static [&'static str] = &["balancer"];

    fn sandbox_blurb(lang: Lang) -> &'static str {
        crate::text!(lang, en: "Balancer sandbox: a load generator, a balancer and servers of unequal speed", zh: "负载均衡沙盒：负载生成器、均衡器和快慢不一的服务器")
    }

    fn display_name(_spec: &BalanceSpec, lang: Lang) -> &'static str {
        crate::text!(lang, en: "Balancer", zh: "负载均衡")
    }

    fn sandbox_spec(_: &str, nodes: usize) -> BalanceSpec {
        let servers = nodes.saturating_sub(2).clamp(1, MAX_SERVERS);
        let mut list = vec![ServerSpec::default(); servers];
        if let Some(last) = list.last_mut() {
            last.speed = 0.5;
        }
        BalanceSpec {
            servers: list,
            load: super::spec::LoadSpec {
                rate_per_s: 100 * servers as u32,
                cost_ms: MsRange(5, 10),
                ..Default::default()
            },
            ..BalanceSpec::default()
        }
    }

    fn nodes(spec: &BalanceSpec) -> usize {
        spec.servers.len() + spec.spares + 2
    }

    fn numbered_kinds(spec: &BalanceSpec) -> Vec<(&'static str, usize)> {
        vec![("server", spec.servers.len() + spec.spares)]
    }

    fn build(spec: &BalanceSpec, config: SimConfig) -> Sim<BalanceNode> {
        Sim::new(config, members(spec))
    }

    fn request_to_sim(spec: &BalanceRequest) -> (Target<BalanceAlias>, BalanceCommand) {
        let lb = Target::Alias(BalanceAlias::Balancer);
        match spec {
            BalanceRequest::SetRate(r) => (
                Target::Alias(BalanceAlias::Generator),
                BalanceCommand::SetRate(*r),
            ),
            BalanceRequest::SetAlgorithm(a) => (lb, BalanceCommand::SetAlgorithm(*a)),
            BalanceRequest::SlowDown(t, f) => (target(*t), BalanceCommand::SlowDown(*f)),
            BalanceRequest::FailFast(t, on) => (target(*t), BalanceCommand::FailFast(*on)),
            BalanceRequest::AddServer(s) => (
                Target::Alias(BalanceAlias::Spare),
                BalanceCommand::AddServer(*s),
            ),
            BalanceRequest::RemoveServer(t) => (lb, BalanceCommand::RemoveServer(server_of(*t))),
        }
    }

    fn request_from_sim(
        to: Target<BalanceAlias>,
        request: &BalanceCommand,
    ) -> Option<BalanceRequest> {
        Some(match request {
            BalanceCommand::SetRate(r) => BalanceRequest::SetRate(*r),
            BalanceCommand::SetAlgorithm(a) => BalanceRequest::SetAlgorithm(*a),
            BalanceCommand::SlowDown(f) => BalanceRequest::SlowDown(target_spec(to), *f),
            BalanceCommand::FailFast(on) => BalanceRequest::FailFast(target_spec(to), *on),
            BalanceCommand::AddServer(s) => BalanceRequest::AddServer(*s),
            BalanceCommand::RemoveServer(i) => BalanceRequest::RemoveServer(TargetSpec::Alias(
                BalanceAlias::Server(u8::try_from(i + 1).ok()?),
            )),
        })
    }

    fn sample_request(n: usize, selected: NodeId) -> (Target<BalanceAlias>, BalanceCommand) {
        let n = n.max(1);
        match selected.index() {
            0 => (
                Target::Node(selected),
                BalanceCommand::SetRate(RATES[(n - 1) % RATES.len()]),
            ),
            1 => (
                Target::Node(selected),
                BalanceCommand::SetAlgorithm(KEY_CYCLE[(n - 1) % KEY_CYCLE.len()]),
            ),
            _ => {
                let factor = if n % 2 == 1 { 4.0 } else { 1.0 };
                (Target::Node(selected), BalanceCommand::SlowDown(factor))
            }
        }
    }
}

impl Teach for Balancer {
    type Goal = BalanceCondition;

    type Facts = BalanceFacts;

    const INVARIANTS: &'static [Invariant] = &INVARIANTS;

    /// The w key changes a setting of the selected node (LB's algorithm,
    /// the generator's rate, a server's speed), so a task names the key.
    fn request_task(lang: Lang) -> &'static str {
        crate::text!(lang, en: "press w", zh: "按 w")
    }
}

impl Report for Balancer {
    type Summary = BalanceSummary;

    fn with_main_timeout(spec: &BalanceSpec, range: MsRange) -> BalanceSpec {
        BalanceSpec {
            request_timeout_ms: range.1.max(1),
            ..spec.clone()
        }
    }

    fn tally(summary: &mut BalanceSummary, record: &Record<BalanceNode>) {
        let RecordKind::Proto(obs) = &record.kind else {
            return;
        };
        match obs {
            BalanceObs::Dispatch { attempt, .. } => {
                summary.dispatched += 1;
                summary.retries += u64::from(*attempt > 1);
            }
            BalanceObs::Complete { latency_us, ok, .. } => {
                summary.completed += 1;
                summary.errors += u64::from(!ok);
                summary.latencies.push(*latency_us);
            }
            BalanceObs::Reject { reason, .. } => {
                summary.rejected[*reason as usize] += 1;
            }
        }
    }

    const MEASURES: &'static [MeasureDef<BalanceNode>] = &MEASURES;

    /// Any field, as files write it; the `algorithm` also as a bare
    /// `RingHash` (100 virtual nodes), with an error listing the
    /// algorithms.
    fn with_setting(spec: &BalanceSpec, name: &str, value: &str) -> Result<BalanceSpec, String> {
        if name != "algorithm" {
            return crate::protocols::setting::with_field(spec, Self::TAG, name, value);
        }
        let value = value.trim();
        let algorithm = match value {
            "RingHash" => Ok(Algorithm::RingHash(super::spec::RingSpec { vnodes: 100 })),
            _ => ron::from_str::<Algorithm>(value),
        };
        let algorithm = algorithm.map_err(|_| {
            let known: Vec<&str> = KEY_CYCLE.iter().map(|a| a.name()).collect();
            format!(
                "unknown algorithm `{value}`; available: {} (RingHash((vnodes: N)) sets the virtual nodes)",
                known.join(", ")
            )
        })?;
        Ok(BalanceSpec {
            algorithm,
            ..spec.clone()
        })
    }

    fn peaks(sim: &Sim<BalanceNode>) -> Vec<(&'static str, u64)> {
        let longest = NodeId::all(sim.cluster_size())
            .filter_map(|id| sim.node(id).server())
            .map(|s| s.max_queue as u64)
            .max()
            .unwrap_or(0);
        vec![("longest queue", longest)]
    }
}

impl Meaning for Balancer {
    const EPOCH: &'static str = "load";

    const EPOCH_SHORT: &'static str = "n";

    const HOP_BY_HOP: bool = false;

    fn mark(node: &BalanceNode) -> Mark {
        let (letter, name, tone) = match node {
            BalanceNode::Generator(_) => ('G', "generator", RoleTone::Active),
            BalanceNode::Balancer(_) => ('B', "balancer", RoleTone::Leading),
            BalanceNode::Server(s) if !s.started => ('+', "spare", RoleTone::Passive),
            BalanceNode::Server(s) if s.fail_fast => ('F', "failing fast", RoleTone::Tentative),
            BalanceNode::Server(s) if s.slow > 1.0 => ('W', "slowed", RoleTone::Tentative),
            BalanceNode::Server(_) => ('S', "server", RoleTone::Passive),
        };
        Mark { letter, name, tone }
    }

    fn epoch(node: &BalanceNode) -> Option<u64> {
        Some(match node {
            BalanceNode::Generator(g) => g.sent,
            BalanceNode::Balancer(b) => b.open_requests() as u64,
            BalanceNode::Server(s) => u64::from(s.in_service) + s.queue.len() as u64,
        })
    }

    fn message_look(msg: &BalanceMsg) -> MsgLook {
        let (class, glyph) = match msg {
            BalanceMsg::Request { .. } => (MsgClass::Forward, "▸"),
            BalanceMsg::Work { .. } => (MsgClass::Data, "■"),
            BalanceMsg::Reply { ok: true, .. } => (MsgClass::Grant, "●"),
            BalanceMsg::Reply { .. } => (MsgClass::Refuse, "○"),
            BalanceMsg::Probe => (MsgClass::Heartbeat, "♥"),
            BalanceMsg::ProbeReply { .. } => (MsgClass::Heartbeat, "♡"),
            BalanceMsg::Join { .. } => (MsgClass::Ask, "◆"),
            BalanceMsg::Welcome => (MsgClass::Grant, "✓"),
        };
        MsgLook { class, glyph }
    }

    fn is_routine(kind: &RecordKind<BalanceNode>) -> bool {
        match kind {
            RecordKind::Deliver { msg, .. } | RecordKind::Send { msg, .. } => {
                matches!(msg, BalanceMsg::Probe | BalanceMsg::ProbeReply { .. })
            }
            RecordKind::Timer { timer, .. } => *timer == BalanceTimer::Health,
            _ => false,
        }
    }
}
