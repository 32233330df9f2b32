//! A run's space-time (Lamport) diagram as an SVG drawing for paper: one
//! vertical lane per node, time flowing down, each message an arrow from
//! its send to its delivery, a dropped message ending in a cross where it
//! died, crashes and pauses marked on the lanes.
//!
//! A run is kept on a [`Tape`] while it steps (the simulator keeps only
//! the last step's records), then drawn by [`spacetime_svg`]. This file
//! finds what to draw in the records; [`draw`] lays it out on the page.
//!
//! Heartbeats would bury everything else: a leader sends a round every
//! few tens of milliseconds. Only one round in [`HEARTBEAT_EVERY`] is
//! drawn, with the replies it drew, and a note on the drawing says so.

use std::collections::BTreeMap;

use crate::protocols::{Family, MsgClass, SimOf};
use crate::sim::{DropReason, Labels, Message, MsgId, NodeId, Record, RecordKind, SimTime};
use crate::units::Lang;

mod draw;
#[cfg(test)]
mod tests;
mod time_map;

/// One heartbeat round in this many is drawn, counted per sender from the
/// round it sends on taking the lead (so every new leader's first round
/// shows).
pub const HEARTBEAT_EVERY: u64 = 5;

/// The stretch of simulated time a drawing shows. A message is drawn when
/// it was both sent and delivered (or dropped) within it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    pub from: SimTime,
    pub to: SimTime,
}

/// Why a window cannot be drawn.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum WindowError {
    #[error("the window must start before it ends (from {from} ms, to {to} ms)")]
    Empty { from: u64, to: u64 },
}

impl Window {
    /// The stretch from `from` to `to`, which must be longer than nothing.
    pub fn new(from: SimTime, to: SimTime) -> Result<Window, WindowError> {
        if from < to {
            Ok(Window { from, to })
        } else {
            Err(WindowError::Empty {
                from: from / 1_000,
                to: to / 1_000,
            })
        }
    }

    /// A whole run that ended at `end`.
    pub fn whole(end: SimTime) -> Window {
        Window { from: 0, to: end }
    }

    fn holds(self, t: SimTime) -> bool {
        (self.from..=self.to).contains(&t)
    }
}

/// The records of a run a diagram is drawn from, kept step by step:
/// messages, crashes, restarts, pauses and changes of leader.
pub struct Tape<F: Family> {
    records: Vec<Record<F::Node>>,
    labels: Labels,
    nodes: usize,
}

impl<F: Family> Default for Tape<F> {
    fn default() -> Self {
        Tape {
            records: Vec::new(),
            labels: Labels::default(),
            nodes: 0,
        }
    }
}

impl<F: Family> Tape<F> {
    /// Keeps what the step `sim` just took leaves for a diagram.
    pub fn keep(&mut self, sim: &SimOf<F>) {
        self.labels = sim.labels().clone();
        self.nodes = sim.cluster_size();
        let drawn = sim.last_records().iter().filter(|r| match &r.kind {
            RecordKind::Send { .. }
            | RecordKind::Deliver { .. }
            | RecordKind::Drop { .. }
            | RecordKind::Duplicate { .. }
            | RecordKind::Crash { .. }
            | RecordKind::Restart { .. }
            | RecordKind::Pause { .. }
            | RecordKind::Resume { .. } => true,
            _ => F::leadership(r).is_some(),
        });
        self.records.extend(drawn.cloned());
    }
}

/// The run on `tape` within `window` as a standalone SVG document, its
/// words in `lang`. The same tape gives the same bytes.
pub fn spacetime_svg<F: Family>(tape: &Tape<F>, window: Window, lang: Lang) -> String {
    draw::svg(&gather(tape, window), lang)
}

/// How a drawn message ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Fate {
    Delivered,
    Dropped(DropReason),
}

/// A message as drawn.
#[derive(Clone, Debug, PartialEq)]
struct Arrow {
    from: NodeId,
    to: NodeId,
    sent: SimTime,
    end: SimTime,
    /// The message as the event feed writes it: `RequestVote(t2)`.
    label: String,
    class: MsgClass,
    fate: Fate,
}

/// What happened to a node, marked on its lane.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Happening {
    Crash,
    Restart,
    Pause,
    Resume,
    /// It took the lead in this epoch, written as the family writes it:
    /// `t3`.
    Leads(String),
}

/// A stretch of a lane when the node was not running.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Absence {
    Down,
    Paused,
}

/// Everything the drawing shows, found in the records.
struct Story {
    labels: Labels,
    nodes: usize,
    window: Window,
    arrows: Vec<Arrow>,
    marks: Vec<(NodeId, SimTime, Happening)>,
    /// Per node, the stretches it was down or paused, clipped to the window.
    absences: Vec<(NodeId, SimTime, SimTime, Absence)>,
    /// Messages sent and ended within the window, drawn or not.
    messages: u64,
    /// Of those, the heartbeats and replies left out.
    left_out: u64,
}

/// A message on its way, as its send found it.
#[derive(Clone)]
struct Sent {
    from: NodeId,
    to: NodeId,
    at: SimTime,
    label: String,
    class: MsgClass,
    /// Left out: a heartbeat of a round not drawn, or a reply to one.
    thin: bool,
}

/// Which heartbeat rounds are drawn. A round is the heartbeats a node
/// sends in one step; the replies to a round left out (what its receivers
/// send back to its sender in the step that delivers it) are left out too.
#[derive(Default)]
struct Thinning {
    /// Per sender: rounds since it took the lead, and the step of the last.
    rounds: BTreeMap<NodeId, (u64, u64)>,
    /// The step delivering left-out heartbeats, with (receiver, sender)
    /// of each: sends back along those links in that step are replies.
    echoes: (u64, Vec<(NodeId, NodeId)>),
}

impl Thinning {
    /// Whether a heartbeat `from` sends in step `event` is left out.
    fn heartbeat(&mut self, event: u64, from: NodeId) -> bool {
        let (count, last) = self.rounds.entry(from).or_insert((0, 0));
        if *count == 0 || *last != event {
            *count += 1;
            *last = event;
        }
        (*count - 1) % HEARTBEAT_EVERY != 0
    }

    fn is_reply(&self, event: u64, from: NodeId, to: NodeId) -> bool {
        self.echoes.0 == event && self.echoes.1.contains(&(from, to))
    }

    /// A left-out heartbeat from `sender` reached `receiver` in `event`.
    fn delivered(&mut self, event: u64, receiver: NodeId, sender: NodeId) {
        if self.echoes.0 != event {
            self.echoes = (event, Vec::new());
        }
        self.echoes.1.push((receiver, sender));
    }

    fn leads(&mut self, node: NodeId) {
        self.rounds.remove(&node);
    }
}

fn gather<F: Family>(tape: &Tape<F>, window: Window) -> Story {
    let mut story = Story {
        labels: tape.labels.clone(),
        nodes: tape.nodes,
        window,
        arrows: Vec::new(),
        marks: Vec::new(),
        absences: Vec::new(),
        messages: 0,
        left_out: 0,
    };
    let mut flying: BTreeMap<MsgId, Sent> = BTreeMap::new();
    let mut thinning = Thinning::default();
    let mut away: BTreeMap<NodeId, (SimTime, Absence)> = BTreeMap::new();
    for r in &tape.records {
        let (t, event) = (r.t_us, r.event);
        match &r.kind {
            RecordKind::Send { id, from, to, msg } => {
                let class = F::message_look(msg).class;
                let thin = if class == MsgClass::Heartbeat {
                    thinning.heartbeat(event, *from)
                } else {
                    thinning.is_reply(event, *from, *to)
                };
                let sent = Sent {
                    from: *from,
                    to: *to,
                    at: t,
                    label: msg.summary(),
                    class,
                    thin,
                };
                flying.insert(*id, sent);
            }
            RecordKind::Duplicate { id, copy } => {
                if let Some(sent) = flying.get(id).cloned() {
                    flying.insert(*copy, sent);
                }
            }
            RecordKind::Deliver { id, .. } => {
                if let Some(sent) = flying.remove(id) {
                    if sent.thin && sent.class == MsgClass::Heartbeat {
                        thinning.delivered(event, sent.to, sent.from);
                    }
                    story.end(sent, t, Fate::Delivered);
                }
            }
            RecordKind::Drop { id, reason, .. } => {
                if let Some(sent) = flying.remove(id) {
                    story.end(sent, t, Fate::Dropped(*reason));
                }
            }
            RecordKind::Crash { node } => {
                story.mark(*node, t, Happening::Crash);
                story.come_back(&mut away, *node, t);
                away.insert(*node, (t, Absence::Down));
            }
            RecordKind::Restart { node } => {
                story.mark(*node, t, Happening::Restart);
                story.come_back(&mut away, *node, t);
            }
            RecordKind::Pause { node, .. } => {
                story.mark(*node, t, Happening::Pause);
                story.come_back(&mut away, *node, t);
                away.insert(*node, (t, Absence::Paused));
            }
            RecordKind::Resume { node } => {
                story.mark(*node, t, Happening::Resume);
                story.come_back(&mut away, *node, t);
            }
            _ => {
                if let Some(lead) = F::leadership(r).filter(|l| l.leads) {
                    thinning.leads(lead.node);
                    let epoch = format!("{}{}", F::EPOCH_SHORT, lead.epoch);
                    story.mark(lead.node, t, Happening::Leads(epoch));
                }
            }
        }
    }
    for (node, _) in away.clone() {
        story.come_back(&mut away, node, window.to);
    }
    story
}

impl Story {
    fn mark(&mut self, node: NodeId, t: SimTime, what: Happening) {
        if self.window.holds(t) {
            self.marks.push((node, t, what));
        }
    }

    /// A message ended at `end`: counted, and drawn unless thinned out,
    /// when both ends fall in the window.
    fn end(&mut self, sent: Sent, end: SimTime, fate: Fate) {
        if !self.window.holds(sent.at) || !self.window.holds(end) {
            return;
        }
        self.messages += 1;
        if sent.thin {
            self.left_out += 1;
            return;
        }
        self.arrows.push(Arrow {
            from: sent.from,
            to: sent.to,
            sent: sent.at,
            end,
            label: sent.label,
            class: sent.class,
            fate,
        });
    }

    /// `node` is running again at `t` (or the window ends): its absence,
    /// if any, becomes a stretch of its lane.
    fn come_back(
        &mut self,
        away: &mut BTreeMap<NodeId, (SimTime, Absence)>,
        node: NodeId,
        t: SimTime,
    ) {
        if let Some((since, how)) = away.remove(&node) {
            let (from, to) = (since.max(self.window.from), t.min(self.window.to));
            if from < to {
                self.absences.push((node, from, to, how));
            }
        }
    }
}

/// Words a person reads on the drawing, in their language.
fn happening(lang: Lang, what: &Happening) -> String {
    match what {
        Happening::Crash => crate::text!(lang, en: "crash", zh: "崩溃").to_owned(),
        Happening::Restart => crate::text!(lang, en: "restart", zh: "重启").to_owned(),
        Happening::Pause => crate::text!(lang, en: "pause", zh: "暂停").to_owned(),
        Happening::Resume => crate::text!(lang, en: "resume", zh: "恢复").to_owned(),
        Happening::Leads(epoch) => crate::say!(lang, en: "leader {epoch}", zh: "领导者 {epoch}"),
    }
}
