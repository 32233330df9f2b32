//! The two searches. Breadth-first visits every schedule of the next
//! events to a depth, skipping states it has fingerprinted before, so the
//! first violation it meets ends a shortest schedule; random walks follow
//! many seeded schedules deeper than breadth-first can afford. Both spread
//! their work over every core and give the same answer whatever the
//! number of threads: each level (each walk) is computed in parallel and
//! read in a fixed order.

use std::collections::HashSet;
use std::hash::{Hash, Hasher};

use rayon::prelude::*;

use super::choice::{choices, Budgets, Choice};
use super::fingerprint::{self, Parts};
use crate::sim::{Actor, Invariant, Sim, SimRng};

/// What to search and how far.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Search {
    /// Steps from the start, breadth-first.
    pub depth: u32,
    pub budgets: Budgets,
    /// The most distinct states breadth-first keeps; reaching it is said.
    pub max_states: usize,
    /// Random walks after the breadth-first search (0: none), each of
    /// `walk_depth` steps, seeded from `seed`.
    pub walks: u32,
    pub walk_depth: u32,
    pub seed: u64,
}

impl Default for Search {
    fn default() -> Search {
        Search {
            depth: 6,
            budgets: Budgets::default(),
            max_states: 50_000,
            walks: 0,
            walk_depth: 30,
            seed: 1,
        }
    }
}

/// A schedule that breaks an invariant, from the start state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Counterexample {
    pub steps: Vec<Choice>,
    /// The invariant it breaks.
    pub invariant: Invariant,
    /// The walk that found it; `None` for the breadth-first search.
    pub walk: Option<u32>,
}

/// What a search did and found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    /// States reached, counting each time a state was reached again.
    pub states: u64,
    /// Distinct states breadth-first kept.
    pub distinct: u64,
    /// The deepest level breadth-first finished.
    pub depth: u32,
    /// Breadth-first stopped keeping new states at `max_states`.
    pub capped: bool,
    pub found: Option<Counterexample>,
}

/// A child of a frontier state: the choice that led to it, the state
/// (dropped when an earlier level kept it already), its budgets and key.
struct Child<A: Actor> {
    choice: Choice,
    sim: Option<Sim<A>>,
    left: Budgets,
    key: u64,
}

/// Frontier states expanded at once.
const SLICE: usize = 512;

struct Node<A: Actor> {
    sim: Sim<A>,
    path: Vec<Choice>,
    left: Budgets,
}

/// One step: the state after `choice`, or `None` when the budgets forbid
/// it.
fn step<A: Actor>(sim: &Sim<A>, choice: &Choice, left: Budgets) -> Option<(Sim<A>, Budgets)> {
    let left = choice.spend(left)?;
    let mut next = sim.clone();
    next.act(choice.action());
    Some((next, left))
}

/// The invariant `sim` broke since it had `before` violations.
fn broken<A: Actor>(sim: &Sim<A>, before: usize) -> Option<Invariant> {
    sim.violations().get(before).map(|(_, v)| v.invariant)
}

fn key<A: Actor>(sim: &Sim<A>, left: Budgets, parts: &Parts<A>) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    fingerprint::of(sim, parts).hash(&mut h);
    left.hash(&mut h);
    h.finish()
}

/// Searches from `start` as `search` says.
pub fn explore<A>(start: &Sim<A>, search: &Search, parts: &Parts<A>) -> Outcome
where
    A: Actor + Send + Sync,
    Sim<A>: Send + Sync,
{
    let mut outcome = breadth_first(start, search, parts);
    if outcome.found.is_none() && search.walks > 0 {
        let (states, found) = walks(start, search, parts);
        outcome.states += states;
        outcome.found = found;
    }
    outcome
}

fn breadth_first<A>(start: &Sim<A>, search: &Search, parts: &Parts<A>) -> Outcome
where
    A: Actor + Send + Sync,
    Sim<A>: Send + Sync,
{
    let before = start.violations().len();
    let mut visited: HashSet<u64> = HashSet::new();
    visited.insert(key(start, search.budgets, parts));
    let mut frontier = vec![Node {
        sim: start.clone(),
        path: Vec::new(),
        left: search.budgets,
    }];
    let mut outcome = Outcome {
        states: 1,
        ..Outcome::default()
    };
    for depth in 1..=search.depth {
        let mut next = Vec::new();
        // A level is expanded a slice of the frontier at a time, so that
        // only one slice's children are alive at once.
        for slice in frontier.chunks(SLICE) {
            let full = visited.len() >= search.max_states;
            // A child whose state is known already, or that the cap forbids
            // keeping, is counted but not kept: only its key survives the
            // parallel part.
            let children: Vec<Vec<Child<A>>> = slice
                .par_iter()
                .map(|node| {
                    choices(&node.sim, node.left, parts.message)
                        .into_iter()
                        .filter_map(|choice| {
                            let (sim, left) = step(&node.sim, &choice, node.left)?;
                            let key = key(&sim, left, parts);
                            let keep =
                                !full && !visited.contains(&key) || broken(&sim, before).is_some();
                            Some(Child {
                                choice,
                                sim: keep.then_some(sim),
                                left,
                                key,
                            })
                        })
                        .collect()
                })
                .collect();
            for (parent, kids) in slice.iter().zip(children) {
                for child in kids {
                    outcome.states += 1;
                    let Some(sim) = child.sim else {
                        outcome.capped |= full && !visited.contains(&child.key);
                        continue;
                    };
                    let mut path = parent.path.clone();
                    path.push(child.choice);
                    if let Some(invariant) = broken(&sim, before) {
                        outcome.distinct = visited.len() as u64;
                        outcome.found = Some(Counterexample {
                            steps: path,
                            invariant,
                            walk: None,
                        });
                        return outcome;
                    }
                    if visited.len() >= search.max_states {
                        outcome.capped |= !visited.contains(&child.key);
                        continue;
                    }
                    if visited.insert(child.key) {
                        next.push(Node {
                            sim,
                            path,
                            left: child.left,
                        });
                    }
                }
            }
        }
        outcome.depth = depth;
        if next.is_empty() {
            break;
        }
        frontier = next;
    }
    outcome.distinct = visited.len() as u64;
    outcome
}

/// Random walks; the states they reached, and the violation of the
/// lowest-numbered walk that found one.
fn walks<A>(start: &Sim<A>, search: &Search, parts: &Parts<A>) -> (u64, Option<Counterexample>)
where
    A: Actor + Send + Sync,
    Sim<A>: Send + Sync,
{
    let before = start.violations().len();
    let results: Vec<(u64, Option<Counterexample>)> = (0..search.walks)
        .into_par_iter()
        .map(|walk| {
            let mut rng = SimRng::new(search.seed ^ (u64::from(walk) << 20) ^ 0xe7_0e);
            let mut sim = start.clone();
            let mut left = search.budgets;
            let mut steps = Vec::new();
            let mut states = 0;
            for _ in 0..search.walk_depth {
                let options = choices(&sim, left, parts.message);
                if options.is_empty() {
                    break;
                }
                let pick = &options[rng.range(0, options.len() as u64 - 1) as usize];
                let Some((next, next_left)) = step(&sim, pick, left) else {
                    break;
                };
                states += 1;
                steps.push(pick.clone());
                (sim, left) = (next, next_left);
                if let Some(invariant) = broken(&sim, before) {
                    let found = Counterexample {
                        steps,
                        invariant,
                        walk: Some(walk),
                    };
                    return (states, Some(found));
                }
            }
            (states, None)
        })
        .collect();
    let states = results.iter().map(|r| r.0).sum();
    (states, results.into_iter().find_map(|r| r.1))
}
