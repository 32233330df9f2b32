//! What each record says: the lines of the event feed and the trace.

use super::{percent, why_skipped};
use crate::sim::actor::{Actor, Message};
use crate::sim::describe::Describe;
use crate::sim::labels::Labels;
use crate::sim::network::DropReason;
use crate::sim::trace::RecordKind;
use crate::units::Lang;
use crate::{say, text};

/// What `kind` says in `lang`, before Chinese spacing.
pub(super) fn record<A: Actor>(kind: &RecordKind<A>, lang: Lang, labels: &Labels) -> String {
    let l = |id: &crate::sim::NodeId| labels.get(*id);
    let said = |d: &dyn Describe| d.describe(lang, labels);
    match kind {
        RecordKind::Send { from, to, msg, .. } => say!(lang,
            en: "{from} → {to} {msg}",
            zh: "{from} → {to} {msg}",
            from = l(from), to = l(to), msg = msg.summary()),
        RecordKind::Deliver { from, to, msg, .. } => say!(lang,
            en: "{to} receives {msg} from {from}",
            zh: "{to} 收到 {from} 的 {msg}",
            from = l(from), to = l(to), msg = msg.summary()),
        RecordKind::Drop {
            from,
            to,
            msg,
            reason,
            ..
        } => {
            let why = match reason {
                DropReason::Loss => text!(lang, en: "lost on the network", zh: "在网络中丢失"),
                DropReason::Partition => {
                    text!(lang, en: "blocked by the partition", zh: "被分区阻断")
                }
                DropReason::Crashed => text!(lang, en: "its receiver is down", zh: "接收方已宕机"),
                DropReason::User => text!(lang, en: "dropped by you", zh: "被你丢弃"),
            };
            say!(lang,
                en: "{msg} {from} → {to} dropped: {why}",
                zh: "{msg} {from} → {to} 被丢弃：{why}",
                msg = msg.name(), from = l(from), to = l(to))
        }
        RecordKind::Delay { id, by_us } => say!(lang,
            en: "message #{id} delayed by {ms}ms",
            zh: "消息 #{id} 延迟 {ms}ms",
            id = id.0, ms = by_us / 1_000),
        RecordKind::Duplicate { id, copy } => say!(lang,
            en: "message #{id} duplicated as #{copy}",
            zh: "消息 #{id} 被复制为 #{copy}",
            id = id.0, copy = copy.0),
        RecordKind::Timer { node, timer } => say!(lang,
            en: "{node}: {timer}",
            zh: "{node}：{timer}",
            node = l(node), timer = said(timer)),
        RecordKind::Crash { node } => {
            say!(lang, en: "{node} crashes", zh: "{node} 崩溃", node = l(node))
        }
        RecordKind::Restart { node } => say!(lang,
            en: "{node} restarts",
            zh: "{node} 重启",
            node = l(node)),
        RecordKind::Pause { node, us } => say!(lang,
            en: "{node} pauses for {ms}ms",
            zh: "{node} 暂停 {ms}ms",
            node = l(node), ms = us / 1_000),
        RecordKind::Resume { node } => say!(lang,
            en: "{node} resumes",
            zh: "{node} 恢复运行",
            node = l(node)),
        RecordKind::Persist { node, us } => say!(lang,
            en: "{node} writes to disk ({ms}ms); its replies wait for the write",
            zh: "{node} 写盘（{ms}ms），它的回复要等写完才发出",
            node = l(node), ms = us / 1_000),
        RecordKind::Partition { groups } => say!(lang,
            en: "network partitioned: {groups}",
            zh: "网络分区：{groups}",
            groups = labels.groups(groups)),
        RecordKind::Cut { from, to } => say!(lang,
            en: "link {from} → {to} cut",
            zh: "链路 {from} → {to} 被切断",
            from = l(from), to = l(to)),
        RecordKind::Rejoin { node } => say!(lang,
            en: "{node} reconnected",
            zh: "{node} 重新连上网络",
            node = l(node)),
        RecordKind::Heal => text!(lang, en: "network healed", zh: "网络恢复").to_owned(),
        RecordKind::Loss { from: None, p } => say!(lang,
            en: "message loss set to {p}%",
            zh: "消息丢失率设为 {p}%",
            p = percent(*p)),
        RecordKind::Loss {
            from: Some((a, b)),
            p,
        } => say!(lang,
            en: "loss on {a} → {b} set to {p}%",
            zh: "{a} → {b} 的丢失率设为 {p}%",
            a = l(a), b = l(b), p = percent(*p)),
        RecordKind::Duplication { p } => say!(lang,
            en: "message duplication set to {p}%",
            zh: "消息重复率设为 {p}%",
            p = percent(*p)),
        RecordKind::DropNext { from, to } => say!(lang,
            en: "the next message {from} → {to} will be dropped",
            zh: "{from} → {to} 的下一条消息将被丢弃",
            from = l(from), to = l(to)),
        RecordKind::Clock {
            node,
            jump_us,
            drift_ppm,
        } => say!(lang,
            en: "{node}'s clock moved {ms}ms, drift {drift_ppm}ppm",
            zh: "{node} 的时钟拨动 {ms}ms，漂移 {drift_ppm}ppm",
            node = l(node), ms = jump_us / 1_000),
        RecordKind::Note { note, .. } => said(note),
        RecordKind::Skip { action, reason } => say!(lang,
            en: "skipped \"{action}\": {why}",
            zh: "跳过“{action}”：{why}",
            action = said(action), why = why_skipped(lang, *reason, action.target(), labels)),
        RecordKind::Violation {
            invariant, note, ..
        } => say!(lang,
            en: "✗ {invariant}: {note}",
            zh: "✗ {invariant}：{note}",
            invariant = invariant.name(lang), note = said(note)),
        RecordKind::Warning {
            invariant, note, ..
        } => say!(lang,
            en: "⚠ {invariant}: {note}",
            zh: "⚠ {invariant}：{note}",
            invariant = invariant.name(lang), note = said(note)),
        RecordKind::Proto(obs) => said(obs),
    }
}
