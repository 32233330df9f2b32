//! The engine's sentences in Simplified Chinese.

use super::percent;
use crate::sim::action::{Action, Target};
use crate::sim::actor::{Actor, Message};
use crate::sim::describe::Describe;
use crate::sim::engine::{Stall, MAX_EVENTS_PER_INSTANT, MAX_IN_FLIGHT};
use crate::sim::labels::Labels;
use crate::sim::network::DropReason;
use crate::sim::time::format_time;
use crate::sim::trace::{RecordKind, SkipReason};
use crate::units::Lang;

const LANG: Lang = Lang::Zh;

pub(super) fn record<A: Actor>(kind: &RecordKind<A>, labels: &Labels) -> String {
    let l = |id: &crate::sim::NodeId| labels.get(*id);
    let say = |d: &dyn Describe| d.describe(LANG, labels);
    match kind {
        RecordKind::Send { from, to, msg, .. } => {
            format!("{} → {} {}", l(from), l(to), msg.summary())
        }
        RecordKind::Deliver { from, to, msg, .. } => {
            format!("{} 收到 {} 的 {}", l(to), l(from), msg.summary())
        }
        RecordKind::Drop {
            from,
            to,
            msg,
            reason,
            ..
        } => {
            let why = match reason {
                DropReason::Loss => "在网络中丢失",
                DropReason::Partition => "被分区阻断",
                DropReason::Crashed => "接收方已宕机",
                DropReason::User => "被你丢弃",
            };
            format!("{} {} → {} 被丢弃：{why}", msg.name(), l(from), l(to))
        }
        RecordKind::Delay { id, by_us } => {
            format!("消息 #{} 延迟 {}ms", id.0, by_us / 1_000)
        }
        RecordKind::Duplicate { id, copy } => {
            format!("消息 #{} 被复制为 #{}", id.0, copy.0)
        }
        RecordKind::Timer { node, timer } => format!("{}：{}", l(node), say(timer)),
        RecordKind::Crash { node } => format!("{} 崩溃", l(node)),
        RecordKind::Restart { node } => format!("{} 重启", l(node)),
        RecordKind::Pause { node, us } => format!("{} 暂停 {}ms", l(node), us / 1_000),
        RecordKind::Resume { node } => format!("{} 恢复运行", l(node)),
        RecordKind::Persist { node, us } => format!(
            "{} 写盘（{}ms），它的回复要等写完才发出",
            l(node),
            us / 1_000
        ),
        RecordKind::Partition { groups } => format!("网络分区：{}", labels.groups(groups)),
        RecordKind::Cut { from, to } => format!("链路 {} → {} 被切断", l(from), l(to)),
        RecordKind::Rejoin { node } => format!("{} 重新连上网络", l(node)),
        RecordKind::Heal => "网络恢复".to_owned(),
        RecordKind::Loss { from: None, p } => format!("消息丢失率设为 {}%", percent(*p)),
        RecordKind::Loss {
            from: Some((a, b)),
            p,
        } => format!("{} → {} 的丢失率设为 {}%", l(a), l(b), percent(*p)),
        RecordKind::Duplication { p } => format!("消息重复率设为 {}%", percent(*p)),
        RecordKind::DropNext { from, to } => {
            format!("{} → {} 的下一条消息将被丢弃", l(from), l(to))
        }
        RecordKind::Clock {
            node,
            jump_us,
            drift_ppm,
        } => format!(
            "{} 的时钟拨动 {}ms，漂移 {drift_ppm}ppm",
            l(node),
            jump_us / 1_000
        ),
        RecordKind::Note { note, .. } => say(note),
        RecordKind::Skip { action, reason } => format!(
            "跳过“{}”：{}",
            say(action),
            skip_reason(*reason, action.target(), labels)
        ),
        RecordKind::Violation {
            invariant, note, ..
        } => format!("✗ {}：{}", invariant.zh, say(note)),
        RecordKind::Warning {
            invariant, note, ..
        } => format!("⚠ {}：{}", invariant.zh, say(note)),
        RecordKind::Proto(obs) => say(obs),
    }
}

pub(super) fn action<R: Describe, T: Describe>(action: &Action<R, T>, labels: &Labels) -> String {
    let node = |id: &crate::sim::NodeId| labels.get(*id);
    let target = |t: &Target<T>| t.describe(LANG, labels);
    match action {
        Action::Crash(t) => format!("让{}崩溃", target(t)),
        Action::Restart(t) => format!("重启{}", target(t)),
        Action::ToggleCrash(t) => format!("让{}崩溃或重启", target(t)),
        Action::Pause(t, us) => format!("让{}暂停 {}ms", target(t), us / 1_000),
        Action::Isolate(t) => format!("隔离{}", target(t)),
        Action::Rejoin(t) => format!("让{}重新连上网络", target(t)),
        Action::Partition(groups) => format!("分区 {}", labels.groups(groups)),
        Action::CutLink(a, b) => format!("切断链路 {}→{}", node(a), node(b)),
        Action::Heal => "恢复网络".to_owned(),
        Action::SetLoss(p) => format!("把消息丢失率设为 {}%", percent(*p)),
        Action::SetDuplication(p) => format!("把消息重复率设为 {}%", percent(*p)),
        Action::SetLinkLoss(a, b, p) => {
            format!("把 {}→{} 的丢失率设为 {}%", node(a), node(b), percent(*p))
        }
        Action::DropNext(a, b) => format!("丢弃 {}→{} 的下一条消息", node(a), node(b)),
        Action::DropMessage(id) => format!("丢弃消息 #{}", id.0),
        Action::DelayMessage(id, us) => format!("把消息 #{} 延迟 {}ms", id.0, us / 1_000),
        Action::DuplicateMessage(id) => format!("复制消息 #{}", id.0),
        Action::Timeout(t) => format!("让{}立即超时", target(t)),
        Action::ClockJump(t, us) => format!("把{}的时钟拨动 {}ms", target(t), us / 1_000),
        Action::SetDrift(t, ppm) => format!("让{}的时钟漂移 {ppm}ppm", target(t)),
        Action::Request(t, r) => format!("{}（发给{}）", r.describe(LANG, labels), target(t)),
    }
}

pub(super) fn skip_reason<T: Describe>(
    reason: SkipReason,
    target: Option<&Target<T>>,
    labels: &Labels,
) -> String {
    let l = |id: crate::sim::NodeId| labels.get(id);
    match reason {
        SkipReason::NoTarget => match target {
            Some(Target::Node(id)) => format!("{} 不存在", l(*id)),
            Some(Target::Alias(role)) => {
                format!("现在没有节点是{}", role.describe(LANG, labels))
            }
            Some(Target::Leader) | None => "现在没有领导者".to_owned(),
        },
        SkipReason::Down(id) => format!("{} 已宕机", l(id)),
        SkipReason::AlreadyDown(id) => format!("{} 已经宕机", l(id)),
        SkipReason::NotDown(id) => format!("{} 没有宕机", l(id)),
        SkipReason::NotRunning(id) => format!("{} 没有在运行", l(id)),
        SkipReason::TurnedAway(id) => format!("{} 拒绝了它", l(id)),
        SkipReason::NoSuchLink => "没有这条链路".to_owned(),
        SkipReason::MessageGone => "那条消息已不在路上".to_owned(),
    }
}

pub(super) fn stall(stall: Stall) -> String {
    match stall {
        Stall::Spinning { at } => format!(
            "模拟无法前进：在 t={} 处理了 {MAX_EVENTS_PER_INSTANT} 个事件，时钟却没有走动（同一时刻的工作被一再安排）",
            format_time(at)
        ),
        Stall::Flooded { at } => format!(
            "模拟停止：在 t={} 有超过 {MAX_IN_FLIGHT} 条消息在途（消息发出的速度远快于送达的速度）",
            format_time(at)
        ),
    }
}
