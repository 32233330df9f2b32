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

impl Search {
    /// The budgets a screen offers first, and a lesson's explorer uses: a
    /// breadth-first search deep enough for Figure 8, then random walks
    /// for longer schedules. Together they take well under a second on two
    /// cores from the Figure 8 setup.
    pub fn interactive() -> Search {
        Search {
            walks: 200,
            walk_depth: 40,
            ..Search::default()
        }
    }
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
    /// The choices not taken at each step, in the explorer's order.
    pub alternatives: Vec<Vec<Choice>>,
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
    /// Random walks taken.
    pub walks: u32,
    pub found: Option<Counterexample>,
}

/// A child of a frontier state: the choice that led to it, the state
/// (dropped when it is known already, or will not be expanded), its
/// budgets and key.
struct Child<A: Actor> {
    choice: Choice,
    sim: Option<Sim<A>>,
    /// Neither seen before it was made nor beyond the cap.
    fresh: bool,
    left: Budgets,
    key: u64,
}

/// Frontier states expanded at once by breadth-first.
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
    next.forget_past();
    Some((next, left))
}

/// The invariant `sim` broke since it had `before` violations.
fn broken<A: Actor>(sim: &Sim<A>, before: usize) -> Option<Invariant> {
    sim.violations().get(before).map(|(_, v)| v.invariant)
}

fn key<A: Actor>(sim: &Sim<A>, left: Budgets, parts: &Parts<A>) -> u64 {
    let mut h = super::fingerprint::state_hasher();
    fingerprint::of(sim, parts).hash(&mut h);
    left.hash(&mut h);
    h.finish()
}

/// Walks taken at once. A slice or a batch is one unit of work: short
/// enough for a screen to stay responsive between units, large enough to
/// keep every core busy.
const WALK_BATCH: u32 = 64;

/// A search that can be done a unit at a time (see [`Explorer::advance`]),
/// so that a screen can show its progress and cancel it. Its answer does
/// not depend on how the units are spread over time.
pub struct Explorer<A: Actor> {
    search: Search,
    parts: Parts<A>,
    start: Sim<A>,
    /// Violations the start had already: only newer ones count.
    before: usize,
    visited: HashSet<u64>,
    /// The level being expanded, and the next slice's place in it.
    frontier: Vec<Node<A>>,
    at: usize,
    /// The states of the level below, as they are found.
    next: Vec<Node<A>>,
    walks_done: u32,
    outcome: Outcome,
    finished: bool,
}

/// A search of some family's states, its type forgotten: what a screen
/// holds while it searches.
pub trait Exploration {
    /// Does one unit of work; false once the search is over.
    fn advance(&mut self) -> bool;
    /// What the search did and found so far (all of it, once over).
    fn outcome(&self) -> &Outcome;
}

impl<A> Exploration for Explorer<A>
where
    A: Actor + Send + Sync,
    Sim<A>: Send + Sync,
{
    /// One unit of work is a slice of the breadth-first level, or a batch
    /// of walks.
    fn advance(&mut self) -> bool {
        if self.finished {
            return false;
        }
        let breadth_left = self.outcome.depth < self.search.depth && !self.frontier.is_empty();
        if breadth_left {
            self.expand_slice();
        } else if self.walks_done < self.search.walks {
            self.walk_batch();
        } else {
            self.finished = true;
        }
        if let Some(mut found) = self.outcome.found.take() {
            found.alternatives = self.alternatives_along(&found.steps);
            self.outcome.found = Some(found);
            self.finished = true;
        }
        !self.finished
    }

    fn outcome(&self) -> &Outcome {
        &self.outcome
    }
}

impl<A> Explorer<A>
where
    A: Actor + Send + Sync,
    Sim<A>: Send + Sync,
{
    pub fn new(start: &Sim<A>, search: &Search, parts: &Parts<A>) -> Explorer<A> {
        let mut visited = HashSet::new();
        visited.insert(key(start, search.budgets, parts));
        // Explanations are words for a reader; the search has none.
        let mut start = start.clone();
        start.set_explanations(false);
        start.forget_past();
        let before = start.violations().len();
        Explorer {
            search: *search,
            parts: *parts,
            before,
            visited,
            frontier: vec![Node {
                sim: start.clone(),
                path: Vec::new(),
                left: search.budgets,
            }],
            start,
            at: 0,
            next: Vec::new(),
            walks_done: 0,
            outcome: Outcome {
                states: 1,
                distinct: 1,
                ..Outcome::default()
            },
            finished: false,
        }
    }

    /// The choices not taken at each step of `steps`.
    fn alternatives_along(&self, steps: &[Choice]) -> Vec<Vec<Choice>> {
        let (mut sim, mut left) = (self.start.clone(), self.search.budgets);
        let mut alternatives = Vec::new();
        for choice in steps {
            let mut others = choices(&sim, left, self.parts.message);
            others.retain(|c| c != choice);
            alternatives.push(others);
            match step(&sim, choice, left) {
                Some(next) => (sim, left) = next,
                None => break,
            }
        }
        alternatives
    }

    /// Expands the next slice of the current level; at the level's end,
    /// the level below becomes the frontier.
    fn expand_slice(&mut self) {
        let end = (self.at + SLICE).min(self.frontier.len());
        let slice = &self.frontier[self.at..end];
        let full = self.visited.len() >= self.search.max_states;
        // Children of the last level are never expanded: only their keys
        // are kept, and their states are dropped where they were made.
        let last = self.outcome.depth + 1 >= self.search.depth;
        let (visited, parts, before) = (&self.visited, &self.parts, self.before);
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
                        let fresh = !full && !visited.contains(&key);
                        let keep = fresh && !last || broken(&sim, before).is_some();
                        Some(Child {
                            choice,
                            sim: keep.then_some(sim),
                            fresh,
                            left,
                            key,
                        })
                    })
                    .collect()
            })
            .collect();
        for (parent, kids) in slice.iter().zip(children) {
            for child in kids {
                self.outcome.states += 1;
                let broke = child.sim.as_ref().and_then(|sim| broken(sim, before));
                if let Some(invariant) = broke {
                    let mut steps = parent.path.clone();
                    steps.push(child.choice);
                    self.outcome.distinct = self.visited.len() as u64;
                    self.outcome.found = Some(Counterexample {
                        steps,
                        invariant,
                        walk: None,
                        alternatives: Vec::new(),
                    });
                    return;
                }
                if !child.fresh || self.visited.len() >= self.search.max_states {
                    self.outcome.capped |= (full || self.visited.len() >= self.search.max_states)
                        && !self.visited.contains(&child.key);
                    continue;
                }
                if self.visited.insert(child.key) {
                    if let Some(sim) = child.sim {
                        let mut path = parent.path.clone();
                        path.push(child.choice);
                        self.next.push(Node {
                            sim,
                            path,
                            left: child.left,
                        });
                    }
                }
            }
        }
        self.outcome.distinct = self.visited.len() as u64;
        self.at = end;
        if self.at == self.frontier.len() {
            self.outcome.depth += 1;
            self.frontier = std::mem::take(&mut self.next);
            self.at = 0;
        }
    }

    /// Takes the next batch of random walks; the lowest-numbered walk of
    /// the batch that broke an invariant is the counterexample.
    fn walk_batch(&mut self) {
        let first = self.walks_done;
        let last = (first + WALK_BATCH).min(self.search.walks);
        let results: Vec<(u64, Option<Counterexample>)> = (first..last)
            .into_par_iter()
            .map(|walk| self.walk(walk))
            .collect();
        self.walks_done = last;
        self.outcome.walks = last;
        self.outcome.states += results.iter().map(|r| r.0).sum::<u64>();
        self.outcome.found = results.into_iter().find_map(|r| r.1);
    }

    /// Walk number `walk`: the states it reached, and the schedule that
    /// broke an invariant, if one did.
    fn walk(&self, walk: u32) -> (u64, Option<Counterexample>) {
        let search = &self.search;
        let mut rng = SimRng::new(search.seed ^ (u64::from(walk) << 20) ^ 0xe7_0e);
        let mut sim = self.start.clone();
        let mut left = search.budgets;
        let mut steps = Vec::new();
        let mut states = 0;
        for _ in 0..search.walk_depth {
            let options = choices(&sim, left, self.parts.message);
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
            if let Some(invariant) = broken(&sim, self.before) {
                let found = Counterexample {
                    steps,
                    invariant,
                    walk: Some(walk),
                    alternatives: Vec::new(),
                };
                return (states, Some(found));
            }
        }
        (states, None)
    }
}
