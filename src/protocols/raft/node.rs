//! One Raft server: the rules of Figure 2, one handler per event.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use super::config::{Bug, RaftConfig, Rule};
use super::log::{Entry, Log, RequestId};
use super::messages::{RaftMsg, RaftObs, RaftTimer, Role};
use super::RaftChecker;
use crate::sim::{Actor, Ctx, NoRole, NodeId, SimTime};

/// A client's request to store a value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientWrite(pub Arc<str>);

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

    // Volatile state on all servers.
    pub role: Role,
    pub commit_index: u64,
    pub last_applied: u64,
    /// The applied state machine: a key-value map fed by `key=value` writes.
    pub state: BTreeMap<String, String>,
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
    /// The instant of the last client request this server took, and how
    /// many it took then before that one: names its requests uniquely.
    requests_taken: (SimTime, u32),
}

type RaftCtx<'a> = Ctx<'a, RaftNode>;

/// The arguments of an AppendEntries call, as the handler reads them.
struct AppendRequest {
    term: u64,
    prev_log_index: u64,
    prev_log_term: u64,
    entries: Vec<Entry>,
    leader_commit: u64,
}

impl RaftNode {
    pub fn new(id: NodeId, config: Arc<RaftConfig>) -> Self {
        let n = config.nodes;
        RaftNode {
            config,
            id,
            current_term: 0,
            voted_for: None,
            log: Log::default(),
            role: Role::Follower,
            commit_index: 0,
            last_applied: 0,
            state: BTreeMap::new(),
            leader_hint: None,
            votes: BTreeSet::new(),
            last_leader_contact: None,
            next_index: vec![1; n],
            match_index: vec![0; n],
            in_flight: vec![None; n],
            heard_from: BTreeSet::new(),
            requests_taken: (SimTime::MAX, 0),
        }
    }

    fn majority(&self) -> usize {
        self.config.majority()
    }

    fn reset_election_timer(&self, ctx: &mut RaftCtx) {
        let (lo, hi) = self.config.election_timeout;
        let timeout = ctx.random_range(lo, hi);
        ctx.set_timer(RaftTimer::Election, timeout);
    }

    fn set_role(&mut self, ctx: &mut RaftCtx, role: Role) {
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
    fn observe_term(&mut self, ctx: &mut RaftCtx, term: u64, from: NodeId) {
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
        ctx.explain(format_args!(
            "{} sees term {term} from {from}, newer than its own, so it adopts that term{}",
            self.id,
            if was == Role::Follower {
                String::new()
            } else {
                format!(" and steps down from {} to follower", was.name())
            }
        ));
    }

    // ----- elections ---------------------------------------------------

    /// The election timeout fired, or a person or the script forced it.
    fn election_timeout(&mut self, ctx: &mut RaftCtx, why: Why) {
        if self.role == Role::Leader {
            self.check_quorum(ctx);
            return;
        }
        if self.config.has_rule(Rule::PreVote) {
            self.start_pre_vote(ctx, why);
        } else {
            self.start_election(ctx, why);
        }
    }

    fn start_pre_vote(&mut self, ctx: &mut RaftCtx, why: Why) {
        self.set_role(ctx, Role::PreCandidate);
        self.leader_hint = None;
        self.votes = BTreeSet::from([self.id]);
        self.reset_election_timer(ctx);
        ctx.explain(format_args!(
            "{}; before raising its term it asks the others whether they would vote for it in term {}",
            why.clause(self.id),
            self.current_term + 1
        ));
        for peer in ctx.peers().collect::<Vec<_>>() {
            ctx.send(
                peer,
                RaftMsg::PreVote {
                    term: self.current_term + 1,
                    candidate: self.id,
                    last_log_index: self.log.last_index(),
                    last_log_term: self.log.last_term(),
                },
            );
        }
        self.win_if_majority(ctx);
    }

    fn start_election(&mut self, ctx: &mut RaftCtx, why: Why) {
        self.current_term += 1;
        self.voted_for = Some(self.id);
        self.leader_hint = None;
        self.votes = BTreeSet::from([self.id]);
        self.role = Role::Candidate;
        ctx.observe(RaftObs::Role {
            node: self.id,
            term: self.current_term,
            role: Role::Candidate,
        });
        ctx.observe(RaftObs::Vote {
            node: self.id,
            term: self.current_term,
            candidate: self.id,
        });
        self.reset_election_timer(ctx);
        ctx.explain(format_args!(
            "{}, so it starts an election: term {}, votes for itself, asks the others",
            why.clause(self.id),
            self.current_term
        ));
        for peer in ctx.peers().collect::<Vec<_>>() {
            ctx.send(
                peer,
                RaftMsg::RequestVote {
                    term: self.current_term,
                    candidate: self.id,
                    last_log_index: self.log.last_index(),
                    last_log_term: self.log.last_term(),
                },
            );
        }
        self.win_if_majority(ctx);
    }

    fn win_if_majority(&mut self, ctx: &mut RaftCtx) {
        if self.votes.len() < self.majority() {
            return;
        }
        match self.role {
            Role::PreCandidate => {
                ctx.explain(format_args!(
                    "{} has pre-votes from a majority ({} of {}), so a real election can succeed",
                    self.id,
                    self.votes.len(),
                    self.config.nodes
                ));
                self.start_election(ctx, Why::PreVoted);
            }
            Role::Candidate => self.become_leader(ctx),
            Role::Follower | Role::Leader => {}
        }
    }

    fn become_leader(&mut self, ctx: &mut RaftCtx) {
        self.set_role(ctx, Role::Leader);
        self.leader_hint = Some(self.id);
        let next = self.log.last_index() + 1;
        self.next_index = vec![next; self.config.nodes];
        self.match_index = vec![0; self.config.nodes];
        self.in_flight = vec![None; self.config.nodes];
        self.heard_from.clear();
        ctx.explain(format_args!(
            "{} has votes from a majority ({} of {}) and becomes leader of term {}",
            self.id,
            self.votes.len(),
            self.config.nodes,
            self.current_term
        ));
        if self.config.has_rule(Rule::NoopOnElection) {
            self.log.append(self.current_term, NOOP.into());
            ctx.explain(format_args!(
                "{} appends a no-op entry of term {}: committing it also commits every earlier entry",
                self.id, self.current_term
            ));
        }
        self.match_index[self.id.index()] = self.log.last_index();
        ctx.set_timer(RaftTimer::Heartbeat, self.config.heartbeat);
        if self.config.has_rule(Rule::CheckQuorum) {
            let (lo, _) = self.config.election_timeout;
            ctx.set_timer(RaftTimer::Election, lo);
        } else {
            ctx.cancel_timer(RaftTimer::Election);
        }
        self.broadcast_append(ctx);
        self.advance_commit(ctx);
    }

    fn check_quorum(&mut self, ctx: &mut RaftCtx) {
        if !self.config.has_rule(Rule::CheckQuorum) {
            ctx.explain(format_args!(
                "{} is the leader; leaders have no election timeout to force",
                self.id
            ));
            return;
        }
        let heard = self.heard_from.len() + 1;
        if heard < self.majority() {
            ctx.explain(format_args!(
                "{} heard from only {heard} of {} nodes during an election timeout, so it can no longer be sure it leads a majority and steps down",
                self.id, self.config.nodes
            ));
            self.set_role(ctx, Role::Follower);
            self.leader_hint = None;
            ctx.cancel_timer(RaftTimer::Heartbeat);
            self.reset_election_timer(ctx);
        } else {
            self.heard_from.clear();
            let (lo, _) = self.config.election_timeout;
            ctx.set_timer(RaftTimer::Election, lo);
        }
    }

    fn on_pre_vote(
        &mut self,
        ctx: &mut RaftCtx,
        from: NodeId,
        term: u64,
        last_index: u64,
        last_term: u64,
    ) {
        let (min_timeout, _) = self.config.election_timeout;
        let leader_recent = self.role == Role::Leader
            || self
                .last_leader_contact
                .is_some_and(|t| ctx.local_now() < t + min_timeout);
        let up_to_date = self.log.is_behind_or_equal_to(last_index, last_term);
        let granted = term > self.current_term && up_to_date && !leader_recent;
        let why = if term <= self.current_term {
            format!("its own term {} is not older", self.current_term)
        } else if leader_recent {
            "it heard from a leader recently".to_owned()
        } else if !up_to_date {
            "its own log is more up to date".to_owned()
        } else {
            "it has no leader and the candidate's log is at least as up to date".to_owned()
        };
        ctx.explain(format_args!(
            "{} {} {from} a pre-vote for term {term}: {why}",
            self.id,
            if granted { "would grant" } else { "refuses" }
        ));
        ctx.send(
            from,
            RaftMsg::PreVoteReply {
                term: if granted { term } else { self.current_term },
                granted,
            },
        );
    }

    fn on_request_vote(
        &mut self,
        ctx: &mut RaftCtx,
        from: NodeId,
        term: u64,
        last_index: u64,
        last_term: u64,
    ) {
        self.observe_term(ctx, term, from);
        let up_to_date = self.config.has_bug(Bug::SkipUpToDateCheck)
            || self.log.is_behind_or_equal_to(last_index, last_term);
        let free = self.voted_for.is_none() || self.voted_for == Some(from);
        let granted = term >= self.current_term && free && up_to_date;
        if term < self.current_term {
            ctx.explain(format_args!(
                "{} refuses its vote to {from}: term {term} is older than its own term {}",
                self.id, self.current_term
            ));
        } else if !free {
            ctx.explain(format_args!(
                "{} refuses its vote to {from}: it already voted for {} in term {term}",
                self.id,
                self.voted_for
                    .map_or("someone".to_owned(), |v| v.to_string())
            ));
        } else if !up_to_date {
            ctx.explain(format_args!(
                "{} refuses its vote to {from}: its own log (last term {}, index {}) is more up to date than {from}'s (last term {last_term}, index {last_index})",
                self.id,
                self.log.last_term(),
                self.log.last_index()
            ));
        } else {
            self.voted_for = Some(from);
            ctx.observe(RaftObs::Vote {
                node: self.id,
                term,
                candidate: from,
            });
            self.reset_election_timer(ctx);
            ctx.explain(format_args!(
                "{} grants its vote to {from} for term {term}: it has not voted in this term and {from}'s log is at least as up to date as its own",
                self.id
            ));
        }
        ctx.send(
            from,
            RaftMsg::RequestVoteReply {
                term: self.current_term,
                granted,
            },
        );
    }

    fn on_vote_reply(
        &mut self,
        ctx: &mut RaftCtx,
        from: NodeId,
        term: u64,
        granted: bool,
        pre_vote: bool,
    ) {
        let expected_role = if pre_vote {
            Role::PreCandidate
        } else {
            Role::Candidate
        };
        let expected_term = if pre_vote {
            self.current_term + 1
        } else {
            self.current_term
        };
        if !pre_vote || !granted {
            self.observe_term(ctx, term, from);
        }
        if self.role != expected_role || term != expected_term {
            ctx.explain(format_args!(
                "{} ignores a {}vote reply from {from}: it is no longer waiting for votes of term {term}",
                self.id,
                if pre_vote { "pre-" } else { "" }
            ));
            return;
        }
        if !granted {
            ctx.explain(format_args!(
                "{} notes that {from} refused its {}vote",
                self.id,
                if pre_vote { "pre-" } else { "" }
            ));
            return;
        }
        self.votes.insert(from);
        ctx.explain(format_args!(
            "{} now has {} of the {} {}votes it needs",
            self.id,
            self.votes.len(),
            self.majority(),
            if pre_vote { "pre-" } else { "" }
        ));
        self.win_if_majority(ctx);
    }

    // ----- replication -------------------------------------------------

    fn broadcast_append(&mut self, ctx: &mut RaftCtx) {
        for peer in ctx.peers().collect::<Vec<_>>() {
            self.send_append(ctx, peer);
        }
    }

    /// Sends `peer` the next batch unless one is already on its way: its
    /// reply will bring the next one.
    fn replicate(&mut self, ctx: &mut RaftCtx, peer: NodeId) {
        if self.in_flight[peer.index()].is_none() {
            self.send_append(ctx, peer);
        }
    }

    fn send_append(&mut self, ctx: &mut RaftCtx, peer: NodeId) {
        let next = self.next_index[peer.index()].clamp(1, self.log.last_index() + 1);
        let prev_log_index = next - 1;
        let prev_log_term = self.log.term_at(prev_log_index).unwrap_or(0);
        let entries = self.log.slice_from(next, self.config.max_batch);
        self.in_flight[peer.index()] =
            Some((prev_log_index, prev_log_index + entries.len() as u64));
        ctx.send(
            peer,
            RaftMsg::AppendEntries {
                term: self.current_term,
                leader: self.id,
                prev_log_index,
                prev_log_term,
                entries,
                leader_commit: self.commit_index,
            },
        );
    }

    fn on_append_entries(&mut self, ctx: &mut RaftCtx, from: NodeId, request: AppendRequest) {
        let AppendRequest {
            term,
            prev_log_index,
            prev_log_term,
            entries,
            leader_commit,
        } = request;
        self.observe_term(ctx, term, from);
        let reply = |ctx: &mut RaftCtx, me: &Self, success: bool, match_index: u64| {
            ctx.send(
                from,
                RaftMsg::AppendEntriesReply {
                    term: me.current_term,
                    success,
                    prev_log_index,
                    match_index,
                },
            );
        };
        if term < self.current_term {
            ctx.explain(format_args!(
                "{} rejects AppendEntries from {from}: its term {term} is older than {}",
                self.id, self.current_term
            ));
            return reply(ctx, self, false, 0);
        }
        if self.role != Role::Follower {
            ctx.explain(format_args!(
                "{} learns that {from} won term {term}, so it stops being a {} and follows",
                self.id,
                self.role.name()
            ));
            self.set_role(ctx, Role::Follower);
            self.votes.clear();
        }
        self.leader_hint = Some(from);
        self.last_leader_contact = Some(ctx.local_now());
        self.reset_election_timer(ctx);

        if self.log.term_at(prev_log_index) != Some(prev_log_term) {
            ctx.explain(format_args!(
                "{} rejects AppendEntries from {from}: it has no entry at index {prev_log_index} with term {prev_log_term}, so the leader must back off and retry earlier",
                self.id
            ));
            return reply(ctx, self, false, 0);
        }

        let count = entries.len() as u64;
        let mut appended = 0;
        for (offset, entry) in entries.into_iter().enumerate() {
            let index = prev_log_index + 1 + offset as u64;
            match self.log.term_at(index) {
                Some(t) if t == entry.term => continue,
                Some(_) => {
                    let removed = self.log.last_index() - index + 1;
                    self.log.truncate_from(index);
                    ctx.observe(RaftObs::Truncate {
                        node: self.id,
                        index,
                        removed,
                    });
                    ctx.explain(format_args!(
                        "{}'s entry {index} conflicts with the leader's (different term), so it deletes it and the {} after it",
                        self.id,
                        removed - 1
                    ));
                    if self.commit_index >= index {
                        // Only possible when a deliberate bug let an entry
                        // commit unsafely; the checker reports it.
                        self.commit_index = index - 1;
                        self.last_applied = self.last_applied.min(self.commit_index);
                    }
                }
                None => {}
            }
            self.log
                .append_request(entry.term, entry.value, entry.request);
            appended += 1;
        }
        let last_new = prev_log_index + count;
        if appended > 0 {
            ctx.explain(format_args!(
                "{} appends {appended} entries from {from}; its log now ends at index {}",
                self.id,
                self.log.last_index()
            ));
        } else if count == 0 {
            ctx.explain(format_args!(
                "{} accepts a heartbeat from {from}, leader of term {term}, and resets its election timer",
                self.id
            ));
        }
        if leader_commit > self.commit_index {
            let new_commit = leader_commit.min(last_new);
            if new_commit > self.commit_index {
                self.commit_index = new_commit;
                self.apply_committed(ctx);
            }
        }
        reply(ctx, self, true, last_new)
    }

    fn on_append_reply(
        &mut self,
        ctx: &mut RaftCtx,
        from: NodeId,
        term: u64,
        success: bool,
        prev_log_index: u64,
        match_index: u64,
    ) {
        self.observe_term(ctx, term, from);
        if self.role != Role::Leader || term != self.current_term {
            ctx.explain(format_args!(
                "{} ignores an AppendEntries reply from {from}: it is not leading term {term}",
                self.id
            ));
            return;
        }
        self.heard_from.insert(from);
        let i = from.index();
        // The reply to the batch on its way, or a late or duplicated one.
        let answers = match self.in_flight[i] {
            Some((_, last)) if success => match_index >= last,
            Some((prev, _)) => !success && prev_log_index == prev,
            None => false,
        };
        if answers {
            self.in_flight[i] = None;
        }
        if success {
            if match_index > self.match_index[i] {
                self.match_index[i] = match_index;
                ctx.explain(format_args!(
                    "{} learns that {from} stores its log up to index {match_index} (matchIndex)",
                    self.id
                ));
            } else {
                ctx.explain(format_args!(
                    "{} hears from {from}: still in step up to index {}",
                    self.id, self.match_index[i]
                ));
            }
            self.next_index[i] = self.next_index[i].max(self.match_index[i] + 1);
            self.advance_commit(ctx);
            if self.next_index[i] <= self.log.last_index() {
                self.replicate(ctx, from);
            }
        } else if prev_log_index < self.next_index[i] && prev_log_index > self.match_index[i] {
            self.next_index[i] = prev_log_index.max(1);
            ctx.explain(format_args!(
                "{} backs off: nextIndex for {from} becomes {} and it retries",
                self.id, self.next_index[i]
            ));
            self.replicate(ctx, from);
        } else {
            ctx.explain(format_args!(
                "{} ignores an out-of-date refusal from {from}: it has already backed off past it",
                self.id
            ));
        }
    }

    /// "If there exists an N such that N > commitIndex, a majority of
    /// matchIndex[i] ≥ N, and log[N].term == currentTerm: set commitIndex =
    /// N" (Figure 2, leaders).
    fn advance_commit(&mut self, ctx: &mut RaftCtx) {
        self.match_index[self.id.index()] = self.log.last_index();
        let needed = if self.config.has_bug(Bug::RequireAllAcks) {
            self.config.nodes
        } else {
            self.majority()
        };
        let mut sorted = self.match_index.clone();
        sorted.sort_unstable_by(|a, b| b.cmp(a));
        let replicated = sorted[needed - 1];
        let mut new_commit = self.commit_index;
        for n in (self.commit_index + 1..=replicated).rev() {
            let term = self.log.term_at(n).unwrap_or(0);
            if term == self.current_term || self.config.has_bug(Bug::CommitPreviousTermByCount) {
                new_commit = n;
                break;
            }
        }
        if new_commit > self.commit_index {
            ctx.explain(format_args!(
                "{} sees entry {new_commit} stored on {} of {} nodes{}; it is committed",
                self.id,
                self.match_index
                    .iter()
                    .filter(|&&m| m >= new_commit)
                    .count(),
                self.config.nodes,
                if self.log.term_at(new_commit) == Some(self.current_term) {
                    ", and it is from the current term"
                } else {
                    ", and counts it though it is from an earlier term"
                }
            ));
            self.commit_index = new_commit;
            self.apply_committed(ctx);
        }
    }

    fn apply_committed(&mut self, ctx: &mut RaftCtx) {
        while self.last_applied < self.commit_index {
            self.last_applied += 1;
            let Some(entry) = self.log.get(self.last_applied) else {
                break;
            };
            let value = entry.value.clone();
            ctx.observe(RaftObs::Commit {
                node: self.id,
                index: self.last_applied,
                term: entry.term,
                value: value.clone(),
            });
            if &*value != NOOP {
                let (k, v) = value.split_once('=').unwrap_or((&value, ""));
                self.state.insert(k.to_owned(), v.to_owned());
            }
        }
    }

    // ----- clients -----------------------------------------------------

    /// Names a request a client hands this server, so that a repeat of it
    /// can be recognised wherever it ends up.
    fn take_request(&mut self, ctx: &RaftCtx) -> RequestId {
        let now = ctx.now();
        self.requests_taken = match self.requests_taken {
            (at, n) if at == now => (at, n + 1),
            _ => (now, 0),
        };
        RequestId {
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
                ctx.explain(format_args!(
                    "leader {} already has this client request ({value}) at index {index}: the network delivered it twice, so it drops the repeat",
                    self.id
                ));
                return;
            }
            let index = self
                .log
                .append_request(self.current_term, value.clone(), Some(request));
            self.match_index[self.id.index()] = index;
            ctx.explain(format_args!(
                "leader {} appends client write {value} at index {index}, term {}, and replicates it",
                self.id, self.current_term
            ));
            for peer in ctx.peers().collect::<Vec<_>>() {
                self.replicate(ctx, peer);
            }
            self.advance_commit(ctx);
            return;
        }
        match self.leader_hint {
            Some(leader) if !forwarded && leader != self.id => {
                ctx.explain(format_args!(
                    "{} is not the leader; it passes the client's write {value} to {leader}, the leader it knows",
                    self.id
                ));
                ctx.send(leader, RaftMsg::ClientForward { value, request });
            }
            _ => ctx.explain(format_args!(
                "{} is not the leader and knows no leader, so it turns the client's write {value} away; the client must retry",
                self.id
            )),
        }
    }

    /// What must be on disk before this server answers: its term, its vote
    /// and its log (the last entry's fingerprint covers the whole log).
    fn durable(&self) -> (u64, Option<NodeId>, u64, Option<u64>) {
        let last = self.log.last_index();
        (
            self.current_term,
            self.voted_for,
            last,
            self.log.fingerprint_at(last),
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
                },
            ),
            RaftMsg::AppendEntriesReply {
                term,
                success,
                prev_log_index,
                match_index,
            } => self.on_append_reply(ctx, from, term, success, prev_log_index, match_index),
            RaftMsg::ClientForward { value, request } => {
                self.client_write(ctx, value, request, true)
            }
        }
    }
}

impl Actor for RaftNode {
    type Msg = RaftMsg;
    type Timer = RaftTimer;
    type Request = ClientWrite;
    type Obs = RaftObs;
    type Checker = RaftChecker;
    /// Raft aims only at nodes and at the leader.
    type Role = NoRole;

    fn on_start(&mut self, ctx: &mut RaftCtx) {
        self.reset_election_timer(ctx);
    }

    fn on_message(&mut self, ctx: &mut RaftCtx, from: NodeId, msg: RaftMsg) {
        // A server answers RequestVote and AppendEntries only once what they
        // changed (its term, its vote, its entries) is on disk. A leader's
        // and a candidate's own writes overlap with sending (§10.2.1).
        let answers = matches!(
            msg,
            RaftMsg::RequestVote { .. } | RaftMsg::AppendEntries { .. }
        );
        let before = self.durable();
        self.handle(ctx, from, msg);
        if answers && self.durable() != before {
            ctx.persist();
        }
    }

    fn on_timer(&mut self, ctx: &mut RaftCtx, timer: RaftTimer) {
        match timer {
            RaftTimer::Election => self.election_timeout(ctx, Why::TimedOut),
            RaftTimer::Heartbeat if self.role == Role::Leader => {
                ctx.explain(format_args!(
                    "leader {} sends AppendEntries to every follower, so that they know it is alive and catch up",
                    self.id
                ));
                self.broadcast_append(ctx);
                ctx.set_timer(RaftTimer::Heartbeat, self.config.heartbeat);
            }
            RaftTimer::Heartbeat => {}
        }
    }

    fn on_request(&mut self, ctx: &mut RaftCtx, request: ClientWrite) {
        let id = self.take_request(ctx);
        self.client_write(ctx, request.0, id, false);
    }

    fn on_crash(&mut self) {
        let fresh = RaftNode::new(self.id, self.config.clone());
        let forget_vote = self.config.has_bug(Bug::ForgetVoteOnRestart);
        *self = RaftNode {
            current_term: self.current_term,
            voted_for: if forget_vote { None } else { self.voted_for },
            log: std::mem::take(&mut self.log),
            ..fresh
        };
    }

    fn on_restart(&mut self, ctx: &mut RaftCtx) {
        ctx.explain(format_args!(
            "{} restarts as a follower with term {} and {} log entries on disk; it no longer knows what is committed",
            self.id,
            self.current_term,
            self.log.last_index()
        ));
        self.reset_election_timer(ctx);
    }

    fn on_force_timeout(&mut self, ctx: &mut RaftCtx) {
        self.election_timeout(ctx, Why::Forced);
    }

    fn leading_term(&self) -> Option<u64> {
        (self.role == Role::Leader).then_some(self.current_term)
    }
}

/// Why a node starts (pre-)voting: the explanation says so, since a
/// forced timeout while a leader is heartbeating is no silence at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Why {
    TimedOut,
    /// A person or the script forced the election timeout.
    Forced,
    /// A majority granted its pre-votes.
    PreVoted,
}

impl Why {
    /// The sentence's opening clause.
    fn clause(self, id: NodeId) -> String {
        match self {
            Why::TimedOut => format!("{id} heard from no leader before its election timeout"),
            Why::Forced => format!(
                "{id}'s election timeout was forced early, whether or not a leader is heard"
            ),
            Why::PreVoted => format!("{id} won its pre-vote"),
        }
    }
}
