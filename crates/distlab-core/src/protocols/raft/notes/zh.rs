//! Raft's explanations in Simplified Chinese. Figure 2's field names
//! (nextIndex, matchIndex) stay as the paper writes them.

use super::{PreVoteAnswer, RaftNote, Why};
use crate::protocols::raft::messages::{RaftObs, RaftTimer, Role};
use crate::sim::{Labels, NodeId};

fn role(role: Role) -> &'static str {
    match role {
        Role::Follower => "跟随者",
        Role::PreCandidate => "预候选人",
        Role::Candidate => "候选人",
        Role::Leader => "领导者",
    }
}

pub(super) fn note(note: &RaftNote, labels: &Labels) -> String {
    let l = |id: &NodeId| labels.get(*id);
    let pre = |pre_vote: &bool| if *pre_vote { "预投票" } else { "选票" };
    match note {
        RaftNote::AdoptsTerm {
            me,
            term,
            from,
            stepped_down,
        } => format!(
            "{} 从 {} 那里看到任期 {term}，比自己的新，于是采用这个任期{}",
            l(me),
            l(from),
            match stepped_down {
                Some(was) => format!("，并从{}退为跟随者", role(*was)),
                None => String::new(),
            }
        ),
        RaftNote::StartsPreVote { me, why, term } => format!(
            "{}；在提升任期之前，它先问其他节点：如果它在任期 {term} 参选，它们会不会投票给它",
            clause(*why, l(me))
        ),
        RaftNote::StartsElection { me, why, term } => format!(
            "{}，于是发起选举：任期 {term}，先投自己一票，再向其他节点拉票",
            clause(*why, l(me))
        ),
        RaftNote::WinsPreVote { me, votes, nodes } => format!(
            "{} 得到了多数派的预投票（{nodes} 个中的 {votes} 个），所以真正的选举有望成功",
            l(me)
        ),
        RaftNote::BecomesLeader {
            me,
            votes,
            nodes,
            term,
        } => format!(
            "{} 得到了多数派的选票（{nodes} 个中的 {votes} 个），成为任期 {term} 的领导者",
            l(me)
        ),
        RaftNote::AppendsNoop { me, term } => format!(
            "{} 追加一条任期 {term} 的空操作（no-op）条目：提交它，也就提交了之前的所有条目",
            l(me)
        ),
        RaftNote::LeaderHasNoTimeout { me } => {
            format!("{} 是领导者；领导者没有可以强制触发的选举超时", l(me))
        }
        RaftNote::LosesQuorum { me, heard, nodes } => format!(
            "{} 在一个选举超时内只收到了 {nodes} 个节点中 {heard} 个的消息，无法确定自己仍领导着多数派，于是退位",
            l(me)
        ),
        RaftNote::AnswersPreVote {
            me,
            from,
            term,
            answer,
        } => {
            let answer = match answer {
                PreVoteAnswer::TermNotOlder(own) => {
                    format!("拒绝：它自己的任期 {own} 并不更旧")
                }
                PreVoteAnswer::LeaderRecent => "拒绝：它最近刚收到过领导者的消息".to_owned(),
                PreVoteAnswer::OwnLogNewer => "拒绝：它自己的日志更新".to_owned(),
                PreVoteAnswer::Grant => {
                    "愿意投票：它没有领导者，而候选人的日志至少和它一样新".to_owned()
                }
            };
            format!(
                "{} 对 {} 任期 {term} 的预投票请求{answer}",
                l(me),
                l(from)
            )
        }
        RaftNote::RefusesVoteOldTerm {
            me,
            from,
            term,
            own,
        } => format!(
            "{} 拒绝投票给 {}：任期 {term} 比它自己的任期 {own} 旧",
            l(me),
            l(from)
        ),
        RaftNote::RefusesVoteAlreadyVoted {
            me,
            from,
            term,
            voted,
        } => format!(
            "{} 拒绝投票给 {}：它在任期 {term} 已经投给了 {}",
            l(me),
            l(from),
            voted.as_ref().map_or("别人", l)
        ),
        RaftNote::RefusesVoteLog {
            me,
            from,
            own_last_term,
            own_last_index,
            last_term,
            last_index,
        } => format!(
            "{} 拒绝投票给 {}：它自己的日志（最后任期 {own_last_term}，索引 {own_last_index}）比 {} 的（最后任期 {last_term}，索引 {last_index}）更新",
            l(me),
            l(from),
            l(from)
        ),
        RaftNote::GrantsVote { me, from, term } => format!(
            "{} 把任期 {term} 的选票投给 {}：它在这个任期还没投过票，而 {} 的日志至少和它自己的一样新",
            l(me),
            l(from),
            l(from)
        ),
        RaftNote::IgnoresVoteReply {
            me,
            from,
            term,
            pre_vote,
        } => format!(
            "{} 忽略 {} 的{}回复：它已不再等待任期 {term} 的{}",
            l(me),
            l(from),
            pre(pre_vote),
            pre(pre_vote)
        ),
        RaftNote::NotesRefusal { me, from, pre_vote } => format!(
            "{} 记下 {} 拒绝了它的{}请求",
            l(me),
            l(from),
            pre(pre_vote)
        ),
        RaftNote::CountsVotes {
            me,
            have,
            need,
            pre_vote,
        } => format!(
            "{} 现在有 {have} 张{}，需要 {need} 张",
            l(me),
            pre(pre_vote)
        ),
        RaftNote::RejectsOldLeader {
            me,
            from,
            term,
            own,
        } => format!(
            "{} 拒绝 {} 的 AppendEntries：它的任期 {term} 比 {own} 旧",
            l(me),
            l(from)
        ),
        RaftNote::FollowsWinner {
            me,
            from,
            term,
            was,
        } => format!(
            "{} 得知 {} 赢得了任期 {term}，于是不再做{}，转而跟随它",
            l(me),
            l(from),
            role(*was)
        ),
        RaftNote::RejectsGap {
            me,
            from,
            prev_index,
            prev_term,
        } => format!(
            "{} 拒绝 {} 的 AppendEntries：它在索引 {prev_index} 处没有任期 {prev_term} 的条目，领导者必须后退、从更早处重试",
            l(me),
            l(from)
        ),
        RaftNote::Truncates { me, index, after } => format!(
            "{} 的第 {index} 条与领导者的冲突（任期不同），于是删掉它{}",
            l(me),
            if *after == 0 {
                String::new()
            } else {
                format!("以及其后的 {after} 条")
            }
        ),
        RaftNote::Appends {
            me,
            from,
            count,
            last_index,
        } => format!(
            "{} 追加了来自 {} 的 {count} 条条目；它的日志现在到索引 {last_index} 为止",
            l(me),
            l(from)
        ),
        RaftNote::TakesHeartbeat { me, from, term } => format!(
            "{} 接受任期 {term} 的领导者 {} 的心跳，并重置自己的选举计时器",
            l(me),
            l(from)
        ),
        RaftNote::LearnsCommit { me, from, index } => format!(
            "{} 从 {} 的 leaderCommit 得知，它到索引 {index} 为止的条目都已提交，于是应用它们",
            l(me),
            l(from)
        ),
        RaftNote::IgnoresAppendReply { me, from, term } => format!(
            "{} 忽略 {} 的 AppendEntries 回复：它不是任期 {term} 的领导者",
            l(me),
            l(from)
        ),
        RaftNote::LearnsMatch { me, from, index } => format!(
            "{} 得知 {} 已存下它的日志直到索引 {index}（matchIndex）",
            l(me),
            l(from)
        ),
        RaftNote::StillInStep { me, from, index } => format!(
            "{} 收到 {} 的回复：仍然同步到索引 {index}",
            l(me),
            l(from)
        ),
        RaftNote::BacksOff { me, from, next } => format!(
            "{} 后退：{} 的 nextIndex 变为 {next}，然后重试",
            l(me),
            l(from)
        ),
        RaftNote::IgnoresStaleRefusal { me, from } => format!(
            "{} 忽略 {} 的一个过时拒绝：它已经后退过了这个位置",
            l(me),
            l(from)
        ),
        RaftNote::Commits {
            me,
            index,
            stored,
            nodes,
            current_term,
        } => format!(
            "{} 看到第 {index} 条已存在 {nodes} 个节点中的 {stored} 个上{}；它已提交",
            l(me),
            if *current_term {
                "，而且它属于当前任期"
            } else {
                "，虽然它属于更早的任期，也照样计数"
            }
        ),
        RaftNote::DropsRepeat { me, value, index } => format!(
            "领导者 {} 已在索引 {index} 处有这个客户端请求（{value}）：网络把它送达了两次，于是丢弃重复的那次",
            l(me)
        ),
        RaftNote::AppendsWrite {
            me,
            value,
            index,
            term,
        } => format!(
            "领导者 {} 把客户端写入 {value} 追加到索引 {index}（任期 {term}），并开始复制",
            l(me)
        ),
        RaftNote::ForwardsWrite { me, value, leader } => format!(
            "{} 不是领导者；它把客户端的写入 {value} 转给它所知道的领导者 {}",
            l(me),
            l(leader)
        ),
        RaftNote::TurnsWriteAway { me, value } => format!(
            "{} 不是领导者，也不知道谁是领导者，于是拒绝客户端的写入 {value}；客户端必须重试",
            l(me)
        ),
        RaftNote::SendsHeartbeats { me } => format!(
            "领导者 {} 向每个跟随者发送 AppendEntries，让它们知道它还活着，并跟上进度",
            l(me)
        ),
        RaftNote::Restarts { me, term, entries } => format!(
            "{} 以跟随者身份重启，磁盘上有任期 {term} 和 {entries} 条日志；它不再知道哪些已提交",
            l(me)
        ),
        RaftNote::TermWentBack { node, from, to } => {
            format!("{} 的任期从 {from} 倒退到了 {to}", l(node))
        }
        RaftNote::VotedTwice {
            node,
            first,
            second,
            term,
        } => format!(
            "{} 在任期 {term} 先投给了 {}，又投给了 {}",
            l(node),
            l(first),
            l(second)
        ),
        RaftNote::TwoLeaders {
            first,
            second,
            term,
        } => format!(
            "{} 和 {} 都当选了任期 {term} 的领导者",
            l(first),
            l(second)
        ),
        RaftNote::LeaderOverwrote {
            leader,
            index,
            term,
        } => format!(
            "领导者 {} 在任期 {term} 覆盖或删除了自己的第 {index} 条",
            l(leader)
        ),
        RaftNote::LogsDiverge { a, b, term, index } => format!(
            "{} 和 {} 在索引 {index} 处都有任期 {term} 的条目，但它们在这之前的日志不同",
            l(a),
            l(b)
        ),
        RaftNote::CommitsDiffer {
            node,
            index,
            term,
            by,
            by_term,
        } => format!(
            "{} 提交了任期 {term} 的第 {index} 条，而 {} 曾提交过另一条任期 {by_term} 的第 {index} 条",
            l(node),
            l(by)
        ),
        RaftNote::LeaderLacksEntry {
            leader,
            term,
            index,
            entry_term,
            by,
            in_term,
        } => format!(
            "{} 领导任期 {term} 时没有第 {index} 条（任期 {entry_term}），而 {} 在任期 {in_term} 已提交了它",
            l(leader),
            l(by)
        ),
    }
}

/// The opening clause of a sentence about starting a (pre-)vote.
fn clause(why: Why, me: &str) -> String {
    match why {
        Why::TimedOut => format!("{me} 在选举超时之前没有收到任何领导者的消息"),
        Why::Forced => format!("{me} 的选举超时被提前强制触发，不管有没有领导者的消息"),
        Why::PreVoted => format!("{me} 赢得了预投票"),
    }
}

pub(super) fn obs(obs: &RaftObs, labels: &Labels) -> String {
    let l = |id: &NodeId| labels.get(*id);
    match obs {
        RaftObs::Role {
            node,
            term,
            role: r,
        } => {
            format!("{} 在任期 {term} 成为{}", l(node), role(*r))
        }
        RaftObs::Vote {
            node,
            term,
            candidate,
        } => format!("{} 在任期 {term} 投票给 {}", l(node), l(candidate)),
        RaftObs::Commit {
            node,
            index,
            term,
            value,
        } => format!("{} 提交第 {index} 条（任期 {term}）：{value}", l(node)),
        RaftObs::Truncate {
            node,
            index,
            removed,
        } => format!("{} 从索引 {index} 起删除 {removed} 条冲突的条目", l(node)),
    }
}

pub(super) fn timer(timer: RaftTimer) -> &'static str {
    match timer {
        RaftTimer::Election => "选举计时器到时",
        RaftTimer::Heartbeat => "心跳计时器到时",
    }
}
