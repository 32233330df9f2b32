//! Conservation: every request the balancer takes ends exactly once, by a
//! completion or a rejection with a reason, or is still in hand. None may
//! vanish and none may end twice.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use super::messages::{BalanceMsg, BalanceObs, ReqId};
use super::node::BalanceNode;
use super::role::BALANCER;
type Finding = crate::sim::Finding<crate::sim::Untranslated>;
use crate::sim::{CheckView, Checker, RecordKind, SimTime};

pub const CONSERVATION: &str = "Conservation";
pub const INVARIANTS: [&str; 1] = [CONSERVATION];

/// How long ended requests are remembered, to catch a second ending.
const REMEMBER_US: SimTime = 5_000_000;
/// Added to the longest a request may take, for messages on the way.
const SLACK_US: SimTime = 1_000_000;

#[derive(Clone, Debug, Default)]
pub struct Conservation {
    /// Requests in hand, with the time the balancer took them.
    open: BTreeMap<ReqId, SimTime>,
    ended: BTreeSet<ReqId>,
    ended_order: VecDeque<(SimTime, ReqId)>,
}

impl Conservation {
    fn end(&mut self, now: SimTime, req: ReqId, how: &str, found: &mut Vec<Finding>) {
        if self.open.remove(&req).is_some() {
            self.ended.insert(req);
            self.ended_order.push_back((now, req));
        } else if self.ended.contains(&req) {
            found.push(Finding::violation(
                CONSERVATION,
                vec![BALANCER],
                format!("request #{req} ends twice: {how} after it had already ended"),
            ));
        } else {
            found.push(Finding::violation(
                CONSERVATION,
                vec![BALANCER],
                format!("request #{req} ends ({how}) though the balancer never took it"),
            ));
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
                } if !self.ended.contains(req) => {
                    self.open.entry(*req).or_insert(now);
                }
                RecordKind::Crash { node: BALANCER } => {
                    // The requests in hand die with the balancer's process;
                    // their clients see the connection close.
                    self.open.clear();
                }
                RecordKind::Proto(BalanceObs::Complete { req, .. }) => {
                    self.end(now, *req, "completed", &mut found)
                }
                RecordKind::Proto(BalanceObs::Reject { req, reason }) => {
                    self.end(now, *req, reason, &mut found)
                }
                _ => {}
            }
        }
        while self
            .ended_order
            .front()
            .is_some_and(|&(t, _)| t + REMEMBER_US < now)
        {
            if let Some((_, req)) = self.ended_order.pop_front() {
                self.ended.remove(&req);
            }
        }
        if let Some((&req, &since)) = self.open.first_key_value() {
            let limit = view
                .nodes
                .get(BALANCER.index())
                .map_or(SimTime::MAX, lifetime);
            if now.saturating_sub(since) > limit {
                self.open.remove(&req);
                found.push(Finding::violation(
                    CONSERVATION,
                    vec![BALANCER],
                    format!(
                        "request #{req} vanished: taken at t={} ms, never completed nor rejected",
                        since / 1000
                    ),
                ));
            }
        }
        found
    }
}
