//! The configuration rules of the dissertation's chapter 4, one test each.

use super::*;
use crate::protocols::raft::replication::AppendRequest;
use crate::protocols::raft::testing::{commit_all, config, handle, handle_at, server, S1, S2};
use crate::protocols::raft::Bug;
use crate::sim::{ms, Effect};

const S3: NodeId = NodeId(2);
const S4: NodeId = NodeId(3);

/// S1..S3 in the first configuration, S4 a spare.
fn with_spare(change: impl FnOnce(&mut crate::protocols::raft::RaftConfig)) -> RaftNode {
    let config = config(|c| {
        c.nodes = 4;
        c.initial_members = 3;
        change(c);
    });
    server(S1, config, 1, &[(1, "a")])
}

/// S1 leading term 1 with its entry committed: free to change.
fn leader(change: impl FnOnce(&mut crate::protocols::raft::RaftConfig)) -> RaftNode {
    let mut s1 = with_spare(change);
    s1.role = Role::Leader;
    commit_all(&mut s1);
    s1
}

fn members(node: &RaftNode) -> Vec<u8> {
    node.members.iter().map(|m| m.0 + 1).collect()
}

fn sent(effects: &[Effect<crate::protocols::raft::RaftMember>]) -> Vec<(NodeId, &'static str)> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Send { to, msg } => Some((*to, crate::sim::Message::name(msg))),
            _ => None,
        })
        .collect()
}

fn ack(leader: &mut RaftNode, from: NodeId, now_ms: u64) {
    let last = leader.log.last_index();
    handle_at(leader, ms(now_ms), |n, ctx| {
        n.on_append_reply(ctx, from, 1, true, 0, last)
    });
}

#[test]
fn a_configuration_takes_effect_when_appended_and_reverts_when_truncated() {
    let mut s2 = server(S2, config(|c| c.nodes = 4), 1, &[(1, "a")]);
    let mut entry_source = server(S1, config(|c| c.nodes = 4), 1, &[(1, "a")]);
    let four: Members = Arc::new(NodeId::all(4).collect());
    entry_source.log.append_config(1, "+S4".into(), four);
    let entries = entry_source.log.slice_from(2, 1);
    handle(&mut s2, |n, ctx| {
        let request = AppendRequest {
            term: 1,
            prev_log_index: 1,
            prev_log_term: 1,
            entries,
            leader_commit: 1,
            read_round: 0,
        };
        n.on_append_entries(ctx, S1, request)
    });
    assert_eq!(s2.commit_index, 1, "not committed");
    assert_eq!(members(&s2), [1, 2, 3, 4], "yet in effect");

    // A leader of term 2 replaces entry 2: the configuration goes with it.
    handle(&mut s2, |n, ctx| {
        let request = AppendRequest {
            term: 2,
            prev_log_index: 1,
            prev_log_term: 1,
            entries: server(S3, config(|_| {}), 2, &[(1, "a"), (2, "b")])
                .log
                .slice_from(2, 1),
            leader_commit: 1,
            read_round: 0,
        };
        n.on_append_entries(ctx, S3, request)
    });
    assert_eq!(members(&s2), [1, 2, 3]);
}

#[test]
fn a_vote_from_outside_the_configuration_does_not_count() {
    let mut s1 = with_spare(|_| {});
    handle(&mut s1, |n, ctx| {
        n.start_election(ctx, super::super::notes::Why::Forced)
    });
    handle(&mut s1, |n, ctx| n.on_vote_reply(ctx, S4, 2, true, false));
    assert_eq!(
        s1.role,
        Role::Candidate,
        "S4's vote is not one of {{S1, S2, S3}}"
    );
    handle(&mut s1, |n, ctx| n.on_vote_reply(ctx, S2, 2, true, false));
    assert_eq!(s1.role, Role::Leader, "S2's is");
}

#[test]
fn a_server_outside_its_configuration_starts_no_election() {
    let mut spare = server(S4, config(|c| c.nodes = 4), 1, &[]);
    assert!(!spare.is_member());
    let effects = handle(&mut spare, |n, ctx| {
        n.election_timeout(ctx, super::super::notes::Why::TimedOut)
    });
    assert!(sent(&effects).is_empty());
    assert_eq!((spare.role, spare.current_term), (Role::Follower, 1));
}

#[test]
fn a_server_is_added_only_once_it_keeps_up_as_a_learner() {
    let mut s1 = leader(|_| {});
    let effects = handle(&mut s1, |n, ctx| n.on_add_server(ctx, S4));
    assert_eq!(sent(&effects), [(S4, "AppendEntries")]);
    assert_eq!(members(&s1), [1, 2, 3], "not before it catches up");
    assert!(s1.peers().contains(&S4), "but it gets entries");

    // Round 1 took longer than the minimum election timeout (150 ms).
    ack(&mut s1, S4, 400);
    assert_eq!(s1.catch_up.map(|c| c.round), Some(2));
    assert_eq!(members(&s1), [1, 2, 3]);
    // Round 2 took 20 ms: S4 keeps up.
    ack(&mut s1, S4, 420);
    assert_eq!(s1.catch_up, None);
    assert_eq!(members(&s1), [1, 2, 3, 4]);
    let entry = s1.log.get(2).expect("a configuration entry");
    assert_eq!(&*entry.value, "+S4");
}

#[test]
fn a_learner_that_never_keeps_up_is_not_added() {
    let mut s1 = leader(|_| {});
    handle(&mut s1, |n, ctx| n.on_add_server(ctx, S4));
    for round in 1..=CATCH_UP_ROUNDS as u64 {
        s1.log.append(1, format!("w={round}").into());
        ack(&mut s1, S4, round * 1_000);
    }
    assert_eq!(s1.catch_up, None);
    assert_eq!(members(&s1), [1, 2, 3]);
}

#[test]
fn one_change_at_a_time_and_only_after_an_entry_of_the_term_commits() {
    let mut s1 = leader(|_| {});
    handle(&mut s1, |n, ctx| n.on_remove_server(ctx, S3));
    assert_eq!(members(&s1), [1, 2]);
    let effects = handle(&mut s1, |n, ctx| n.on_remove_server(ctx, S2));
    assert!(effects.iter().any(|e| matches!(e, Effect::TurnAway)));
    assert_eq!(members(&s1), [1, 2], "the first change is not committed");

    // A leader of term 2 whose log holds only term 1.
    let mut fresh = leader(|_| {});
    fresh.current_term = 2;
    let effects = handle(&mut fresh, |n, ctx| n.on_remove_server(ctx, S3));
    assert!(effects.iter().any(|e| matches!(e, Effect::TurnAway)));
    // With the 2015 bug it goes ahead.
    let mut buggy = leader(|c| {
        c.bugs.insert(Bug::ConfigBeforeTermCommit);
    });
    buggy.current_term = 2;
    handle(&mut buggy, |n, ctx| n.on_remove_server(ctx, S3));
    assert_eq!(members(&buggy), [1, 2]);
}

#[test]
fn a_leader_that_removes_itself_steps_down_once_the_change_commits() {
    let mut s1 = leader(|_| {});
    handle(&mut s1, |n, ctx| n.on_remove_server(ctx, S1));
    assert_eq!(members(&s1), [2, 3]);
    assert_eq!(s1.role, Role::Leader, "it still leads the change");
    ack(&mut s1, S2, 10);
    assert_eq!(s1.role, Role::Leader, "one of {{S2, S3}} is no majority");
    ack(&mut s1, S3, 12);
    assert_eq!(s1.commit_index, 2);
    assert_eq!(s1.role, Role::Follower);
    let effects = handle(&mut s1, |n, ctx| {
        n.election_timeout(ctx, super::super::notes::Why::TimedOut)
    });
    assert!(sent(&effects).is_empty(), "and stays quiet");
}

#[test]
fn a_leader_cut_off_before_its_removal_commits_may_still_stand() {
    let mut s1 = leader(|_| {});
    handle(&mut s1, |n, ctx| n.on_remove_server(ctx, S1));
    s1.role = Role::Follower;
    let effects = handle(&mut s1, |n, ctx| {
        n.election_timeout(ctx, super::super::notes::Why::TimedOut)
    });
    assert_eq!(
        sent(&effects),
        [(S2, "RequestVote"), (S3, "RequestVote")],
        "S2 and S3 still count S1 in, and S1's log is ahead of theirs"
    );
    handle(&mut s1, |n, ctx| n.on_vote_reply(ctx, S2, 2, true, false));
    assert_eq!(s1.role, Role::Candidate, "its own vote does not count");
    handle(&mut s1, |n, ctx| n.on_vote_reply(ctx, S3, 2, true, false));
    assert_eq!(
        s1.role,
        Role::Leader,
        "it leads {{S2, S3}} until the change commits"
    );
}
