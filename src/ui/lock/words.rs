//! The lock view's words in each language. Redis commands, ZooKeeper's
//! node names (`lock-3`) and the symbols (■ ◌ ✓ ✗ #3 ▷ ✎) read the same in
//! both.

use crate::protocols::lock::Phase;
use crate::units::Lang;

pub struct LockWords {
    pub choose: &'static str,
    pub up: &'static str,
    pub crashed: &'static str,
    pub paused_until: &'static str,
    /// What a client is doing, by [`Phase`].
    pub phases: [&'static str; 7],
    pub no_token: &'static str,
    pub token: &'static str,
    pub read: &'static str,
    pub own_clock: &'static str,
    pub clock: &'static str,
    /// The bars beside a client: its lease, validity or session, each on
    /// the client's own clock.
    pub lease: &'static str,
    pub validity: &'static str,
    pub session: &'static str,
    pub lease_unchecked: &'static str,
    pub sum: &'static str,
    pub asked: &'static str,
    pub client_session: &'static str,
    pub no_node: &'static str,
    pub watches: &'static str,
    pub watches_parent: &'static str,
    /// The lock folder, watched whole with `watch: Parent`.
    pub folder: &'static str,
    pub woken: &'static str,
    /// All the wake-ups of the waiters so far, under ZooKeeper.
    pub wake_ups: &'static str,
    pub key: &'static str,
    pub free: &'static str,
    pub left_on_clock: &'static str,
    pub counter: &'static str,
    pub no_nodes: &'static str,
    pub zk_totals: &'static str,
    pub value: &'static str,
    pub highest: &'static str,
    pub stale: &'static str,
    pub timeline: &'static str,
    pub roles: [(&'static str, &'static str); 8],
    pub legend: [(&'static str, &'static str); 10],
    pub legend_line: &'static str,
    pub request: &'static str,
    pub token_word: &'static str,
}

const EN: LockWords = LockWords {
    choose: "{} · Tab/1–9 to choose",
    up: "up",
    crashed: "✕ crashed",
    paused_until: "⏸ paused until {}",
    phases: [
        "idle",
        "between turns",
        "acquiring",
        "waiting its turn",
        "reading",
        "working",
        "writing back",
    ],
    no_token: "no token",
    token: "token #{}",
    read: "read {}",
    own_clock: "own clock {}",
    clock: "clock {}",
    lease: "lease",
    validity: "validity",
    session: "session",
    lease_unchecked: "(the client never checks it)",
    sum: "ttl − elapsed − drift = validity",
    asked: "masters asked {} of {} · granted {}",
    client_session: "session {} · {}",
    no_node: "no lock node",
    watches: "watches {}",
    watches_parent: "watches the folder",
    folder: "folder",
    woken: "woken {}",
    wake_ups: "wake-ups {}",
    key: "key {}",
    free: "free",
    left_on_clock: "{} left on its clock",
    counter: "token counter {}",
    no_nodes: "no lock nodes",
    zk_totals: "wake-ups {} · live sessions {} · folder watchers {}",
    value: "value {}",
    highest: "highest #{}",
    stale: "stale",
    timeline: " time-line · █ holding · ▓ two at once · ░ working on, no longer trusting · one column {}ms ",
    roles: [
        ("holding", "holding"),
        ("past its validity", "past its validity"),
        ("waiting", "waiting"),
        ("acquiring", "acquiring"),
        ("idle", "idle"),
        ("redis", "Redis"),
        ("zookeeper", "ZooKeeper"),
        ("storage", "storage"),
    ],
    legend: [
        ("■ □ ◌ ·", "client holding / past its validity / after the lock / idle"),
        ("R Z S", "Redis server, ZooKeeper, storage"),
        ("#3", "fencing token 3 (a client's, or the highest seen)"),
        ("▰▰▱", "lease, validity or session left on its own clock"),
        ("◆ ✓ ✗ ◇", "lock request / granted / refused / unlock"),
        ("+ ● ? ≡", "create node / created / list / children"),
        ("◎ ! ¡", "watch / node deleted / folder changed"),
        ("▷ ◁ ✎ ◀ ⊘", "read / value / write / stored / refused"),
        ("♥ ♡ ⧗", "heartbeat / reply / session expired"),
        ("█ ░ ▓", "time-line: holding / working on, no longer trusting / two at once"),
    ],
    legend_line: "◆ lock ✓✗ granted/refused ◇ unlock  + create  ! wake  ▷◁ read  ✎ write  ♥ heartbeat  ╳ drop",
    request: "acquire the lock (on the selected client)",
    token_word: "token",
};

const ZH: LockWords = LockWords {
    choose: "{} · Tab/1–9 选择",
    up: "运行中",
    crashed: "✕ 已崩溃",
    paused_until: "⏸ 暂停至 {}",
    phases: [
        "空闲",
        "两轮之间",
        "拿锁中",
        "排队等候",
        "读取中",
        "处理中",
        "写回中",
    ],
    no_token: "无令牌",
    token: "令牌 #{}",
    read: "读到 {}",
    own_clock: "自己的时钟 {}",
    clock: "时钟 {}",
    lease: "租约",
    validity: "有效时间",
    session: "会话",
    lease_unchecked: "（客户端从不检查）",
    sum: "TTL − 已用 − 漂移 = 有效时间",
    asked: "已问主节点 {}/{} · 同意 {}",
    client_session: "会话 {} · {}",
    no_node: "无锁节点",
    watches: "监视 {}",
    watches_parent: "监视整个目录",
    folder: "目录",
    woken: "被唤醒 {} 次",
    wake_ups: "唤醒 {} 次",
    key: "键 {}",
    free: "空闲",
    left_on_clock: "按它的时钟还剩 {}",
    counter: "令牌计数器 {}",
    no_nodes: "没有锁节点",
    zk_totals: "唤醒 {} 次 · 存活会话 {} · 监视目录者 {}",
    value: "值 {}",
    highest: "最高 #{}",
    stale: "过期",
    timeline: " 时间线 · █ 持有 · ▓ 两者同时 · ░ 不再信任却仍在处理 · 每列 {} 毫秒 ",
    roles: [
        ("holding", "持有锁"),
        ("past its validity", "过了有效时间"),
        ("waiting", "等候"),
        ("acquiring", "拿锁中"),
        ("idle", "空闲"),
        ("redis", "Redis"),
        ("zookeeper", "ZooKeeper"),
        ("storage", "存储"),
    ],
    legend: [
        ("■ □ ◌ ·", "客户端：持有锁 / 过了有效时间 / 在拿锁 / 空闲"),
        ("R Z S", "Redis 服务器、ZooKeeper、存储"),
        ("#3", "防护令牌 3（客户端的，或见过的最高值）"),
        ("▰▰▱", "按自己的时钟剩下的租约、有效时间或会话"),
        ("◆ ✓ ✗ ◇", "加锁请求 / 同意 / 拒绝 / 解锁"),
        ("+ ● ? ≡", "创建节点 / 已创建 / 列出 / 子节点"),
        ("◎ ! ¡", "监视 / 节点已删除 / 目录有变"),
        ("▷ ◁ ✎ ◀ ⊘", "读 / 值 / 写 / 已保存 / 被拒"),
        ("♥ ♡ ⧗", "心跳 / 回复 / 会话过期"),
        ("█ ░ ▓", "时间线：持有 / 不再信任却仍在处理 / 两者同时"),
    ],
    legend_line: "◆ 加锁 ✓✗ 同意/拒绝 ◇ 解锁  + 创建  ! 唤醒  ▷◁ 读  ✎ 写  ♥ 心跳  ╳ 丢弃",
    request: "获取锁（选中的客户端）",
    token_word: "令牌",
};

pub fn words(lang: Lang) -> &'static LockWords {
    match lang {
        Lang::En => &EN,
        Lang::Zh => &ZH,
    }
}

/// A role's name (as [`crate::protocols::Mark`] gives it) in `lang`.
pub fn role(name: &'static str, lang: Lang) -> &'static str {
    words(lang)
        .roles
        .iter()
        .zip(&words(Lang::En).roles)
        .find(|(_, en)| en.0 == name)
        .map_or(name, |(here, _)| here.1)
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
