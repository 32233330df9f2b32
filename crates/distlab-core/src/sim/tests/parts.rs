//! A cluster of different parts, shaped like a lock family: one server and
//! numbered clients, aimed at by the roles the family names and called by
//! the labels it chooses.

use serde::Serialize;

use super::Silence;
use crate::sim::*;
use crate::units::Lang;

const CRASHED_HOLDER: Invariant = Invariant {
    en: "Crashed Holder",
    zh: "持有者已崩溃",
};

#[derive(Clone, Debug, PartialEq)]
enum Member {
    Server,
    Client { n: u8, holds: bool },
}

/// The members this family names by what they are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
enum Part {
    Server,
    Client(u8),
    /// The running client that holds the lock.
    Holder,
    /// A role a buggy family resolves outside the cluster.
    Ghost,
}

impl Describe for Part {
    fn describe(&self, lang: Lang, _: &Labels) -> String {
        match (self, lang) {
            (Part::Server, Lang::En) => "the server".to_owned(),
            (Part::Server, Lang::Zh) => "服务器".to_owned(),
            (Part::Client(n), Lang::En) => format!("client {n}"),
            (Part::Client(n), Lang::Zh) => format!("客户端 {n}"),
            (Part::Holder, Lang::En) => "the holder".to_owned(),
            (Part::Holder, Lang::Zh) => "持有者".to_owned(),
            (Part::Ghost, Lang::En) => "the ghost".to_owned(),
            (Part::Ghost, Lang::Zh) => "幽灵".to_owned(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
enum NoTimer {}

#[derive(Clone, Debug, PartialEq)]
struct Grab;

super::debug_words!(NoTimer);

impl Describe for Grab {
    fn describe(&self, lang: Lang, _: &Labels) -> String {
        match lang {
            Lang::En => "a grab".to_owned(),
            Lang::Zh => "抢锁请求".to_owned(),
        }
    }
}

#[derive(Clone, Debug, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
enum Lock {
    Grabbed { node: NodeId },
}

impl Describe for Lock {
    fn describe(&self, _: Lang, labels: &Labels) -> String {
        let Lock::Grabbed { node } = self;
        format!("{} grabs the lock", labels.get(*node))
    }
}

/// Why a toy node did what it did, named by the family's labels only
/// when someone reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Told {
    Granted { client: NodeId, server: NodeId },
    HolderCrashed { client: NodeId },
}

impl Describe for Told {
    fn describe(&self, _: Lang, labels: &Labels) -> String {
        match *self {
            Told::Granted { client, server } => format!(
                "{} asked {} for the lock and got it",
                labels.get(client),
                labels.get(server)
            ),
            Told::HolderCrashed { client } => {
                format!("{} crashed while holding the lock", labels.get(client))
            }
        }
    }
}

/// Warns when a client crashes while it holds the lock.
#[derive(Clone, Debug, Default)]
struct HolderWatch;

impl Checker<Member> for HolderWatch {
    fn check(&mut self, view: &CheckView<'_, Member>) -> Vec<FindingOf<Member>> {
        view.records
            .iter()
            .filter_map(|r| match r.kind {
                RecordKind::Crash { node }
                    if matches!(view.nodes[node.index()], Member::Client { holds: true, .. }) =>
                {
                    Some(Finding::warning(
                        CRASHED_HOLDER,
                        vec![node],
                        Told::HolderCrashed { client: node },
                    ))
                }
                _ => None,
            })
            .collect()
    }
}

impl Actor for Member {
    type Msg = Silence;
    type Timer = NoTimer;
    type Request = Grab;
    type Obs = Lock;
    type Note = Told;
    type Checker = HolderWatch;
    type Alias = Part;

    fn label(nodes: &[Self], id: NodeId) -> String {
        match nodes[id.index()] {
            Member::Server => "Server".to_owned(),
            Member::Client { n, .. } => format!("C{n}"),
        }
    }

    fn resolve_alias(nodes: &[Self], status: &[NodeStatus], role: Part) -> Option<NodeId> {
        let position = |f: &dyn Fn(usize, &Member) -> bool| {
            nodes
                .iter()
                .enumerate()
                .position(|(i, m)| f(i, m))
                .map(|i| NodeId(i as u8))
        };
        match role {
            Part::Server => position(&|_, m| *m == Member::Server),
            Part::Client(k) => position(&|_, m| matches!(m, Member::Client { n, .. } if *n == k)),
            Part::Holder => position(&|i, m| {
                matches!(m, Member::Client { holds: true, .. }) && status[i] != NodeStatus::Crashed
            }),
            Part::Ghost => Some(NodeId(200)),
        }
    }

    fn on_start(&mut self, _: &mut Ctx<Self>) {}

    fn on_message(&mut self, _: &mut Ctx<Self>, _: NodeId, msg: Silence) {
        match msg {}
    }

    fn on_timer(&mut self, _: &mut Ctx<Self>, timer: NoTimer) {
        match timer {}
    }

    fn on_request(&mut self, ctx: &mut Ctx<Self>, _: Grab) {
        if let Member::Client { holds, .. } = self {
            *holds = true;
            let node = ctx.me();
            ctx.observe(Lock::Grabbed { node });
            ctx.explain(Told::Granted {
                client: node,
                server: SERVER,
            });
        }
    }

    /// The lock is kept on disk: a crashed holder still holds it.
    fn on_crash(&mut self) {}

    fn on_restart(&mut self, _: &mut Ctx<Self>) {}
}

const SERVER: NodeId = NodeId(0);
const C1: NodeId = NodeId(1);
const C2: NodeId = NodeId(2);

fn parts() -> Sim<Member> {
    let members = vec![
        Member::Server,
        Member::Client { n: 1, holds: false },
        Member::Client { n: 2, holds: false },
    ];
    let mut sim = Sim::new(
        SimConfig {
            seed: 1,
            network: NetworkConfig::default(),
        },
        members,
    );
    sim.run_until(0, u64::MAX);
    sim
}

/// The skip records of the last act, as `(action, reason)` in English.
fn skips(sim: &Sim<Member>) -> Vec<(String, String)> {
    sim.last_records()
        .iter()
        .filter_map(|r| match &r.kind {
            RecordKind::Skip { action, reason } => Some((
                action.describe(Lang::En, sim.labels()),
                skip_reason(Lang::En, *reason, action, sim.labels()),
            )),
            _ => None,
        })
        .collect()
}

fn skip(action: &str, reason: &str) -> Vec<(String, String)> {
    vec![(action.to_owned(), reason.to_owned())]
}

#[test]
fn roles_resolve_when_the_action_applies() {
    let mut sim = parts();
    assert_eq!(sim.resolve(Target::Alias(Part::Server)), Some(SERVER));
    assert_eq!(sim.resolve(Target::Alias(Part::Client(2))), Some(C2));

    sim.act(Action::Request(Target::Alias(Part::Holder), Grab));
    assert_eq!(
        skips(&sim),
        skip("a grab to the holder", "no node is the holder right now")
    );

    sim.act(Action::Request(Target::Alias(Part::Client(2)), Grab));
    assert_eq!(sim.node(C2), &Member::Client { n: 2, holds: true });
    assert_eq!(sim.resolve(Target::Alias(Part::Holder)), Some(C2));

    sim.act(Action::Crash(Target::Alias(Part::Holder)));
    assert_eq!(sim.status(C2), NodeStatus::Crashed);
    assert!(skips(&sim).is_empty());
    assert_eq!(
        sim.warnings(),
        [(
            sim.events_processed(),
            Finding::warning(CRASHED_HOLDER, vec![C2], Told::HolderCrashed { client: C2 })
        )]
    );
    assert!(sim.violations().is_empty());

    // The holder is down now, so nobody is the holder.
    sim.act(Action::Crash(Target::Alias(Part::Holder)));
    assert_eq!(
        skips(&sim),
        skip("crash the holder", "no node is the holder right now")
    );
}

#[test]
fn a_role_that_names_nobody_in_the_cluster_is_skipped() {
    let mut sim = parts();
    sim.act(Action::Restart(Target::Alias(Part::Client(9))));
    assert_eq!(
        skips(&sim),
        skip("restart client 9", "no node is client 9 right now")
    );
    sim.act(Action::Isolate(Target::Alias(Part::Ghost)));
    assert_eq!(
        skips(&sim),
        skip("isolate the ghost", "no node is the ghost right now")
    );
    assert_eq!(sim.resolve(Target::Alias(Part::Ghost)), None);
}

#[test]
fn the_family_labels_its_nodes_in_every_text_the_engine_writes() {
    let mut sim = parts();
    assert_eq!(
        NodeId::all(3).map(|id| sim.label(id)).collect::<Vec<_>>(),
        ["Server", "C1", "C2"]
    );
    let labels = sim.labels().clone();
    assert_eq!(labels.get(C2), "C2");

    sim.act(Action::Crash(Target::Node(C2)));
    sim.act(Action::Crash(Target::Node(C2)));
    assert_eq!(skips(&sim), skip("crash C2", "C2 is already down"));
    sim.act(Action::Pause(Target::Node(C2), ms(100)));
    assert_eq!(skips(&sim), skip("pause C2 for 100ms", "C2 is down"));
    sim.act(Action::Timeout(Target::Node(C2)));
    assert_eq!(
        skips(&sim),
        skip("force a timeout on C2", "C2 is not running")
    );
    sim.act(Action::Restart(Target::Node(SERVER)));
    assert_eq!(skips(&sim), skip("restart Server", "Server is not down"));
    // A node that does not exist keeps its default label.
    sim.act(Action::Restart(Target::Node(NodeId(7))));
    assert_eq!(skips(&sim), skip("restart S8", "S8 does not exist"));

    sim.act(Action::DropNext(C1, SERVER));
    let note = &sim.last_records()[0].kind;
    assert_eq!(
        note.describe(Lang::En, &labels),
        "the next message C1 → Server will be dropped"
    );

    sim.act(Action::Partition(vec![vec![SERVER], vec![C1, C2]]));
    let partition = &sim.last_records()[0].kind;
    assert_eq!(
        partition.describe(Lang::En, &labels),
        "network partitioned: Server | C1,C2"
    );
    assert_eq!(
        partition.english(),
        "network partitioned: S1 | S2,S3",
        "without a run, the default labels"
    );
    assert_eq!(
        partition.describe(Lang::Zh, &labels),
        "网络分区：Server | C1,C2"
    );

    let cut: ClusterAction<Member> = Action::CutLink(C1, SERVER);
    assert_eq!(cut.describe(Lang::En, &labels), "cut the link C1→Server");
    assert_eq!(cut.english(), "cut the link S2→S1");
    assert_eq!(cut.describe(Lang::Zh, &labels), "切断链路 C1→Server");
    assert_eq!(Target::<Part>::Node(C1).describe(Lang::En, &labels), "C1");
    assert_eq!(
        Target::Alias(Part::Holder).describe(Lang::En, &labels),
        "the holder"
    );
    assert_eq!(
        Target::Alias(Part::Holder).describe(Lang::Zh, &labels),
        "持有者"
    );
}

#[test]
fn protocols_name_nodes_by_label_in_explanations_and_observations() {
    let mut sim = parts();
    sim.act(Action::Request(Target::Node(C1), Grab));
    let lines: Vec<String> = sim
        .last_records()
        .iter()
        .map(|r| r.kind.describe(Lang::En, sim.labels()))
        .collect();
    assert_eq!(
        lines,
        [
            "C1 grabs the lock",
            "C1 asked Server for the lock and got it"
        ]
    );
    assert_eq!(sim.last_records()[0].kind.english(), "S2 grabs the lock");
}
