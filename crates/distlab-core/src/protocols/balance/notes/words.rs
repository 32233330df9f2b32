//! The dispatch family's other values in words: what the trace records,
//! why a request was rejected, what a timer means when it fires, the
//! commands, the members' roles, the algorithms and lesson goals.
//! Rejection codes (queue-full) and algorithm names as files write them
//! (RoundRobin) stay in English beside a translation: they are what a
//! reader types.

use super::{algorithm_name, in_ms};
use crate::protocols::balance::goals::BalanceCondition;
use crate::protocols::balance::members::{server_node, BalanceAlias};
use crate::protocols::balance::messages::{BalanceObs, BalanceTimer, Reason};
use crate::protocols::balance::node::BalanceCommand;
use crate::protocols::balance::spec::Algorithm;
use crate::sim::Labels;
use crate::units::Lang;
use crate::{say, text};

pub(super) fn obs(obs: &BalanceObs, lang: Lang, labels: &Labels) -> String {
    let s = |server: &usize| labels.get(server_node(server - 1));
    match obs {
        BalanceObs::Dispatch {
            req,
            server,
            attempt: 1,
            ..
        } => say!(lang,
            en: "request #{req} goes to {server}",
            zh: "请求 #{req} 发往 {server}",
            server = s(server)),
        BalanceObs::Dispatch {
            req,
            server,
            attempt,
            ..
        } => say!(lang,
            en: "request #{req} goes to {server} (try {attempt})",
            zh: "请求 #{req} 发往 {server}（第 {attempt} 次尝试）",
            server = s(server)),
        BalanceObs::Complete {
            req,
            server,
            latency_us,
            ok: true,
        } => say!(lang,
            en: "request #{req} completes on {server} in {ms} ms",
            zh: "请求 #{req} 在 {server} 上完成，用时 {ms} 毫秒",
            server = s(server), ms = in_ms(*latency_us)),
        BalanceObs::Complete {
            req,
            server,
            latency_us,
            ok: false,
        } => say!(lang,
            en: "request #{req} ends with an error from {server} after {ms} ms",
            zh: "请求 #{req} 以 {server} 返回的错误结束，用时 {ms} 毫秒",
            server = s(server), ms = in_ms(*latency_us)),
        BalanceObs::Reject { req, reason: r } => say!(lang,
            en: "request #{req} is rejected: {code} ({reason})",
            zh: "请求 #{req} 被拒绝：{code}（{reason}）",
            code = r.code(), reason = reason(*r, lang)),
    }
}

/// A reason in a word or two, where a sentence names it in passing: in
/// English its code, as the trace writes it.
pub(super) fn short(reason: Reason, lang: Lang) -> &'static str {
    match reason {
        Reason::QueueFull => text!(lang, en: "queue-full", zh: "队列已满"),
        Reason::NoServer => text!(lang, en: "no-server", zh: "无可用服务器"),
        Reason::Timeout => text!(lang, en: "timeout", zh: "超时"),
        Reason::Error => text!(lang, en: "error", zh: "出错"),
        Reason::Budget => text!(lang, en: "budget", zh: "预算用完"),
    }
}

/// Why a request ended without an answer.
pub(super) fn reason(reason: Reason, lang: Lang) -> &'static str {
    match reason {
        Reason::QueueFull => text!(lang,
            en: "the server's queue was full",
            zh: "服务器队列已满"),
        Reason::NoServer => text!(lang,
            en: "no server was in the pool, healthy and not ejected",
            zh: "没有既在池中、又健康、又未被剔除的服务器"),
        Reason::Timeout => text!(lang,
            en: "it took longer than the time-out",
            zh: "超过了超时时间"),
        Reason::Error => text!(lang,
            en: "the server answered with an error",
            zh: "服务器返回了错误"),
        Reason::Budget => text!(lang,
            en: "a retry was due but the retry budget was spent",
            zh: "该重试了，但重试预算已用完"),
    }
}

pub(super) fn timer(timer: BalanceTimer, lang: Lang) -> String {
    match timer {
        BalanceTimer::Arrival => text!(lang,
            en: "the next request is due",
            zh: "下一个请求到时")
        .to_owned(),
        BalanceTimer::Deadline => text!(lang,
            en: "the earliest time-out of an attempt expires",
            zh: "最早的一个尝试超时时间到")
        .to_owned(),
        BalanceTimer::Backoff(req) => say!(lang,
            en: "request #{req}'s back-off ends",
            zh: "请求 #{req} 的退避结束"),
        BalanceTimer::Health => text!(lang,
            en: "a round of health checks is due",
            zh: "一轮健康检查到时")
        .to_owned(),
        BalanceTimer::Done { req, attempt: 1 } => say!(lang,
            en: "the work on request #{req} is done",
            zh: "请求 #{req} 的工作完成"),
        BalanceTimer::Done { req, attempt } => say!(lang,
            en: "the work on request #{req} (try {attempt}) is done",
            zh: "请求 #{req}（第 {attempt} 次尝试）的工作完成"),
        BalanceTimer::Announce => text!(lang,
            en: "time to ask LB to join again",
            zh: "该再次请求加入 LB 了")
        .to_owned(),
    }
}

/// A command: in English as a scenario file writes it.
pub(super) fn command(command: &BalanceCommand, lang: Lang, labels: &Labels) -> String {
    match command {
        BalanceCommand::SetRate(r) => say!(lang,
            en: "SetRate({r})",
            zh: "速率改为每秒 {r} 个"),
        BalanceCommand::SetAlgorithm(a) => say!(lang,
            en: "SetAlgorithm({algorithm})",
            zh: "算法改为 {algorithm}",
            algorithm = algorithm_name(*a, lang)),
        BalanceCommand::SlowDown(f) => say!(lang, en: "SlowDown(×{f})", zh: "减速 ×{f}"),
        BalanceCommand::FailFast(true) => {
            text!(lang, en: "FailFast(true)", zh: "开启快速失败").to_owned()
        }
        BalanceCommand::FailFast(false) => {
            text!(lang, en: "FailFast(false)", zh: "停止快速失败").to_owned()
        }
        BalanceCommand::AddServer(s) => say!(lang,
            en: "AddServer(weight {weight})",
            zh: "新增服务器（权重 {weight}）",
            weight = s.weight),
        BalanceCommand::RemoveServer(i) => say!(lang,
            en: "RemoveServer({server})",
            zh: "移出 {server}",
            server = labels.get(server_node(*i))),
    }
}

pub(super) fn role(role: BalanceAlias, lang: Lang) -> String {
    match role {
        BalanceAlias::Server(n) => say!(lang, en: "server {n}", zh: "服务器 {n}"),
        BalanceAlias::Balancer => text!(lang, en: "the balancer", zh: "均衡器").to_owned(),
        BalanceAlias::Generator => {
            text!(lang, en: "the load generator", zh: "负载生成器").to_owned()
        }
        BalanceAlias::Spare => {
            text!(lang, en: "a spare server slot", zh: "空闲的服务器槽位").to_owned()
        }
    }
}

pub(super) fn goal(condition: &BalanceCondition, lang: Lang) -> String {
    match condition {
        BalanceCondition::CompletedAtLeast(k) => say!(lang,
            en: "{k} more requests complete",
            zh: "又完成 {k} 个请求"),
        BalanceCondition::RejectedAtLeast(k) => say!(lang,
            en: "{k} more requests are rejected",
            zh: "又拒绝 {k} 个请求"),
        BalanceCondition::RetriesAtLeast(k) => say!(lang,
            en: "{k} more retries are sent",
            zh: "又重试 {k} 次"),
        BalanceCondition::DispatchedTo(n, k) => say!(lang,
            en: "{k} more requests go to S{n}",
            zh: "又有 {k} 个请求发往 S{n}"),
        BalanceCondition::QueueAtLeast(n, k) => say!(lang,
            en: "S{n}'s queue reaches {k}",
            zh: "S{n} 的队列达到 {k}"),
        BalanceCondition::Ejected(n) => say!(lang,
            en: "LB ejects S{n} as an outlier",
            zh: "LB 将 S{n} 作为异常点剔除"),
        BalanceCondition::AlgorithmIs(a) => say!(lang,
            en: "LB picks by {algorithm}",
            zh: "LB 改用 {algorithm}",
            algorithm = algorithm_name(*a, lang)),
        BalanceCondition::InPool(n) => say!(lang,
            en: "S{n} is in LB's pool",
            zh: "S{n} 在 LB 的池中"),
    }
}

/// An algorithm's file name, with its Chinese name beside it in Chinese.
pub(super) fn algorithm(algorithm: Algorithm, lang: Lang) -> &'static str {
    match algorithm {
        Algorithm::RoundRobin => text!(lang, en: "RoundRobin", zh: "RoundRobin（轮询）"),
        Algorithm::Random => text!(lang, en: "Random", zh: "Random（随机）"),
        Algorithm::WeightedRandom => {
            text!(lang, en: "WeightedRandom", zh: "WeightedRandom（加权随机）")
        }
        Algorithm::SmoothWeighted => {
            text!(lang, en: "SmoothWeighted", zh: "SmoothWeighted（平滑加权轮询）")
        }
        Algorithm::EdfWeighted => {
            text!(lang, en: "EdfWeighted", zh: "EdfWeighted（最早截止加权轮询）")
        }
        Algorithm::LeastConnections => {
            text!(lang, en: "LeastConnections", zh: "LeastConnections（最少连接）")
        }
        Algorithm::PowerOfTwo => text!(lang, en: "PowerOfTwo", zh: "PowerOfTwo（两次随机选择）"),
        Algorithm::PeakEwma => text!(lang, en: "PeakEwma", zh: "PeakEwma（峰值 EWMA）"),
        Algorithm::RingHash(_) => text!(lang, en: "RingHash", zh: "RingHash（环哈希）"),
        Algorithm::ModuloHash => text!(lang, en: "ModuloHash", zh: "ModuloHash（取模哈希）"),
    }
}
