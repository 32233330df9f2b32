//! Liveness once faults are healed, over random fault schedules.
//!
//! - Single-decree, one proposer: a value is chosen within a bounded time
//!   of the heal.
//! - Multi-Paxos, one to three proposers: a client that sends a command,
//!   waits for its answer and sends the next gets every one answered
//!   within a bounded time; every command answered at any time (during the
//!   faults too) is chosen in the order the answers came, runs on every
//!   node, and runs once; the slots run form one sequence on every node.
//!
//! A command is answered when the node it was sent to runs it. A failure
//! prints its seed; `DISTLAB_SEED=<seed> cargo test --test long_runs
//! paxos_liveness` runs that one schedule again.

use crate::support::paxos::servers;
use crate::support::schedule;

use std::collections::BTreeMap;

use crate::support::paxos::faults::{
    fault_schedule, Shape, FAULTS_END_MS, LONGEST_PAUSE_MS, RUN_END_MS,
};
use distlab::protocols::paxos::{Mode, Paxos, PaxosMember, PaxosObs, PaxosRequest, Submit};
use distlab::protocols::TargetSpec;
use distlab::scenario::{ActionSpec, Scenario};
use distlab::sim::{
    ms, Action, Describe, NodeId, Record, RecordKind, SimTime, StepOutcome, Target,
};

/// When everything runs again after the heal: pauses are over.
const SETTLED_MS: u64 = FAULTS_END_MS + LONGEST_PAUSE_MS;
/// The longest a value may take to be chosen once the cluster settled, or
/// a command to be answered: an election, both phases and the back-offs
/// between a few tries, with every link at most 30 ms.
const BOUND_MS: u64 = 1_000;

fn single(seed: u64) -> Scenario<Paxos> {
    let shape = Shape {
        mode: Some(Mode::Single),
        max_proposers: 1,
    };
    fault_schedule(seed, &shape)
}

fn multi(seed: u64) -> Scenario<Paxos> {
    let shape = Shape {
        mode: Some(Mode::Multi),
        max_proposers: 3,
    };
    fault_schedule(seed, &shape)
}

/// The one proposer, restarted at the heal, proposes again once the
/// cluster settled; some learner must know the chosen value in time.
fn single_decree_chooses_in_bounded_time(seed: u64) -> Result<SimTime, String> {
    let scenario = single(seed);
    let mut sim = scenario.build();
    sim.set_explanations(false);
    let propose = Action::Request(Target::Node(NodeId(0)), Submit::Propose("after".into()));
    sim.schedule(ms(SETTLED_MS), propose, false);
    let deadline = ms(SETTLED_MS + BOUND_MS);
    while sim.step_until(deadline) == StepOutcome::Stepped {
        if servers(&sim).any(|n| n.chosen.contains_key(&0)) && sim.now() >= ms(SETTLED_MS) {
            return Ok(sim.now() - ms(SETTLED_MS));
        }
    }
    if let Some((event, v)) = sim.violations().first() {
        return Err(format!("event {event}: {}", v.note.english()));
    }
    let chosen = servers(&sim).any(|n| n.chosen.contains_key(&0));
    match chosen {
        true => Ok(0),
        false => Err(format!("nothing chosen {BOUND_MS} ms after the heal")),
    }
}

#[test]
fn with_one_proposer_and_faults_healed_a_value_is_chosen_in_bounded_time() {
    let slowest = std::sync::Mutex::new(0);
    schedule::check_schedules(
        0,
        1_000,
        |seed| match single_decree_chooses_in_bounded_time(seed) {
            Ok(took) => {
                let mut slowest = slowest.lock().expect("not poisoned");
                *slowest = (*slowest).max(took);
            }
            Err(problem) => panic!(
                "schedule with seed {seed} failed: {problem}\n{}",
                single(seed).to_ron()
            ),
        },
    );
    let slowest = *slowest.lock().expect("not poisoned");
    eprintln!("slowest choice after the heal: {} ms", slowest / 1_000);
}

/// What a run of the sequential client saw.
#[derive(Default)]
struct Seen {
    /// Each command's value: when it was sent, and to which node.
    sent: BTreeMap<String, (SimTime, NodeId)>,
    /// Each command's value: when it was answered, and its slot.
    answered: BTreeMap<String, (SimTime, u64)>,
    /// Per node, the slots it ran and their values, in the order run.
    ran: BTreeMap<NodeId, Vec<(u64, String)>>,
}

impl Seen {
    /// Takes note of the commands run in `records`; whether the last one
    /// sent (`next - 1`) was answered.
    fn absorb(&mut self, records: &[Record<PaxosMember>], next: usize) -> bool {
        let mut answered_last = false;
        for r in records {
            let RecordKind::Proto(PaxosObs::Execute {
                node, slot, value, ..
            }) = &r.kind
            else {
                continue;
            };
            self.ran
                .entry(*node)
                .or_default()
                .push((*slot, value.to_string()));
            if self.sent.get(&**value).map(|(_, to)| *to) == Some(*node) {
                self.answered.insert(value.to_string(), (r.t_us, *slot));
                answered_last |= next > 0 && **value == *format!("k{}", next - 1);
            }
        }
        answered_last
    }
}

/// Faults with random proposals, then a client at S1 that sends `k0`,
/// waits for the answer, sends `k1`, and so on.
fn sequential_client(seed: u64) -> Result<Seen, String> {
    let scenario = multi(seed);
    let mut sim = scenario.build();
    sim.set_explanations(false);
    let mut seen = Seen::default();
    for n in 0..scenario.cluster.0.nodes {
        seen.ran.insert(NodeId(n as u8), Vec::new());
    }
    for timed in &scenario.actions {
        if let ActionSpec::Request(PaxosRequest::Propose(TargetSpec::Node(n), value)) =
            &timed.action
        {
            seen.sent
                .insert(value.clone(), (timed.at(), NodeId(n.0 as u8 - 1)));
        }
    }
    let client = NodeId(0);
    let mut next = 0;
    while sim.step_until(ms(RUN_END_MS)) == StepOutcome::Stepped {
        // Sending acts at once, and acting first runs whatever is due: its
        // records are looked at in turn.
        let mut answered_last = seen.absorb(sim.last_records(), next);
        while (next == 0 && sim.now() >= ms(SETTLED_MS)) || (answered_last && next < 20) {
            let value = format!("k{next}");
            seen.sent.insert(value.clone(), (sim.now(), client));
            sim.act(Action::Request(
                Target::Node(client),
                Submit::Propose(value.as_str().into()),
            ));
            next += 1;
            answered_last = seen.absorb(sim.last_records(), next);
        }
    }
    if let Some((event, v)) = sim.violations().first() {
        return Err(format!(
            "event {event}: {}: {}",
            v.invariant.en,
            v.note.english()
        ));
    }
    check_sequential(&seen).map(|()| seen)
}

/// Every command the client sent after the heal was answered in time;
/// answers came in slot order; every answered command ran on every node,
/// once; every node ran one sequence of slots.
fn check_sequential(seen: &Seen) -> Result<(), String> {
    for k in 0..20 {
        let value = format!("k{k}");
        let (sent, _) = seen
            .sent
            .get(&value)
            .ok_or(format!("{value} was never sent"))?;
        let (answered, _) = seen
            .answered
            .get(&value)
            .ok_or(format!("{value} was never answered"))?;
        if answered - sent > ms(BOUND_MS) {
            return Err(format!(
                "{value} took {} ms to be answered",
                (answered - sent) / 1_000
            ));
        }
    }
    for (a, (answered_a, slot_a)) in &seen.answered {
        for (b, (_, slot_b)) in &seen.answered {
            let (sent_b, _) = seen.sent[b];
            if sent_b > *answered_a && slot_b <= slot_a {
                return Err(format!(
                    "{b} was sent after {a} was answered, but runs in slot {slot_b}, not after {slot_a}"
                ));
            }
        }
    }
    let longest = seen
        .ran
        .values()
        .max_by_key(|r| r.len())
        .cloned()
        .unwrap_or_default();
    for (node, ran) in &seen.ran {
        if !longest.starts_with(ran) {
            return Err(format!("{node} ran {ran:?}, not a prefix of {longest:?}"));
        }
        let mut values: Vec<&String> = ran.iter().map(|(_, v)| v).collect();
        values.sort();
        if values.windows(2).any(|w| w[0] == w[1]) {
            return Err(format!("{node} ran a command twice: {ran:?}"));
        }
    }
    for value in seen.answered.keys() {
        for (node, ran) in &seen.ran {
            if !ran.iter().any(|(_, v)| v == value) {
                return Err(format!("{node} never ran {value}, which was answered"));
            }
        }
    }
    Ok(())
}

#[test]
fn in_multi_paxos_every_answered_command_is_chosen_in_order_and_runs_everywhere_once() {
    schedule::check_schedules(0, 500, |seed| {
        if let Err(problem) = sequential_client(seed) {
            panic!(
                "schedule with seed {seed} failed: {problem}\n{}",
                multi(seed).to_ron()
            );
        }
    });
}
