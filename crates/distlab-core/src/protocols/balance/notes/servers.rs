//! What the load generator and the servers did and why: requests sent,
//! queued, served or failed, and the commands that change a server.

use super::{balancer, in_ms, words, BalanceNote};
use crate::sim::{Labels, NodeId};
use crate::units::Lang;
use crate::{say, text};

/// A note in `lang`: the generator's and the servers' here, the
/// balancer's and the checker's in `balancer.rs`.
pub(super) fn note(note: &BalanceNote, lang: Lang, labels: &Labels) -> String {
    let l = |id: &NodeId| labels.get(*id);
    match note {
        // The load generator.
        BalanceNote::Sends { req, cost_us } => say!(lang,
            en: "LG sends request #{req} ({ms} ms of work) to LB",
            zh: "LG 向 LB 发送请求 #{req}（{ms} 毫秒的工作）",
            ms = in_ms(*cost_us)),
        BalanceNote::NewRate { rate } => say!(lang,
            en: "LG now sends {rate} requests per second",
            zh: "LG 现在每秒发送 {rate} 个请求"),

        // A server.
        BalanceNote::FailsAtOnce { me, req } => say!(lang,
            en: "{me} fails request #{req} at once: it is failing fast",
            zh: "{me} 立即让请求 #{req} 失败：它处于快速失败状态",
            me = l(me)),
        BalanceNote::Queues {
            me,
            req,
            in_service,
            waiting,
        } => say!(lang,
            en: "{me} queues request #{req}: {in_service} in service, {waiting} waiting",
            zh: "{me} 把请求 #{req} 放入队列：{in_service} 个处理中，{waiting} 个排队",
            me = l(me)),
        BalanceNote::QueueFull { me, req, queue } => say!(lang,
            en: "{me} refuses request #{req}: its queue of {queue} is full",
            zh: "{me} 拒绝请求 #{req}：它长度为 {queue} 的队列已满",
            me = l(me)),
        BalanceNote::Starts {
            me,
            req,
            work_us,
            hit,
        } => {
            let hit = match hit {
                true => text!(lang,
                    en: " (a cache hit: a tenth of the work)",
                    zh: "（缓存命中：只需十分之一的工作）"),
                false => "",
            };
            say!(lang,
                en: "{me} starts request #{req}: {ms} ms of work{hit}",
                zh: "{me} 开始处理请求 #{req}：{ms} 毫秒的工作{hit}",
                me = l(me), ms = in_ms(*work_us))
        }
        BalanceNote::Finishes { me, req } => say!(lang,
            en: "{me} finishes request #{req} and answers LB",
            zh: "{me} 完成请求 #{req}，并回复 LB",
            me = l(me)),
        BalanceNote::Slowed { me, factor } => say!(lang,
            en: "{me} now takes {factor}× as long for its work",
            zh: "{me} 的工作现在要花 {factor} 倍的时间",
            me = l(me)),
        BalanceNote::FailFast { me, on: true } => say!(lang,
            en: "{me} now answers every request with an error at once",
            zh: "{me} 现在对每个请求都立即返回错误",
            me = l(me)),
        BalanceNote::FailFast { me, on: false } => say!(lang,
            en: "{me} serves requests properly again",
            zh: "{me} 重新正常处理请求",
            me = l(me)),
        BalanceNote::Starting { me, weight } => say!(lang,
            en: "{me} starts as a new server and asks LB to take it into its pool with weight {weight}",
            zh: "{me} 作为新服务器启动，请求 LB 以权重 {weight} 把它加入池中",
            me = l(me)),
        BalanceNote::AsksAgain { me } => say!(lang,
            en: "{me} has not heard that LB took it in, so it asks again",
            zh: "{me} 还没听到 LB 接纳它，于是再次请求加入",
            me = l(me)),
        BalanceNote::AnswersProbe { me, healthy: true } => say!(lang,
            en: "{me} answers LB's health check: healthy",
            zh: "{me} 回答 LB 的健康检查：健康",
            me = l(me)),
        BalanceNote::AnswersProbe { me, healthy: false } => say!(lang,
            en: "{me} answers LB's health check: failing (it fails every request)",
            zh: "{me} 回答 LB 的健康检查：故障（它让每个请求都失败）",
            me = l(me)),
        BalanceNote::NotForMe { me, command } => say!(lang,
            en: "{me} has nothing to do with {command}",
            zh: "{me} 与“{command}”无关",
            me = l(me), command = words::command(command, lang, labels)),

        other => balancer::note(other, lang, labels),
    }
}
