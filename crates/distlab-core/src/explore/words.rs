//! A schedule in words, each step described in the state it was taken
//! in, so that a delivery names the message and not only its number.

use super::choice::Choice;
use super::search::Outcome;
use crate::say;
use crate::sim::{Actor, Describe, Message, Sim};
use crate::units::Lang;

/// Each step of `steps`, taken from `start`, in `lang`.
pub fn describe_steps<A: Actor>(start: &Sim<A>, steps: &[Choice], lang: Lang) -> Vec<String> {
    let mut sim = start.clone();
    let mut out = Vec::new();
    for step in steps {
        out.push(describe_choice(&sim, step, lang));
        sim.act(step.action());
    }
    out
}

/// One choice as it would be taken in `sim`: a delivery names the message,
/// a timer what its firing means.
pub fn describe_choice<A: Actor>(sim: &Sim<A>, choice: &Choice, lang: Lang) -> String {
    let labels = sim.labels();
    let plain = || {
        choice
            .action::<A::Request, A::Alias>()
            .describe(lang, labels)
    };
    match choice {
        Choice::Deliver(id) => match sim.message(*id) {
            Some(m) => say!(lang,
                en: "deliver {msg} from {from} to {to} (#{id})",
                zh: "把 {from} 发给 {to} 的 {msg} 送达（#{id}）",
                msg = m.payload.summary(), from = labels.get(m.from),
                to = labels.get(m.to), id = id.0),
            None => plain(),
        },
        Choice::Drop(id) => match sim.message(*id) {
            Some(m) => say!(lang,
                en: "drop {msg} from {from} to {to} (#{id})",
                zh: "丢弃 {from} 发给 {to} 的 {msg}（#{id}）",
                msg = m.payload.summary(), from = labels.get(m.from),
                to = labels.get(m.to), id = id.0),
            None => plain(),
        },
        Choice::Fire(node, name) => {
            let pending = sim
                .timers(*node)
                .into_iter()
                .find(|p| crate::sim::timer_name(&p.timer) == *name);
            match pending {
                Some(p) => say!(lang,
                    en: "at {node}, now: {what}",
                    zh: "在 {node}，立即：{what}",
                    node = labels.get(*node), what = p.timer.describe(lang, labels)),
                None => plain(),
            }
        }
        _ => plain(),
    }
}

/// What a search did, in one line: states, distinct states, depth, and
/// whether the cap stopped it keeping states.
pub fn describe_search(outcome: &Outcome, lang: Lang) -> String {
    let (states, distinct, depth) = (outcome.states, outcome.distinct, outcome.depth);
    let line = say!(lang,
        en: "{states} states, {distinct} distinct, to depth {depth}",
        zh: "{states} 个状态，其中 {distinct} 个不同，深度 {depth}");
    if outcome.capped {
        line + &say!(lang,
            en: " (the cap of {distinct} distinct states was reached: deeper states went unsearched)",
            zh: "（达到 {distinct} 个不同状态的上限：更深的状态未被搜索）")
    } else {
        line
    }
}

/// The result: no violation, or the invariant a schedule of `steps`
/// steps broke.
pub fn describe_result(outcome: &Outcome, lang: Lang) -> String {
    match &outcome.found {
        None if outcome.walks > 0 => {
            let (states, depth, walks) = (outcome.states, outcome.depth, outcome.walks);
            say!(lang,
                en: "no violation in {states} states to depth {depth}, nor in {walks} random walks",
                zh: "在深度 {depth} 以内的 {states} 个状态中没有违反，{walks} 次随机游走中也没有")
        }
        None => {
            let (states, depth) = (outcome.states, outcome.depth);
            say!(lang,
                en: "no violation in {states} states to depth {depth}",
                zh: "在深度 {depth} 以内的 {states} 个状态中没有违反")
        }
        Some(found) => {
            let (invariant, steps) = (found.invariant.name(lang), found.steps.len());
            match found.walk {
                None => say!(lang,
                    en: "violation: {invariant}, in {steps} steps (a shortest schedule)",
                    zh: "违反：{invariant}，共 {steps} 步（最短的调度）"),
                Some(walk) => say!(lang,
                    en: "violation: {invariant}, in {steps} steps (random walk {walk})",
                    zh: "违反：{invariant}，共 {steps} 步（第 {walk} 次随机游走）"),
            }
        }
    }
}

/// How fast a search went, after its states.
pub fn describe_speed(per_second: f64, seconds: f64, lang: Lang) -> String {
    let (rate, seconds) = (format!("{per_second:.0}"), format!("{seconds:.2}"));
    say!(lang,
        en: "{rate} states/s · {seconds} s",
        zh: "每秒 {rate} 个状态 · {seconds} 秒")
}
