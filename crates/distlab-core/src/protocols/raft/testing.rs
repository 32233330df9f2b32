//! Handlers called directly, for the unit tests of Figure 13 and of
//! membership changes: a server built as a test needs it, and the effects
//! a handler asked for, read back.

use std::sync::Arc;

use super::config::RaftConfig;
use super::member::{RaftCtx, RaftMember};
use super::node::RaftNode;
use crate::sim::{Ctx, Effect, NodeId, SimRng, SimTime};

pub const S1: NodeId = NodeId(0);
pub const S2: NodeId = NodeId(1);

pub fn config(change: impl FnOnce(&mut RaftConfig)) -> Arc<RaftConfig> {
    let mut config = RaftConfig {
        nodes: 3,
        initial_members: 3,
        ..RaftConfig::default()
    };
    change(&mut config);
    Arc::new(config)
}

/// Runs one handler on `node` and returns what it asked for.
pub fn handle(
    node: &mut RaftNode,
    run: impl FnOnce(&mut RaftNode, &mut RaftCtx),
) -> Vec<Effect<RaftMember>> {
    handle_at(node, 0, run)
}

/// [`handle`] at time `now`.
pub fn handle_at(
    node: &mut RaftNode,
    now: SimTime,
    run: impl FnOnce(&mut RaftNode, &mut RaftCtx),
) -> Vec<Effect<RaftMember>> {
    let mut rng = SimRng::new(1);
    let mut effects = Vec::new();
    let mut ctx = Ctx {
        me: node.id,
        now,
        local_now: now,
        cluster_size: node.config.nodes,
        explaining: true,
        rng: &mut rng,
        effects: &mut effects,
    };
    run(node, &mut ctx);
    effects
}

/// A server of term `term` whose log holds `entries` as (term, key),
/// each a write `key=index`, none of them known committed.
pub fn server(id: NodeId, config: Arc<RaftConfig>, term: u64, entries: &[(u64, &str)]) -> RaftNode {
    let mut node = RaftNode::new(id, config);
    node.current_term = term;
    for (i, (t, key)) in entries.iter().enumerate() {
        node.log.append(*t, format!("{key}={}", i + 1).into());
    }
    node
}

/// Commits and applies the whole log.
pub fn commit_all(node: &mut RaftNode) {
    node.commit_index = node.log.last_index();
    handle(node, |n, ctx| n.apply_committed(ctx));
}
