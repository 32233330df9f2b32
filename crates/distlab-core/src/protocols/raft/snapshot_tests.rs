//! Figure 13's receiver rules, one test each, and the leader's side:
//! handlers called directly, their effects read back.

use std::sync::Arc;

use super::*;
use crate::protocols::raft::member::RaftMember;
use crate::protocols::raft::messages::{RaftTimer, Role};
use crate::protocols::raft::testing::{commit_all, config, handle, server, S1, S2};
use crate::sim::Effect;

/// The leader S1's snapshot of five entries of term 1, keys a to e.
fn leaders_snapshot() -> Arc<Snapshot> {
    let mut leader = server(S1, config(|c| c.snapshot_every = Some(5)), 1, &FIVE);
    commit_all(&mut leader);
    leader
        .snapshot
        .clone()
        .expect("a snapshot after five applied entries")
}

const FIVE: [(u64, &str); 5] = [(1, "a"), (1, "b"), (1, "c"), (1, "d"), (1, "e")];

fn install(node: &mut RaftNode, term: u64, snapshot: Arc<Snapshot>) -> Vec<Effect<RaftMember>> {
    handle(node, |n, ctx| {
        n.on_install_snapshot(ctx, S1, InstallRequest { term, snapshot })
    })
}

fn replies(effects: &[Effect<RaftMember>]) -> Vec<(u64, u64)> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Send {
                msg:
                    RaftMsg::InstallSnapshotReply {
                        term,
                        last_included_index,
                    },
                ..
            } => Some((term.to_owned(), last_included_index.to_owned())),
            _ => None,
        })
        .collect()
}

#[test]
fn a_server_snapshots_once_enough_entries_are_applied() {
    let snapshot = leaders_snapshot();
    assert_eq!((snapshot.base.index, snapshot.base.term), (5, 1));
    assert_eq!(snapshot.state.get("e").map(String::as_str), Some("5"));
    assert_eq!(snapshot.state.len(), 5);

    let mut four = server(S1, config(|c| c.snapshot_every = Some(5)), 1, &FIVE[..4]);
    commit_all(&mut four);
    assert!(
        four.snapshot.is_none(),
        "four applied entries are not enough"
    );
    assert_eq!(four.log.base().index, 0);
}

#[test]
fn step_1_a_snapshot_from_an_older_term_is_answered_and_ignored() {
    let mut follower = server(S2, config(|_| {}), 3, &[]);
    let effects = install(&mut follower, 2, leaders_snapshot());
    assert_eq!(replies(&effects), vec![(3, 5)], "the reply carries term 3");
    assert_eq!(follower.log.last_index(), 0);
    assert!(follower.state.is_empty());
}

#[test]
fn step_6_a_log_holding_the_last_included_entry_keeps_what_follows() {
    let mut entries = FIVE.to_vec();
    entries.extend([(1, "f"), (1, "g")]);
    let mut follower = server(S2, config(|_| {}), 1, &entries);
    follower.commit_index = 3;
    install(&mut follower, 1, leaders_snapshot());
    assert_eq!(follower.log.base().index, 5);
    assert_eq!(follower.log.last_index(), 7, "entries 6 and 7 are kept");
    assert_eq!(follower.log.get(6).map(|e| &*e.value), Some("f=6"));
    assert_eq!((follower.commit_index, follower.last_applied), (5, 5));
}

#[test]
fn step_7_a_log_without_the_last_included_entry_is_discarded() {
    // Shorter than the snapshot.
    let mut short = server(S2, config(|_| {}), 1, &FIVE[..2]);
    install(&mut short, 1, leaders_snapshot());
    assert_eq!((short.log.base().index, short.log.last_index()), (5, 5));

    // As long, but entry 5 is of another term: what follows conflicts too.
    let other = [(1, "a"), (1, "b"), (1, "c"), (1, "d"), (2, "x"), (2, "y")];
    let mut conflicting = server(S2, config(|_| {}), 2, &other);
    install(&mut conflicting, 2, leaders_snapshot());
    assert_eq!(conflicting.log.last_index(), 5, "entry 6 of term 2 is gone");
    assert_eq!(conflicting.log.last_term(), 1);
}

#[test]
fn step_8_the_state_machine_becomes_the_snapshots() {
    let mut follower = server(S2, config(|_| {}), 1, &[(1, "z")]);
    commit_all(&mut follower);
    assert_eq!(follower.state.get("z").map(String::as_str), Some("1"));
    let effects = install(&mut follower, 1, leaders_snapshot());
    assert_eq!(follower.state, leaders_snapshot().state);
    assert_eq!((follower.commit_index, follower.last_applied), (5, 5));
    assert_eq!(replies(&effects), vec![(1, 5)]);
    assert!(effects.iter().any(|e| matches!(
        e,
        Effect::Observe(RaftObs::InstallSnapshot {
            index: 5,
            kept: 0,
            ..
        })
    )));
}

#[test]
fn a_snapshot_older_than_the_commit_index_changes_nothing() {
    let mut entries = FIVE.to_vec();
    entries.extend([(1, "f")]);
    let mut follower = server(S2, config(|_| {}), 1, &entries);
    commit_all(&mut follower);
    let effects = install(&mut follower, 1, leaders_snapshot());
    assert_eq!(follower.log.base().index, 0, "nothing installed");
    assert_eq!(follower.last_applied, 6);
    assert_eq!(replies(&effects), vec![(1, 5)], "but answered");
}

#[test]
fn the_bug_discards_entries_after_a_snapshot_it_already_holds() {
    let mut entries = FIVE.to_vec();
    entries.extend([(1, "f"), (1, "g")]);
    let buggy = config(|c| {
        c.bugs
            .insert(crate::protocols::raft::Bug::DiscardLogOnSnapshot);
    });
    let mut follower = server(S2, buggy, 1, &entries);
    commit_all(&mut follower);
    install(&mut follower, 1, leaders_snapshot());
    assert_eq!(follower.log.last_index(), 5, "entries 6 and 7 are lost");
    assert_eq!(follower.commit_index, 5, "and its commit index went back");
}

#[test]
fn a_leader_sends_its_snapshot_only_for_entries_it_compacted() {
    let mut leader = server(S1, config(|c| c.snapshot_every = Some(5)), 1, &FIVE);
    leader.role = Role::Leader;
    commit_all(&mut leader);
    leader.log.append(1, "f=6".into());
    commit_all(&mut leader);
    leader.next_index = vec![7, 3, 6];
    let effects = handle(&mut leader, |n, ctx| n.broadcast_append(ctx));
    let sent: Vec<(NodeId, &'static str)> = effects
        .iter()
        .filter_map(|e| match e {
            Effect::Send { to, msg } => Some((*to, crate::sim::Message::name(msg))),
            _ => None,
        })
        .collect();
    assert_eq!(
        sent,
        vec![(S2, "InstallSnapshot"), (NodeId(2), "AppendEntries")],
        "S2 needs entry 3, which is in the snapshot; S3 needs 6, which is not"
    );

    let reply = |n: &mut RaftNode, ctx: &mut RaftCtx| n.on_snapshot_reply(ctx, S2, 1, 5);
    handle(&mut leader, reply);
    assert_eq!((leader.match_index[1], leader.next_index[1]), (5, 6));
}

#[test]
fn a_restart_restores_the_state_machine_from_the_snapshot() {
    let mut node = server(S1, config(|c| c.snapshot_every = Some(5)), 1, &FIVE);
    commit_all(&mut node);
    node.log.append(1, "f=6".into());
    commit_all(&mut node);
    node.on_crash();
    assert_eq!((node.commit_index, node.last_applied), (5, 5));
    assert_eq!(node.state.len(), 5, "the snapshot's keys, not f");
    assert_eq!(node.log.last_index(), 6, "the entry after it is on disk");
    let effects = handle(&mut node, |n, ctx| n.on_restart(ctx));
    assert!(effects.iter().any(|e| matches!(
        e,
        Effect::SetTimer {
            timer: RaftTimer::Election,
            ..
        }
    )));
}
