//! The explorer's words on screen: its form, its progress, its result,
//! and the reason beside each step of a schedule it found.

use std::fmt::Display;

use super::Words;
use crate::app::explore_form::Field;
use crate::{say, text};

impl Words {
    /// A field of the explorer's form, by name.
    pub fn explore_field(&self, field: Field) -> &'static str {
        match field {
            Field::Depth => text!(self.lang, en: "depth", zh: "深度"),
            Field::Crashes => text!(self.lang, en: "crashes", zh: "崩溃"),
            Field::Drops => text!(self.lang, en: "drops", zh: "丢弃"),
            Field::Walks => text!(self.lang, en: "walks", zh: "随机游走"),
        }
    }

    /// The form: its fields, the chosen one marked, and the key that
    /// starts the search (Esc closes it, as it closes every prompt). Short
    /// enough for an 80-column status bar.
    pub fn explore_form(&self, fields: impl Display, start: impl Display) -> String {
        say!(self.lang,
            en: "explore · {fields} · ↑↓←→ set · {start} starts",
            zh: "探索 · {fields} · ↑↓←→ 设置 · {start} 开始")
    }

    /// The progress line while a search runs, the way to stop it first so
    /// that a narrow screen keeps it.
    pub fn exploring(
        &self,
        states: impl Display,
        distinct: impl Display,
        depth: impl Display,
        rate: impl Display,
        seconds: impl Display,
    ) -> String {
        say!(self.lang,
            en: "exploring (Esc cancels) · {states} states, {distinct} distinct · depth {depth} · {rate} states/s · {seconds} s",
            zh: "探索中（Esc 取消）· {states} 个状态，{distinct} 个不同 · 深度 {depth} · 每秒 {rate} 个状态 · {seconds} 秒")
    }

    pub fn say_explore_cancelled(&self, states: impl Display) -> String {
        say!(self.lang,
            en: "exploring cancelled after {states} states",
            zh: "探索已在 {states} 个状态后取消")
    }

    /// Keys other than cancelling wait while the explorer searches.
    pub fn say_explore_busy(&self) -> &'static str {
        text!(self.lang,
            en: "the explorer is searching: wait, or press Esc to cancel",
            zh: "探索器正在搜索：请稍候，或按 Esc 取消")
    }

    /// The family's safety depends on timing: it is not explored.
    pub fn say_explore_timed(&self, family: impl Display) -> String {
        say!(self.lang,
            en: "{family} cannot be explored here: its safety depends on timing (leases, TTLs, timeouts), so an order the explorer picked might be one no real network produces",
            zh: "{family} 在这里不能探索：它的安全性依赖时间（租约、TTL、超时），探索器挑出的顺序可能是真实网络永远不会产生的")
    }

    /// A schedule was found and loaded: the time it starts at, the keys
    /// that step through it and save it (first, so that a narrow status
    /// bar keeps them), and the result.
    pub fn say_explore_found(
        &self,
        result: impl Display,
        time: impl Display,
        next: impl Display,
        save: impl Display,
    ) -> String {
        say!(self.lang,
            en: "schedule loaded at {time} ({next} steps, {save} saves): {result}",
            zh: "调度已在 {time} 处载入（按 {next} 单步，按 {save} 保存）：{result}")
    }

    /// The schedule found did not break the same invariant when played
    /// on screen.
    pub fn say_explore_replay_failed(&self, found: impl Display) -> String {
        say!(self.lang,
            en: "the schedule found breaks {found} in the search but not when played here, so it was not loaded: please report this",
            zh: "搜索中找到的调度会破坏 {found}，但在这里播放时没有，因此没有载入：请报告这个问题")
    }

    /// Beside a step of a schedule the explorer found: its place, what it
    /// does, the first of the other next steps it was taken ahead of, and
    /// how many more there were.
    pub fn explore_step(
        &self,
        n: impl Display,
        total: impl Display,
        what: impl Display,
        ahead_of: impl Display,
        more: impl Display,
    ) -> String {
        say!(self.lang,
            en: "explorer's step {n} of {total}: {what}, ahead of \"{ahead_of}\" and {more} other possible next steps",
            zh: "探索器的第 {n}/{total} 步：{what}，排在“{ahead_of}”和另外 {more} 个可能的下一步之前")
    }

    /// Beside a step of a schedule the explorer found, when one other
    /// next step was possible.
    pub fn explore_step_ahead(
        &self,
        n: impl Display,
        total: impl Display,
        what: impl Display,
        ahead_of: impl Display,
    ) -> String {
        say!(self.lang,
            en: "explorer's step {n} of {total}: {what}, ahead of \"{ahead_of}\", the one other possible next step",
            zh: "探索器的第 {n}/{total} 步：{what}，排在另一个唯一可能的下一步“{ahead_of}”之前")
    }

    /// Beside a step of a schedule the explorer found, when nothing else
    /// could happen next.
    pub fn explore_step_only(
        &self,
        n: impl Display,
        total: impl Display,
        what: impl Display,
    ) -> String {
        say!(self.lang,
            en: "explorer's step {n} of {total}: {what}, the only possible next step",
            zh: "探索器的第 {n}/{total} 步：{what}，这是唯一可能的下一步")
    }
}
