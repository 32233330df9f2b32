//! Raft's explanations in English. The trace's notes are these words.

use super::{PreVoteAnswer, RaftNote, Why};
use crate::protocols::raft::messages::{RaftObs, RaftTimer};
use crate::sim::{Labels, NodeId};

pub(super) fn note(note: &RaftNote, labels: &Labels) -> String {
    let l = |id: &NodeId| labels.get(*id);
    let pre = |pre_vote: &bool| if *pre_vote { "pre-" } else { "" };
    match note {
        RaftNote::AdoptsTerm {
            me,
            term,
            from,
            stepped_down,
        } => format!(
            "{} sees term {term} from {}, newer than its own, so it adopts that term{}",
            l(me),
            l(from),
            match stepped_down {
                Some(was) => format!(" and steps down from {} to follower", was.name()),
                None => String::new(),
            }
        ),
        RaftNote::StartsPreVote { me, why, term } => format!(
            "{}; before raising its term it asks the others whether they would vote for it in term {term}",
            clause(*why, l(me))
        ),
        RaftNote::StartsElection { me, why, term } => format!(
            "{}, so it starts an election: term {term}, votes for itself, asks the others",
            clause(*why, l(me))
        ),
        RaftNote::WinsPreVote { me, votes, nodes } => format!(
            "{} has pre-votes from a majority ({votes} of {nodes}), so a real election can succeed",
            l(me)
        ),
        RaftNote::BecomesLeader {
            me,
            votes,
            nodes,
            term,
        } => format!(
            "{} has votes from a majority ({votes} of {nodes}) and becomes leader of term {term}",
            l(me)
        ),
        RaftNote::AppendsNoop { me, term } => format!(
            "{} appends a no-op entry of term {term}: committing it also commits every earlier entry",
            l(me)
        ),
        RaftNote::LeaderHasNoTimeout { me } => format!(
            "{} is the leader; leaders have no election timeout to force",
            l(me)
        ),
        RaftNote::LosesQuorum { me, heard, nodes } => format!(
            "{} heard from only {heard} of {nodes} nodes during an election timeout, so it can no longer be sure it leads a majority and steps down",
            l(me)
        ),
        RaftNote::AnswersPreVote {
            me,
            from,
            term,
            answer,
        } => {
            let (verb, why) = match answer {
                PreVoteAnswer::TermNotOlder(own) => {
                    ("refuses", format!("its own term {own} is not older"))
                }
                PreVoteAnswer::LeaderRecent => {
                    ("refuses", "it heard from a leader recently".to_owned())
                }
                PreVoteAnswer::OwnLogNewer => {
                    ("refuses", "its own log is more up to date".to_owned())
                }
                PreVoteAnswer::Grant => (
                    "would grant",
                    "it has no leader and the candidate's log is at least as up to date".to_owned(),
                ),
            };
            format!(
                "{} {verb} {} a pre-vote for term {term}: {why}",
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
            "{} refuses its vote to {}: term {term} is older than its own term {own}",
            l(me),
            l(from)
        ),
        RaftNote::RefusesVoteAlreadyVoted {
            me,
            from,
            term,
            voted,
        } => format!(
            "{} refuses its vote to {}: it already voted for {} in term {term}",
            l(me),
            l(from),
            voted.as_ref().map_or("someone", l)
        ),
        RaftNote::RefusesVoteLog {
            me,
            from,
            own_last_term,
            own_last_index,
            last_term,
            last_index,
        } => format!(
            "{} refuses its vote to {}: its own log (last term {own_last_term}, index {own_last_index}) is more up to date than {}'s (last term {last_term}, index {last_index})",
            l(me),
            l(from),
            l(from)
        ),
        RaftNote::GrantsVote { me, from, term } => format!(
            "{} grants its vote to {} for term {term}: it has not voted in this term and {}'s log is at least as up to date as its own",
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
            "{} ignores a {}vote reply from {}: it is no longer waiting for votes of term {term}",
            l(me),
            pre(pre_vote),
            l(from)
        ),
        RaftNote::NotesRefusal { me, from, pre_vote } => format!(
            "{} notes that {} refused its {}vote",
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
            "{} now has {have} of the {need} {}votes it needs",
            l(me),
            pre(pre_vote)
        ),
        RaftNote::RejectsOldLeader {
            me,
            from,
            term,
            own,
        } => format!(
            "{} rejects AppendEntries from {}: its term {term} is older than {own}",
            l(me),
            l(from)
        ),
        RaftNote::FollowsWinner {
            me,
            from,
            term,
            was,
        } => format!(
            "{} learns that {} won term {term}, so it stops being a {} and follows",
            l(me),
            l(from),
            was.name()
        ),
        RaftNote::RejectsGap {
            me,
            from,
            prev_index,
            prev_term,
        } => format!(
            "{} rejects AppendEntries from {}: it has no entry at index {prev_index} with term {prev_term}, so the leader must back off and retry earlier",
            l(me),
            l(from)
        ),
        RaftNote::Truncates { me, index, after } => format!(
            "{}'s entry {index} conflicts with the leader's (different term), so it deletes it{}",
            l(me),
            match after {
                0 => String::new(),
                1 => " and the one after it".to_owned(),
                n => format!(" and the {n} after it"),
            }
        ),
        RaftNote::Appends {
            me,
            from,
            count,
            last_index,
        } => format!(
            "{} appends {count} {} from {}; its log now ends at index {last_index}",
            l(me),
            plural(*count, "entry", "entries"),
            l(from)
        ),
        RaftNote::TakesHeartbeat { me, from, term } => format!(
            "{} accepts a heartbeat from {}, leader of term {term}, and resets its election timer",
            l(me),
            l(from)
        ),
        RaftNote::LearnsCommit { me, from, index } => format!(
            "{} learns from {}'s leaderCommit that its entries up to index {index} are committed, and applies them",
            l(me),
            l(from)
        ),
        RaftNote::IgnoresAppendReply { me, from, term } => format!(
            "{} ignores an AppendEntries reply from {}: it is not leading term {term}",
            l(me),
            l(from)
        ),
        RaftNote::LearnsMatch { me, from, index } => format!(
            "{} learns that {} stores its log up to index {index} (matchIndex)",
            l(me),
            l(from)
        ),
        RaftNote::StillInStep { me, from, index } => format!(
            "{} hears from {}: still in step up to index {index}",
            l(me),
            l(from)
        ),
        RaftNote::BacksOff { me, from, next } => format!(
            "{} backs off: nextIndex for {} becomes {next} and it retries",
            l(me),
            l(from)
        ),
        RaftNote::IgnoresStaleRefusal { me, from } => format!(
            "{} ignores an out-of-date refusal from {}: it has already backed off past it",
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
            "{} sees entry {index} stored on {stored} of {nodes} nodes{}; it is committed",
            l(me),
            if *current_term {
                ", and it is from the current term"
            } else {
                ", and counts it though it is from an earlier term"
            }
        ),
        RaftNote::DropsRepeat { me, value, index } => format!(
            "leader {} already has this client request ({value}) at index {index}: the network delivered it twice, so it drops the repeat",
            l(me)
        ),
        RaftNote::AppendsWrite {
            me,
            value,
            index,
            term,
        } => format!(
            "leader {} appends client write {value} at index {index}, term {term}, and replicates it",
            l(me)
        ),
        RaftNote::ForwardsWrite { me, value, leader } => format!(
            "{} is not the leader; it passes the client's write {value} to {}, the leader it knows",
            l(me),
            l(leader)
        ),
        RaftNote::TurnsWriteAway { me, value } => format!(
            "{} is not the leader and knows no leader, so it turns the client's write {value} away; the client must retry",
            l(me)
        ),
        RaftNote::SendsHeartbeats { me } => format!(
            "leader {} sends AppendEntries to every follower, so that they know it is alive and catch up",
            l(me)
        ),
        RaftNote::Restarts { me, term, entries } => format!(
            "{} restarts as a follower with term {term} and {entries} log {} on disk; it no longer knows what is committed",
            l(me),
            plural(*entries, "entry", "entries")
        ),
        RaftNote::TermWentBack { node, from, to } => {
            format!("{}'s term went back from {from} to {to}", l(node))
        }
        RaftNote::VotedTwice {
            node,
            first,
            second,
            term,
        } => format!(
            "{} voted for {} and then for {} in term {term}",
            l(node),
            l(first),
            l(second)
        ),
        RaftNote::TwoLeaders {
            first,
            second,
            term,
        } => format!(
            "{} and {} were both elected leader of term {term}",
            l(first),
            l(second)
        ),
        RaftNote::LeaderOverwrote {
            leader,
            index,
            term,
        } => format!(
            "leader {} overwrote or deleted its own entry {index} in term {term}",
            l(leader)
        ),
        RaftNote::LogsDiverge { a, b, term, index } => format!(
            "{} and {} both have an entry of term {term} at index {index}, but their logs differ before it",
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
            "{} committed entry {index} of term {term} but {} had committed a different entry {index} of term {by_term}",
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
            "{} led term {term} without entry {index} (term {entry_term}), which {} committed in term {in_term}",
            l(leader),
            l(by)
        ),
    }
}

/// The opening clause of a sentence about starting a (pre-)vote.
fn clause(why: Why, me: &str) -> String {
    match why {
        Why::TimedOut => format!("{me} heard from no leader before its election timeout"),
        Why::Forced => {
            format!("{me}'s election timeout was forced early, whether or not a leader is heard")
        }
        Why::PreVoted => format!("{me} won its pre-vote"),
    }
}

pub(super) fn obs(obs: &RaftObs, labels: &Labels) -> String {
    let l = |id: &NodeId| labels.get(*id);
    match obs {
        RaftObs::Role { node, term, role } => {
            format!("{} is {} in term {term}", l(node), role.name())
        }
        RaftObs::Vote {
            node,
            term,
            candidate,
        } => format!("{} votes for {} in term {term}", l(node), l(candidate)),
        RaftObs::Commit {
            node,
            index,
            term,
            value,
        } => format!("{} commits entry {index} (term {term}): {value}", l(node)),
        RaftObs::Truncate {
            node,
            index,
            removed,
        } => format!(
            "{} deletes {removed} conflicting {} from index {index}",
            l(node),
            plural(*removed, "entry", "entries")
        ),
    }
}

pub(super) fn timer(timer: RaftTimer) -> &'static str {
    match timer {
        RaftTimer::Election => "election timer fires",
        RaftTimer::Heartbeat => "heartbeat timer fires",
    }
}

/// The word for `n` of a thing: `one` for exactly one, else `many`.
fn plural(n: u64, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 {
        one
    } else {
        many
    }
}
