//! One Raft server: the rules of Figure 2, one handler per event.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use super::config::{Bug, RaftConfig};
use super::log::{Log, Members, RequestId};
use super::member::{Command, RaftCtx};
use super::membership::{initial_members, CatchUp};
use super::messages::{RaftMsg, RaftObs, RaftTimer, Role};
use super::notes::{RaftNote, Why};
use super::reads::{PendingRead, Rounds, Sessions};
use super::replication::AppendRequest;
use super::snapshot::{InstallRequest, Snapshot};
use crate::sim::{NodeId, SimTime};

/// The value a leader appends on election under the NoopOnElection rule.
pub const NOOP: &str = "no-op";

#[derive(Clone, Debug)]
pub struct RaftNode {
    pub config: Arc<RaftConfig>,
    pub id: NodeId,

    // Persistent state on all servers (kept across a crash).
    pub current_term: u64,
    pub voted_for: Option<NodeId>,
    pub log: Log,
    /// The state machine as of the log's base, once one was taken or
    /// installed.
    pub snapshot: Option<Arc<Snapshot>>,

    // Volatile state on all servers.
    pub role: Role,
    pub commit_index: u64,
    pub last_applied: u64,
    /// The applied state machine: a key-value map fed by `key=value` writes.
    pub state: BTreeMap<String, String>,
    /// Each client process's last request applied, and its answer, so
    /// that a retry is answered rather than applied again (§6.3 of the
    /// dissertation). Part of the state machine: rebuilt with it.
    pub sessions: Sessions,
    /// The configuration in effect here: the newest in the log (§4.1).
    pub members: Members,
    /// Who this node believes leads its current term.
    pub leader_hint: Option<NodeId>,
    /// Votes (or pre-votes) received as a candidate, own vote included.
    pub votes: BTreeSet<NodeId>,
    /// Local time of the last message from a current leader (PreVote).
    pub last_leader_contact: Option<SimTime>,

    // Volatile state on leaders, indexed by node.
    pub next_index: Vec<u64>,
    pub match_index: Vec<u64>,
    /// The batch on its way to each follower, as (prevLogIndex, last index
    /// it carries), until the reply that answers it arrives. A leader keeps
    /// at most one batch in flight per follower, plus heartbeats: replying
    /// to every write and every reply with a new batch multiplies messages,
    /// and a network that duplicates them turns that into a storm.
    pub in_flight: Vec<Option<(u64, u64)>>,
    /// Peers heard from since the last quorum check (CheckQuorum).
    pub heard_from: BTreeSet<NodeId>,
    /// The server being caught up before it is added, on a leader.
    pub catch_up: Option<CatchUp>,
    /// Rounds of heartbeats that confirm leadership, for reads.
    pub rounds: Rounds,
    /// Reads waiting for their confirmation or for the state machine.
    pub pending_reads: Vec<PendingRead>,
    /// The instant of the last client request this server took, and how
    /// many it took then before that one: names its requests uniquely.
    requests_taken: (SimTime, u32),
}

impl RaftNode {
    pub fn new(id: NodeId, config: Arc<RaftConfig>) -> Self {
        let n = config.nodes;
        let members = initial_members(config.initial_members);
        RaftNode {
            config,
            id,
            current_term: 0,
            voted_for: None,
            log: Log::default(),
            snapshot: None,
            role: Role::Follower,
            commit_index: 0,
            last_applied: 0,
            state: BTreeMap::new(),
            sessions: Sessions::default(),
            members,
            leader_hint: None,
            votes: BTreeSet::new(),
            last_leader_contact: None,
            next_index: vec![1; n],
            match_index: vec![0; n],
            in_flight: vec![None; n],
            heard_from: BTreeSet::new(),
            catch_up: None,
            rounds: Rounds::new(n),
            pending_reads: Vec::new(),
            requests_taken: (SimTime::MAX, 0),
        }
    }

    /// Votes needed to win an election, and acknowledgements to commit,
    /// in the configuration in effect here.
    pub fn majority(&self) -> usize {
        self.members.len() / 2 + 1
    }

    /// The other servers of the configuration, in order: those asked for
    /// votes. Client processes take no part in elections or replication.
    pub(super) fn voters(&self) -> Vec<NodeId> {
        self.members
            .iter()
            .copied()
            .filter(|&id| id != self.id)
            .collect()
    }

    /// The servers a leader replicates to: the other voters, and the
    /// server it is catching up.
    pub(super) fn peers(&self) -> Vec<NodeId> {
        let mut peers = self.voters();
        if let Some(catch_up) = self.catch_up {
            peers.push(catch_up.server);
        }
        peers
    }

    /// How many of the votes received count in this configuration.
    pub(super) fn votes_counted(&self) -> usize {
        self.votes
            .iter()
            .filter(|v| self.members.contains(v))
            .count()
    }

    pub(super) fn reset_election_timer(&self, ctx: &mut RaftCtx) {
        let (lo, hi) = self.config.election_timeout;
        let timeout = ctx.random_range(lo, hi);
        ctx.set_timer(RaftTimer::Election, timeout);
    }

    pub(super) fn set_role(&mut self, ctx: &mut RaftCtx, role: Role) {
        if self.role == Role::Leader && role != Role::Leader {
            self.drop_pending_reads(ctx);
        }
        if self.role != role {
            self.role = role;
            ctx.observe(RaftObs::Role {
                node: self.id,
                term: self.current_term,
                role,
            });
        }
    }

    /// "If RPC request or response contains term T > currentTerm: set
    /// currentTerm = T, convert to follower" (Figure 2, all servers).
    pub(super) fn observe_term(&mut self, ctx: &mut RaftCtx, term: u64, from: NodeId) {
        if term <= self.current_term {
            return;
        }
        let was = self.role;
        self.current_term = term;
        self.voted_for = None;
        self.leader_hint = None;
        self.votes.clear();
        if was == Role::Follower {
            ctx.observe(RaftObs::Role {
                node: self.id,
                term,
                role: Role::Follower,
            });
        } else {
            self.set_role(ctx, Role::Follower);
        }
        if was == Role::Leader {
            ctx.cancel_timer(RaftTimer::Heartbeat);
            self.reset_election_timer(ctx);
        }
        ctx.explain(RaftNote::AdoptsTerm {
            me: self.id,
            term,
            from,
            stepped_down: (was != Role::Follower).then_some(was),
        });
    }

    /// Names a request a client hands this server, so that a repeat of it
    /// can be recognised wherever it ends up.
    fn take_request(&mut self, ctx: &RaftCtx) -> RequestId {
        let now = ctx.now();
        self.requests_taken = match self.requests_taken {
            (at, n) if at == now => (at, n + 1),
            _ => (now, 0),
        };
        RequestId::Taken {
            at: now,
            via: self.id,
            n: self.requests_taken.1,
        }
    }

    fn client_write(
        &mut self,
        ctx: &mut RaftCtx,
        value: Arc<str>,
        request: RequestId,
        forwarded: bool,
    ) {
        if self.role == Role::Leader {
            let dedup = !self.config.has_bug(Bug::NoClientDedup);
            // Only a forwarded request can arrive twice; looking costs a scan.
            let repeat = (dedup && forwarded)
                .then(|| self.log.index_of(request))
                .flatten();
            if let Some(index) = repeat {
                ctx.explain(RaftNote::DropsRepeat {
                    me: self.id,
                    value,
                    index,
                });
                return;
            }
            self.append_request(ctx, value, request);
            return;
        }
        match self.leader_hint {
            Some(leader) if !forwarded && leader != self.id => {
                ctx.explain(RaftNote::ForwardsWrite {
                    me: self.id,
                    value: value.clone(),
                    leader,
                });
                ctx.send(leader, RaftMsg::ClientForward { value, request });
            }
            _ => ctx.turn_away(RaftNote::TurnsWriteAway { me: self.id, value }),
        }
    }

    /// Appends a client's request to the leader's log and sends it on its
    /// way to every follower.
    pub(super) fn append_request(
        &mut self,
        ctx: &mut RaftCtx,
        value: Arc<str>,
        request: RequestId,
    ) {
        let index = self
            .log
            .append_request(self.current_term, value.clone(), Some(request));
        self.match_index[self.id.index()] = index;
        ctx.explain(RaftNote::AppendsWrite {
            me: self.id,
            value,
            index,
            term: self.current_term,
        });
        self.replicate_all(ctx);
    }

    /// What must be on disk before this server answers: its term, its vote,
    /// its log (the last entry's fingerprint covers the whole log) and
    /// where its snapshot ends.
    fn durable(&self) -> (u64, Option<NodeId>, u64, Option<u64>, u64) {
        let last = self.log.last_index();
        (
            self.current_term,
            self.voted_for,
            last,
            self.log.fingerprint_at(last),
            self.log.base().index,
        )
    }

    /// One message, by its kind.
    fn handle(&mut self, ctx: &mut RaftCtx, from: NodeId, msg: RaftMsg) {
        match msg {
            RaftMsg::PreVote {
                term,
                last_log_index,
                last_log_term,
                ..
            } => self.on_pre_vote(ctx, from, term, last_log_index, last_log_term),
            RaftMsg::PreVoteReply { term, granted } => {
                self.on_vote_reply(ctx, from, term, granted, true)
            }
            RaftMsg::RequestVote {
                term,
                last_log_index,
                last_log_term,
                ..
            } => self.on_request_vote(ctx, from, term, last_log_index, last_log_term),
            RaftMsg::RequestVoteReply { term, granted } => {
                self.on_vote_reply(ctx, from, term, granted, false)
            }
            RaftMsg::AppendEntries {
                term,
                prev_log_index,
                prev_log_term,
                entries,
                leader_commit,
                read_round,
                ..
            } => self.on_append_entries(
                ctx,
                from,
                AppendRequest {
                    term,
                    prev_log_index,
                    prev_log_term,
                    entries,
                    leader_commit,
                    read_round,
                },
            ),
            RaftMsg::AppendEntriesReply {
                term,
                success,
                prev_log_index,
                match_index,
                read_round,
            } => {
                self.on_append_reply(ctx, from, term, success, prev_log_index, match_index);
                self.on_round_ack(ctx, from, term, read_round);
            }
            RaftMsg::InstallSnapshot { term, snapshot, .. } => {
                self.on_install_snapshot(ctx, from, InstallRequest { term, snapshot })
            }
            RaftMsg::InstallSnapshotReply {
                term,
                last_included_index,
            } => self.on_snapshot_reply(ctx, from, term, last_included_index),
            RaftMsg::ClientForward { value, request } => {
                self.client_write(ctx, value, request, true)
            }
            RaftMsg::ClientRequest { seq, op } => self.on_client_request(ctx, from, seq, op),
            RaftMsg::ClientReply { .. } => {}
        }
    }
}

/// The events of a server's life, as [`super::RaftMember`] hands them on.
impl RaftNode {
    pub(super) fn on_start(&mut self, ctx: &mut RaftCtx) {
        self.reset_election_timer(ctx);
    }

    pub(super) fn on_message(&mut self, ctx: &mut RaftCtx, from: NodeId, msg: RaftMsg) {
        // A server answers RequestVote and AppendEntries only once what they
        // changed (its term, its vote, its entries) is on disk. A leader's
        // and a candidate's own writes overlap with sending (§10.2.1).
        let answers = matches!(
            msg,
            RaftMsg::RequestVote { .. }
                | RaftMsg::AppendEntries { .. }
                | RaftMsg::InstallSnapshot { .. }
        );
        let before = self.durable();
        self.handle(ctx, from, msg);
        if answers && self.durable() != before {
            ctx.persist();
        }
    }

    pub(super) fn on_timer(&mut self, ctx: &mut RaftCtx, timer: RaftTimer) {
        match timer {
            RaftTimer::Election => self.election_timeout(ctx, Why::TimedOut),
            RaftTimer::Heartbeat if self.role == Role::Leader => {
                ctx.explain(RaftNote::SendsHeartbeats { me: self.id });
                self.heartbeat_round(ctx);
                ctx.set_timer(RaftTimer::Heartbeat, self.config.heartbeat);
            }
            RaftTimer::Heartbeat | RaftTimer::NextOp | RaftTimer::Retry => {}
        }
    }

    pub(super) fn on_request(&mut self, ctx: &mut RaftCtx, command: Command) {
        match command {
            Command::Write(value) => {
                let id = self.take_request(ctx);
                self.client_write(ctx, value, id, false);
            }
            Command::Read(key, _) => self.show_value(ctx, &key),
            Command::AddServer(server) => self.on_add_server(ctx, server),
            Command::RemoveServer(server) => self.on_remove_server(ctx, server),
        }
    }

    pub(super) fn on_crash(&mut self) {
        let fresh = RaftNode::new(self.id, self.config.clone());
        let forget_vote = self.config.has_bug(Bug::ForgetVoteOnRestart);
        *self = RaftNode {
            current_term: self.current_term,
            voted_for: if forget_vote { None } else { self.voted_for },
            log: std::mem::take(&mut self.log),
            snapshot: self.snapshot.take(),
            ..fresh
        };
        self.restore_snapshot();
        self.refresh_members();
    }

    pub(super) fn on_restart(&mut self, ctx: &mut RaftCtx) {
        ctx.explain(RaftNote::Restarts {
            me: self.id,
            term: self.current_term,
            entries: self.log.last_index(),
            snapshot: self.log.base().index,
        });
        self.reset_election_timer(ctx);
        self.wait_out_old_leases(ctx);
    }

    pub(super) fn on_force_timeout(&mut self, ctx: &mut RaftCtx) {
        self.election_timeout(ctx, Why::Forced);
    }

    pub fn leading_term(&self) -> Option<u64> {
        (self.role == Role::Leader).then_some(self.current_term)
    }
}
