//! Raft's panels in each language. Figure 2's field names (commitIndex,
//! votedFor, nextIndex) stay as the paper writes them in both: they are
//! what a reader looks up.

use crate::units::Lang;

pub struct RaftWords {
    pub term: &'static str,
    pub election_in: &'static str,
    pub nobody: &'static str,
    pub unknown: &'static str,
    pub leader: &'static str,
    pub log: &'static str,
    /// `log` for a log of one entry.
    pub log_one: &'static str,
    pub votes: &'static str,
    pub state: &'static str,
    pub logs: &'static str,
    /// The logs' legend, longest first: the title shows the longest that
    /// fits.
    pub logs_legend: [&'static str; 3],
    pub index: &'static str,
    pub roles: [(&'static str, &'static str); 4],
    pub legend: [(&'static str, &'static str); 11],
    pub request: &'static str,
    pub legend_line: &'static str,
}

const EN: RaftWords = RaftWords {
    term: "term",
    election_in: "election in {}ms",
    nobody: "nobody",
    unknown: "unknown",
    leader: "leader",
    log: "log {} entries · {} committed",
    log_one: "log 1 entry · {} committed",
    votes: "votes {} ({} of {} needed)",
    state: "state",
    logs: "logs",
    logs_legend: [
        "cell = term + value: 1a · filled = committed · leader's ▸ nextIndex ◂ matchIndex ◊ both",
        "1a = term + value · filled = committed · ▸ nextIndex ◂ matchIndex ◊ both",
        "1a term+value ▸next ◂match ◊both",
    ],
    index: "index",
    roles: [
        ("follower", "follower"),
        ("candidate", "candidate"),
        ("leader", "leader"),
        ("pre-candidate", "pre-candidate"),
    ],
    legend: [
        ("F C L", "follower candidate leader"),
        ("P ✕", "pre-candidate, crashed"),
        ("◆ ◇", "vote request / pre-vote"),
        ("✓ ✗", "vote granted / denied"),
        ("■ ♥", "append / heartbeat"),
        ("● ○", "append ok / failed"),
        ("t1 c2", "term 1 · commitIndex 2"),
        ("▰▰▱", "election timer running out"),
        ("1a", "log cell: term 1, value a"),
        ("1a filled", "committed entry"),
        ("▸ ◂ ◊", "nextIndex / matchIndex / both"),
    ],
    request: "write to selected node",
    legend_line: "◆ vote  ✓✗ granted/denied  ■ append  ♥ heartbeat  ●○ ok/failed  ╳ drop",
};

const ZH: RaftWords = RaftWords {
    term: "任期",
    election_in: "{} 毫秒后发起选举",
    nobody: "无",
    unknown: "未知",
    leader: "领导者",
    log: "日志 {} 条 · 已提交 {} 条",
    log_one: "日志 1 条 · 已提交 {} 条",
    votes: "选票 {}（已得 {}，需要 {}）",
    state: "状态",
    logs: "日志",
    logs_legend: [
        "格子 = 任期 + 值：1a · 实心 = 已提交 · 领导者的 ▸ nextIndex ◂ matchIndex ◊ 二者重合",
        "1a = 任期 + 值 · 实心 = 已提交 · ▸ nextIndex ◂ matchIndex ◊ 重合",
        "▸nextIndex ◂matchIndex ◊重合",
    ],
    index: "索引",
    roles: [
        ("follower", "跟随者"),
        ("candidate", "候选人"),
        ("leader", "领导者"),
        ("pre-candidate", "预候选人"),
    ],
    legend: [
        ("F C L", "跟随者 候选人 领导者"),
        ("P ✕", "预候选人，已崩溃"),
        ("◆ ◇", "投票请求 / 预投票"),
        ("✓ ✗", "同意 / 拒绝投票"),
        ("■ ♥", "追加条目 / 心跳"),
        ("● ○", "追加成功 / 失败"),
        ("t1 c2", "任期 1 · commitIndex 2"),
        ("▰▰▱", "选举计时器在流逝"),
        ("1a", "日志格：任期 1，值 a"),
        ("1a 实心", "已提交的条目"),
        ("▸ ◂ ◊", "nextIndex / matchIndex / 二者重合"),
    ],
    request: "向选中节点发送客户端写入",
    legend_line: "◆ 投票  ✓✗ 同意/拒绝  ■ 追加  ♥ 心跳  ●○ 成功/失败  ╳ 丢弃",
};

pub fn words(lang: Lang) -> &'static RaftWords {
    match lang {
        Lang::En => &EN,
        Lang::Zh => &ZH,
    }
}
