//! Raft's panels in each language. Figure 2's field names (commitIndex,
//! votedFor, nextIndex) stay as the paper writes them in both: they are
//! what a reader looks up.

use std::fmt::Display;

use crate::units::Lang;
use crate::{say, text};

pub struct RaftWords {
    pub term: &'static str,
    pub nobody: &'static str,
    pub unknown: &'static str,
    pub leader: &'static str,
    pub state: &'static str,
    pub logs: &'static str,
    /// The logs' legend, longest first: the title shows the longest that
    /// fits.
    pub logs_legend: [&'static str; 3],
    pub index: &'static str,
    pub request: &'static str,
    pub legend_line: &'static str,
    /// The roles' names, as [`crate::protocols::Mark`] gives them,
    /// beside their names on screen.
    pub roles: [(&'static str, &'static str); 6],
    pub legend: [(&'static str, &'static str); 13],
}

/// Built while compiling, so that the [`crate::ui::Glossary`] can lend
/// the legend and roles for as long as the program runs.
const fn build(lang: Lang) -> RaftWords {
    RaftWords {
        term: text!(lang, en: "term", zh: "任期"),
        nobody: text!(lang, en: "nobody", zh: "无"),
        unknown: text!(lang, en: "unknown", zh: "未知"),
        leader: text!(lang, en: "leader", zh: "领导者"),
        state: text!(lang, en: "state", zh: "状态"),
        logs: text!(lang, en: "logs", zh: "日志"),
        logs_legend: [
            text!(lang,
                en: "cell = term + value: 1a · filled = committed · ░ in a snapshot · leader's ▸ nextIndex ◂ matchIndex ◊ both",
                zh: "格子 = 任期 + 值：1a · 实心 = 已提交 · ░ 已入快照 · 领导者的 ▸ nextIndex ◂ matchIndex ◊ 二者重合"),
            text!(lang,
                en: "1a = term + value · filled = committed · ▸ nextIndex ◂ matchIndex ◊ both",
                zh: "1a = 任期 + 值 · 实心 = 已提交 · ▸ nextIndex ◂ matchIndex ◊ 重合"),
            text!(lang,
                en: "1a term+value ▸next ◂match ◊both",
                zh: "▸nextIndex ◂matchIndex ◊重合"),
        ],
        index: text!(lang, en: "index", zh: "索引"),
        request: text!(lang, en: "write to selected node", zh: "向选中节点发送客户端写入"),
        legend_line: text!(lang,
            en: "◆ vote  ✓✗ granted/denied  ■ append  ♥ heartbeat  ●○ ok/failed  ╳ drop",
            zh: "◆ 投票  ✓✗ 同意/拒绝  ■ 追加  ♥ 心跳  ●○ 成功/失败  ╳ 丢弃"),
        roles: [
            ("follower", text!(lang, en: "follower", zh: "跟随者")),
            ("candidate", text!(lang, en: "candidate", zh: "候选人")),
            ("leader", text!(lang, en: "leader", zh: "领导者")),
            (
                "pre-candidate",
                text!(lang, en: "pre-candidate", zh: "预候选人"),
            ),
            ("client", text!(lang, en: "client", zh: "客户端")),
            (
                "outside",
                text!(lang, en: "outside the configuration", zh: "不在配置中"),
            ),
        ],
        legend: [
            (
                "F C L",
                text!(lang, en: "follower candidate leader", zh: "跟随者 候选人 领导者"),
            ),
            (
                "P ✕",
                text!(lang, en: "pre-candidate, crashed", zh: "预候选人，已崩溃"),
            ),
            (
                "◆ ◇",
                text!(lang, en: "vote request / pre-vote", zh: "投票请求 / 预投票"),
            ),
            (
                "✓ ✗",
                text!(lang, en: "vote granted / denied", zh: "同意 / 拒绝投票"),
            ),
            (
                "■ ♥",
                text!(lang, en: "append / heartbeat", zh: "追加条目 / 心跳"),
            ),
            (
                "● ○",
                text!(lang, en: "append ok / failed", zh: "追加成功 / 失败"),
            ),
            (
                "t1 c2",
                text!(lang, en: "term 1 · commitIndex 2", zh: "任期 1 · commitIndex 2"),
            ),
            (
                "▰▰▱",
                text!(lang, en: "election timer running out", zh: "选举计时器在流逝"),
            ),
            (
                "1a",
                text!(lang, en: "log cell: term 1, value a", zh: "日志格：任期 1，值 a"),
            ),
            (
                text!(lang, en: "1a filled", zh: "1a 实心"),
                text!(lang, en: "committed entry", zh: "已提交的条目"),
            ),
            (
                "▸ ◂ ◊",
                text!(lang,
                en: "nextIndex / matchIndex / both",
                zh: "nextIndex / matchIndex / 二者重合"),
            ),
            (
                "C1 R W ·",
                text!(lang,
                    en: "client reading / writing / idle",
                    zh: "客户端：读 / 写 / 空闲"),
            ),
            (
                "? !",
                text!(lang, en: "client request / answer", zh: "客户端请求 / 回答"),
            ),
        ],
    }
}

static EN: RaftWords = build(Lang::En);
static ZH: RaftWords = build(Lang::Zh);

pub fn words(lang: Lang) -> &'static RaftWords {
    match lang {
        Lang::En => &EN,
        Lang::Zh => &ZH,
    }
}

/// The countdown to a follower's next election.
pub fn election_in(lang: Lang, ms: impl Display) -> String {
    say!(lang, en: "election in {ms}ms", zh: "{ms} 毫秒后发起选举")
}

/// The log's length and how much of it is committed.
pub fn log(lang: Lang, len: u64, committed: impl Display) -> String {
    if len == 1 {
        say!(lang, en: "log 1 entry · {committed} committed", zh: "日志 1 条 · 已提交 {committed} 条")
    } else {
        say!(lang,
            en: "log {len} entries · {committed} committed",
            zh: "日志 {len} 条 · 已提交 {committed} 条")
    }
}

/// Where a node's snapshot ends, after the log's counts.
pub fn snapshot(lang: Lang, index: u64) -> String {
    say!(lang,
        en: " · snapshot up to {index} (░)",
        zh: " · 快照到第 {index} 条（░）")
}

/// A candidate's votes so far, against the majority it needs.
pub fn votes(lang: Lang, voters: &str, got: usize, needed: impl Display) -> String {
    say!(lang,
        en: "votes {voters} ({got} of {needed} needed)",
        zh: "选票 {voters}（已得 {got}，需要 {needed}）")
}
