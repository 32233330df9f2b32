//! Paxos's panels in each language. Ballots (`2.S1`), slots and values
//! read the same in both.

use crate::units::Lang;

pub struct PaxosWords {
    pub ballot: &'static str,
    pub promised: &'static str,
    pub retry_in: &'static str,
    pub election_in: &'static str,
    pub leader_is: &'static str,
    /// Commands run, one and many; then repeats skipped, one and many.
    pub ran: [&'static str; 2],
    pub skipped: [&'static str; 2],
    pub accepted: &'static str,
    pub learned: &'static str,
    pub nothing: &'static str,
    pub nothing_yet: &'static str,
    pub preparing: &'static str,
    pub accepting: &'static str,
    pub leading: &'static str,
    pub following: &'static str,
    pub waiting: &'static str,
    pub idle: &'static str,
    pub slots: &'static str,
    pub slots_legend: &'static str,
    pub slot: &'static str,
    pub roles: [(&'static str, &'static str); 5],
    pub legend: [(&'static str, &'static str); 8],
    pub legend_line: &'static str,
    pub request: &'static str,
}

const EN: PaxosWords = PaxosWords {
    ballot: "ballot",
    promised: "promised",
    retry_in: "retry in {}ms",
    election_in: "election in {}ms",
    leader_is: "leader {} ({})",
    ran: ["ran {} command", "ran {} commands"],
    skipped: ["{} repeat skipped", "{} repeats skipped"],
    accepted: "accepted",
    learned: "learned",
    nothing: "nothing",
    nothing_yet: "nothing yet",
    preparing: "ballot {} · promises {}/{}",
    accepting: "ballot {} · promises {}/{} · accepts {}/{}",
    leading: "leads {} · next slot {} · open {}",
    following: "follows {} ({})",
    waiting: "waits to retry \"{}\"",
    idle: "idle · highest round {}",
    slots: "slots",
    slots_legend: "x@2.S1 accepted in 2.S1 · ✓ chosen · ≡ repeat · ∅ no-op",
    slot: "slot",
    roles: [
        ("acceptor", "acceptor"),
        ("proposer", "proposer"),
        ("phase 1", "phase 1"),
        ("phase 2", "phase 2"),
        ("leader", "leader"),
    ],
    legend: [
        ("A P L", "acceptor, proposer, leader"),
        ("1 2 ✕", "phase 1 / phase 2, crashed"),
        ("◆ ✓ ✗", "prepare / promise / nack"),
        ("■ ●", "accept / accepted"),
        ("♥ ▸", "heartbeat / forwarded"),
        ("? ✦", "catch-up ask / answer"),
        ("x@2.S1", "accepted in ballot 2.S1"),
        ("✓ ≡ ∅", "chosen, repeat, no-op"),
    ],
    legend_line:
        "◆ prepare  ✓ promise  ✗ nack  ■ accept  ● accepted  ♥ heartbeat  ? catch-up  ╳ drop",
    request: "propose from selected node (once a value is chosen: a new decision, next slot)",
};

const ZH: PaxosWords = PaxosWords {
    ballot: "提案编号",
    promised: "已承诺",
    retry_in: "{} 毫秒后重试",
    election_in: "{} 毫秒后发起选举",
    leader_is: "领导者 {}（{}）",
    ran: ["已执行 {} 条命令", "已执行 {} 条命令"],
    skipped: ["跳过 {} 条重复", "跳过 {} 条重复"],
    accepted: "已接受",
    learned: "已得知",
    nothing: "无",
    nothing_yet: "尚无",
    preparing: "提案编号 {} · 承诺 {}/{}",
    accepting: "提案编号 {} · 承诺 {}/{} · 接受 {}/{}",
    leading: "领导 {} · 下一个槽 {} · 未决 {}",
    following: "跟随 {}（{}）",
    waiting: "等待重试 \"{}\"",
    idle: "空闲 · 最高轮次 {}",
    slots: "槽",
    slots_legend: "x@2.S1 以 2.S1 接受 · ✓ 已选定 · ≡ 重复 · ∅ 空操作",
    slot: "槽",
    roles: [
        ("acceptor", "接受者"),
        ("proposer", "提议者"),
        ("phase 1", "第一阶段"),
        ("phase 2", "第二阶段"),
        ("leader", "领导者"),
    ],
    legend: [
        ("A P L", "接受者、提议者、领导者"),
        ("1 2 ✕", "第一 / 第二阶段，已崩溃"),
        ("◆ ✓ ✗", "准备 / 承诺 / 拒绝"),
        ("■ ●", "接受 / 已接受"),
        ("♥ ▸", "心跳 / 转交的命令"),
        ("? ✦", "补课请求 / 回答"),
        ("x@2.S1", "以提案编号 2.S1 被接受"),
        ("✓ ≡ ∅", "已选定、重复、空操作"),
    ],
    legend_line: "◆ 准备  ✓ 承诺  ✗ 拒绝  ■ 接受  ● 已接受  ♥ 心跳  ? 补课  ╳ 丢弃",
    request: "在选中节点提议（值已选定后：在下一个槽开始新的决定）",
};

pub fn words(lang: Lang) -> &'static PaxosWords {
    match lang {
        Lang::En => &EN,
        Lang::Zh => &ZH,
    }
}
