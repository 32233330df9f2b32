//! Paxos's explanations in Simplified Chinese. Ballots (`2.S1`), slots,
//! values and command ids (`S1/0`) are written as in English.

use super::{BallotWhy, PaxosNote, Reported};
use crate::protocols::paxos::messages::Command;
use crate::sim::{Labels, NodeId};

/// A command by its value: `"x"`, or `空操作`.
pub(super) fn q(c: &Command) -> String {
    match c.id {
        None => "空操作".to_owned(),
        Some(_) => format!("\"{}\"", c.value),
    }
}

/// A command by its value and id: `"x"（S1/0）`, or `空操作`.
pub(super) fn with_id(c: &Command) -> String {
    match c.id {
        None => "空操作".to_owned(),
        Some(id) => format!("\"{}\"（{id}）", c.value),
    }
}

/// Two commands that must read as different.
pub(super) fn distinct(a: &Command, b: &Command) -> (String, String) {
    if a.value == b.value {
        (with_id(a), with_id(b))
    } else {
        (q(a), q(b))
    }
}

pub(super) fn note(note: &PaxosNote, labels: &Labels) -> String {
    let l = |id: &NodeId| labels.get(*id);
    match note {
        PaxosNote::Found(finding) => super::findings::zh(finding, labels),
        PaxosNote::RefusesPrepare {
            me,
            ballot,
            promised,
        } => format!(
            "{} 拒绝提案编号 {ballot}：它已承诺了更高的 {promised}",
            l(me)
        ),
        PaxosNote::Promises {
            me,
            ballot,
            reported,
        } => match reported {
            Reported::Nothing => {
                format!("{} 承诺提案编号 {ballot}；它还没有接受过任何值", l(me))
            }
            Reported::One(b, c) => format!(
                "{} 承诺提案编号 {ballot}，并报告它已接受的 ({b}, {})",
                l(me),
                q(c)
            ),
            Reported::Many(n) => format!(
                "{} 承诺提案编号 {ballot}，并报告 {n} 个已接受的值",
                l(me)
            ),
        },
        PaxosNote::RefusesAccept {
            me,
            command,
            ballot,
            promised,
        } => format!(
            "{} 拒绝以提案编号 {ballot} 接受 {}：它已承诺了 {promised}",
            l(me),
            q(command)
        ),
        PaxosNote::Accepts {
            me,
            command,
            ballot,
            slot,
        } => format!(
            "{} 以提案编号 {ballot} 接受 {}（槽 {slot}），并通知每个学习者",
            l(me),
            q(command)
        ),
        PaxosNote::CountsAccepts {
            me,
            count,
            need,
            ballot,
            slot,
        } => format!(
            "{} 已听到 {count} 个接受者在槽 {slot} 接受提案编号 {ballot}；需要 {need} 个",
            l(me)
        ),
        PaxosNote::Learns {
            me,
            command,
            slot,
            count,
            ballot,
        } => format!(
            "{} 得知槽 {slot} 选定了 {}：多数接受者（{count} 个）接受了提案编号 {ballot}",
            l(me),
            q(command)
        ),
        PaxosNote::AlreadyKnows { me, slot } => format!(
            "{} 已经知道槽 {slot} 选定了什么：再多一条 Accepted 也不会改变什么",
            l(me)
        ),
        PaxosNote::LateReply { me, ballot } => format!(
            "{} 已不再使用提案编号 {ballot}：这个回复来得太晚，已无关紧要",
            l(me)
        ),
        PaxosNote::ExtraPromise { me, ballot } => format!(
            "{} 已经得到提案编号 {ballot} 所需的多数承诺：再多一个也不会改变什么",
            l(me)
        ),
        PaxosNote::AsksToCatchUp {
            me,
            leader,
            from_slot,
            learned,
        } => format!(
            "{} 仍缺少槽 {from_slot}，而领导者 {} 在上一次心跳时已得知 {learned} 以下的所有槽：Accepted 消息没有到达，于是它向 {} 询问选定了什么",
            l(me),
            l(leader),
            l(leader)
        ),
        PaxosNote::TellsChosen {
            me,
            to,
            count,
            from_slot,
        } => format!(
            "{} 告诉 {}：从槽 {from_slot} 起它已得知选定的 {count} 条命令",
            l(me),
            l(to)
        ),
        PaxosNote::NothingToTell { me, to, from_slot } => format!(
            "{} 从槽 {from_slot} 起没有得知任何选定值，无可告诉 {}",
            l(me),
            l(to)
        ),
        PaxosNote::LearnsFromPeer {
            me,
            from,
            count: 1,
            first,
            ..
        } => format!(
            "{} 从 {} 那里得知槽 {first} 选定了什么：它错过了这个槽的 Accepted 消息",
            l(me),
            l(from)
        ),
        PaxosNote::LearnsFromPeer {
            me,
            from,
            count,
            first,
            last,
        } => format!(
            "{} 从 {} 那里得知槽 {first} 到 {last} 之间 {count} 个槽选定了什么：它错过了这些槽的 Accepted 消息",
            l(me),
            l(from)
        ),
        PaxosNote::SkipsRepeat { me, slot, command } => format!(
            "{} 跳过槽 {slot}：命令 {} 已在更早的槽中执行过，客户端的命令只生效一次",
            l(me),
            with_id(command)
        ),
        PaxosNote::RunsRepeat { me, slot, command } => format!(
            "{} 在槽 {slot} 再次执行命令 {}：没有客户端编号，它分不清重复的命令和新命令",
            l(me),
            with_id(command)
        ),
        PaxosNote::NotProposer { me, value } => format!(
            "{} 不是提议者；它忽略提议 \"{value}\" 的请求",
            l(me)
        ),
        PaxosNote::StartsBallot { me, ballot, why } => {
            let asks = "请每个接受者向它作出承诺";
            match why {
                BallotWhy::ClientValue => format!(
                    "{} 有一条客户端命令要提议：它发起提案编号 {ballot}，{asks}",
                    l(me)
                ),
                BallotWhy::BackedOff => format!(
                    "{} 的退避结束：它发起更高的提案编号 {ballot}，{asks}",
                    l(me)
                ),
                BallotWhy::NoHeartbeat {
                    leader: Some(leader),
                } => format!(
                    "{} 在一个选举超时内没有收到领导者 {} 的心跳：它以提案编号 {ballot} 争取领导，{asks}",
                    l(me),
                    l(leader)
                ),
                BallotWhy::NoHeartbeat { leader: None } => format!(
                    "{} 在一个选举超时内没有收到任何领导者的消息：它以提案编号 {ballot} 争取领导，{asks}",
                    l(me)
                ),
                BallotWhy::Forced => format!(
                    "{} 的计时器被提前强制触发：它发起提案编号 {ballot}，{asks}",
                    l(me)
                ),
            }
        }
        PaxosNote::LeaderHasNoTimeout { me } => {
            format!("{} 是领导者；领导者没有可以强制触发的选举超时", l(me))
        }
        PaxosNote::NothingToPropose { me } => {
            format!("{} 没有可提议的：没有等待决定的客户端命令", l(me))
        }
        PaxosNote::FreshDecision { me, command, slot } => format!(
            "{} 已得知槽 {slot} 之前每个槽选定的值：{} 在槽 {slot} 开始一次新的决定",
            l(me),
            q(command)
        ),
        PaxosNote::CountsPromises {
            me,
            count,
            need,
            ballot,
        } => format!(
            "{} 已收到提案编号 {ballot} 所需 {need} 个承诺中的 {count} 个",
            l(me)
        ),
        PaxosNote::AdoptsReported {
            me,
            command,
            ballot,
        } => format!(
            "{} 已得到多数承诺；其中一个报告了以 {ballot} 接受的 {v}，这是最高的提案编号，所以它必须提议 {v}",
            l(me),
            v = q(command)
        ),
        PaxosNote::IgnoresReported {
            me,
            command,
            ballot,
            own,
        } => format!(
            "{} 已得到多数承诺，却无视报告的 ({ballot}, {})：它提议自己的 {}",
            l(me),
            q(command),
            q(own)
        ),
        PaxosNote::ProposesOwn { me, own } => format!(
            "{} 已得到多数承诺，且没有承诺报告任何值：它提议自己的 {}",
            l(me),
            q(own)
        ),
        PaxosNote::GivesUp {
            me,
            ballot,
            promised,
            wait_ms: Some(wait),
        } => format!(
            "{} 放弃提案编号 {ballot}：有接受者承诺了 {promised}；它退避 {wait} 毫秒（从重试范围中抽得），然后用更高的提案编号重试",
            l(me)
        ),
        PaxosNote::GivesUp {
            me,
            ballot,
            promised,
            wait_ms: None,
        } => format!(
            "{} 放弃提案编号 {ballot}：有接受者承诺了 {promised}；它等待那个提案编号的领导者，只有收不到心跳时才再次争取领导",
            l(me)
        ),
        PaxosNote::HeardTooLittle {
            me,
            ballot,
            wait_ms: Some(wait),
        } => format!(
            "{} 用提案编号 {ballot} 收到的回复太少：它退避 {wait} 毫秒（从重试范围中抽得），然后用更高的提案编号重试",
            l(me)
        ),
        PaxosNote::HeardTooLittle {
            me,
            ballot,
            wait_ms: None,
        } => format!(
            "{} 用提案编号 {ballot} 收到的回复太少：它等待一个选举超时后再争取领导",
            l(me)
        ),
        PaxosNote::Leads {
            me,
            ballot,
            kept,
            filled,
            next_slot,
        } => format!(
            "{} 以提案编号 {ballot} 成为领导者：重新提议 {kept} 个已接受的值，用空操作填补 {filled} 个空缺，并从槽 {next_slot} 起服务新命令",
            l(me)
        ),
        PaxosNote::Places {
            me,
            ballot,
            command,
            slot,
        } => format!(
            "{} 以提案编号 {ballot} 领导：把 {} 放进槽 {slot}，跳过第一阶段",
            l(me),
            with_id(command)
        ),
        PaxosNote::AlreadyPlaced {
            me,
            command,
            slot: Some(slot),
        } => format!(
            "{} 的槽 {slot} 里已有命令 {}：它不再重复提议",
            l(me),
            with_id(command)
        ),
        PaxosNote::AlreadyPlaced {
            me,
            command,
            slot: None,
        } => format!(
            "{} 已执行过命令 {}：它不再重复提议",
            l(me),
            with_id(command)
        ),
        PaxosNote::Forwards { me, command, leader } => format!(
            "{} 把 {} 转交给领导者 {}",
            l(me),
            with_id(command),
            l(leader)
        ),
        PaxosNote::WaitsForLeader { me, command } => format!(
            "{} 不知道谁是领导者：{} 要等到有了领导者再处理",
            l(me),
            with_id(command)
        ),
        PaxosNote::HearsHeartbeat {
            me,
            leader,
            ballot,
            proposer,
            lacks,
        } => {
            let mut text = format!(
                "{} 收到领导者 {} 的心跳（提案编号 {ballot}）",
                l(me),
                l(leader)
            );
            if *proposer {
                text.push_str("：它继续跟随，再等一个选举超时才会考虑争取领导");
            }
            if let Some(slot) = lacks {
                text.push_str(&format!(
                    "；领导者已得知槽 {slot}，而 {} 还缺：若下一次心跳前仍没收到它的 Accepted 消息，就去询问",
                    l(me)
                ));
            }
            text
        }
        PaxosNote::IgnoresOldLeader {
            me,
            from,
            ballot,
            higher,
        } => format!(
            "{} 忽略 {} 的心跳：它的提案编号 {ballot} 低于 {higher}",
            l(me),
            l(from)
        ),
        PaxosNote::Follows { me, leader, ballot } => format!(
            "{} 跟随 {}：对方的提案编号 {ballot} 比自己的高",
            l(me),
            l(leader)
        ),
    }
}
