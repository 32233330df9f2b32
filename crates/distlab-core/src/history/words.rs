//! Operations, explanations and verdicts in words, each sentence with its
//! languages side by side.

use super::check::{Unknown, Verdict};
use super::explain::Explanation;
use super::model::cas_pair;
use super::{Client, Func, Moment, Op, Outcome};
use crate::units::Lang;
use crate::{say, text};

impl Explanation {
    /// Why no order fits, as a sentence in `lang`: a stale read names the
    /// read and the write it should have seen; anything else lists the
    /// operations.
    pub fn describe(&self, lang: Lang) -> String {
        let ops = self.operations();
        if let Some((read, write)) = stale_read(ops) {
            return say!(lang,
                en: "{reader} read {seen} at {began}, but {writer}'s write {written} had completed at {done}, before that read began",
                zh: "{reader} 在 {began} 读到 {seen}，但 {writer} 写入 {written} 早在 {done} 就已完成，先于这次读开始",
                reader = client(lang, &read.client),
                seen = what(read),
                began = moment(lang, read.invoked),
                writer = client(lang, &write.client),
                written = what(write),
                done = write.completed.map_or_else(String::new, |at| moment(lang, at)));
        }
        if let [read] = ops {
            if read.func == Func::Read {
                return say!(lang,
                    en: "{reader} read {seen} at {began}, a value no operation could have given it then",
                    zh: "{reader} 在 {began} 读到 {seen}，此时没有任何操作能给出这个值",
                    reader = client(lang, &read.client),
                    seen = what(read),
                    began = moment(lang, read.invoked));
            }
        }
        if let [op] = ops {
            return say!(lang,
                en: "no order fits this operation: {op}",
                zh: "这个操作排不进任何顺序：{op}",
                op = operation(lang, op));
        }
        let list: Vec<String> = ops.iter().map(|op| operation(lang, op)).collect();
        say!(lang,
            en: "no order fits these {count} operations: {list}",
            zh: "这 {count} 个操作无法排成一个顺序：{list}",
            count = ops.len(),
            list = list.join(text!(lang, en: "; ", zh: "；")))
    }
}

impl Verdict {
    /// The verdict as `distlab history check` prints it after the file's
    /// name.
    pub fn describe(&self, lang: Lang) -> String {
        match self {
            Verdict::Linearizable { .. } => {
                text!(lang, en: "linearizable", zh: "可线性化").to_owned()
            }
            Verdict::NotLinearizable(why) => say!(lang,
                en: "not linearizable — {why}",
                zh: "不可线性化 — {why}",
                why = why.describe(lang)),
            Verdict::Unknown { key, why } => {
                let key = key.as_deref().map_or_else(
                    String::new,
                    |k| say!(lang, en: " on key {k}", zh: "（键 {k}）"),
                );
                match why {
                    Unknown::Steps(steps) => say!(lang,
                        en: "unknown — the search tried {steps} configurations{key} without an answer",
                        zh: "未知 — 搜索尝试了 {steps} 种配置{key}，仍没有答案"),
                    Unknown::Time => say!(lang,
                        en: "unknown — the search ran out of time{key}",
                        zh: "未知 — 搜索超时{key}"),
                }
            }
        }
    }
}

/// A read, and a write that completed before the read began yet was not
/// what it saw (the latest such write, on the same key).
fn stale_read(ops: &[Op]) -> Option<(&Op, &Op)> {
    ops.iter()
        .filter(|op| op.func == Func::Read && op.outcome == Outcome::Ok)
        .find_map(|read| {
            ops.iter()
                .filter(|w| w.func == Func::Write && w.outcome == Outcome::Ok)
                .filter(|w| w.key == read.key && w.value != read.value)
                .filter(|w| w.completed.is_some_and(|at| at.index < read.invoked.index))
                .max_by_key(|w| w.completed.map(|at| at.index))
                .map(|write| (read, write))
        })
}

/// One operation, with when it ran.
pub(super) fn operation(lang: Lang, op: &Op) -> String {
    let who = client(lang, &op.client);
    let began = moment(lang, op.invoked);
    let action = match op.func {
        Func::Read => say!(lang, en: "read {seen}", zh: "读到 {seen}", seen = what(op)),
        Func::Write => say!(lang, en: "wrote {written}", zh: "写入 {written}", written = what(op)),
        Func::Append => match &op.key {
            Some(key) => say!(lang,
                en: "appended {value} to {key}",
                zh: "向 {key} 追加 {value}",
                value = op.value),
            None => say!(lang, en: "appended {value}", zh: "追加 {value}", value = op.value),
        },
        Func::Cas => {
            let (from, to) = cas_pair(&op.value).map_or_else(
                || (op.value.to_string(), String::new()),
                |(f, t)| (f.to_string(), t.to_string()),
            );
            let key = op
                .key
                .as_deref()
                .map_or_else(String::new, |k| format!("{k} "));
            say!(lang,
                en: "compare-and-set {key}{from} → {to}",
                zh: "比较并设置 {key}{from} → {to}")
        }
    };
    let how = match (op.outcome, op.func) {
        (Outcome::Fail, Func::Cas) => text!(lang,
            en: " (failed: it saw another value)",
            zh: "（失败：它看到的是别的值）"),
        (Outcome::Fail, _) => text!(lang, en: " (failed)", zh: "（失败）"),
        (Outcome::Info, _) => text!(lang,
            en: " (no answer: it may have taken effect)",
            zh: "（没有回音：可能已生效）"),
        (Outcome::Ok, _) => "",
    };
    match op.completed.filter(|_| op.outcome != Outcome::Info) {
        Some(done) => say!(lang,
            en: "{who} {action}{how} ({began} – {done})",
            zh: "{who} {action}{how}（{began} – {done}）",
            done = moment(lang, done)),
        None => say!(lang,
            en: "{who} {action}{how} (from {began})",
            zh: "{who} {action}{how}（自 {began} 起）"),
    }
}

/// What an operation read or wrote: `x = 1`, or `1` for a register.
fn what(op: &Op) -> String {
    match &op.key {
        Some(key) => format!("{key} = {}", op.value),
        None => op.value.to_string(),
    }
}

pub(super) fn client(lang: Lang, client: &Client) -> String {
    match client {
        Client::Process(n) => say!(lang, en: "process {n}", zh: "进程 {n}"),
        Client::Named(name) => name.clone(),
    }
}

/// When an event happened: its time, or its place in the history.
fn moment(lang: Lang, at: Moment) -> String {
    match at.time_us {
        Some(us) => seconds(lang, us),
        None => say!(lang, en: "event {n}", zh: "第 {n} 个事件", n = at.index + 1),
    }
}

/// A history's time, `2.31 s`: as explanations and the history view's
/// axis both write it.
pub fn seconds(lang: Lang, us: u64) -> String {
    say!(lang,
        en: "{seconds:.2} s",
        zh: "{seconds:.2} 秒",
        seconds = us as f64 / 1e6)
}
