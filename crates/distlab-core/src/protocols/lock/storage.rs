//! The storage node `ST`: one value that clients read and write inside
//! their critical sections. With fencing it checks the token on every
//! operation, reads included, and refuses any token lower than the
//! highest it has seen.

use std::collections::VecDeque;

use super::messages::{LockMsg, LockObs, Op};
use super::notes::LockNote;
use super::spec::{Bug, LockSpec};
use super::LockNode;
use crate::sim::{Ctx, NodeId};

/// How many operations the storage panel remembers.
pub const LOG_LEN: usize = 6;

#[derive(Clone, Debug, Default)]
pub struct Storage {
    pub value: u64,
    /// The highest token seen; survives restarts (it is on disk).
    pub highest: Option<u64>,
    /// The latest operations, newest last.
    pub log: VecDeque<Entry>,
}

/// One operation as the storage panel shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub client: NodeId,
    pub op: Op,
    pub token: Option<u64>,
    pub value: u64,
    pub accepted: bool,
    /// The higher token a refused operation lost to.
    pub beaten_by: Option<u64>,
}

impl Storage {
    /// Why an operation with `token` is refused, if it is.
    fn refusal(&self, spec: &LockSpec, token: Option<u64>) -> Option<&'static str> {
        let checks = spec.fencing && !spec.bugs.contains(&Bug::StorageIgnoresTokens);
        match (checks, token, self.highest) {
            (true, Some(t), Some(h)) if t < h => Some("stale token"),
            _ => None,
        }
    }

    fn remember(&mut self, entry: Entry) {
        if self.log.len() == LOG_LEN {
            self.log.pop_front();
        }
        self.log.push_back(entry);
    }

    pub fn on_message(
        &mut self,
        spec: &LockSpec,
        ctx: &mut Ctx<LockNode>,
        from: NodeId,
        msg: LockMsg,
    ) {
        let (req, op, token, read, value) = match msg {
            LockMsg::Read { req, token } => (req, Op::Read, token, None, self.value),
            LockMsg::Write {
                req,
                token,
                read,
                value,
            } => (req, Op::Write, token, Some(read), value),
            _ => return,
        };
        let me = ctx.me();
        let reason = self.refusal(spec, token);
        let accepted = reason.is_none();
        if accepted {
            self.highest = self.highest.max(token);
        }
        let read = match op {
            Op::Read if accepted => Some(self.value),
            _ => read,
        };
        match (accepted, op) {
            (true, Op::Read) => {
                ctx.explain(LockNote::HandsValue {
                    me,
                    client: from,
                    value: self.value,
                });
                ctx.send(
                    from,
                    LockMsg::ReadReply {
                        req,
                        value: Some(self.value),
                    },
                );
            }
            (true, Op::Write) => {
                ctx.explain(LockNote::TakesWrite {
                    me,
                    client: from,
                    old: self.value,
                    value,
                });
                self.value = value;
                ctx.send(
                    from,
                    LockMsg::WriteReply {
                        req,
                        accepted: true,
                    },
                );
            }
            (false, _) => {
                ctx.explain(LockNote::RefusesStale {
                    me,
                    client: from,
                    token: token.unwrap_or(0),
                    highest: self.highest.unwrap_or(0),
                });
                let reply = match op {
                    Op::Read => LockMsg::ReadReply { req, value: None },
                    Op::Write => LockMsg::WriteReply {
                        req,
                        accepted: false,
                    },
                };
                ctx.send(from, reply);
            }
        }
        self.remember(Entry {
            client: from,
            op,
            token,
            value,
            accepted,
            beaten_by: self.highest.filter(|_| !accepted),
        });
        ctx.observe(LockObs::Write {
            client: from,
            token,
            op,
            read,
            value,
            accepted,
            reason,
        });
    }
}
