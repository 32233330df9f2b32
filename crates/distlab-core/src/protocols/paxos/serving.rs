//! How a Multi-Paxos server serves client processes. The leader gives an
//! operation a slot like any command, with the client's request number as
//! its id, so that a retry is never placed twice; anyone else names the
//! leader it knows. The answer comes from the state machine when the slot
//! runs, reads included: a read answered in its slot's turn sees every
//! write chosen before it and none after, which is what makes it
//! linearizable. A retry of an operation that already ran is answered from
//! the client's last answer, kept beside the state machine.

use super::member::PaxosCtx;
use super::messages::{Command, CommandId, PaxosMsg, PaxosObs};
use super::node::{PaxosNode, Phase};
use super::notes::PaxosNote;
use super::workload::LogRead;
use crate::protocols::clients::{Answer, ClientNote, ClientOp};
use crate::sim::NodeId;

impl PaxosNode {
    pub(super) fn on_client_request(
        &mut self,
        ctx: &mut PaxosCtx,
        client: NodeId,
        seq: u64,
        op: ClientOp<LogRead>,
    ) {
        let me = self.id;
        if self.phase != Phase::Leading {
            let hint = self.leader.map(|(l, _)| l).filter(|&l| l != me);
            ctx.explain(ClientNote::Redirects { me, client, hint });
            let answer = Answer::NotLeader { hint };
            return ctx.send(client, PaxosMsg::ClientReply { seq, answer });
        }
        if let Some((_, answer)) = self.answers.get(&client).filter(|(s, _)| *s == seq) {
            ctx.explain(ClientNote::AnswersRepeat { me, client });
            let answer = answer.clone();
            return ctx.send(client, PaxosMsg::ClientReply { seq, answer });
        }
        let command = Command {
            id: Some(CommandId { via: client, seq }),
            value: op.to_string().into(),
        };
        ctx.observe(PaxosObs::Propose {
            node: me,
            command: command.clone(),
        });
        self.take_multi_command(ctx, command);
    }

    /// Whether command `id` came from a client process rather than from a
    /// client of a proposer.
    pub(super) fn is_client_process(&self, id: CommandId) -> bool {
        id.via.index() >= self.config.nodes
    }

    /// The state machine runs a client process's operation (`x=1` or `x?`)
    /// and keeps its answer; a leader sends it.
    pub(super) fn run_client_op(&mut self, ctx: &mut PaxosCtx, id: CommandId, text: &str) {
        let answer = match text.strip_suffix('?') {
            Some(key) => Answer::Ok {
                value: self.store.get(key).cloned(),
            },
            None => {
                let (key, value) = text.split_once('=').unwrap_or((text, ""));
                self.store.insert(key.into(), value.into());
                Answer::Ok { value: None }
            }
        };
        self.answers.insert(id.via, (id.seq, answer.clone()));
        if self.phase == Phase::Leading {
            ctx.explain(PaxosNote::AnswersClient {
                me: self.id,
                client: id.via,
                seq: id.seq,
                answer: answer.clone(),
            });
            ctx.send(
                id.via,
                PaxosMsg::ClientReply {
                    seq: id.seq,
                    answer,
                },
            );
        }
    }
}
