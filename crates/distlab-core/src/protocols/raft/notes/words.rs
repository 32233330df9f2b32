//! Raft's explanations and the checker's findings in words, each sentence
//! with its languages side by side. Figure 2's field names (nextIndex,
//! matchIndex, leaderCommit) stay as the paper writes them in every
//! language.

use super::records::role;
use super::{PreVoteAnswer, RaftNote, Why};
use crate::sim::{Labels, NodeId};
use crate::units::Lang;
use crate::{say, text};

/// What `note` says in `lang`.
pub(super) fn note(note: &RaftNote, lang: Lang, labels: &Labels) -> String {
    let l = |id: &NodeId| labels.get(*id);
    match note {
        RaftNote::Read(note) => super::reads::note(note, lang, labels),
        RaftNote::Client(note) => note.describe(lang, labels),
        RaftNote::AdoptsTerm {
            me,
            term,
            from,
            stepped_down,
        } => say!(lang,
        en: "{me} sees term {term} from {from}, newer than its own, so it adopts that term{then}",
        zh: "{me} 从 {from} 那里看到任期 {term}，比自己的新，于是采用这个任期{then}",
        me = l(me), from = l(from), then = match stepped_down {
            Some(was) => say!(lang,
                en: " and steps down from {was} to follower",
                zh: "，并从{was}退为跟随者",
                was = role(lang, *was)),
            None => String::new(),
        }),
        RaftNote::StartsPreVote { me, why, term } => say!(lang,
            en: "{clause}; before raising its term it asks the others whether they would vote for it in term {term}",
            zh: "{clause}；在提升任期之前，它先问其他节点：如果它在任期 {term} 参选，它们会不会投票给它",
            clause = clause(lang, *why, l(me))),
        RaftNote::StartsElection { me, why, term } => say!(lang,
            en: "{clause}, so it starts an election: term {term}, votes for itself, asks the others",
            zh: "{clause}，于是发起选举：任期 {term}，先投自己一票，再向其他节点拉票",
            clause = clause(lang, *why, l(me))),
        RaftNote::WinsPreVote { me, votes, nodes } => say!(lang,
            en: "{me} has pre-votes from a majority ({votes} of {nodes}), so a real election can succeed",
            zh: "{me} 得到了多数派的预投票（{nodes} 个中的 {votes} 个），所以真正的选举有望成功",
            me = l(me)),
        RaftNote::BecomesLeader {
            me,
            votes,
            nodes,
            term,
        } => say!(lang,
            en: "{me} has votes from a majority ({votes} of {nodes}) and becomes leader of term {term}",
            zh: "{me} 得到了多数派的选票（{nodes} 个中的 {votes} 个），成为任期 {term} 的领导者",
            me = l(me)),
        RaftNote::AppendsNoop { me, term } => say!(lang,
            en: "{me} appends a no-op entry of term {term}: committing it also commits every earlier entry",
            zh: "{me} 追加一条任期 {term} 的空操作（no-op）条目：提交它，也就提交了之前的所有条目",
            me = l(me)),
        RaftNote::LeaderHasNoTimeout { me } => say!(lang,
            en: "{me} is the leader; leaders have no election timeout to force",
            zh: "{me} 是领导者；领导者没有可以强制触发的选举超时",
            me = l(me)),
        RaftNote::LosesQuorum { me, heard, nodes } => say!(lang,
            en: "{me} heard from only {heard} of {nodes} nodes during an election timeout, so it can no longer be sure it leads a majority and steps down",
            zh: "{me} 在一个选举超时内只收到了 {nodes} 个节点中 {heard} 个的消息，无法确定自己仍领导着多数派，于是退位",
            me = l(me)),
        RaftNote::AnswersPreVote {
            me,
            from,
            term,
            answer,
        } => {
            let (me, from) = (l(me), l(from));
            match answer {
                PreVoteAnswer::TermNotOlder(own) => say!(lang,
                    en: "{me} refuses {from} a pre-vote for term {term}: its own term {own} is not older",
                    zh: "{me} 对 {from} 任期 {term} 的预投票请求拒绝：它自己的任期 {own} 并不更旧"),
                PreVoteAnswer::LeaderRecent => say!(lang,
                    en: "{me} refuses {from} a pre-vote for term {term}: it heard from a leader recently",
                    zh: "{me} 对 {from} 任期 {term} 的预投票请求拒绝：它最近刚收到过领导者的消息"),
                PreVoteAnswer::OwnLogNewer => say!(lang,
                    en: "{me} refuses {from} a pre-vote for term {term}: its own log is more up to date",
                    zh: "{me} 对 {from} 任期 {term} 的预投票请求拒绝：它自己的日志更新"),
                PreVoteAnswer::Grant => say!(lang,
                    en: "{me} would grant {from} a pre-vote for term {term}: it has no leader and the candidate's log is at least as up to date",
                    zh: "{me} 对 {from} 任期 {term} 的预投票请求愿意投票：它没有领导者，而候选人的日志至少和它一样新"),
            }
        }
        RaftNote::RefusesVoteOldTerm {
            me,
            from,
            term,
            own,
        } => say!(lang,
            en: "{me} refuses its vote to {from}: term {term} is older than its own term {own}",
            zh: "{me} 拒绝投票给 {from}：任期 {term} 比它自己的任期 {own} 旧",
            me = l(me), from = l(from)),
        RaftNote::RefusesVoteAlreadyVoted {
            me,
            from,
            term,
            voted,
        } => say!(lang,
            en: "{me} refuses its vote to {from}: it already voted for {voted} in term {term}",
            zh: "{me} 拒绝投票给 {from}：它在任期 {term} 已经投给了 {voted}",
            me = l(me), from = l(from),
            voted = voted.as_ref().map_or(text!(lang, en: "someone", zh: "别人"), l)),
        RaftNote::RefusesVoteLog {
            me,
            from,
            own_last_term,
            own_last_index,
            last_term,
            last_index,
        } => say!(lang,
            en: "{me} refuses its vote to {from}: its own log (last term {own_last_term}, index {own_last_index}) is more up to date than {from}'s (last term {last_term}, index {last_index})",
            zh: "{me} 拒绝投票给 {from}：它自己的日志（最后任期 {own_last_term}，索引 {own_last_index}）比 {from} 的（最后任期 {last_term}，索引 {last_index}）更新",
            me = l(me), from = l(from)),
        RaftNote::GrantsVote { me, from, term } => say!(lang,
            en: "{me} grants its vote to {from} for term {term}: it has not voted in this term and {from}'s log is at least as up to date as its own",
            zh: "{me} 把任期 {term} 的选票投给 {from}：它在这个任期还没投过票，而 {from} 的日志至少和它自己的一样新",
            me = l(me), from = l(from)),
        RaftNote::IgnoresVoteReply {
            me,
            from,
            term,
            pre_vote,
        } => say!(lang,
            en: "{me} ignores a {vote}vote reply from {from}: it is no longer waiting for votes of term {term}",
            zh: "{me} 忽略 {from} 的{vote}回复：它已不再等待任期 {term} 的{vote}",
            me = l(me), from = l(from), vote = vote(lang, *pre_vote)),
        RaftNote::NotesRefusal { me, from, pre_vote } => say!(lang,
            en: "{me} notes that {from} refused its {vote}vote",
            zh: "{me} 记下 {from} 拒绝了它的{vote}请求",
            me = l(me), from = l(from), vote = vote(lang, *pre_vote)),
        RaftNote::CountsVotes {
            me,
            have,
            need,
            pre_vote,
        } => say!(lang,
            en: "{me} now has {have} of the {need} {vote}votes it needs",
            zh: "{me} 现在有 {have} 张{vote}，需要 {need} 张",
            me = l(me), vote = vote(lang, *pre_vote)),
        RaftNote::RejectsOldLeader {
            me,
            from,
            term,
            own,
        } => say!(lang,
            en: "{me} rejects AppendEntries from {from}: its term {term} is older than {own}",
            zh: "{me} 拒绝 {from} 的 AppendEntries：它的任期 {term} 比 {own} 旧",
            me = l(me), from = l(from)),
        RaftNote::FollowsWinner {
            me,
            from,
            term,
            was,
        } => say!(lang,
            en: "{me} learns that {from} won term {term}, so it stops being a {was} and follows",
            zh: "{me} 得知 {from} 赢得了任期 {term}，于是不再做{was}，转而跟随它",
            me = l(me), from = l(from), was = role(lang, *was)),
        RaftNote::RejectsGap {
            me,
            from,
            prev_index,
            prev_term,
        } => say!(lang,
            en: "{me} rejects AppendEntries from {from}: it has no entry at index {prev_index} with term {prev_term}, so the leader must back off and retry earlier",
            zh: "{me} 拒绝 {from} 的 AppendEntries：它在索引 {prev_index} 处没有任期 {prev_term} 的条目，领导者必须后退、从更早处重试",
            me = l(me), from = l(from)),
        RaftNote::Truncates { me, index, after } => say!(lang,
        en: "{me}'s entry {index} conflicts with the leader's (different term), so it deletes it{and_after}",
        zh: "{me} 的第 {index} 条与领导者的冲突（任期不同），于是删掉它{and_after}",
        me = l(me), and_after = match after {
            0 => String::new(),
            1 => text!(lang, en: " and the one after it", zh: "以及其后的 1 条").to_owned(),
            n => say!(lang, en: " and the {n} after it", zh: "以及其后的 {n} 条"),
        }),
        RaftNote::Appends {
            me,
            from,
            count,
            last_index,
        } => say!(lang,
        en: "{me} appends {entries} from {from}; its log now ends at index {last_index}",
        zh: "{me} 追加了来自 {from} 的 {entries}；它的日志现在到索引 {last_index} 为止",
        me = l(me), from = l(from), entries = if *count == 1 {
            say!(lang, en: "{count} entry", zh: "{count} 条条目")
        } else {
            say!(lang, en: "{count} entries", zh: "{count} 条条目")
        }),
        RaftNote::TakesHeartbeat { me, from, term } => say!(lang,
            en: "{me} accepts a heartbeat from {from}, leader of term {term}, and resets its election timer",
            zh: "{me} 接受任期 {term} 的领导者 {from} 的心跳，并重置自己的选举计时器",
            me = l(me), from = l(from)),
        RaftNote::LearnsCommit { me, from, index } => say!(lang,
            en: "{me} learns from {from}'s leaderCommit that its entries up to index {index} are committed, and applies them",
            zh: "{me} 从 {from} 的 leaderCommit 得知，它到索引 {index} 为止的条目都已提交，于是应用它们",
            me = l(me), from = l(from)),
        RaftNote::IgnoresAppendReply { me, from, term } => say!(lang,
            en: "{me} ignores an AppendEntries reply from {from}: it is not leading term {term}",
            zh: "{me} 忽略 {from} 的 AppendEntries 回复：它不是任期 {term} 的领导者",
            me = l(me), from = l(from)),
        RaftNote::LearnsMatch { me, from, index } => say!(lang,
            en: "{me} learns that {from} stores its log up to index {index} (matchIndex)",
            zh: "{me} 得知 {from} 已存下它的日志直到索引 {index}（matchIndex）",
            me = l(me), from = l(from)),
        RaftNote::StillInStep { me, from, index } => say!(lang,
            en: "{me} hears from {from}: still in step up to index {index}",
            zh: "{me} 收到 {from} 的回复：仍然同步到索引 {index}",
            me = l(me), from = l(from)),
        RaftNote::BacksOff { me, from, next } => say!(lang,
            en: "{me} backs off: nextIndex for {from} becomes {next} and it retries",
            zh: "{me} 后退：{from} 的 nextIndex 变为 {next}，然后重试",
            me = l(me), from = l(from)),
        RaftNote::IgnoresStaleRefusal { me, from } => say!(lang,
            en: "{me} ignores an out-of-date refusal from {from}: it has already backed off past it",
            zh: "{me} 忽略 {from} 的一个过时拒绝：它已经后退过了这个位置",
            me = l(me), from = l(from)),
        RaftNote::Commits {
            me,
            index,
            stored,
            nodes,
            current_term,
        } => say!(lang,
        en: "{me} sees entry {index} stored on {stored} of {nodes} nodes{whose}; it is committed",
        zh: "{me} 看到第 {index} 条已存在 {nodes} 个节点中的 {stored} 个上{whose}；它已提交",
        me = l(me), whose = if *current_term {
            text!(lang, en: ", and it is from the current term", zh: "，而且它属于当前任期")
        } else {
            text!(lang,
                en: ", and counts it though it is from an earlier term",
                zh: "，虽然它属于更早的任期，也照样计数")
        }),
        RaftNote::DropsRepeat { me, value, index } => say!(lang,
            en: "leader {me} already has this client request ({value}) at index {index}: the network delivered it twice, so it drops the repeat",
            zh: "领导者 {me} 已在索引 {index} 处有这个客户端请求（{value}）：网络把它送达了两次，于是丢弃重复的那次",
            me = l(me)),
        RaftNote::AppendsWrite {
            me,
            value,
            index,
            term,
        } => say!(lang,
            en: "leader {me} appends client write {value} at index {index}, term {term}, and replicates it",
            zh: "领导者 {me} 把客户端写入 {value} 追加到索引 {index}（任期 {term}），并开始复制",
            me = l(me)),
        RaftNote::ForwardsWrite { me, value, leader } => say!(lang,
            en: "{me} is not the leader; it passes the client's write {value} to {leader}, the leader it knows",
            zh: "{me} 不是领导者；它把客户端的写入 {value} 转给它所知道的领导者 {leader}",
            me = l(me), leader = l(leader)),
        RaftNote::TurnsWriteAway { me, value } => say!(lang,
            en: "{me} is not the leader and knows no leader, so it turns the client's write {value} away; the client must retry",
            zh: "{me} 不是领导者，也不知道谁是领导者，于是拒绝客户端的写入 {value}；客户端必须重试",
            me = l(me)),
        RaftNote::SendsHeartbeats { me } => say!(lang,
            en: "leader {me} sends AppendEntries to every follower, so that they know it is alive and catch up",
            zh: "领导者 {me} 向每个跟随者发送 AppendEntries，让它们知道它还活着，并跟上进度",
            me = l(me)),
        RaftNote::Restarts { me, term, entries } => say!(lang,
        en: "{me} restarts as a follower with term {term} and {entries} on disk; it no longer knows what is committed",
        zh: "{me} 以跟随者身份重启，磁盘上有任期 {term} 和 {entries}；它不再知道哪些已提交",
        me = l(me), entries = if *entries == 1 {
            say!(lang, en: "{entries} log entry", zh: "{entries} 条日志")
        } else {
            say!(lang, en: "{entries} log entries", zh: "{entries} 条日志")
        }),
        RaftNote::TermWentBack { node, from, to } => say!(lang,
            en: "{node}'s term went back from {from} to {to}",
            zh: "{node} 的任期从 {from} 倒退到了 {to}",
            node = l(node)),
        RaftNote::VotedTwice {
            node,
            first,
            second,
            term,
        } => say!(lang,
            en: "{node} voted for {first} and then for {second} in term {term}",
            zh: "{node} 在任期 {term} 先投给了 {first}，又投给了 {second}",
            node = l(node), first = l(first), second = l(second)),
        RaftNote::TwoLeaders {
            first,
            second,
            term,
        } => say!(lang,
            en: "{first} and {second} were both elected leader of term {term}",
            zh: "{first} 和 {second} 都当选了任期 {term} 的领导者",
            first = l(first), second = l(second)),
        RaftNote::LeaderOverwrote {
            leader,
            index,
            term,
        } => say!(lang,
            en: "leader {leader} overwrote or deleted its own entry {index} in term {term}",
            zh: "领导者 {leader} 在任期 {term} 覆盖或删除了自己的第 {index} 条",
            leader = l(leader)),
        RaftNote::LogsDiverge { a, b, term, index } => say!(lang,
            en: "{a} and {b} both have an entry of term {term} at index {index}, but their logs differ before it",
            zh: "{a} 和 {b} 在索引 {index} 处都有任期 {term} 的条目，但它们在这之前的日志不同",
            a = l(a), b = l(b)),
        RaftNote::CommitsDiffer {
            node,
            index,
            term,
            by,
            by_term,
        } => say!(lang,
            en: "{node} committed entry {index} of term {term} but {by} had committed a different entry {index} of term {by_term}",
            zh: "{node} 提交了任期 {term} 的第 {index} 条，而 {by} 曾提交过另一条任期 {by_term} 的第 {index} 条",
            node = l(node), by = l(by)),
        RaftNote::LeaderLacksEntry {
            leader,
            term,
            index,
            entry_term,
            by,
            in_term,
        } => say!(lang,
            en: "{leader} led term {term} without entry {index} (term {entry_term}), which {by} committed in term {in_term}",
            zh: "{leader} 领导任期 {term} 时没有第 {index} 条（任期 {entry_term}），而 {by} 在任期 {in_term} 已提交了它",
            leader = l(leader), by = l(by)),
    }
}

/// The opening clause of a sentence about starting a (pre-)vote.
fn clause(lang: Lang, why: Why, me: &str) -> String {
    match why {
        Why::TimedOut => say!(lang,
            en: "{me} heard from no leader before its election timeout",
            zh: "{me} 在选举超时之前没有收到任何领导者的消息"),
        Why::Forced => say!(lang,
            en: "{me}'s election timeout was forced early, whether or not a leader is heard",
            zh: "{me} 的选举超时被提前强制触发，不管有没有领导者的消息"),
        Why::PreVoted => say!(lang, en: "{me} won its pre-vote", zh: "{me} 赢得了预投票"),
    }
}

/// Which kind of vote: English puts `pre-` before "vote" or nothing,
/// Chinese names the ballot itself.
fn vote(lang: Lang, pre_vote: bool) -> &'static str {
    if pre_vote {
        text!(lang, en: "pre-", zh: "预投票")
    } else {
        text!(lang, en: "", zh: "选票")
    }
}
