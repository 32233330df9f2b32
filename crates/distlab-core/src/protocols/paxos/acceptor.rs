//! The acceptor's rules: promise the highest ballot seen, reporting what
//! was accepted; accept a command unless a higher ballot was promised.
//! Both survive a crash: promises and accepted commands are on disk.

use super::member::PaxosCtx;
use super::messages::{Ballot, PaxosMsg, Vote};
use super::node::PaxosNode;
use super::notes::{PaxosNote, Reported};
use crate::sim::NodeId;

impl PaxosNode {
    /// Phase 1b: promise a higher ballot and report what was accepted, or
    /// refuse.
    pub(super) fn on_prepare(
        &mut self,
        ctx: &mut PaxosCtx,
        from: NodeId,
        ballot: Ballot,
        from_slot: u64,
    ) {
        let me = self.id;
        if ballot < self.promised {
            let promised = self.promised;
            ctx.explain(PaxosNote::RefusesPrepare {
                me,
                ballot,
                promised,
            });
            return ctx.send(from, PaxosMsg::Nack { ballot, promised });
        }
        self.promised = ballot;
        let accepted: Vec<Vote> = self
            .accepted
            .range(from_slot..)
            .map(|(&slot, (b, command))| Vote {
                slot,
                ballot: *b,
                command: command.clone(),
            })
            .collect();
        let reported = match accepted.as_slice() {
            [] => Reported::Nothing,
            [v] => Reported::One(v.ballot, v.command.clone()),
            many => Reported::Many(many.len()),
        };
        ctx.explain(PaxosNote::Promises {
            me,
            ballot,
            reported,
        });
        ctx.send(from, PaxosMsg::Promise { ballot, accepted });
    }

    /// Phase 2b: accept unless a higher ballot was promised, and tell every
    /// learner.
    pub(super) fn on_accept(&mut self, ctx: &mut PaxosCtx, from: NodeId, vote: Vote) {
        let me = self.id;
        let Vote {
            slot,
            ballot,
            command,
        } = vote;
        if ballot < self.promised {
            let promised = self.promised;
            ctx.explain(PaxosNote::RefusesAccept {
                me,
                command,
                ballot,
                promised,
            });
            return ctx.send(from, PaxosMsg::Nack { ballot, promised });
        }
        self.promised = ballot;
        self.accepted.insert(slot, (ballot, command.clone()));
        ctx.explain(PaxosNote::Accepts {
            me,
            command: command.clone(),
            ballot,
            slot,
        });
        self.broadcast(
            ctx,
            PaxosMsg::Accepted {
                ballot,
                slot,
                command,
            },
        );
    }
}
