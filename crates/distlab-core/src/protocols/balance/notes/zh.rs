//! The dispatch family's words in Simplified Chinese. Algorithm names as
//! files write them (RoundRobin, PowerOfTwo) stay beside their
//! translation: they are what a reader types.

use super::{in_ms, ring_share, BalanceNote, End};
use crate::protocols::balance::algo::{members_of, Pick, Why};
use crate::protocols::balance::goals::BalanceCondition;
use crate::protocols::balance::members::{server_node, BalanceAlias};
use crate::protocols::balance::messages::{BalanceObs, BalanceTimer, Reason};
use crate::protocols::balance::node::BalanceCommand;
use crate::protocols::balance::spec::Algorithm;
use crate::sim::{Labels, NodeId};

pub(super) fn note(note: &BalanceNote, labels: &Labels) -> String {
    let l = |id: &NodeId| labels.get(*id);
    match note {
        BalanceNote::Sends { req, cost_us } => {
            format!("LG 向 LB 发送请求 #{req}（{} 毫秒的工作）", in_ms(*cost_us))
        }
        BalanceNote::NewRate { rate } => format!("LG 现在每秒发送 {rate} 个请求"),
        BalanceNote::FailsAtOnce { me, req } => {
            format!("{} 立即让请求 #{req} 失败：它处于快速失败状态", l(me))
        }
        BalanceNote::Queues {
            me,
            req,
            in_service,
            waiting,
        } => format!(
            "{} 把请求 #{req} 放入队列：{in_service} 个处理中，{waiting} 个排队",
            l(me)
        ),
        BalanceNote::QueueFull { me, req, queue } => {
            format!("{} 拒绝请求 #{req}：它长度为 {queue} 的队列已满", l(me))
        }
        BalanceNote::Starts {
            me,
            req,
            work_us,
            hit,
        } => format!(
            "{} 开始处理请求 #{req}：{} 毫秒的工作{}",
            l(me),
            in_ms(*work_us),
            if *hit {
                "（缓存命中：只需十分之一的工作）"
            } else {
                ""
            }
        ),
        BalanceNote::Finishes { me, req } => {
            format!("{} 完成请求 #{req}，并回复 LB", l(me))
        }
        BalanceNote::Slowed { me, factor } => {
            format!("{} 的工作现在要花 {factor} 倍的时间", l(me))
        }
        BalanceNote::FailFast { me, on: true } => {
            format!("{} 现在对每个请求都立即返回错误", l(me))
        }
        BalanceNote::FailFast { me, on: false } => {
            format!("{} 重新正常处理请求", l(me))
        }
        BalanceNote::Starting { me, weight } => format!(
            "{} 作为新服务器启动，请求 LB 以权重 {weight} 把它加入池中",
            l(me)
        ),
        BalanceNote::AsksAgain { me } => {
            format!("{} 还没听到 LB 接纳它，于是再次请求加入", l(me))
        }
        BalanceNote::AnswersProbe { me, healthy: true } => {
            format!("{} 回答 LB 的健康检查：健康", l(me))
        }
        BalanceNote::AnswersProbe { me, healthy: false } => {
            format!("{} 回答 LB 的健康检查：故障（它让每个请求都失败）", l(me))
        }
        BalanceNote::NotForMe { me, command: c } => {
            format!("{} 与“{}”无关", l(me), command(c, labels))
        }
        BalanceNote::SecondCopy { req } => {
            format!("LB 忽略请求 #{req} 的第二份副本：它已经有这个请求了")
        }
        BalanceNote::NoServer { req } => {
            format!("LB 没有服务器可以接收请求 #{req}：没有一台既在池中、又健康、又未被剔除")
        }
        BalanceNote::Picks(n) => format!(
            "LB 按 {}把请求 #{} 发给 {}{}：{}",
            algorithm(n.algorithm),
            n.req,
            l(&server_node(n.pick.server)),
            match n.attempt {
                1 => String::new(),
                a => format!("（第 {} 次重试，尽量换一台没试过的服务器）", a - 1),
            },
            why(&n.pick, n.req, n.key, labels)
        ),
        BalanceNote::LateAnswer { from, req } => format!(
            "LB 忽略 {} 对请求 #{req} 的迟到回复：那次尝试已经结束",
            l(from)
        ),
        BalanceNote::PassesAnswer { from, req } => {
            format!("LB 把 {} 对请求 #{req} 的回复转给客户端", l(from))
        }
        BalanceNote::PassesError { from, req } => format!(
            "LB 把 {} 对请求 #{req} 返回的错误转给客户端：重试未开启",
            l(from)
        ),
        BalanceNote::GivesUp {
            server,
            req,
            after_ms,
        } => format!(
            "LB 等了 {after_ms} 毫秒，放弃等待 {} 对请求 #{req} 的回复",
            l(server)
        ),
        BalanceNote::Ejects {
            server,
            until_ms,
            errors,
        } => format!(
            "LB 将 {} 作为异常点剔除，直到 t={until_ms} 毫秒：它连续失败了 {errors} 次",
            l(server)
        ),
        BalanceNote::NoneOverdue { next_ms: Some(t) } => format!(
            "LB 没有发现超时的尝试：它们都按时得到了回复；下一个仍在等待的尝试将在 t={t} 毫秒超时"
        ),
        BalanceNote::NoneOverdue { next_ms: None } => {
            "LB 没有发现超时的尝试：它们都按时得到了回复".to_owned()
        }
        BalanceNote::OverBudget { req, out } => {
            format!("LB 不能重试请求 #{req}：已有 {out} 个重试在进行，达到预算上限")
        }
        BalanceNote::OutOfTries { req, tries } => {
            format!("LB 放弃请求 #{req}：{tries} 次尝试全部失败")
        }
        BalanceNote::WillRetry { req, why, delay_us } => match delay_us {
            0 => format!("LB 立即在另一台服务器上重试请求 #{req}（{}）", short(*why)),
            _ => format!(
                "LB 将在 {} 毫秒后在另一台服务器上重试请求 #{req}（{}）",
                in_ms(*delay_us),
                short(*why)
            ),
        },
        BalanceNote::Healthy { server, checks } => {
            format!("LB 在 {checks} 次检查通过后重新把 {} 标为健康", l(server))
        }
        BalanceNote::Unhealthy { server, checks } => {
            format!("LB 在 {checks} 次检查失败后把 {} 标为不健康", l(server))
        }
        BalanceNote::NewAlgorithm { algorithm: a } => {
            format!("LB 现在按 {}选择服务器", algorithm(*a))
        }
        BalanceNote::Admits { server, weight } => {
            format!("LB 以权重 {weight} 把新服务器 {} 加入池中", l(server))
        }
        BalanceNote::AlreadyIn { server } => {
            format!("{} 已在 LB 的池中，LB 再告诉它一次", l(server))
        }
        BalanceNote::Removes { server } => {
            format!("LB 把 {} 移出池：不再给它发送新请求", l(server))
        }
        BalanceNote::AlreadyOut { server } => format!("{} 已经不在 LB 的池中", l(server)),
        BalanceNote::EndsTwice { req, how } => {
            format!("请求 #{req} 结束了两次：在已经结束之后又{}", end(*how))
        }
        BalanceNote::NeverTaken { req, how } => {
            format!("请求 #{req} 结束了（{}），但均衡器从未接收它", end(*how))
        }
        BalanceNote::Vanished { req, since_ms } => {
            format!("请求 #{req} 消失了：在 t={since_ms} 毫秒被接收，既没有完成也没有被拒绝")
        }
    }
}

fn end(how: End) -> String {
    match how {
        End::Completed => "完成".to_owned(),
        End::Rejected(r) => format!("被拒绝（{}）", short(r)),
    }
}

/// Why the algorithm chose the server: its state at the decision.
fn why(pick: &Pick, req: u64, key: Option<u32>, labels: &Labels) -> String {
    let s = pick.server;
    let l = |i: usize| labels.get(server_node(i));
    let hashed = || match key {
        Some(k) => format!("键 {k} "),
        None => format!("请求 #{req} 没有键，于是它的编号"),
    };
    match pick.why {
        Why::Turn { turn, of } => format!("轮到它了（{of} 台中的第 {} 台）", turn + 1),
        Why::Drawn { of } => format!("在 {of} 台服务器中均匀随机抽中了它"),
        Why::WeightedDraw { point, total } => format!(
            "在总权重 {:.2} 中抽到 {:.2}，落在它的份额内",
            total as f64 / 1000.0,
            point as f64 / 1000.0
        ),
        Why::Swrr {
            after, total: t, ..
        } => format!(
            "把每台服务器的有效权重加到当前权重上后，它是 {:+}，最大；它减去总和 {t}，变为 {:+}",
            after[s] + t,
            after[s]
        ),
        Why::Edf { deadlines } => format!(
            "它的截止时间 {:.3} 最早；下一次截止时间再往后 1/权重",
            deadlines[s]
        ),
        Why::TwoChoices { a, b, .. } if a == b => {
            format!("两次随机抽取都抽中了 {}，没有对手", l(a))
        }
        Why::TwoChoices {
            a,
            b,
            load_a,
            load_b,
        } => format!(
            "抽到的两台中，{} 有 {load_a} 个未完成请求，{} 有 {load_b} 个；{} 更少（相同时取第一台）",
            l(a),
            l(b),
            l(s)
        ),
        Why::Least { scores, tied } => {
            let tied = members_of(tied).count();
            let share = format!("它每单位权重的未完成请求最少（{:.2}）", scores[s]);
            match tied {
                1 => share,
                n => format!("{share}；有 {n} 台并列，由平滑加权轮询在其中选择"),
            }
        }
        Why::LeastWeighted { weights } => format!(
            "各服务器权重不同，于是每台以 权重 ÷（未完成请求 + 1）作为平滑加权轮询中的权重轮流；它的是 {:.2}",
            weights[s]
        ),
        Why::Ewma { scores } => format!(
            "它的得分（未完成数 + 1）× 峰值 EWMA 延迟 = {} 毫秒，最低",
            in_ms(scores[s] as u64)
        ),
        Why::Ring { key_point, owner } => format!(
            "{}哈希到环上 {:.2}% 处；在它之后的第一个服务器点位于 {:.2}%，属于 {}",
            hashed(),
            ring_share(key_point),
            ring_share(owner),
            l(s)
        ),
        Why::Modulo { of, index, .. } => format!(
            "{}的哈希值除以池中的 {of} 台服务器余 {index}：选其中第 {} 台",
            hashed(),
            index + 1
        ),
    }
}

pub(super) fn obs(obs: &BalanceObs, labels: &Labels) -> String {
    let s = |server: &usize| labels.get(server_node(server - 1));
    match obs {
        BalanceObs::Dispatch {
            req,
            server,
            attempt: 1,
            ..
        } => format!("请求 #{req} 发往 {}", s(server)),
        BalanceObs::Dispatch {
            req,
            server,
            attempt,
            ..
        } => format!("请求 #{req} 发往 {}（第 {attempt} 次尝试）", s(server)),
        BalanceObs::Complete {
            req,
            server,
            latency_us,
            ok: true,
        } => format!(
            "请求 #{req} 在 {} 上完成，用时 {} 毫秒",
            s(server),
            in_ms(*latency_us)
        ),
        BalanceObs::Complete {
            req,
            server,
            latency_us,
            ok: false,
        } => format!(
            "请求 #{req} 以 {} 返回的错误结束，用时 {} 毫秒",
            s(server),
            in_ms(*latency_us)
        ),
        BalanceObs::Reject { req, reason: r } => {
            format!("请求 #{req} 被拒绝：{}（{}）", r.code(), reason(*r))
        }
    }
}

/// A reason in a word or two, where a sentence names it in passing.
fn short(reason: Reason) -> &'static str {
    match reason {
        Reason::QueueFull => "队列已满",
        Reason::NoServer => "无可用服务器",
        Reason::Timeout => "超时",
        Reason::Error => "出错",
        Reason::Budget => "预算用完",
    }
}

pub(super) fn reason(reason: Reason) -> &'static str {
    match reason {
        Reason::QueueFull => "服务器队列已满",
        Reason::NoServer => "没有既在池中、又健康、又未被剔除的服务器",
        Reason::Timeout => "超过了超时时间",
        Reason::Error => "服务器返回了错误",
        Reason::Budget => "该重试了，但重试预算已用完",
    }
}

pub(super) fn timer(timer: BalanceTimer) -> String {
    match timer {
        BalanceTimer::Arrival => "下一个请求到时".to_owned(),
        BalanceTimer::Deadline => "最早的一个尝试超时时间到".to_owned(),
        BalanceTimer::Backoff(req) => format!("请求 #{req} 的退避结束"),
        BalanceTimer::Health => "一轮健康检查到时".to_owned(),
        BalanceTimer::Done { req, attempt: 1 } => format!("请求 #{req} 的工作完成"),
        BalanceTimer::Done { req, attempt } => {
            format!("请求 #{req}（第 {attempt} 次尝试）的工作完成")
        }
        BalanceTimer::Announce => "该再次请求加入 LB 了".to_owned(),
    }
}

pub(super) fn command(command: &BalanceCommand, labels: &Labels) -> String {
    match command {
        BalanceCommand::SetRate(r) => format!("速率改为每秒 {r} 个"),
        BalanceCommand::SetAlgorithm(a) => format!("算法改为 {}", algorithm(*a)),
        BalanceCommand::SlowDown(f) => format!("减速 ×{f}"),
        BalanceCommand::FailFast(true) => "开启快速失败".to_owned(),
        BalanceCommand::FailFast(false) => "停止快速失败".to_owned(),
        BalanceCommand::AddServer(s) => format!("新增服务器（权重 {}）", s.weight),
        BalanceCommand::RemoveServer(i) => {
            format!("移出 {}", labels.get(server_node(*i)))
        }
    }
}

pub(super) fn role(role: BalanceAlias) -> String {
    match role {
        BalanceAlias::Server(n) => format!("服务器 {n}"),
        BalanceAlias::Balancer => "均衡器".to_owned(),
        BalanceAlias::Generator => "负载生成器".to_owned(),
        BalanceAlias::Spare => "空闲的服务器槽位".to_owned(),
    }
}

pub(super) fn goal(condition: &BalanceCondition) -> String {
    match condition {
        BalanceCondition::CompletedAtLeast(k) => format!("又完成 {k} 个请求"),
        BalanceCondition::RejectedAtLeast(k) => format!("又拒绝 {k} 个请求"),
        BalanceCondition::RetriesAtLeast(k) => format!("又重试 {k} 次"),
        BalanceCondition::DispatchedTo(n, k) => format!("又有 {k} 个请求发往 S{n}"),
        BalanceCondition::QueueAtLeast(n, k) => format!("S{n} 的队列达到 {k}"),
        BalanceCondition::Ejected(n) => format!("LB 将 S{n} 作为异常点剔除"),
        BalanceCondition::AlgorithmIs(a) => format!("LB 改用 {}", algorithm(*a)),
        BalanceCondition::InPool(n) => format!("S{n} 在 LB 的池中"),
    }
}

/// An algorithm's file name with its Chinese name.
pub(super) fn algorithm(algorithm: Algorithm) -> &'static str {
    match algorithm {
        Algorithm::RoundRobin => "RoundRobin（轮询）",
        Algorithm::Random => "Random（随机）",
        Algorithm::WeightedRandom => "WeightedRandom（加权随机）",
        Algorithm::SmoothWeighted => "SmoothWeighted（平滑加权轮询）",
        Algorithm::EdfWeighted => "EdfWeighted（最早截止加权轮询）",
        Algorithm::LeastConnections => "LeastConnections（最少连接）",
        Algorithm::PowerOfTwo => "PowerOfTwo（两次随机选择）",
        Algorithm::PeakEwma => "PeakEwma（峰值 EWMA）",
        Algorithm::RingHash(_) => "RingHash（环哈希）",
        Algorithm::ModuloHash => "ModuloHash（取模哈希）",
    }
}
