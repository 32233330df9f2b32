//! What the balancer did and why (picks, answers passed on, time-outs,
//! retries, health and membership), and what the checker found.

use super::{algorithm_name, in_ms, picks, words, BalanceNote, End};
use crate::protocols::balance::members::server_node;
use crate::sim::{Labels, NodeId};
use crate::units::Lang;
use crate::{say, text};

/// The balancer's and the checker's notes in `lang`; the generator's
/// and the servers' are said in `servers.rs`, which hands these here.
pub(super) fn note(note: &BalanceNote, lang: Lang, labels: &Labels) -> String {
    let l = |id: &NodeId| labels.get(*id);
    match note {
        BalanceNote::SecondCopy { req } => say!(lang,
            en: "LB ignores a second copy of request #{req}: it already has it",
            zh: "LB 忽略请求 #{req} 的第二份副本：它已经有这个请求了"),
        BalanceNote::NoServer { req } => say!(lang,
            en: "LB has no server to send request #{req} to: none is in the pool, healthy and not ejected",
            zh: "LB 没有服务器可以接收请求 #{req}：没有一台既在池中、又健康、又未被剔除"),
        BalanceNote::Picks(n) => {
            let retry = match n.attempt {
                1 => String::new(),
                a => say!(lang,
                    en: " (retry {retry}, on a server it has not tried if it can)",
                    zh: "（第 {retry} 次重试，尽量换一台没试过的服务器）",
                    retry = a - 1),
            };
            say!(lang,
                en: "LB sends request #{req} to {server} by {algorithm}{retry}: {why}",
                zh: "LB 按 {algorithm}把请求 #{req} 发给 {server}{retry}：{why}",
                req = n.req,
                server = l(&server_node(n.pick.server)),
                algorithm = algorithm_name(n.algorithm, lang),
                why = picks::why(&n.pick, n.req, n.key, lang, labels))
        }
        BalanceNote::LateAnswer { from, req } => say!(lang,
            en: "LB ignores {from}'s late answer to request #{req}: that attempt already ended",
            zh: "LB 忽略 {from} 对请求 #{req} 的迟到回复：那次尝试已经结束",
            from = l(from)),
        BalanceNote::PassesAnswer { from, req } => say!(lang,
            en: "LB passes {from}'s answer to request #{req} back to the client",
            zh: "LB 把 {from} 对请求 #{req} 的回复转给客户端",
            from = l(from)),
        BalanceNote::PassesError { from, req } => say!(lang,
            en: "LB passes {from}'s error for request #{req} back to the client: retries are off",
            zh: "LB 把 {from} 对请求 #{req} 返回的错误转给客户端：重试未开启",
            from = l(from)),
        BalanceNote::GivesUp {
            server,
            req,
            after_ms,
        } => say!(lang,
            en: "LB gives up waiting for {server} on request #{req} after {after_ms} ms",
            zh: "LB 等了 {after_ms} 毫秒，放弃等待 {server} 对请求 #{req} 的回复",
            server = l(server)),
        BalanceNote::Ejects {
            server,
            until_ms,
            errors,
        } => say!(lang,
            en: "LB ejects {server} as an outlier until t={until_ms} ms: {errors} failures in a row",
            zh: "LB 将 {server} 作为异常点剔除，直到 t={until_ms} 毫秒：它连续失败了 {errors} 次",
            server = l(server)),
        BalanceNote::NoneOverdue { next_ms: Some(t) } => say!(lang,
            en: "LB finds no attempt past its time-out: they were answered in time; the next waiting one gives up at t={t} ms",
            zh: "LB 没有发现超时的尝试：它们都按时得到了回复；下一个仍在等待的尝试将在 t={t} 毫秒超时"),
        BalanceNote::NoneOverdue { next_ms: None } => text!(lang,
            en: "LB finds no attempt past its time-out: they were answered in time",
            zh: "LB 没有发现超时的尝试：它们都按时得到了回复")
        .to_owned(),
        BalanceNote::OverBudget { req, out } => say!(lang,
            en: "LB may not retry request #{req}: {out} retries are already out, the budget's limit",
            zh: "LB 不能重试请求 #{req}：已有 {out} 个重试在进行，达到预算上限"),
        BalanceNote::OutOfTries { req, tries } => say!(lang,
            en: "LB gives up on request #{req}: all {tries} tries failed",
            zh: "LB 放弃请求 #{req}：{tries} 次尝试全部失败"),
        BalanceNote::WillRetry {
            req,
            why,
            delay_us: 0,
        } => say!(lang,
            en: "LB retries request #{req} ({why}) on another server at once",
            zh: "LB 立即在另一台服务器上重试请求 #{req}（{why}）",
            why = words::short(*why, lang)),
        BalanceNote::WillRetry { req, why, delay_us } => say!(lang,
            en: "LB will retry request #{req} ({why}) on another server after {ms} ms",
            zh: "LB 将在 {ms} 毫秒后在另一台服务器上重试请求 #{req}（{why}）",
            why = words::short(*why, lang), ms = in_ms(*delay_us)),
        BalanceNote::Healthy { server, checks } => say!(lang,
            en: "LB marks {server} healthy again after {checks} good checks",
            zh: "LB 在 {checks} 次检查通过后重新把 {server} 标为健康",
            server = l(server)),
        BalanceNote::Unhealthy { server, checks } => say!(lang,
            en: "LB marks {server} unhealthy after {checks} failed checks",
            zh: "LB 在 {checks} 次检查失败后把 {server} 标为不健康",
            server = l(server)),
        BalanceNote::NewAlgorithm { algorithm } => say!(lang,
            en: "LB now picks servers by {algorithm}",
            zh: "LB 现在按 {algorithm}选择服务器",
            algorithm = algorithm_name(*algorithm, lang)),
        BalanceNote::Admits { server, weight } => say!(lang,
            en: "LB takes the new server {server} into its pool with weight {weight}",
            zh: "LB 以权重 {weight} 把新服务器 {server} 加入池中",
            server = l(server)),
        BalanceNote::AlreadyIn { server } => say!(lang,
            en: "LB has {server} in its pool already and says so again",
            zh: "{server} 已在 LB 的池中，LB 再告诉它一次",
            server = l(server)),
        BalanceNote::Removes { server } => say!(lang,
            en: "LB takes {server} out of the pool: it sends it nothing new",
            zh: "LB 把 {server} 移出池：不再给它发送新请求",
            server = l(server)),
        BalanceNote::AlreadyOut { server } => say!(lang,
            en: "LB has {server} out of its pool already",
            zh: "{server} 已经不在 LB 的池中",
            server = l(server)),

        // What the checker found.
        BalanceNote::EndsTwice { req, how } => say!(lang,
            en: "request #{req} ends twice: {end} after it had already ended",
            zh: "请求 #{req} 结束了两次：在已经结束之后又{end}",
            end = end(*how, lang)),
        BalanceNote::NeverTaken { req, how } => say!(lang,
            en: "request #{req} ends ({end}) though the balancer never took it",
            zh: "请求 #{req} 结束了（{end}），但均衡器从未接收它",
            end = end(*how, lang)),
        BalanceNote::Vanished { req, since_ms } => say!(lang,
            en: "request #{req} vanished: taken at t={since_ms} ms, never completed nor rejected",
            zh: "请求 #{req} 消失了：在 t={since_ms} 毫秒被接收，既没有完成也没有被拒绝"),

        BalanceNote::Sends { .. }
        | BalanceNote::NewRate { .. }
        | BalanceNote::FailsAtOnce { .. }
        | BalanceNote::Queues { .. }
        | BalanceNote::QueueFull { .. }
        | BalanceNote::Starts { .. }
        | BalanceNote::Finishes { .. }
        | BalanceNote::Slowed { .. }
        | BalanceNote::FailFast { .. }
        | BalanceNote::Starting { .. }
        | BalanceNote::AsksAgain { .. }
        | BalanceNote::AnswersProbe { .. }
        | BalanceNote::NotForMe { .. } => {
            unreachable!("the generator's and the servers' notes are said in servers.rs")
        }
    }
}

/// How a request ended, where a sentence names it in passing.
fn end(how: End, lang: Lang) -> String {
    match how {
        End::Completed => text!(lang, en: "completed", zh: "完成").to_owned(),
        End::Rejected(reason) => say!(lang,
            en: "{reason}",
            zh: "被拒绝（{reason}）",
            reason = words::short(reason, lang)),
    }
}
