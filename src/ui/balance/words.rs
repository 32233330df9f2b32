//! The dispatch view's words, each with both languages beside it.
//! Algorithm names as files write them (RoundRobin) and the percentiles
//! (p50, p99) read the same in both: they are what a reader looks up.

use std::fmt::Display;

use crate::units::Lang;
use crate::{say, text};

pub struct BalanceWords {
    /// The language these words are in, for the sentences that take
    /// values.
    pub lang: Lang,
    pub crashed: &'static str,
    pub strip: &'static str,
    pub strip_short: &'static str,
    pub spare_row: &'static str,
    pub picks: &'static str,
    pub no_pick: &'static str,
    pub current_weight: &'static str,
    pub deadline: &'static str,
    pub drawn: &'static str,
    pub fewer_wins: &'static str,
    pub least_header: &'static str,
    /// Least connections when weights differ: the weighted turn.
    pub least_weighted_header: &'static str,
    pub ewma_header: &'static str,
    pub seconds: &'static str,
    pub rate: &'static str,
    pub sent: &'static str,
    pub arrivals: [&'static str; 2],
    pub open: &'static str,
    pub done: &'static str,
    pub errors: &'static str,
    pub retries: &'static str,
    pub rejected: &'static str,
    pub latency: &'static str,
    pub load: &'static str,
    pub speed: &'static str,
    pub served: &'static str,
    pub refused: &'static str,
    pub max_queue: &'static str,
    pub lb_view: &'static str,
    pub weight_now: &'static str,
    pub ewma: &'static str,
    pub ejections: &'static str,
    pub states: States,
    pub roles: [(&'static str, &'static str); 6],
    pub epoch: &'static str,
    pub legend: [(&'static str, &'static str); 14],
    pub legend_line: &'static str,
    pub request: &'static str,
}

/// What a server is now, beside its load.
pub struct States {
    pub spare: &'static str,
    pub out: &'static str,
    pub unhealthy: &'static str,
    pub failing: &'static str,
    pub joining: &'static str,
}

/// Built while compiling, so that the [`super::super::Glossary`] can lend
/// the legend and roles for as long as the program runs.
const fn build(lang: Lang) -> BalanceWords {
    BalanceWords {
        lang,
        crashed: text!(lang, en: "✕ crashed: its requests are lost", zh: "✕ 已崩溃：手上的请求全部丢失"),
        strip: text!(lang,
            en: " queues · █ in service ░ queued /capacity · served per second · ✗ refused or failed ",
            zh: " 队列 · █ 处理中 ░ 排队 /容量 · 每秒完成 · ✗ 拒绝或失败 "),
        strip_short: text!(lang,
            en: " queues · █ in service ░ queued · ✗ refused or failed ",
            zh: " 队列 · █ 处理中 ░ 排队 · ✗ 拒绝或失败 "),
        spare_row: text!(lang, en: "spare slot: AddServer starts it", zh: "空闲槽位：AddServer 启动它"),
        picks: text!(lang, en: "picks", zh: "最近选择"),
        no_pick: text!(lang, en: "why this pick: no pick yet", zh: "为何选它：尚无选择"),
        current_weight: text!(lang, en: "before +effective → after", zh: "选前 + 有效权重 → 选后"),
        deadline: text!(lang, en: "deadline", zh: "截止"),
        drawn: text!(lang, en: "two drawn at random:", zh: "随机抽到两台："),
        fewer_wins: text!(lang, en: "the one with fewer wins", zh: "取未完成较少的一台"),
        least_header: text!(lang, en: "lowest active ÷ weight", zh: "未完成÷权重 最低者胜"),
        least_weighted_header: text!(lang, en: "by weight ÷ (active+1)", zh: "按 权重÷(未完成+1) 轮流"),
        ewma_header: text!(lang, en: "lowest (active+1) × ms", zh: "(未完成+1)×毫秒 最低"),
        seconds: text!(lang, en: "s", zh: "秒"),
        rate: text!(lang, en: "rate", zh: "速率"),
        sent: text!(lang, en: "sent", zh: "已发"),
        arrivals: [
            text!(lang, en: "Poisson arrivals", zh: "泊松到达"),
            text!(lang, en: "evenly spaced", zh: "均匀间隔"),
        ],
        open: text!(lang, en: "open", zh: "处理中"),
        done: text!(lang, en: "done", zh: "完成"),
        errors: text!(lang, en: "errors", zh: "错误"),
        retries: text!(lang, en: "retries", zh: "重试"),
        rejected: text!(lang, en: "rejected", zh: "拒绝"),
        latency: text!(lang, en: "latency", zh: "延迟"),
        load: text!(lang, en: "load", zh: "负载"),
        speed: text!(lang, en: "speed", zh: "速度"),
        served: text!(lang, en: "served", zh: "完成"),
        refused: text!(lang, en: "refused", zh: "拒绝"),
        max_queue: text!(lang, en: "longest queue", zh: "最长队列"),
        lb_view: text!(lang, en: "LB's view", zh: "LB 眼中"),
        weight_now: text!(lang, en: "weight now", zh: "当前权重"),
        ewma: text!(lang, en: "peak EWMA", zh: "峰值 EWMA"),
        ejections: text!(lang, en: "ejections", zh: "剔除次数"),
        states: States {
            spare: text!(lang, en: "+ spare slot, not started", zh: "+ 空闲槽位，尚未启动"),
            out: text!(lang, en: "− out of LB's pool", zh: "− 不在 LB 的池中"),
            unhealthy: text!(lang, en: "♡ unhealthy by health checks", zh: "♡ 健康检查判为不健康"),
            failing: text!(lang, en: "! failing fast", zh: "! 快速失败中"),
            joining: text!(lang, en: "◆ asking LB to join", zh: "◆ 正在请求加入 LB"),
        },
        roles: [
            ("generator", text!(lang, en: "generator", zh: "负载生成器")),
            ("balancer", text!(lang, en: "balancer", zh: "均衡器")),
            ("server", text!(lang, en: "server", zh: "服务器")),
            ("slowed", text!(lang, en: "slowed", zh: "已减速")),
            (
                "failing fast",
                text!(lang, en: "failing fast", zh: "快速失败"),
            ),
            ("spare", text!(lang, en: "spare slot", zh: "空闲槽位")),
        ],
        epoch: text!(lang, en: "requests", zh: "请求"),
        legend: [
            (
                "G B S",
                text!(lang, en: "generator, balancer, server", zh: "负载生成器、均衡器、服务器"),
            ),
            (
                "W F +",
                text!(lang, en: "slowed / failing fast / spare", zh: "已减速 / 快速失败 / 空闲槽位"),
            ),
            (
                "n4",
                text!(lang, en: "requests: LG sent, LB open, S load", zh: "请求：LG 已发、LB 未结、S 负载"),
            ),
            (
                "✕ ⊘ −",
                text!(lang, en: "crashed / ejected / out of pool", zh: "已崩溃 / 被剔除 / 不在池中"),
            ),
            ("▸ ■", text!(lang, en: "request / work", zh: "请求 / 工作")),
            (
                "● ○",
                text!(lang, en: "answer / refusal or error", zh: "回复 / 拒绝或错误"),
            ),
            (
                "♥ ♡",
                text!(lang, en: "health check / its answer", zh: "健康检查 / 其回答"),
            ),
            (
                "◆ ✓",
                text!(lang, en: "join request / welcome", zh: "请求加入 / 欢迎"),
            ),
            (
                "│█░·│",
                text!(lang, en: "server bar: in service, queued, free", zh: "服务器条：处理中、排队、空位"),
            ),
            (
                "1+5/11",
                text!(lang, en: "in service + queued / capacity", zh: "处理中 + 排队 / 容量"),
            ),
            (
                "▰▱ LG",
                text!(lang, en: "gauge: time to the next request", zh: "计量条：距下一个请求的时间"),
            ),
            (
                "▰▱ LB",
                text!(lang, en: "gauge: time to the next time-out", zh: "计量条：距下一次超时的时间"),
            ),
            (
                "▰▱ S",
                text!(lang, en: "gauge: work left on its request", zh: "计量条：正处理请求的剩余工作"),
            ),
            (
                text!(lang, en: "picks 3123", zh: "最近选择 3123"),
                text!(lang, en: "LB's latest picks, newest last", zh: "LB 最近的选择，最新在后"),
            ),
        ],
        legend_line: text!(lang,
            en: "▸ request  ■ work  ● answer  ○ refused  ♥ probe  ◆ join  █ in service  ░ queued  ╳ drop",
            zh: "▸ 请求  ■ 工作  ● 回复  ○ 拒绝  ♥ 探测  ◆ 加入  █ 处理中  ░ 排队  ╳ 丢弃"),
        request: text!(lang, en: "LG rate, LB algorithm, S ×4", zh: "LG 速率、LB 算法、S 减速"),
    }
}

static EN: BalanceWords = build(Lang::En);
static ZH: BalanceWords = build(Lang::Zh);
pub fn words(lang: Lang) -> &'static BalanceWords {
    match lang {
        Lang::En => &EN,
        Lang::Zh => &ZH,
    }
}

/// The sentences that take values: each is written once, with both
/// languages beside it.
impl BalanceWords {
    /// A generator's row: its rate and how many it has sent.
    pub fn generator_row(&self, rate: impl Display, sent: impl Display) -> String {
        say!(self.lang, en: "{rate}/s · sent {sent}", zh: "{rate}/秒 · 已发 {sent}")
    }

    pub fn latency_row(&self, p50: impl Display, p99: impl Display) -> String {
        say!(self.lang, en: "p50 {p50} p99 {p99} ms", zh: "p50 {p50} p99 {p99} 毫秒")
    }

    pub fn per_second(&self, rate: impl Display) -> String {
        say!(self.lang, en: "{rate}/s", zh: "{rate}/秒")
    }

    /// The cache hits of a server, `share` between 0 and 1.
    pub fn hit(&self, share: f64) -> String {
        say!(self.lang, en: "hit {percent:.0}%", zh: "命中 {percent:.0}%", percent = share * 100.0)
    }

    /// How far the picks stray from the weights, `share` between 0 and 1.
    pub fn off_weights(&self, share: f64) -> String {
        say!(self.lang,
            en: "off the weights {percent:.0}%",
            zh: "偏离权重 {percent:.0}%",
            percent = share * 100.0)
    }

    pub fn keys_moved(&self, share: f64) -> String {
        say!(self.lang, en: "keys moved {percent:.0}%", zh: "键迁移 {percent:.0}%", percent = share * 100.0)
    }

    pub fn cache_hits(&self, share: f64) -> String {
        say!(self.lang,
            en: "cache hits {percent:.0}%",
            zh: "缓存命中 {percent:.0}%",
            percent = share * 100.0)
    }

    /// The heading of the last pick's explanation.
    pub fn why(&self, request: impl Display, server: impl Display) -> String {
        say!(self.lang, en: "why #{request} → {server}", zh: "为何 #{request} → {server}")
    }

    pub fn active(&self, count: impl Display) -> String {
        say!(self.lang, en: "{count} active", zh: "未完成 {count}")
    }

    pub fn key(&self, key: impl Display) -> String {
        say!(self.lang, en: "key {key}", zh: "键 {key}")
    }

    /// A request without a key is placed by its number.
    pub fn no_key(&self, request: impl Display) -> String {
        say!(self.lang, en: "#{request}, no key: its number", zh: "#{request} 无键：用其编号")
    }

    /// Where on the ring a key falls, `percent` of the way round.
    pub fn ring_at(&self, key: impl Display, percent: impl Display) -> String {
        say!(self.lang, en: "{key} at {percent}%", zh: "{key} 位于 {percent}%")
    }

    pub fn next_point(&self, percent: impl Display, server: impl Display) -> String {
        say!(self.lang,
            en: "next point {percent}% → {server}",
            zh: "下一个点 {percent}% → {server}")
    }

    pub fn modulo(
        &self,
        servers: impl Display,
        index: impl Display,
        server: impl Display,
    ) -> String {
        say!(self.lang,
            en: "hash mod {servers} = {index} → {server}",
            zh: "哈希 mod {servers} = {index} → {server}")
    }

    pub fn turn(&self, turn: impl Display, of: impl Display) -> String {
        say!(self.lang, en: "turn {turn} of {of}", zh: "轮到第 {turn} 台，共 {of} 台")
    }

    pub fn uniform(&self, of: impl Display) -> String {
        say!(self.lang, en: "a uniform draw among {of}", zh: "在 {of} 台中均匀抽取")
    }

    pub fn weighted(&self, point: impl Display, total: impl Display) -> String {
        say!(self.lang, en: "drew {point} of {total}", zh: "抽到 {point}（共 {total}）")
    }

    /// The latency chart's title, over a window of `seconds`.
    pub fn chart(&self, seconds: impl Display) -> String {
        say!(self.lang, en: "• p50 ▄ p99 ms · {seconds} s", zh: "• p50 ▄ p99 毫秒 · {seconds} 秒")
    }

    /// The range of work a request costs.
    pub fn work(&self, low: impl Display, high: impl Display) -> String {
        say!(self.lang, en: "work {low}–{high} ms", zh: "工作 {low}–{high} 毫秒")
    }

    pub fn keys(&self, count: impl Display) -> String {
        say!(self.lang, en: "keys 1–{count}", zh: "键 1–{count}")
    }

    pub fn latency_line(
        &self,
        p50: impl Display,
        p95: impl Display,
        p99: impl Display,
        max: impl Display,
    ) -> String {
        say!(self.lang,
            en: "p50 {p50} · p95 {p95} · p99 {p99} · max {max} ms",
            zh: "p50 {p50} · p95 {p95} · p99 {p99} · 最大 {max} 毫秒")
    }

    /// A server the balancer has ejected, and until when.
    pub fn ejected_until(&self, until: impl Display) -> String {
        say!(self.lang, en: "⊘ ejected until {until}", zh: "⊘ 被剔除，直到 {until}")
    }

    pub fn slowed_by(&self, times: impl Display) -> String {
        say!(self.lang, en: "⏬ slowed ×{times}", zh: "⏬ 减速 ×{times}")
    }
}
