//! Conservation: every request the balancer takes ends exactly once, by a
//! completion or a rejection with a reason, or is still in hand. None may
//! vanish and none may end twice.

use crate::sim::Invariant;
use std::collections::VecDeque;

use super::members::BALANCER;
use super::messages::{BalanceMsg, BalanceObs, ReqId};
use super::node::BalanceNode;
use super::notes::{BalanceNote, End};
use super::reqmap::{RecentReqs, ReqMap};
use crate::sim::{CheckView, Checker, RecordKind, SimTime};

type Finding = crate::sim::Finding<BalanceNote>;

pub const CONSERVATION: Invariant = Invariant {
    en: "Conservation",
    zh: "请求守恒",
};
pub const INVARIANTS: [Invariant; 1] = [CONSERVATION];

/// How long ended requests are remembered, to catch a second ending.
const REMEMBER_US: SimTime = 5_000_000;
/// Added to the longest a request may take, for messages on the way.
const SLACK_US: SimTime = 1_000_000;

#[derive(Clone, Debug, Default)]
pub struct Conservation {
    /// Requests in hand, with the time the balancer took them.
    open: ReqMap<SimTime>,
    /// The same, in the order they were taken, so that the oldest is at
    /// the front; ended ones leave when they reach it.
    taken: VecDeque<(SimTime, ReqId)>,
    ended: RecentReqs,
}

impl Conservation {
    fn end(&mut self, now: SimTime, req: ReqId, how: End, found: &mut Vec<Finding>) {
        if self.open.remove(&req).is_some() {
            self.ended.insert(now, req);
        } else if self.ended.contains(&req) {
            let note = BalanceNote::EndsTwice { req, how };
            found.push(Finding::violation(CONSERVATION, vec![BALANCER], note));
        } else {
            let note = BalanceNote::NeverTaken { req, how };
            found.push(Finding::violation(CONSERVATION, vec![BALANCER], note));
        }
    }
}

/// The longest a request may stay in hand: every attempt's timeout and
/// back-off, plus slack for messages on the way.
fn lifetime(node: &BalanceNode) -> SimTime {
    let Some(b) = node.balancer() else {
        return SimTime::MAX;
    };
    let cfg = b.config();
    let (tries, backoff) = cfg
        .retries
        .map_or((1, 0), |r| (u64::from(r.max) + 1, r.backoff_ms.1));
    tries * (cfg.request_timeout_ms + backoff) * 1000 + SLACK_US
}

impl Checker<BalanceNode> for Conservation {
    fn check(&mut self, view: &CheckView<'_, BalanceNode>) -> Vec<Finding> {
        let now = view.now();
        let mut found = Vec::new();
        for record in view.records {
            match &record.kind {
                RecordKind::Deliver {
                    to: BALANCER,
                    msg: BalanceMsg::Request { req, .. },
                    ..
                } if !self.ended.contains(req) && !self.open.contains_key(req) => {
                    self.open.insert(*req, now);
                    self.taken.push_back((now, *req));
                }
                RecordKind::Crash { node: BALANCER } => {
                    // The requests in hand die with the balancer's process;
                    // their clients see the connection close.
                    self.open.clear();
                    self.taken.clear();
                }
                RecordKind::Proto(BalanceObs::Complete { req, .. }) => {
                    self.end(now, *req, End::Completed, &mut found)
                }
                RecordKind::Proto(BalanceObs::Reject { req, reason }) => {
                    self.end(now, *req, End::Rejected(*reason), &mut found)
                }
                _ => {}
            }
        }
        self.ended.forget_older(now, REMEMBER_US);
        // Only a request taken longer ago than the slack can have vanished,
        // so younger ones are not looked up at every event.
        while let Some(&(since, req)) = self
            .taken
            .front()
            .filter(|&&(since, _)| now.saturating_sub(since) > SLACK_US)
        {
            if self.open.get(&req) == Some(&since) {
                break;
            }
            self.taken.pop_front();
        }
        if let Some(&(since, req)) = self
            .taken
            .front()
            .filter(|&&(since, _)| now.saturating_sub(since) > SLACK_US)
        {
            let limit = view
                .nodes
                .get(BALANCER.index())
                .map_or(SimTime::MAX, lifetime);
            if now.saturating_sub(since) > limit {
                self.open.remove(&req);
                let note = BalanceNote::Vanished {
                    req,
                    since_ms: since / 1000,
                };
                found.push(Finding::violation(CONSERVATION, vec![BALANCER], note));
            }
        }
        found
    }
}
