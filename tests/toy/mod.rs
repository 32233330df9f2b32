//! A family that exists only in the tests: clients that bump a counter
//! kept by one server. It plugs into distlab through the family contract
//! and the drawing contract alone, which proves that a new family needs no
//! edit outside its own files and the family list.

use std::fmt;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use serde::{Deserialize, Serialize};

use distlab::app::App;
use distlab::protocols::measure::{fresh, MeasureDef, Meter, Reading};
use distlab::protocols::{
    target, target_spec, Mark, Meaning, MsgClass, MsgLook, Report, RoleTone, Setup, StepFacts,
    StepGoal, TargetSpec, Teach,
};
use distlab::say;
use distlab::sim::{
    ms, Actor, CheckView, Checker, Ctx, Describe, Finding, FindingOf, Invariant, Labels, Message,
    NodeId, NodeStatus, Record, RecordKind, Sim, SimConfig, Target,
};
use distlab::ui::{FamilyView, Glossary};
use distlab::units::{Lang, MsRange};

/// The counter never goes down.
const MONOTONIC: Invariant = Invariant {
    en: "Monotonic",
    zh: "单调",
};
/// A hazard: two bumps on the wire at once.
const CROWDED: Invariant = Invariant {
    en: "Crowded",
    zh: "拥挤",
};

/// Member 1 is the server; the others are clients.
const SERVER: NodeId = NodeId(0);

/// The counter family's marker.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counter;

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "msg")]
pub enum CounterMsg {
    Inc,
    Ack { value: u64 },
}

impl Message for CounterMsg {
    fn name(&self) -> &'static str {
        match self {
            CounterMsg::Inc => "Inc",
            CounterMsg::Ack { .. } => "Ack",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum CounterTimer {
    Bump,
}

impl Describe for CounterTimer {
    fn describe(&self, lang: Lang, _: &Labels) -> String {
        say!(lang, en: "time to bump", zh: "该加一了")
    }
}

/// A request to bump the counter once.
#[derive(Clone, Debug, PartialEq)]
pub struct Bump;

impl Describe for Bump {
    fn describe(&self, lang: Lang, _: &Labels) -> String {
        say!(lang, en: "a bump", zh: "加一请求")
    }
}

/// What the trace records: the server's value after each increment.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum CounterObs {
    Count { node: NodeId, value: u64 },
}

impl Describe for CounterObs {
    fn describe(&self, lang: Lang, _: &Labels) -> String {
        let CounterObs::Count { value, .. } = self;
        say!(lang, en: "the counter reaches {value}", zh: "计数器到达 {value}")
    }
}

/// Why a member did what it did, and what the checker found.
#[derive(Clone, Debug, PartialEq)]
pub enum CounterNote {
    Counts { from: NodeId },
    Fell { from: u64, to: u64 },
    Crowded { bumps: usize },
}

impl Describe for CounterNote {
    fn describe(&self, lang: Lang, labels: &Labels) -> String {
        let server = labels.get(SERVER);
        match *self {
            CounterNote::Counts { from } => say!(lang,
                en: "{server} counts {from}'s bump",
                zh: "{server} 记下 {from} 的加一",
                from = labels.get(from)),
            CounterNote::Fell { from, to } => say!(lang,
                en: "the counter fell from {from} to {to}",
                zh: "计数器从 {from} 降到了 {to}"),
            CounterNote::Crowded { bumps } => say!(lang,
                en: "{bumps} bumps are on their way to {server}",
                zh: "{bumps} 个加一正在发往 {server}"),
        }
    }
}

/// The invariant: the counter never goes down. The hazard: two bumps on
/// the wire at once, just after a send.
#[derive(Clone, Debug, Default)]
pub struct Monotonic {
    highest: u64,
}

impl Checker<CounterNode> for Monotonic {
    fn check(&mut self, view: &CheckView<'_, CounterNode>) -> Vec<FindingOf<CounterNode>> {
        let value = view.nodes[SERVER.index()].value;
        let mut found = Vec::new();
        if value < self.highest {
            let fell = CounterNote::Fell {
                from: self.highest,
                to: value,
            };
            found.push(Finding::violation(MONOTONIC, vec![SERVER], fell));
        }
        self.highest = self.highest.max(value);
        let bumps = view
            .in_flight()
            .filter(|m| m.payload == CounterMsg::Inc)
            .count();
        let sent_now = view
            .records
            .iter()
            .any(|r| matches!(r.kind, RecordKind::Send { .. }));
        if bumps >= 2 && sent_now {
            let crowded = CounterNote::Crowded { bumps };
            found.push(Finding::warning(CROWDED, vec![SERVER], crowded));
        }
        found
    }
}

/// The members files name by what they are: `Server`, `Client(1)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CounterAlias {
    Server,
    Client(u8),
}

impl Describe for CounterAlias {
    fn describe(&self, lang: Lang, _: &Labels) -> String {
        match *self {
            CounterAlias::Server => say!(lang, en: "the server", zh: "服务器"),
            CounterAlias::Client(n) => say!(lang, en: "client {n}", zh: "客户端 {n}"),
        }
    }
}

#[derive(Clone, Debug)]
pub struct CounterNode {
    pub server: bool,
    pub value: u64,
    pub acks: u64,
    every_ms: u64,
}

impl Actor for CounterNode {
    type Msg = CounterMsg;
    type Timer = CounterTimer;
    type Request = Bump;
    type Obs = CounterObs;
    type Note = CounterNote;
    type Checker = Monotonic;
    type Alias = CounterAlias;

    fn resolve_alias(nodes: &[Self], _: &[NodeStatus], alias: CounterAlias) -> Option<NodeId> {
        let id = match alias {
            CounterAlias::Server => SERVER,
            CounterAlias::Client(0) => return None,
            CounterAlias::Client(n) => NodeId(n),
        };
        (id.index() < nodes.len()).then_some(id)
    }

    fn label(_: &[Self], id: NodeId) -> String {
        match id {
            SERVER => "SV".into(),
            client => format!("C{}", client.index()),
        }
    }

    fn on_start(&mut self, ctx: &mut Ctx<Self>) {
        if !self.server && self.every_ms > 0 {
            ctx.set_timer(CounterTimer::Bump, ms(self.every_ms));
        }
    }

    fn on_message(&mut self, ctx: &mut Ctx<Self>, from: NodeId, msg: CounterMsg) {
        match msg {
            CounterMsg::Inc => {
                self.value += 1;
                let (node, value) = (ctx.me(), self.value);
                ctx.observe(CounterObs::Count { node, value });
                ctx.explain(CounterNote::Counts { from });
                ctx.send(from, CounterMsg::Ack { value });
            }
            CounterMsg::Ack { .. } => self.acks += 1,
        }
    }

    fn on_timer(&mut self, ctx: &mut Ctx<Self>, _: CounterTimer) {
        ctx.send(SERVER, CounterMsg::Inc);
        ctx.set_timer(CounterTimer::Bump, ms(self.every_ms));
    }

    fn on_request(&mut self, ctx: &mut Ctx<Self>, _: Bump) {
        ctx.send(SERVER, CounterMsg::Inc);
    }

    fn on_crash(&mut self) {
        self.acks = 0;
    }
}

/// `cluster: Counter((clients: 2, every_ms: 100))`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CounterSpec {
    pub clients: usize,
    #[serde(default)]
    pub every_ms: u64,
}

/// `Bump(Client(1))`: that client bumps the counter now.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum CounterRequest {
    Bump(TargetSpec<CounterAlias>),
}

impl Setup for Counter {
    type Node = CounterNode;
    type Spec = CounterSpec;
    type RequestSpec = CounterRequest;
    const TAG: &'static str = "Counter";
    const NAMES: &'static [&'static str] = &["counter"];

    fn sandbox_spec(_: &str, nodes: usize) -> CounterSpec {
        CounterSpec {
            clients: nodes.saturating_sub(1),
            every_ms: 100,
        }
    }

    fn nodes(spec: &CounterSpec) -> usize {
        spec.clients + 1
    }

    fn build(spec: &CounterSpec, config: SimConfig) -> Sim<CounterNode> {
        let node = |server| CounterNode {
            server,
            value: 0,
            acks: 0,
            every_ms: spec.every_ms,
        };
        Sim::new(config, (0..=spec.clients).map(|i| node(i == 0)).collect())
    }

    fn request_to_sim(spec: &CounterRequest) -> (Target<CounterAlias>, Bump) {
        let CounterRequest::Bump(to) = spec;
        (target(*to), Bump)
    }

    fn request_from_sim(to: Target<CounterAlias>, _: &Bump) -> Option<CounterRequest> {
        Some(CounterRequest::Bump(target_spec(to)))
    }

    fn sample_request(_: usize, selected: NodeId) -> (Target<CounterAlias>, Bump) {
        (Target::Node(selected), Bump)
    }
}

/// Goals as files write them: `Counter(ValueAtLeast(3))`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum CounterCondition {
    ValueAtLeast(u64),
    /// At least this many increments since the step began.
    CountedAtLeast(u64),
}

/// How many increments the step has seen.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CounterFacts(u64);

impl StepFacts<CounterNode> for CounterFacts {
    fn absorb(&mut self, records: &[Record<CounterNode>]) {
        let counts = records
            .iter()
            .filter(|r| matches!(r.kind, RecordKind::Proto(_)));
        self.0 += counts.count() as u64;
    }
}

impl StepGoal<CounterNode, CounterFacts> for CounterCondition {
    fn holds(&self, sim: &Sim<CounterNode>, facts: &CounterFacts) -> bool {
        match *self {
            CounterCondition::ValueAtLeast(v) => sim.node(SERVER).value >= v,
            CounterCondition::CountedAtLeast(k) => facts.0 >= k,
        }
    }

    fn describe(&self, lang: Lang) -> String {
        match *self {
            CounterCondition::ValueAtLeast(v) => {
                say!(lang, en: "the counter reaches {v}", zh: "计数器达到 {v}")
            }
            CounterCondition::CountedAtLeast(k) => {
                say!(lang, en: "{k} more bumps", zh: "又计数 {k} 次")
            }
        }
    }
}

impl Teach for Counter {
    type Goal = CounterCondition;
    type Facts = CounterFacts;
    const INVARIANTS: &'static [Invariant] = &[MONOTONIC, CROWDED];
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct CounterSummary {
    pub highest: u64,
}

impl fmt::Display for CounterSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "counter reached: {}", self.highest)
    }
}

/// The stopwatch of the counter's one measure: time to the first count.
#[derive(Default)]
struct FirstCount {
    counted: bool,
}

impl Meter<CounterNode> for FirstCount {
    fn observe(&mut self, record: &Record<CounterNode>, readings: &mut Vec<Reading>) {
        if !self.counted && matches!(record.kind, RecordKind::Proto(_)) {
            self.counted = true;
            readings.push(Reading {
                us: record.t_us,
                counted: 0,
            });
        }
    }

    fn open(&self) -> u64 {
        u64::from(!self.counted)
    }
}

impl Report for Counter {
    type Summary = CounterSummary;
    const MEASURES: &'static [MeasureDef<CounterNode>] = &[MeasureDef {
        name: "first-count",
        about: "from the start to the server's first count",
        each: "runs",
        open: "without a count",
        counted: None,
        meter: fresh::<CounterNode, FirstCount>,
    }];

    fn tally(summary: &mut CounterSummary, record: &Record<CounterNode>) {
        if let RecordKind::Proto(CounterObs::Count { value, .. }) = record.kind {
            summary.highest = summary.highest.max(value);
        }
    }

    fn with_main_timeout(spec: &CounterSpec, range: MsRange) -> CounterSpec {
        CounterSpec {
            every_ms: range.0,
            ..spec.clone()
        }
    }
}

impl Meaning for Counter {
    const EPOCH: &'static str = "value";
    const EPOCH_SHORT: &'static str = "v";

    fn mark(node: &CounterNode) -> Mark {
        match node.server {
            true => Mark::new('S', "server", RoleTone::Leading),
            false => Mark::new('C', "client", RoleTone::Passive),
        }
    }

    fn message_look(msg: &CounterMsg) -> MsgLook {
        match msg {
            CounterMsg::Inc => MsgLook::new(MsgClass::Ask, "+"),
            CounterMsg::Ack { .. } => MsgLook::new(MsgClass::Grant, "="),
        }
    }

    fn epoch(node: &CounterNode) -> Option<u64> {
        Some(node.value)
    }

    fn main_timer() -> Option<CounterTimer> {
        Some(CounterTimer::Bump)
    }
}

impl FamilyView for Counter {
    fn glossary(_: Lang) -> Glossary {
        Glossary {
            legend: &[("+ =", "bump / ack")],
            legend_line: "+ bump  = ack  ╳ drop",
            roles: &[],
            epoch: "value",
            request: "bump the counter from the selected client",
        }
    }

    fn inspector(app: &App<Counter>, area: Rect, buf: &mut Buffer) {
        let node = app.sim().node(app.selected());
        let text = format!("value {} · acks {}", node.value, node.acks);
        buf.set_stringn(area.x, area.y, text, area.width.into(), app.theme().base());
    }

    fn strip(app: &App<Counter>, area: Rect, buf: &mut Buffer) {
        let text = format!("counter {}", app.sim().node(SERVER).value);
        buf.set_stringn(area.x, area.y, text, area.width.into(), app.theme().base());
    }
}
