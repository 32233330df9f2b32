//! Paxos's panels in each language. Ballots (`2.S1`), slots and values
//! read the same in both.

use std::fmt::Display;

use crate::units::Lang;
use crate::{say, text};

pub struct PaxosWords {
    pub ballot: &'static str,
    pub promised: &'static str,
    pub accepted: &'static str,
    pub learned: &'static str,
    pub nothing: &'static str,
    pub nothing_yet: &'static str,
    pub slots: &'static str,
    pub slots_legend: &'static str,
    pub slot: &'static str,
    pub legend_line: &'static str,
    pub request: &'static str,
    /// The roles' names, as [`crate::protocols::Mark`] gives them,
    /// beside their names on screen.
    pub roles: [(&'static str, &'static str); 6],
    pub legend: [(&'static str, &'static str); 10],
}

/// Built while compiling, so that the [`crate::ui::Glossary`] can lend
/// the legend and roles for as long as the program runs.
const fn build(lang: Lang) -> PaxosWords {
    PaxosWords {
        ballot: text!(lang, en: "ballot", zh: "提案编号"),
        promised: text!(lang, en: "promised", zh: "已承诺"),
        accepted: text!(lang, en: "accepted", zh: "已接受"),
        learned: text!(lang, en: "learned", zh: "已得知"),
        nothing: text!(lang, en: "nothing", zh: "无"),
        nothing_yet: text!(lang, en: "nothing yet", zh: "尚无"),
        slots: text!(lang, en: "slots", zh: "槽"),
        slots_legend: text!(lang,
            en: "x@2.S1 accepted in 2.S1 · ✓ chosen · ≡ repeat · ∅ no-op",
            zh: "x@2.S1 以 2.S1 接受 · ✓ 已选定 · ≡ 重复 · ∅ 空操作"),
        slot: text!(lang, en: "slot", zh: "槽"),
        legend_line: text!(lang,
            en: "◆ prepare  ✓ promise  ✗ nack  ■ accept  ● accepted  ♥ heartbeat  ? catch-up  ╳ drop",
            zh: "◆ 准备  ✓ 承诺  ✗ 拒绝  ■ 接受  ● 已接受  ♥ 心跳  ? 补课  ╳ 丢弃"),
        request: text!(lang,
            en: "propose from selected node (once a value is chosen: a new decision, next slot)",
            zh: "在选中节点提议（值已选定后：在下一个槽开始新的决定）"),
        roles: [
            ("acceptor", text!(lang, en: "acceptor", zh: "接受者")),
            ("proposer", text!(lang, en: "proposer", zh: "提议者")),
            ("phase 1", text!(lang, en: "phase 1", zh: "第一阶段")),
            ("phase 2", text!(lang, en: "phase 2", zh: "第二阶段")),
            ("leader", text!(lang, en: "leader", zh: "领导者")),
            ("client", text!(lang, en: "client", zh: "客户端")),
        ],
        legend: [
            (
                "A P L",
                text!(lang, en: "acceptor, proposer, leader", zh: "接受者、提议者、领导者"),
            ),
            (
                "1 2 ✕",
                text!(lang, en: "phase 1 / phase 2, crashed", zh: "第一 / 第二阶段，已崩溃"),
            ),
            (
                "◆ ✓ ✗",
                text!(lang, en: "prepare / promise / nack", zh: "准备 / 承诺 / 拒绝"),
            ),
            (
                "■ ●",
                text!(lang, en: "accept / accepted", zh: "接受 / 已接受"),
            ),
            (
                "♥ ▸",
                text!(lang, en: "heartbeat / forwarded", zh: "心跳 / 转交的命令"),
            ),
            (
                "? ✦",
                text!(lang, en: "catch-up ask / answer", zh: "补课请求 / 回答"),
            ),
            (
                "x@2.S1",
                text!(lang, en: "accepted in ballot 2.S1", zh: "以提案编号 2.S1 被接受"),
            ),
            (
                "✓ ≡ ∅",
                text!(lang, en: "chosen, repeat, no-op", zh: "已选定、重复、空操作"),
            ),
            (
                "C1 R W ·",
                text!(lang,
                    en: "client reading / writing / idle",
                    zh: "客户端：读 / 写 / 空闲"),
            ),
            (
                "» «",
                text!(lang, en: "client request / answer", zh: "客户端请求 / 回答"),
            ),
        ],
    }
}

static EN: PaxosWords = build(Lang::En);
static ZH: PaxosWords = build(Lang::Zh);

pub fn words(lang: Lang) -> &'static PaxosWords {
    match lang {
        Lang::En => &EN,
        Lang::Zh => &ZH,
    }
}

/// The countdown to a proposer's next try.
pub fn retry_in(lang: Lang, ms: impl Display) -> String {
    say!(lang, en: "retry in {ms}ms", zh: "{ms} 毫秒后重试")
}

/// The countdown to a follower's next election.
pub fn election_in(lang: Lang, ms: impl Display) -> String {
    say!(lang, en: "election in {ms}ms", zh: "{ms} 毫秒后发起选举")
}

pub fn leader_is(lang: Lang, leader: impl Display, ballot: impl Display) -> String {
    say!(lang, en: "leader {leader} ({ballot})", zh: "领导者 {leader}（{ballot}）")
}

/// Commands run.
pub fn ran(lang: Lang, ran: u64) -> String {
    if ran == 1 {
        say!(lang, en: "ran {ran} command", zh: "已执行 {ran} 条命令")
    } else {
        say!(lang, en: "ran {ran} commands", zh: "已执行 {ran} 条命令")
    }
}

/// Repeated commands skipped.
pub fn skipped(lang: Lang, skipped: usize) -> String {
    if skipped == 1 {
        say!(lang, en: "{skipped} repeat skipped", zh: "跳过 {skipped} 条重复")
    } else {
        say!(lang, en: "{skipped} repeats skipped", zh: "跳过 {skipped} 条重复")
    }
}

/// A proposer in phase 1: its promises against the majority.
pub fn preparing(lang: Lang, ballot: impl Display, promises: usize, need: usize) -> String {
    say!(lang,
        en: "ballot {ballot} · promises {promises}/{need}",
        zh: "提案编号 {ballot} · 承诺 {promises}/{need}")
}

/// A proposer in phase 2: its promises are in, its accepts are counted.
pub fn accepting(lang: Lang, ballot: impl Display, accepts: usize, need: usize) -> String {
    say!(lang,
        en: "ballot {ballot} · promises {need}/{need} · accepts {accepts}/{need}",
        zh: "提案编号 {ballot} · 承诺 {need}/{need} · 接受 {accepts}/{need}")
}

pub fn leading(lang: Lang, ballot: impl Display, next: impl Display, open: usize) -> String {
    say!(lang,
        en: "leads {ballot} · next slot {next} · open {open}",
        zh: "领导 {ballot} · 下一个槽 {next} · 未决 {open}")
}

pub fn following(lang: Lang, leader: impl Display, ballot: impl Display) -> String {
    say!(lang, en: "follows {leader} ({ballot})", zh: "跟随 {leader}（{ballot}）")
}

pub fn waiting(lang: Lang, value: &str) -> String {
    say!(lang, en: "waits to retry \"{value}\"", zh: "等待重试 \"{value}\"")
}

pub fn idle(lang: Lang, round: impl Display) -> String {
    say!(lang, en: "idle · highest round {round}", zh: "空闲 · 最高轮次 {round}")
}
