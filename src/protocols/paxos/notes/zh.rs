//! Paxos's explanations in Simplified Chinese. Ballots (`2.S1`), slots and
//! values are written as in English.

use super::{ChosenBy, PaxosNote, Reported};
use crate::protocols::paxos::goals::PaxosCondition;
use crate::protocols::paxos::messages::{PaxosObs, PaxosTimer};
use crate::protocols::paxos::node::Propose;
use crate::sim::{Labels, NodeId};

pub(super) fn note(note: &PaxosNote, labels: &Labels) -> String {
    let l = |id: &NodeId| labels.get(*id);
    match note {
        PaxosNote::RefusesPrepare {
            me,
            ballot,
            promised,
        } => format!(
            "{} 拒绝选票 {ballot}：它已承诺了更高的 {promised}",
            l(me)
        ),
        PaxosNote::Promises {
            me,
            ballot,
            reported,
        } => match reported {
            Reported::Nothing => {
                format!("{} 承诺选票 {ballot}；它还没有接受过任何值", l(me))
            }
            Reported::One(b, v) => format!(
                "{} 承诺选票 {ballot}，并报告它已接受的 ({b}, \"{v}\")",
                l(me)
            ),
            Reported::Many(n) => format!(
                "{} 承诺选票 {ballot}，并报告 {n} 个已接受的值",
                l(me)
            ),
        },
        PaxosNote::RefusesAccept {
            me,
            value,
            ballot,
            promised,
        } => format!(
            "{} 拒绝在选票 {ballot} 中接受 \"{value}\"：它已承诺了 {promised}",
            l(me)
        ),
        PaxosNote::Accepts {
            me,
            value,
            ballot,
            slot,
        } => format!(
            "{} 在选票 {ballot} 中接受 \"{value}\"（槽 {slot}），并通知每个学习者",
            l(me)
        ),
        PaxosNote::CountsAccepts {
            me,
            count,
            need,
            ballot,
            slot,
        } => format!(
            "{} 已听到 {count} 个接受者在槽 {slot} 接受选票 {ballot}；需要 {need} 个",
            l(me)
        ),
        PaxosNote::Learns {
            me,
            value,
            slot,
            count,
            ballot,
        } => format!(
            "{} 得知槽 {slot} 选定了 \"{value}\"：多数接受者（{count} 个）接受了选票 {ballot}",
            l(me)
        ),
        PaxosNote::NotProposer { me, value } => format!(
            "{} 不是提议者；它忽略提议 \"{value}\" 的请求",
            l(me)
        ),
        PaxosNote::StartsBallot { me, ballot } => format!(
            "{} 发起选票 {ballot}：请每个接受者向它作出承诺",
            l(me)
        ),
        PaxosNote::AlreadyChosen { me, value, chosen } => format!(
            "{} 不提议 \"{value}\"：它知道 \"{chosen}\" 已被选定",
            l(me)
        ),
        PaxosNote::Places {
            me,
            ballot,
            value,
            slot,
        } => format!(
            "{} 领导选票 {ballot}：把 \"{value}\" 放进槽 {slot}，跳过第一阶段",
            l(me)
        ),
        PaxosNote::Forwards { me, value, leader } => format!(
            "{} 把 \"{value}\" 转交给领导者 {}",
            l(me),
            l(leader)
        ),
        PaxosNote::WaitsForLeader { me, value } => format!(
            "{} 不知道谁是领导者：\"{value}\" 要等到有了领导者再处理",
            l(me)
        ),
        PaxosNote::CountsPromises {
            me,
            count,
            need,
            ballot,
        } => format!(
            "{} 已收到选票 {ballot} 所需 {need} 个承诺中的 {count} 个",
            l(me)
        ),
        PaxosNote::AdoptsReported { me, value, ballot } => format!(
            "{} 已得到多数承诺；其中一个报告了在 {ballot} 中接受的 \"{value}\"，这是最高的选票，所以它必须提议 \"{value}\"",
            l(me)
        ),
        PaxosNote::IgnoresReported {
            me,
            value,
            ballot,
            own,
        } => format!(
            "{} 已得到多数承诺，却无视报告的 ({ballot}, \"{value}\")：它提议自己的 \"{own}\"",
            l(me)
        ),
        PaxosNote::ProposesOwn { me, own } => format!(
            "{} 已得到多数承诺，且没有承诺报告任何值：它提议自己的 \"{own}\"",
            l(me)
        ),
        PaxosNote::Leads {
            me,
            ballot,
            kept,
            filled,
            next_slot,
        } => format!(
            "{} 以选票 {ballot} 成为领导者：重新提议 {kept} 个已接受的值，用空操作填补 {filled} 个空缺，并从槽 {next_slot} 起服务新命令",
            l(me)
        ),
        PaxosNote::GivesUp {
            me,
            ballot,
            promised,
        } => format!(
            "{} 放弃选票 {ballot}：有接受者承诺了 {promised}；它先退避，稍后用更高的选票重试",
            l(me)
        ),
        PaxosNote::HeardTooLittle { me, ballot } => format!(
            "{} 在选票 {ballot} 中收到的回复太少：它先退避，稍后用更高的选票重试",
            l(me)
        ),
        PaxosNote::Follows { me, leader, ballot } => format!(
            "{} 跟随 {}：对方的选票 {ballot} 比自己的高",
            l(me),
            l(leader)
        ),
        PaxosNote::TwoValuesChosen {
            slot,
            first,
            first_by,
            second,
            second_by,
        } => format!(
            "槽 {slot} 选定了两个值：\"{first}\"（{}）和 \"{second}\"（{}）",
            by(first_by, labels),
            by(second_by, labels)
        ),
        PaxosNote::NeverProposed { slot, value, by: b } => format!(
            "槽 {slot} 选定了 \"{value}\"（{}），但没有客户端提议过它",
            by(b, labels)
        ),
        PaxosNote::PromiseFell { node, from, to } => {
            format!("{} 的承诺从选票 {from} 降到了 {to}", l(node))
        }
        PaxosNote::TwoValuesInBallot {
            proposer,
            ballot,
            slot,
            first,
            second,
        } => format!(
            "{} 在选票 {ballot}、槽 {slot} 中发送了两个值：\"{first}\" 和 \"{second}\"",
            l(proposer)
        ),
    }
}

fn by(who: &ChosenBy, labels: &Labels) -> String {
    match who {
        ChosenBy::Acceptors(ballot) => format!("选票 {ballot} 中的多数接受者"),
        ChosenBy::Learner(node) => format!("{} 得知", labels.get(*node)),
    }
}

pub(super) fn obs(obs: &PaxosObs, labels: &Labels) -> String {
    let l = |id: &NodeId| labels.get(*id);
    match obs {
        PaxosObs::Chosen {
            slot,
            value,
            ballot,
            node,
        } => format!(
            "{} 得知槽 {slot} 选定了 \"{value}\"（选票 {ballot}）",
            l(node)
        ),
        PaxosObs::Propose { node, value } => format!("{} 提议 \"{value}\"", l(node)),
        PaxosObs::Leader {
            node,
            ballot,
            leads: true,
        } => format!("{} 以选票 {ballot} 成为领导者", l(node)),
        PaxosObs::Leader { node, ballot, .. } => {
            format!("{} 不再领导选票 {ballot}", l(node))
        }
    }
}

pub(super) fn timer(timer: PaxosTimer) -> &'static str {
    match timer {
        PaxosTimer::Retry => "重试计时器到时",
        PaxosTimer::Timeout => "阶段计时器到时",
        PaxosTimer::Heartbeat => "心跳计时器到时",
    }
}

pub(super) fn request(request: &Propose) -> String {
    format!("客户端请求提议 \"{}\"", request.0)
}

pub(super) fn goal(goal: &PaxosCondition) -> String {
    match goal {
        PaxosCondition::Chosen(s) => format!("有学习者得知槽 {s} 的选定值"),
        PaxosCondition::ChosenOnAll(s) => format!("所有学习者都得知槽 {s} 的选定值"),
        PaxosCondition::Learned(n, s, v) => format!("S{} 得知槽 {s} 选定了 \"{v}\"", n.0),
        PaxosCondition::ChosenSince(k) => format!("又有 {k} 个槽被选定"),
        PaxosCondition::BallotAtLeast(r) => format!("有接受者承诺了第 {r} 轮或更高的选票"),
        PaxosCondition::NoopChosen => "某个槽选定了空操作（no-op）".to_owned(),
        PaxosCondition::Leading(n) => format!("S{} 成为领导者", n.0),
    }
}
