//! The lock view's words in each language. Redis commands, ZooKeeper's
//! node names (`lock-3`) and the symbols (■ ◌ ✓ ✗ #3 ▷ ✎) read the same in
//! both.

use std::fmt::Display;

use crate::protocols::lock::Phase;
use crate::units::Lang;
use crate::{say, text};

pub struct LockWords {
    /// The language these words are in, for the sentences that take
    /// values.
    pub lang: Lang,
    /// What a client is doing, by [`Phase`].
    pub phases: [&'static str; 7],
    pub no_token: &'static str,
    /// The bars beside a client: its lease, validity or session, each on
    /// the client's own clock.
    pub lease: &'static str,
    pub validity: &'static str,
    pub session: &'static str,
    pub lease_unchecked: &'static str,
    pub sum: &'static str,
    pub no_node: &'static str,
    pub watches_parent: &'static str,
    /// The lock folder, watched whole with `watch: Parent`.
    pub folder: &'static str,
    pub free: &'static str,
    pub no_nodes: &'static str,
    pub stale: &'static str,
    pub roles: [(&'static str, &'static str); 8],
    pub legend: [(&'static str, &'static str); 10],
    pub legend_line: &'static str,
    pub request: &'static str,
    /// What the timeout key does: a client's work timer fires.
    pub work_now: &'static str,
    pub token_word: &'static str,
}

/// Built while compiling, so that the [`super::super::Glossary`] can lend
/// the legend and roles for as long as the program runs.
const fn build(lang: Lang) -> LockWords {
    LockWords {
        lang,
        phases: [
            text!(lang, en: "idle", zh: "空闲"),
            text!(lang, en: "between turns", zh: "两轮之间"),
            text!(lang, en: "acquiring", zh: "拿锁中"),
            text!(lang, en: "waiting its turn", zh: "排队等候"),
            text!(lang, en: "reading", zh: "读取中"),
            text!(lang, en: "working", zh: "处理中"),
            text!(lang, en: "writing back", zh: "写回中"),
        ],
        no_token: text!(lang, en: "no token", zh: "无令牌"),
        lease: text!(lang, en: "lease", zh: "租约"),
        validity: text!(lang, en: "validity", zh: "有效时间"),
        session: text!(lang, en: "session", zh: "会话"),
        lease_unchecked: text!(lang, en: "(the client never checks it)", zh: "（客户端从不检查）"),
        sum: text!(lang, en: "ttl − elapsed − drift = validity", zh: "TTL − 已用 − 漂移 = 有效时间"),
        no_node: text!(lang, en: "no lock node", zh: "无锁节点"),
        watches_parent: text!(lang, en: "watches the folder", zh: "监视整个目录"),
        folder: text!(lang, en: "folder", zh: "目录"),
        free: text!(lang, en: "free", zh: "空闲"),
        no_nodes: text!(lang, en: "no lock nodes", zh: "没有锁节点"),
        stale: text!(lang, en: "stale", zh: "过期"),
        roles: [
            ("holding", text!(lang, en: "holding", zh: "持有锁")),
            (
                "past its validity",
                text!(lang, en: "past its validity", zh: "过了有效时间"),
            ),
            ("waiting", text!(lang, en: "waiting", zh: "等候")),
            ("acquiring", text!(lang, en: "acquiring", zh: "拿锁中")),
            ("idle", text!(lang, en: "idle", zh: "空闲")),
            ("redis", "Redis"),
            ("zookeeper", "ZooKeeper"),
            ("storage", text!(lang, en: "storage", zh: "存储")),
        ],
        legend: [
            (
                "■ □ ◌ ·",
                text!(lang,
                en: "client holding / past its validity / after the lock / idle",
                zh: "客户端：持有锁 / 过了有效时间 / 在拿锁 / 空闲"),
            ),
            (
                "R Z S",
                text!(lang,
                en: "Redis server, ZooKeeper, storage",
                zh: "Redis 服务器、ZooKeeper、存储"),
            ),
            (
                "#3",
                text!(lang,
                en: "fencing token 3 (a client's, or the highest seen)",
                zh: "防护令牌 3（客户端的，或见过的最高值）"),
            ),
            (
                "▰▰▱",
                text!(lang,
                en: "lease, validity or session left on its own clock",
                zh: "按自己的时钟剩下的租约、有效时间或会话"),
            ),
            (
                "◆ ✓ ✗ ◇",
                text!(lang,
                en: "lock request / granted / refused / unlock",
                zh: "加锁请求 / 同意 / 拒绝 / 解锁"),
            ),
            (
                "+ ● ? ≡",
                text!(lang,
                en: "create node / created / list / children",
                zh: "创建节点 / 已创建 / 列出 / 子节点"),
            ),
            (
                "◎ ! ¡",
                text!(lang,
                en: "watch / node deleted / folder changed",
                zh: "监视 / 节点已删除 / 目录有变"),
            ),
            (
                "▷ ◁ ✎ ◀ ⊘",
                text!(lang,
                en: "read / value / write / stored / refused",
                zh: "读 / 值 / 写 / 已保存 / 被拒"),
            ),
            (
                "♥ ♡ ⧗",
                text!(lang,
                en: "heartbeat / reply / session expired",
                zh: "心跳 / 回复 / 会话过期"),
            ),
            (
                "█ ░ ▓",
                text!(lang,
                en: "time-line: holding / working on, no longer trusting / two at once",
                zh: "时间线：持有 / 不再信任却仍在处理 / 两者同时"),
            ),
        ],
        legend_line: text!(lang,
            en: "◆ lock ✓✗ granted/refused ◇ unlock  + create  ! wake  ▷◁ read  ✎ write  ♥ heartbeat  ╳ drop",
            zh: "◆ 加锁 ✓✗ 同意/拒绝 ◇ 解锁  + 创建  ! 唤醒  ▷◁ 读  ✎ 写  ♥ 心跳  ╳ 丢弃"),
        request: text!(lang, en: "acquire the lock (on the selected client)", zh: "获取锁（选中的客户端）"),
        work_now: text!(lang, en: "the selected client ends its work now", zh: "选中的客户端立即结束工作"),
        token_word: text!(lang, en: "token", zh: "令牌"),
    }
}

static EN: LockWords = build(Lang::En);
static ZH: LockWords = build(Lang::Zh);

pub fn words(lang: Lang) -> &'static LockWords {
    match lang {
        Lang::En => &EN,
        Lang::Zh => &ZH,
    }
}

/// What a client in `phase` is doing, in `lang`.
pub fn phase(phase: Phase, lang: Lang) -> &'static str {
    let index = match phase {
        Phase::Idle => 0,
        Phase::Thinking => 1,
        Phase::Acquiring => 2,
        Phase::Waiting => 3,
        Phase::Reading => 4,
        Phase::Working => 5,
        Phase::Writing => 6,
    };
    words(lang).phases[index]
}

pub fn token(lang: Lang, token: impl Display) -> String {
    say!(lang, en: "token #{token}", zh: "令牌 #{token}")
}

pub fn read(lang: Lang, value: impl Display) -> String {
    say!(lang, en: "read {value}", zh: "读到 {value}")
}

pub fn own_clock(lang: Lang, time: impl Display) -> String {
    say!(lang, en: "own clock {time}", zh: "自己的时钟 {time}")
}

pub fn clock(lang: Lang, time: impl Display) -> String {
    say!(lang, en: "clock {time}", zh: "时钟 {time}")
}

/// A Redlock attempt that fell short of a majority.
pub fn no_majority(
    lang: Lang,
    granted: impl Display,
    masters: impl Display,
    needed: impl Display,
) -> String {
    say!(lang,
        en: "✓{granted}/{masters} < {needed}: no lock",
        zh: "✓{granted}/{masters} < {needed}：没拿到锁")
}

/// A Redlock attempt that won a majority too late: its sum.
pub fn too_late(lang: Lang, sum: impl Display) -> String {
    say!(lang, en: "{sum}: no lock", zh: "{sum}：没拿到锁")
}

pub fn asked(
    lang: Lang,
    asked: impl Display,
    masters: impl Display,
    granted: impl Display,
) -> String {
    say!(lang,
        en: "masters asked {asked} of {masters} · granted {granted}",
        zh: "已问主节点 {asked}/{masters} · 同意 {granted}")
}

pub fn client_session(lang: Lang, session: impl Display, node: impl Display) -> String {
    say!(lang, en: "session {session} · {node}", zh: "会话 {session} · {node}")
}

pub fn watches(lang: Lang, node: impl Display) -> String {
    say!(lang, en: "watches {node}", zh: "监视 {node}")
}

pub fn woken(lang: Lang, times: impl Display) -> String {
    say!(lang, en: "woken {times}", zh: "被唤醒 {times} 次")
}

/// All the wake-ups of the waiters so far, under ZooKeeper.
pub fn wake_ups(lang: Lang, times: impl Display) -> String {
    say!(lang, en: "wake-ups {times}", zh: "唤醒 {times} 次")
}

pub fn key(lang: Lang, key: impl Display) -> String {
    say!(lang, en: "key {key}", zh: "键 {key}")
}

pub fn left_on_clock(lang: Lang, left: impl Display) -> String {
    say!(lang, en: "{left} left on its clock", zh: "按它的时钟还剩 {left}")
}

pub fn counter(lang: Lang, counter: impl Display) -> String {
    say!(lang, en: "token counter {counter}", zh: "令牌计数器 {counter}")
}

pub fn zk_totals(
    lang: Lang,
    wakes: impl Display,
    alive: impl Display,
    watchers: impl Display,
) -> String {
    say!(lang,
        en: "wake-ups {wakes} · live sessions {alive} · folder watchers {watchers}",
        zh: "唤醒 {wakes} 次 · 存活会话 {alive} · 监视目录者 {watchers}")
}

pub fn value(lang: Lang, value: impl Display) -> String {
    say!(lang, en: "value {value}", zh: "值 {value}")
}

pub fn highest(lang: Lang, highest: impl Display) -> String {
    say!(lang, en: "highest #{highest}", zh: "最高 #{highest}")
}

/// The time-line's title: one column is `ms` milliseconds.
pub fn timeline(lang: Lang, ms: impl Display) -> String {
    say!(lang,
        en: " time-line · █ holding · ▓ two at once · ░ working on, no longer trusting · one column {ms}ms ",
        zh: " 时间线 · █ 持有 · ▓ 两者同时 · ░ 不再信任却仍在处理 · 每列 {ms} 毫秒 ")
}
