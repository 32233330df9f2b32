//! Applying actions: the faults and requests a person or a script aims
//! at the cluster, resolved against it at the instant they apply.

use super::{ClusterAction, Event, Sim};
use crate::sim::action::{Action, Target};
use crate::sim::actor::Actor;
use crate::sim::network::DropReason;
use crate::sim::node::{NodeId, NodeStatus};
use crate::sim::trace::{RecordKind, SkipReason};

/// A timer's name as the trace writes it (`election`), which is how a
/// file names a timer to fire.
pub fn timer_name<T: serde::Serialize>(timer: &T) -> String {
    match serde_json::to_value(timer) {
        Ok(serde_json::Value::String(name)) => name,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

impl<A: Actor> Sim<A> {
    /// Applies one action. Returns the node it touched, if it touched one.
    pub(super) fn apply(&mut self, action: ClusterAction<A>) -> Option<NodeId> {
        let what = action.clone();
        let n = self.nodes.len();
        let target = |sim: &Self, t: Target<A::Alias>| sim.resolve(t);
        macro_rules! on_target {
            ($t:expr) => {
                match target(self, $t) {
                    Some(id) => id,
                    None => {
                        self.skip(what, SkipReason::NoTarget);
                        return None;
                    }
                }
            };
        }
        match action {
            Action::Crash(t) => {
                let id = on_target!(t);
                self.crash(id, what)
            }
            Action::Restart(t) => {
                let id = on_target!(t);
                self.restart(id, what)
            }
            Action::ToggleCrash(t) => {
                let id = on_target!(t);
                if self.status(id) == NodeStatus::Crashed {
                    self.restart(id, what)
                } else {
                    self.crash(id, what)
                }
            }
            Action::Pause(t, us) => {
                let id = on_target!(t);
                if self.status(id) == NodeStatus::Crashed {
                    self.skip(what, SkipReason::Down(id));
                    return None;
                }
                let until = match self.status(id) {
                    NodeStatus::Paused { until } => until.max(self.now + us),
                    _ => self.now + us,
                };
                self.status[id.index()] = NodeStatus::Paused { until };
                self.agenda.push(until, Event::Resume(id));
                self.record(RecordKind::Pause { node: id, us });
                Some(id)
            }
            Action::Isolate(t) => {
                let id = on_target!(t);
                self.net.isolate(id, n);
                let others: Vec<NodeId> = NodeId::all(n).filter(|&o| o != id).collect();
                self.record(RecordKind::Partition {
                    groups: vec![vec![id], others],
                });
                Some(id)
            }
            Action::Rejoin(t) => {
                let id = on_target!(t);
                self.net.rejoin(id);
                self.record(RecordKind::Rejoin { node: id });
                Some(id)
            }
            Action::Partition(groups) => {
                let groups: Vec<Vec<NodeId>> = groups
                    .into_iter()
                    .map(|g| g.into_iter().filter(|id| id.index() < n).collect())
                    .collect();
                self.net.partition(&groups);
                self.record(RecordKind::Partition { groups });
                None
            }
            Action::CutLink(a, b) => {
                if a.index() < n && b.index() < n && a != b {
                    self.net.blocked.insert((a, b));
                    self.record(RecordKind::Cut { from: a, to: b });
                } else {
                    self.skip(what, SkipReason::NoSuchLink);
                }
                None
            }
            Action::Heal => {
                self.net.heal();
                self.record(RecordKind::Heal);
                None
            }
            Action::SetLoss(p) => {
                self.net.config.loss = p.clamp(0.0, 1.0);
                self.record(RecordKind::Loss {
                    from: None,
                    p: self.net.config.loss,
                });
                None
            }
            Action::SetDuplication(p) => {
                self.net.config.duplicate = p.clamp(0.0, 1.0);
                self.record(RecordKind::Duplication {
                    p: self.net.config.duplicate,
                });
                None
            }
            Action::SetLinkLoss(a, b, p) => {
                let p = p.clamp(0.0, 1.0);
                self.net.link_loss.insert((a, b), p);
                self.record(RecordKind::Loss {
                    from: Some((a, b)),
                    p,
                });
                None
            }
            Action::DropNext(a, b) => {
                self.net.drop_next.insert((a, b));
                self.record(RecordKind::DropNext { from: a, to: b });
                None
            }
            Action::DropMessage(id) => match self.net.in_flight.remove(&id) {
                Some(m) => {
                    self.record(RecordKind::Drop {
                        id,
                        from: m.from,
                        to: m.to,
                        msg: m.payload,
                        reason: DropReason::User,
                    });
                    None
                }
                None => {
                    self.skip(what, SkipReason::MessageGone);
                    None
                }
            },
            Action::DelayMessage(id, by) => match self.net.in_flight.get_mut(&id) {
                Some(m) => {
                    m.deliver_at += by;
                    let at = m.deliver_at;
                    self.agenda.push(at, Event::Deliver(id));
                    self.record(RecordKind::Delay { id, by_us: by });
                    None
                }
                None => {
                    self.skip(what, SkipReason::MessageGone);
                    None
                }
            },
            Action::DuplicateMessage(id) => match self.net.in_flight.get(&id).cloned() {
                Some(m) => {
                    self.duplicate(m);
                    None
                }
                None => {
                    self.skip(what, SkipReason::MessageGone);
                    None
                }
            },
            Action::DeliverMessage(id) => {
                let Some(to) = self.net.in_flight.get(&id).map(|m| m.to) else {
                    self.skip(what, SkipReason::MessageGone);
                    return None;
                };
                if matches!(self.status(to), NodeStatus::Paused { .. }) {
                    self.skip(what, SkipReason::NotRunning(to));
                    return None;
                }
                self.hand_over(id)
            }
            Action::FireTimer(t, name) => {
                let id = on_target!(t);
                if !self.status(id).is_up() {
                    self.skip(what, SkipReason::NotRunning(id));
                    return None;
                }
                let timer = self.hosts[id.index()]
                    .timers
                    .keys()
                    .copied()
                    .find(|t| timer_name(t) == name);
                let Some(timer) = timer else {
                    self.skip(what, SkipReason::NoSuchTimer(id));
                    return None;
                };
                self.run_timer(id, timer);
                Some(id)
            }
            Action::Timeout(t) => {
                let id = on_target!(t);
                if !self.status(id).is_up() {
                    self.skip(what, SkipReason::NotRunning(id));
                    return None;
                }
                self.run_handler(id, |node, ctx| node.on_force_timeout(ctx));
                Some(id)
            }
            Action::ClockJump(t, jump) => {
                let id = on_target!(t);
                let clock = &mut self.hosts[id.index()].clock;
                clock.reanchor(self.now);
                clock.anchor_local += jump;
                let drift_ppm = clock.drift_ppm;
                self.record(RecordKind::Clock {
                    node: id,
                    jump_us: jump,
                    drift_ppm,
                });
                Some(id)
            }
            Action::SetDrift(t, ppm) => {
                let id = on_target!(t);
                let clock = &mut self.hosts[id.index()].clock;
                clock.reanchor(self.now);
                clock.drift_ppm = ppm.max(-999_999);
                let drift_ppm = clock.drift_ppm;
                self.record(RecordKind::Clock {
                    node: id,
                    jump_us: 0,
                    drift_ppm,
                });
                Some(id)
            }
            Action::Request(t, request) => {
                let id = on_target!(t);
                if !self.status(id).is_up() {
                    self.skip(what, SkipReason::NotRunning(id));
                    return None;
                }
                if self.run_handler(id, |node, ctx| node.on_request(ctx, request)) {
                    self.skip(what, SkipReason::TurnedAway(id));
                }
                Some(id)
            }
        }
    }

    fn skip(&mut self, action: ClusterAction<A>, reason: SkipReason) {
        self.record(RecordKind::Skip { action, reason });
    }

    fn crash(&mut self, id: NodeId, what: ClusterAction<A>) -> Option<NodeId> {
        if self.status(id) == NodeStatus::Crashed {
            self.skip(what, SkipReason::AlreadyDown(id));
            return None;
        }
        self.status[id.index()] = NodeStatus::Crashed;
        self.hosts[id.index()].timers.clear();
        // The write itself completes (what it changed is on disk), but the
        // replies that waited for it die with the process.
        self.hosts[id.index()].outbox.clear();
        self.nodes[id.index()].on_crash();
        self.record(RecordKind::Crash { node: id });
        Some(id)
    }

    fn restart(&mut self, id: NodeId, what: ClusterAction<A>) -> Option<NodeId> {
        if self.status(id) != NodeStatus::Crashed {
            self.skip(what, SkipReason::NotDown(id));
            return None;
        }
        self.status[id.index()] = NodeStatus::Up;
        self.record(RecordKind::Restart { node: id });
        self.run_handler(id, |node, ctx| node.on_restart(ctx));
        Some(id)
    }
}
