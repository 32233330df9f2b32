//! Checkers see every record of an event and the messages in flight, and
//! report violations and warnings apart.

use serde::Serialize;

use crate::sim::*;
use crate::units::Lang;

const AUDIT: Invariant = Invariant {
    en: "Audit",
    zh: "审计",
};
const ARRIVES: Invariant = Invariant {
    en: "Every Parcel Arrives",
    zh: "包裹都送达",
};

#[derive(Clone, Debug, Serialize)]
#[serde(tag = "msg")]
enum Parcel {
    Parcel { n: u32 },
}

impl Message for Parcel {
    fn name(&self) -> &'static str {
        "Parcel"
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
enum NoTimer {}

super::debug_words!(NoTimer);

#[derive(Clone, Debug, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
enum Got {
    Got { node: NodeId, n: u32 },
}

impl Describe for Got {
    fn describe(&self, _: Lang, labels: &Labels) -> String {
        let Got::Got { node, n } = self;
        format!("{} got parcel {n}", labels.get(*node))
    }
}

/// A request is a parcel number: the target sends that parcel to S2, which
/// observes its arrival.
#[derive(Clone, Debug)]
struct Courier;

impl Actor for Courier {
    type Msg = Parcel;
    type Timer = NoTimer;
    type Request = u32;
    type Obs = Got;
    type Note = super::Said;
    type Checker = Audit;
    type Alias = NoAlias;

    fn on_start(&mut self, _: &mut Ctx<Self>) {}

    fn on_message(&mut self, ctx: &mut Ctx<Self>, _: NodeId, Parcel::Parcel { n }: Parcel) {
        let node = ctx.me();
        ctx.observe(Got::Got { node, n });
    }

    fn on_timer(&mut self, _: &mut Ctx<Self>, timer: NoTimer) {
        match timer {}
    }

    fn on_request(&mut self, ctx: &mut Ctx<Self>, n: u32) {
        ctx.send(S2, Parcel::Parcel { n });
    }

    fn on_crash(&mut self) {}

    fn on_restart(&mut self, _: &mut Ctx<Self>) {}
}

/// Warns after every event with a summary of all it was shown, and reports
/// every dropped parcel as a violation.
#[derive(Clone, Debug, Default)]
struct Audit;

impl Checker<Courier> for Audit {
    fn check(&mut self, view: &CheckView<'_, Courier>) -> Vec<FindingOf<Courier>> {
        let events: Vec<u64> = view
            .records
            .iter()
            .map(|r| r.event)
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        let kinds: Vec<String> = view
            .records
            .iter()
            .map(|r| {
                r.to_json(Labels::plain())["kind"]
                    .as_str()
                    .unwrap_or("?")
                    .to_owned()
            })
            .collect();
        let got: Vec<u32> = view.observations().map(|Got::Got { n, .. }| *n).collect();
        let flying: Vec<u64> = view.in_flight().map(|m| m.id.0).collect();
        let down: Vec<usize> = NodeId::all(view.nodes.len())
            .filter(|&id| view.status(id) == NodeStatus::Crashed)
            .map(NodeId::number)
            .collect();
        let mut out = vec![Finding::warning(
            AUDIT,
            view.touched.into_iter().collect(),
            format!(
                "t={} events {events:?} records [{}] got {got:?} in flight {flying:?} down {down:?}",
                view.now(),
                kinds.join(" ")
            ),
        )];
        for r in view.records {
            if let RecordKind::Drop {
                id,
                from,
                to,
                reason,
                ..
            } = &r.kind
            {
                out.push(Finding::violation(
                    ARRIVES,
                    vec![*from, *to],
                    format!("parcel #{} was dropped ({})", id.0, reason.as_str()),
                ));
            }
        }
        out
    }
}

const S1: NodeId = NodeId(0);
const S2: NodeId = NodeId(1);

fn couriers() -> Sim<Courier> {
    let network = NetworkConfig {
        latency: Latency::uniform_ms(10, 10),
        ..NetworkConfig::default()
    };
    Sim::new(SimConfig { seed: 1, network }, vec![Courier; 2])
}

fn kinds(records: &[Record<Courier>]) -> Vec<(u64, String)> {
    records
        .iter()
        .map(|r| {
            (
                r.event,
                r.to_json(Labels::plain())["kind"]
                    .as_str()
                    .unwrap_or("?")
                    .to_owned(),
            )
        })
        .collect()
}

#[test]
fn checkers_see_every_record_of_their_own_event_and_what_is_in_flight() {
    let mut sim = couriers();
    sim.step();
    sim.step();
    sim.act(Action::Request(Target::Node(S1), 7));
    // Two events in one act: each is checked with its own records.
    sim.schedule(sim.now() + 1, Action::DropNext(S1, S2), false);
    sim.act(Action::Request(Target::Node(S1), 8));
    let expected: Vec<(u64, String)> = [
        (4, "drop-next"),
        (4, "warning"),
        (5, "send"),
        (5, "drop"),
        (5, "warning"),
        (5, "violation"),
    ]
    .iter()
    .map(|&(e, k)| (e, k.to_owned()))
    .collect();
    assert_eq!(kinds(sim.last_records()), expected);
    sim.run_until(ms(20), u64::MAX);
    sim.act(Action::Crash(Target::Node(S2)));
    sim.act(Action::Request(Target::Node(S1), 9));
    sim.run_until(ms(40), u64::MAX);

    let audits: Vec<(u64, Vec<NodeId>, &str)> = sim
        .warnings()
        .iter()
        .map(|(e, w)| (*e, w.nodes.clone(), w.note.0.as_str()))
        .collect();
    let none = Vec::new;
    assert_eq!(
        audits,
        vec![
            (
                1,
                vec![S1],
                "t=0 events [] records [] got [] in flight [] down []"
            ),
            (
                2,
                vec![S2],
                "t=0 events [] records [] got [] in flight [] down []"
            ),
            (
                3,
                vec![S1],
                "t=1 events [3] records [send] got [] in flight [0] down []"
            ),
            (
                4,
                none(),
                "t=2 events [4] records [drop-next] got [] in flight [0] down []"
            ),
            (
                5,
                vec![S1],
                "t=2 events [5] records [send drop] got [] in flight [0] down []"
            ),
            (
                6,
                vec![S2],
                "t=10001 events [6] records [deliver got] got [7] in flight [] down []"
            ),
            (
                7,
                vec![S2],
                "t=20001 events [7] records [crash] got [] in flight [] down [2]"
            ),
            (
                8,
                vec![S1],
                "t=20002 events [8] records [send] got [] in flight [2] down [2]"
            ),
            (
                9,
                vec![S2],
                "t=30002 events [9] records [drop] got [] in flight [] down [2]"
            ),
        ]
    );
    assert!(sim
        .warnings()
        .iter()
        .all(|(_, w)| w.severity == Severity::Warning && w.invariant == AUDIT));
    assert_eq!(
        sim.violations(),
        [
            (
                5,
                Finding::violation(ARRIVES, vec![S1, S2], "parcel #1 was dropped (user)")
            ),
            (
                9,
                Finding::violation(ARRIVES, vec![S1, S2], "parcel #2 was dropped (crashed)")
            ),
        ],
        "warnings never count as violations"
    );
}

#[test]
fn a_warning_is_a_trace_record_and_a_feed_line_of_its_own() {
    let mut sim = couriers();
    sim.step();
    let warning = sim
        .last_records()
        .iter()
        .find(|r| matches!(r.kind, RecordKind::Warning { .. }))
        .expect("the audit warns after every event");
    assert_eq!(
        warning.to_json(Labels::plain()).to_string(),
        r#"{"t_us":0,"kind":"warning","invariant":"Audit","nodes":[1],"text":"t=0 events [] records [] got [] in flight [] down []"}"#
    );
    assert_eq!(
        warning.kind.english(),
        "⚠ Audit: t=0 events [] records [] got [] in flight [] down []"
    );
    assert_eq!(warning.kind.nodes(), vec![S1]);
}
