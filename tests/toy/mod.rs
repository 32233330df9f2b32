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
    target, Family, Leadership, Mark, MsgClass, MsgLook, RoleTone, StepFacts, StepGoal, TargetSpec,
};
use distlab::sim::{
    ms, Actor, CheckView, Checker, Ctx, Describe, Finding, FindingOf, Invariant, Labels, Message,
    NodeId, NodeStatus, Record, RecordKind, Sim, SimConfig, Target,
};
use distlab::ui::FamilyView;
use distlab::units::{Lang, MsRange};

/// The counter never goes down.
const MONOTONIC: Invariant = Invariant {
    en: "Monotonic",
    zh: "单调",
};
/// A hazard: the counter is high.
const CROWDED: Invariant = Invariant {
    en: "Crowded",
    zh: "拥挤",
};

/// The stopwatch of the counter's one measure.
#[derive(Default)]
struct FirstCount {
    counted: bool,
}

impl Meter<CounterNode> for FirstCount {
    fn observe(&mut self, record: &Record<CounterNode>, readings: &mut Vec<Reading>) {
        if !self.counted && matches!(record.kind, RecordKind::Proto(CounterObs::Count { .. })) {
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

/// The counter family's marker.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counter;

/// Member 1 is the server; the others are clients.
const SERVER: NodeId = NodeId(0);

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

/// What the trace records: the server's value after each increment.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum CounterObs {
    Count { node: NodeId, value: u64 },
}

impl Describe for CounterObs {
    fn describe(&self, lang: Lang, _: &Labels) -> String {
        let CounterObs::Count { value, .. } = self;
        match lang {
            Lang::En => format!("the counter reaches {value}"),
            Lang::Zh => format!("计数器到达 {value}"),
        }
    }
}

impl Describe for CounterTimer {
    fn describe(&self, lang: Lang, _: &Labels) -> String {
        match lang {
            Lang::En => "time to bump".to_owned(),
            Lang::Zh => "该加一了".to_owned(),
        }
    }
}

/// A request to bump the counter once.
#[derive(Clone, Debug, PartialEq)]
pub struct Bump;

impl Describe for Bump {
    fn describe(&self, lang: Lang, _: &Labels) -> String {
        match lang {
            Lang::En => "a bump".to_owned(),
            Lang::Zh => "加一请求".to_owned(),
        }
    }
}

/// Why a member did what it did, and what the checker found.
#[derive(Clone, Debug, PartialEq)]
pub enum CounterNote {
    Counts { server: NodeId, from: NodeId },
    Fell { from: u64, to: u64 },
    Crowded { bumps: usize },
}

impl Describe for CounterNote {
    fn describe(&self, lang: Lang, labels: &Labels) -> String {
        let l = |id: &NodeId| labels.get(*id);
        match (self, lang) {
            (CounterNote::Counts { server, from }, Lang::En) => {
                format!("{} counts {}'s bump", l(server), l(from))
            }
            (CounterNote::Counts { server, from }, Lang::Zh) => {
                format!("{} 记下 {} 的加一", l(server), l(from))
            }
            (CounterNote::Fell { from, to }, Lang::En) => {
                format!("the counter fell from {from} to {to}")
            }
            (CounterNote::Fell { from, to }, Lang::Zh) => {
                format!("计数器从 {from} 降到了 {to}")
            }
            (CounterNote::Crowded { bumps }, Lang::En) => {
                format!("{bumps} bumps are on their way to {}", l(&SERVER))
            }
            (CounterNote::Crowded { bumps }, Lang::Zh) => {
                format!("{bumps} 个加一正在发往 {}", l(&SERVER))
            }
        }
    }
}

/// The invariant: the counter never goes down. The hazard: two bumps on
/// the wire at once.
#[derive(Clone, Debug, Default)]
pub struct Monotonic {
    highest: u64,
}

impl Checker<CounterNode> for Monotonic {
    fn check(&mut self, view: &CheckView<'_, CounterNode>) -> Vec<FindingOf<CounterNode>> {
        let value = view.nodes[SERVER.index()].value;
        let mut found = Vec::new();
        if value < self.highest {
            found.push(Finding::violation(
                MONOTONIC,
                vec![SERVER],
                CounterNote::Fell {
                    from: self.highest,
                    to: value,
                },
            ));
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
            found.push(Finding::warning(
                CROWDED,
                vec![SERVER],
                CounterNote::Crowded { bumps },
            ));
        }
        found
    }
}

/// The members files can name: `Server`, `Client(1)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CounterRole {
    Server,
    Client(u8),
}

impl Describe for CounterRole {
    fn describe(&self, lang: Lang, _: &Labels) -> String {
        match (self, lang) {
            (CounterRole::Server, Lang::En) => "the server".to_owned(),
            (CounterRole::Server, Lang::Zh) => "服务器".to_owned(),
            (CounterRole::Client(n), Lang::En) => format!("client {n}"),
            (CounterRole::Client(n), Lang::Zh) => format!("客户端 {n}"),
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
    type Role = CounterRole;

    fn resolve_role(nodes: &[Self], _: &[NodeStatus], role: CounterRole) -> Option<NodeId> {
        let id = match role {
            CounterRole::Server => SERVER,
            CounterRole::Client(0) => return None,
            CounterRole::Client(n) => NodeId(n),
        };
        (id.index() < nodes.len()).then_some(id)
    }

    fn label(_: &[Self], id: NodeId) -> String {
        if id == SERVER {
            "SV".into()
        } else {
            format!("C{}", id.index())
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
                ctx.observe(CounterObs::Count {
                    node: ctx.me(),
                    value: self.value,
                });
                ctx.explain(CounterNote::Counts {
                    server: ctx.me(),
                    from,
                });
                ctx.send(from, CounterMsg::Ack { value: self.value });
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

    fn on_restart(&mut self, ctx: &mut Ctx<Self>) {
        self.on_start(ctx);
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
    Bump(TargetSpec<CounterRole>),
}

/// `Counter(ValueAtLeast(3))`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum CounterGoal {
    Counter(CounterCondition),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum CounterCondition {
    ValueAtLeast(u64),
    /// At least this many increments since the step began.
    CountedAtLeast(u64),
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct CounterFacts {
    counted: u64,
}

impl StepFacts<CounterNode> for CounterFacts {
    fn absorb(&mut self, records: &[Record<CounterNode>]) {
        self.counted += records
            .iter()
            .filter(|r| matches!(r.kind, RecordKind::Proto(CounterObs::Count { .. })))
            .count() as u64;
    }
}

impl StepGoal<CounterNode, CounterFacts> for CounterGoal {
    fn holds(&self, sim: &Sim<CounterNode>, facts: &CounterFacts) -> bool {
        match self {
            CounterGoal::Counter(CounterCondition::ValueAtLeast(v)) => sim.node(SERVER).value >= *v,
            CounterGoal::Counter(CounterCondition::CountedAtLeast(k)) => facts.counted >= *k,
        }
    }

    fn describe(&self, lang: Lang) -> String {
        let CounterGoal::Counter(c) = self;
        match (c, lang) {
            (CounterCondition::ValueAtLeast(v), Lang::En) => format!("the counter reaches {v}"),
            (CounterCondition::ValueAtLeast(v), Lang::Zh) => format!("计数器达到 {v}"),
            (CounterCondition::CountedAtLeast(k), Lang::En) => format!("{k} more bumps"),
            (CounterCondition::CountedAtLeast(k), Lang::Zh) => format!("又计数 {k} 次"),
        }
    }
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

impl Family for Counter {
    type Node = CounterNode;
    type Role = CounterRole;
    type Spec = CounterSpec;
    type RequestSpec = CounterRequest;
    type Goal = CounterGoal;
    type Facts = CounterFacts;
    type Summary = CounterSummary;

    const TAG: &'static str = "Counter";
    const NAMES: &'static [&'static str] = &["counter"];
    const INVARIANTS: &'static [Invariant] = &[MONOTONIC, CROWDED];
    const EPOCH: &'static str = "value";
    const EPOCH_SHORT: &'static str = "v";

    fn sandbox_blurb(_: Lang) -> &'static str {
        "counter sandbox"
    }

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
        let clients = (0..spec.clients).map(|_| node(false));
        Sim::new(config, std::iter::once(node(true)).chain(clients).collect())
    }

    fn with_main_timeout(spec: &CounterSpec, range: MsRange) -> CounterSpec {
        CounterSpec {
            every_ms: range.0,
            ..spec.clone()
        }
    }

    fn request_to_sim(spec: &CounterRequest) -> (Target<CounterRole>, Bump) {
        let CounterRequest::Bump(to) = spec;
        (target(*to), Bump)
    }

    fn request_from_sim(to: Target<CounterRole>, _: &Bump) -> Option<CounterRequest> {
        Some(CounterRequest::Bump(distlab::protocols::target_spec(to)))
    }

    fn sample_request(_: usize, selected: NodeId) -> (Target<CounterRole>, Bump) {
        (Target::Node(selected), Bump)
    }

    fn tally(summary: &mut CounterSummary, record: &Record<CounterNode>) {
        if let RecordKind::Proto(CounterObs::Count { value, .. }) = record.kind {
            summary.highest = summary.highest.max(value);
        }
    }

    fn leadership(_: &Record<CounterNode>) -> Option<Leadership> {
        None
    }

    const MEASURES: &'static [MeasureDef<CounterNode>] = &[MeasureDef {
        name: "first-count",
        about: "from the start to the server's first count",
        each: "runs",
        open: "without a count",
        counted: None,
        meter: fresh::<CounterNode, FirstCount>,
    }];

    fn mark(node: &CounterNode) -> Mark {
        match node.server {
            true => Mark {
                letter: 'S',
                name: "server",
                tone: RoleTone::Leading,
            },
            false => Mark {
                letter: 'C',
                name: "client",
                tone: RoleTone::Passive,
            },
        }
    }

    fn epoch(node: &CounterNode) -> Option<u64> {
        Some(node.value)
    }

    fn main_timer() -> Option<CounterTimer> {
        Some(CounterTimer::Bump)
    }

    fn message_look(msg: &CounterMsg) -> MsgLook {
        match msg {
            CounterMsg::Inc => MsgLook {
                class: MsgClass::Ask,
                glyph: "+",
            },
            CounterMsg::Ack { .. } => MsgLook {
                class: MsgClass::Grant,
                glyph: "=",
            },
        }
    }

    fn is_routine(_: &RecordKind<CounterNode>) -> bool {
        false
    }

    fn strip_len(_: &Sim<CounterNode>) -> u64 {
        0
    }
}

impl FamilyView for Counter {
    fn legend(_: Lang) -> &'static [(&'static str, &'static str)] {
        &[("+ =", "bump / ack")]
    }

    fn legend_line(_: Lang) -> &'static str {
        "+ bump  = ack  ╳ drop"
    }

    fn inspector(app: &App<Counter>, area: Rect, buf: &mut Buffer) {
        let node = app.sim().node(app.selected());
        let text = format!("value {} · acks {}", node.value, node.acks);
        buf.set_stringn(
            area.x,
            area.y,
            text,
            area.width as usize,
            app.theme().base(),
        );
    }

    fn strip(app: &App<Counter>, area: Rect, buf: &mut Buffer) {
        let value = app.sim().node(SERVER).value;
        let text = format!("counter {value}");
        buf.set_stringn(
            area.x,
            area.y,
            text,
            area.width as usize,
            app.theme().base(),
        );
    }

    fn strip_node_at(_: &App<Counter>, _: Rect, _: u16) -> Option<NodeId> {
        None
    }
}
