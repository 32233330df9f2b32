//! Why a Paxos node did what it did, in words, each sentence with its
//! languages side by side. Ballots (`2.S1`), slots, values and command
//! ids (`S1/0`) read the same in every language.

use super::{BallotWhy, PaxosNote, Reported};
use crate::protocols::paxos::messages::{Command, CommandId};
use crate::sim::{Labels, NodeId};
use crate::units::Lang;
use crate::{say, text};

/// A command by its value: `"x"`, or a no-op.
pub(super) fn q(lang: Lang, c: &Command) -> String {
    match c.id {
        None => no_op(lang).to_owned(),
        Some(_) => format!("\"{}\"", c.value),
    }
}

/// A command by its value and id: `"x" (S1/0)`, or a no-op.
pub(super) fn with_id(lang: Lang, labels: &Labels, c: &Command) -> String {
    match c.id {
        None => no_op(lang).to_owned(),
        Some(id) => say!(lang,
            en: "\"{value}\" ({id})",
            zh: "\"{value}\"（{id}）",
            value = c.value, id = id_of(labels, id)),
    }
}

/// A command's id as people read it: `C1/3` for a client process's third
/// request, `S1/0` for the first command S1 took from its client.
pub(super) fn id_of(labels: &Labels, id: CommandId) -> String {
    format!("{}/{}", labels.get(id.via), id.seq)
}

fn no_op(lang: Lang) -> &'static str {
    text!(lang, en: "a no-op", zh: "空操作")
}

/// Two commands that must read as different: by value, or by value and
/// id when their values are the same.
pub(super) fn distinct(lang: Lang, labels: &Labels, a: &Command, b: &Command) -> (String, String) {
    if a.value == b.value {
        (with_id(lang, labels, a), with_id(lang, labels, b))
    } else {
        (q(lang, a), q(lang, b))
    }
}

/// What `note` says in `lang`.
pub(super) fn note(note: &PaxosNote, lang: Lang, labels: &Labels) -> String {
    let l = |id: &NodeId| labels.get(*id);
    match note {
        PaxosNote::Found(finding) => super::findings::words(finding, lang, labels),
        PaxosNote::Promises {
            me,
            ballot,
            reported,
        } => match reported {
            Reported::Nothing => say!(lang,
                en: "{me} promises ballot {ballot}; it has accepted nothing",
                zh: "{me} 承诺提案编号 {ballot}；它还没有接受过任何值",
                me = l(me)),
            Reported::One(accepted, c) => say!(lang,
                en: "{me} promises ballot {ballot} and reports its accepted ({accepted}, {value})",
                zh: "{me} 承诺提案编号 {ballot}，并报告它已接受的 ({accepted}, {value})",
                me = l(me), value = q(lang, c)),
            Reported::Many(n) => say!(lang,
                en: "{me} promises ballot {ballot} and reports {n} accepted values",
                zh: "{me} 承诺提案编号 {ballot}，并报告 {n} 个已接受的值",
                me = l(me)),
        },
        PaxosNote::CountsAccepts {
            me,
            count,
            need,
            ballot,
            slot,
        } => say!(lang,
            en: "{me} has heard {acceptors} accept ballot {ballot} in slot {slot}; it needs {need}",
            zh: "{me} 已听到 {acceptors}在槽 {slot} 接受提案编号 {ballot}；需要 {need} 个",
            me = l(me), acceptors = acceptors(lang, *count)),
        PaxosNote::TellsChosen {
            me,
            to,
            count: 1,
            from_slot,
        } => say!(lang,
            en: "{me} tells {to} the 1 command it learned was chosen from slot {from_slot} on",
            zh: "{me} 告诉 {to}：从槽 {from_slot} 起它已得知选定的 1 条命令",
            me = l(me), to = l(to)),
        PaxosNote::TellsChosen {
            me,
            to,
            count,
            from_slot,
        } => say!(lang,
            en: "{me} tells {to} the {count} commands it learned were chosen from slot {from_slot} on",
            zh: "{me} 告诉 {to}：从槽 {from_slot} 起它已得知选定的 {count} 条命令",
            me = l(me), to = l(to)),
        PaxosNote::StartsBallot { me, ballot, why } => {
            let asks = text!(lang,
                en: "asks every acceptor to promise it",
                zh: "请每个接受者向它作出承诺");
            match why {
                BallotWhy::ClientValue => say!(lang,
                    en: "{me} has a client's command to propose: it starts ballot {ballot} and {asks}",
                    zh: "{me} 有一条客户端命令要提议：它发起提案编号 {ballot}，{asks}",
                    me = l(me)),
                BallotWhy::BackedOff => say!(lang,
                    en: "{me}'s back-off is over: it starts the higher ballot {ballot} and {asks}",
                    zh: "{me} 的退避结束：它发起更高的提案编号 {ballot}，{asks}",
                    me = l(me)),
                BallotWhy::NoHeartbeat {
                    leader: Some(leader),
                } => say!(lang,
                    en: "{me} has heard no heartbeat from the leader {leader} for an election timeout: it tries to lead with ballot {ballot} and {asks}",
                    zh: "{me} 在一个选举超时内没有收到领导者 {leader} 的心跳：它以提案编号 {ballot} 争取领导，{asks}",
                    me = l(me), leader = l(leader)),
                BallotWhy::NoHeartbeat { leader: None } => say!(lang,
                    en: "{me} has heard from no leader for an election timeout: it tries to lead with ballot {ballot} and {asks}",
                    zh: "{me} 在一个选举超时内没有收到任何领导者的消息：它以提案编号 {ballot} 争取领导，{asks}",
                    me = l(me)),
                BallotWhy::Forced => say!(lang,
                    en: "{me}'s timer was forced early: it starts ballot {ballot} and {asks}",
                    zh: "{me} 的计时器被提前强制触发：它发起提案编号 {ballot}，{asks}",
                    me = l(me)),
            }
        }
        PaxosNote::Leads {
            me,
            ballot,
            kept,
            filled,
            next_slot,
        } => say!(lang,
            en: "{me} leads with ballot {ballot}: it re-proposes {values}, fills {gaps} with no-ops, and serves new commands from slot {next_slot}",
            zh: "{me} 以提案编号 {ballot} 成为领导者：重新提议 {values}，用空操作填补 {gaps}，并从槽 {next_slot} 起服务新命令",
            me = l(me), values = accepted_values(lang, *kept), gaps = gaps(lang, *filled)),
        PaxosNote::HearsHeartbeat {
            me,
            leader,
            ballot,
            proposer,
            lacks,
        } => {
            let mut text = say!(lang,
                en: "{me} hears the heartbeat of the leader {leader} (ballot {ballot})",
                zh: "{me} 收到领导者 {leader} 的心跳（提案编号 {ballot}）",
                me = l(me), leader = l(leader));
            if *proposer {
                text.push_str(text!(lang,
                    en: ": it follows, and waits another election timeout before it would try to lead",
                    zh: "：它继续跟随，再等一个选举超时才会考虑争取领导"));
            }
            if let Some(slot) = lacks {
                text.push_str(&say!(lang,
                    en: "; the leader has learned slot {slot}, which {me} lacks: if its Accepted messages have not come by the next heartbeat, it will ask",
                    zh: "；领导者已得知槽 {slot}，而 {me} 还缺：若下一次心跳前仍没收到它的 Accepted 消息，就去询问",
                    me = l(me)));
            }
            text
        }
        PaxosNote::Follows { me, leader, ballot } => say!(lang,
            en: "{me} follows {leader} whose ballot {ballot} is higher than its own",
            zh: "{me} 跟随 {leader}：对方的提案编号 {ballot} 比自己的高",
            me = l(me), leader = l(leader)),
        PaxosNote::RefusesPrepare {
            me,
            ballot,
            promised,
        } => say!(lang,
            en: "{me} refuses ballot {ballot}: it promised the higher {promised}",
            zh: "{me} 拒绝提案编号 {ballot}：它已承诺了更高的 {promised}",
            me = l(me)),
        PaxosNote::RefusesAccept {
            me,
            command,
            ballot,
            promised,
        } => say!(lang,
            en: "{me} refuses to accept {command} in ballot {ballot}: it promised {promised}",
            zh: "{me} 拒绝以提案编号 {ballot} 接受 {command}：它已承诺了 {promised}",
            me = l(me), command = q(lang, command)),
        PaxosNote::Accepts {
            me,
            command,
            ballot,
            slot,
        } => say!(lang,
            en: "{me} accepts {command} in ballot {ballot} (slot {slot}) and tells every learner",
            zh: "{me} 以提案编号 {ballot} 接受 {command}（槽 {slot}），并通知每个学习者",
            me = l(me), command = q(lang, command)),
        PaxosNote::Learns {
            me,
            command,
            slot,
            count,
            ballot,
        } => say!(lang,
            en: "{me} learns {command} is chosen in slot {slot}: a majority ({count}) accepted ballot {ballot}",
            zh: "{me} 得知槽 {slot} 选定了 {command}：多数接受者（{count} 个）接受了提案编号 {ballot}",
            me = l(me), command = q(lang, command)),
        PaxosNote::AlreadyKnows { me, slot } => say!(lang,
            en: "{me} already knows what was chosen in slot {slot}: one more Accepted changes nothing",
            zh: "{me} 已经知道槽 {slot} 选定了什么：再多一条 Accepted 也不会改变什么",
            me = l(me)),
        PaxosNote::LateReply { me, ballot } => say!(lang,
            en: "{me} no longer runs ballot {ballot}: the reply comes too late to matter",
            zh: "{me} 已不再使用提案编号 {ballot}：这个回复来得太晚，已无关紧要",
            me = l(me)),
        PaxosNote::ExtraPromise { me, ballot } => say!(lang,
            en: "{me} already has the majority of promises ballot {ballot} needed: one more changes nothing",
            zh: "{me} 已经得到提案编号 {ballot} 所需的多数承诺：再多一个也不会改变什么",
            me = l(me)),
        PaxosNote::AsksToCatchUp {
            me,
            leader,
            from_slot,
            learned,
        } => say!(lang,
            en: "{me} still lacks slot {from_slot}, though the leader {leader} had learned every slot below {learned} by its previous heartbeat: the Accepted messages never came, so it asks {leader} what was chosen",
            zh: "{me} 仍缺少槽 {from_slot}，而领导者 {leader} 在上一次心跳时已得知 {learned} 以下的所有槽：Accepted 消息没有到达，于是它向 {leader} 询问选定了什么",
            me = l(me), leader = l(leader)),
        PaxosNote::NothingToTell { me, to, from_slot } => say!(lang,
            en: "{me} has learned nothing from slot {from_slot} on to tell {to}",
            zh: "{me} 从槽 {from_slot} 起没有得知任何选定值，无可告诉 {to}",
            me = l(me), to = l(to)),
        PaxosNote::LearnsFromPeer {
            me,
            from,
            count: 1,
            first,
            ..
        } => say!(lang,
            en: "{me} learns from {from} what was chosen in slot {first}, whose Accepted messages it had missed",
            zh: "{me} 从 {from} 那里得知槽 {first} 选定了什么：它错过了这个槽的 Accepted 消息",
            me = l(me), from = l(from)),
        PaxosNote::LearnsFromPeer {
            me,
            from,
            count,
            first,
            last,
        } => say!(lang,
            en: "{me} learns from {from} what was chosen in {count} slots from {first} to {last}, whose Accepted messages it had missed",
            zh: "{me} 从 {from} 那里得知槽 {first} 到 {last} 之间 {count} 个槽选定了什么：它错过了这些槽的 Accepted 消息",
            me = l(me), from = l(from)),
        PaxosNote::SkipsRepeat { me, slot, command } => say!(lang,
            en: "{me} skips slot {slot}: command {command} already ran in an earlier slot, and a client's command takes effect once",
            zh: "{me} 跳过槽 {slot}：命令 {command} 已在更早的槽中执行过，客户端的命令只生效一次",
            me = l(me), command = with_id(lang, labels, command)),
        PaxosNote::RunsRepeat { me, slot, command } => say!(lang,
            en: "{me} runs command {command} again, in slot {slot}: without client ids it cannot tell a repeat from a new command",
            zh: "{me} 在槽 {slot} 再次执行命令 {command}：没有客户端编号，它分不清重复的命令和新命令",
            me = l(me), command = with_id(lang, labels, command)),
        PaxosNote::NotProposer { me, value } => say!(lang,
            en: "{me} is not a proposer; it ignores the request to propose \"{value}\"",
            zh: "{me} 不是提议者；它忽略提议 \"{value}\" 的请求",
            me = l(me)),
        PaxosNote::NotAClient { me, value } => say!(lang,
            en: "{me} is a server, not a client process; it ignores the request for \"{value}\"",
            zh: "{me} 是服务器而不是客户端进程；它忽略 \"{value}\" 的请求",
            me = l(me)),
        PaxosNote::AnswersClient {
            me,
            client,
            seq,
            answer,
        } => say!(lang,
            en: "{me} ran {client}'s request {seq} in its slot's turn and answers {answer}",
            zh: "{me} 按槽的顺序执行了 {client} 的请求 {seq}，回答 {answer}",
            me = l(me), client = l(client)),
        PaxosNote::Client(note) => note.describe(lang, labels),
        PaxosNote::LeaderHasNoTimeout { me } => say!(lang,
            en: "{me} leads; a leader has no election timeout to force",
            zh: "{me} 是领导者；领导者没有可以强制触发的选举超时",
            me = l(me)),
        PaxosNote::NothingToPropose { me } => say!(lang,
            en: "{me} has nothing to propose: no client's command waits for a decision",
            zh: "{me} 没有可提议的：没有等待决定的客户端命令",
            me = l(me)),
        PaxosNote::FreshDecision { me, command, slot } => say!(lang,
            en: "{me} has learned the value chosen in every slot before {slot}: {command} starts a fresh decision, in slot {slot}",
            zh: "{me} 已得知槽 {slot} 之前每个槽选定的值：{command} 在槽 {slot} 开始一次新的决定",
            me = l(me), command = q(lang, command)),
        PaxosNote::CountsPromises {
            me,
            count,
            need,
            ballot,
        } => say!(lang,
            en: "{me} has {count} of the {need} promises ballot {ballot} needs",
            zh: "{me} 已收到提案编号 {ballot} 所需 {need} 个承诺中的 {count} 个",
            me = l(me)),
        PaxosNote::AdoptsReported {
            me,
            command,
            ballot,
        } => say!(lang,
            en: "{me} has a majority of promises; one reports {v} accepted in {ballot}, the highest, so it must propose {v}",
            zh: "{me} 已得到多数承诺；其中一个报告了以 {ballot} 接受的 {v}，这是最高的提案编号，所以它必须提议 {v}",
            me = l(me), v = q(lang, command)),
        PaxosNote::IgnoresReported {
            me,
            command,
            ballot,
            own,
        } => say!(lang,
            en: "{me} has a majority of promises and ignores the reported ({ballot}, {command}): it proposes its own {own}",
            zh: "{me} 已得到多数承诺，却无视报告的 ({ballot}, {command})：它提议自己的 {own}",
            me = l(me), command = q(lang, command), own = q(lang, own)),
        PaxosNote::ProposesOwn { me, own } => say!(lang,
            en: "{me} has a majority of promises and none reports a value: it proposes its own {own}",
            zh: "{me} 已得到多数承诺，且没有承诺报告任何值：它提议自己的 {own}",
            me = l(me), own = q(lang, own)),
        PaxosNote::GivesUp {
            me,
            ballot,
            promised,
            wait_ms: Some(wait),
        } => say!(lang,
            en: "{me} gives up ballot {ballot}: an acceptor promised {promised}; it backs off {wait} ms (its retry range drew that), then tries a higher ballot",
            zh: "{me} 放弃提案编号 {ballot}：有接受者承诺了 {promised}；它退避 {wait} 毫秒（从重试范围中抽得），然后用更高的提案编号重试",
            me = l(me)),
        PaxosNote::GivesUp {
            me,
            ballot,
            promised,
            wait_ms: None,
        } => say!(lang,
            en: "{me} gives up ballot {ballot}: an acceptor promised {promised}; it waits for that ballot's leader, and tries to lead again only if no heartbeat comes",
            zh: "{me} 放弃提案编号 {ballot}：有接受者承诺了 {promised}；它等待那个提案编号的领导者，只有收不到心跳时才再次争取领导",
            me = l(me)),
        PaxosNote::HeardTooLittle {
            me,
            ballot,
            wait_ms: Some(wait),
        } => say!(lang,
            en: "{me} heard too little in ballot {ballot}: it backs off {wait} ms (its retry range drew that), then tries a higher ballot",
            zh: "{me} 用提案编号 {ballot} 收到的回复太少：它退避 {wait} 毫秒（从重试范围中抽得），然后用更高的提案编号重试",
            me = l(me)),
        PaxosNote::HeardTooLittle {
            me,
            ballot,
            wait_ms: None,
        } => say!(lang,
            en: "{me} heard too little in ballot {ballot}: it waits an election timeout before trying to lead again",
            zh: "{me} 用提案编号 {ballot} 收到的回复太少：它等待一个选举超时后再争取领导",
            me = l(me)),
        PaxosNote::Places {
            me,
            ballot,
            command,
            slot,
        } => say!(lang,
            en: "{me} leads ballot {ballot}: it puts {command} in slot {slot} and skips phase 1",
            zh: "{me} 以提案编号 {ballot} 领导：把 {command} 放进槽 {slot}，跳过第一阶段",
            me = l(me), command = with_id(lang, labels, command)),
        PaxosNote::AlreadyPlaced {
            me,
            command,
            slot: Some(slot),
        } => say!(lang,
            en: "{me} already has command {command} in slot {slot}: it does not propose it again",
            zh: "{me} 的槽 {slot} 里已有命令 {command}：它不再重复提议",
            me = l(me), command = with_id(lang, labels, command)),
        PaxosNote::AlreadyPlaced {
            me,
            command,
            slot: None,
        } => say!(lang,
            en: "{me} already ran command {command}: it does not propose it again",
            zh: "{me} 已执行过命令 {command}：它不再重复提议",
            me = l(me), command = with_id(lang, labels, command)),
        PaxosNote::Forwards {
            me,
            command,
            leader,
        } => say!(lang,
            en: "{me} passes {command} on to the leader {leader}",
            zh: "{me} 把 {command} 转交给领导者 {leader}",
            me = l(me), command = with_id(lang, labels, command), leader = l(leader)),
        PaxosNote::WaitsForLeader { me, command } => say!(lang,
            en: "{me} knows no leader: {command} waits until one is found",
            zh: "{me} 不知道谁是领导者：{command} 要等到有了领导者再处理",
            me = l(me), command = with_id(lang, labels, command)),
        PaxosNote::IgnoresOldLeader {
            me,
            from,
            ballot,
            higher,
        } => say!(lang,
            en: "{me} ignores {from}'s heartbeat: its ballot {ballot} is lower than {higher}",
            zh: "{me} 忽略 {from} 的心跳：它的提案编号 {ballot} 低于 {higher}",
            me = l(me), from = l(from)),
    }
}

/// English says one acceptor and two acceptors; Chinese counts both the
/// same way.
fn acceptors(lang: Lang, count: usize) -> String {
    if count == 1 {
        say!(lang, en: "{count} acceptor", zh: "{count} 个接受者")
    } else {
        say!(lang, en: "{count} acceptors", zh: "{count} 个接受者")
    }
}

fn accepted_values(lang: Lang, count: usize) -> String {
    if count == 1 {
        say!(lang, en: "{count} accepted value", zh: "{count} 个已接受的值")
    } else {
        say!(lang, en: "{count} accepted values", zh: "{count} 个已接受的值")
    }
}

fn gaps(lang: Lang, count: usize) -> String {
    if count == 1 {
        say!(lang, en: "{count} gap", zh: "{count} 个空缺")
    } else {
        say!(lang, en: "{count} gaps", zh: "{count} 个空缺")
    }
}
