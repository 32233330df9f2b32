//! What experiments measure in Raft runs beyond leadership.

use super::member::RaftMember;
use super::messages::RaftObs;
use super::node::NOOP;
use crate::protocols::measure::{fresh, MeasureDef, MessagesBetweenCommands, Meter, Reading};
use crate::sim::{Record, RecordKind};

/// Messages sent per committed client command, with the time between
/// commits as each reading (Multi-Paxos offers the same measure).
pub const MESSAGES_PER_COMMAND: MeasureDef<RaftMember> = MeasureDef {
    name: "messages-per-command",
    about: "from one client command's commit to the next: the time between them, and the messages sent meanwhile (heartbeats and elections included)",
    each: "committed commands",
    open: "— uncommitted commands are not tracked",
    counted: Some("messages sent between commits"),
    meter: fresh::<RaftMember, MessagesPerCommand>,
};

/// Counts sends from the first committed command on; each later command
/// committed (first anywhere, no-ops aside) takes a reading of the
/// messages since the one before.
#[derive(Default)]
struct MessagesPerCommand {
    messages: MessagesBetweenCommands,
    highest: u64,
}

impl Meter<RaftMember> for MessagesPerCommand {
    fn observe(&mut self, record: &Record<RaftMember>, readings: &mut Vec<Reading>) {
        match &record.kind {
            RecordKind::Send { .. } => self.messages.sent_one(),
            RecordKind::Proto(RaftObs::Commit { index, value, .. }) if *index > self.highest => {
                self.highest = *index;
                if &**value == NOOP {
                    return;
                }
                self.messages.command_done(record.t_us, readings);
            }
            _ => {}
        }
    }

    fn open(&self) -> u64 {
        0
    }
}
