//! The engine's own sentences: what records and actions say in the event
//! feed, the trace and the status line, each written once with its
//! languages side by side. A protocol's notes, observations, timers and
//! requests describe themselves (each family keeps its own sentences);
//! these put them in place, and space the Chinese result as Chinese is
//! set, whatever filled it.

mod records;

use super::action::{Action, Target};
use super::actor::Actor;
use super::describe::Describe;
use super::engine::{Stall, MAX_EVENTS_PER_INSTANT, MAX_IN_FLIGHT};
use super::labels::Labels;
use super::time::format_time;
use super::trace::{RecordKind, SkipReason};
use crate::units::Lang;
use crate::{say, text};

impl<A: Actor> Describe for RecordKind<A> {
    fn describe(&self, lang: Lang, labels: &Labels) -> String {
        lang.typeset(records::record(self, lang, labels))
    }
}

impl<R: Describe, T: Describe> Describe for Action<R, T> {
    fn describe(&self, lang: Lang, labels: &Labels) -> String {
        lang.typeset(action(self, lang, labels))
    }
}

impl<T: Describe> Describe for Target<T> {
    fn describe(&self, lang: Lang, labels: &Labels) -> String {
        match self {
            Target::Node(id) => labels.get(*id).to_owned(),
            Target::Leader => text!(lang, en: "the leader", zh: "领导者").to_owned(),
            Target::Alias(role) => role.describe(lang, labels),
        }
    }
}

/// What `action` does, in `lang`, before Chinese spacing.
fn action<R: Describe, T: Describe>(action: &Action<R, T>, lang: Lang, labels: &Labels) -> String {
    let node = |id: &crate::sim::NodeId| labels.get(*id);
    let target = |t: &Target<T>| t.describe(lang, labels);
    match action {
        Action::Crash(t) => say!(lang, en: "crash {t}", zh: "让{t}崩溃", t = target(t)),
        Action::Restart(t) => say!(lang, en: "restart {t}", zh: "重启{t}", t = target(t)),
        Action::ToggleCrash(t) => say!(lang,
            en: "crash or restart {t}",
            zh: "让{t}崩溃或重启",
            t = target(t)),
        Action::Pause(t, us) => say!(lang,
            en: "pause {t} for {ms}ms",
            zh: "让{t}暂停 {ms}ms",
            t = target(t), ms = us / 1_000),
        Action::Isolate(t) => say!(lang, en: "isolate {t}", zh: "隔离{t}", t = target(t)),
        Action::Rejoin(t) => {
            say!(lang, en: "reconnect {t}", zh: "让{t}重新连上网络", t = target(t))
        }
        Action::Partition(groups) => say!(lang,
            en: "partition {groups}",
            zh: "分区 {groups}",
            groups = labels.groups(groups)),
        Action::CutLink(a, b) => say!(lang,
            en: "cut the link {a}→{b}",
            zh: "切断链路 {a}→{b}",
            a = node(a), b = node(b)),
        Action::Heal => text!(lang, en: "heal the network", zh: "恢复网络").to_owned(),
        Action::SetLoss(p) => say!(lang,
            en: "set message loss to {p}%",
            zh: "把消息丢失率设为 {p}%",
            p = percent(*p)),
        Action::SetDuplication(p) => say!(lang,
            en: "set message duplication to {p}%",
            zh: "把消息重复率设为 {p}%",
            p = percent(*p)),
        Action::SetLinkLoss(a, b, p) => say!(lang,
            en: "set loss on {a}→{b} to {p}%",
            zh: "把 {a}→{b} 的丢失率设为 {p}%",
            a = node(a), b = node(b), p = percent(*p)),
        Action::DropNext(a, b) => say!(lang,
            en: "drop the next message {a}→{b}",
            zh: "丢弃 {a}→{b} 的下一条消息",
            a = node(a), b = node(b)),
        Action::DropMessage(id) => say!(lang,
            en: "drop message #{id}",
            zh: "丢弃消息 #{id}",
            id = id.0),
        Action::DelayMessage(id, us) => say!(lang,
            en: "delay message #{id} by {ms}ms",
            zh: "把消息 #{id} 延迟 {ms}ms",
            id = id.0, ms = us / 1_000),
        Action::DuplicateMessage(id) => say!(lang,
            en: "duplicate message #{id}",
            zh: "复制消息 #{id}",
            id = id.0),
        Action::DeliverMessage(id) => say!(lang,
            en: "deliver message #{id} now",
            zh: "立即投递消息 #{id}",
            id = id.0),
        Action::FireTimer(t, timer) => say!(lang,
            en: "fire {t}'s {timer} timer now",
            zh: "立即触发{t}的 {timer} 计时器",
            t = target(t)),
        Action::Timeout(t) => say!(lang,
            en: "force a timeout on {t}",
            zh: "让{t}立即超时",
            t = target(t)),
        Action::ClockJump(t, us) => say!(lang,
            en: "move {t}'s clock by {ms}ms",
            zh: "把{t}的时钟拨动 {ms}ms",
            t = target(t), ms = us / 1_000),
        Action::SetDrift(t, ppm) => say!(lang,
            en: "make {t}'s clock drift {ppm}ppm",
            zh: "让{t}的时钟漂移 {ppm}ppm",
            t = target(t)),
        Action::Request(t, r) => say!(lang,
            en: "{request} to {t}",
            zh: "{request}（发给{t}）",
            request = r.describe(lang, labels), t = target(t)),
    }
}

/// Why `action` was skipped, in words.
pub fn skip_reason<R, T: Describe>(
    lang: Lang,
    reason: SkipReason,
    action: &Action<R, T>,
    labels: &Labels,
) -> String {
    why_skipped(lang, reason, action.target(), labels)
}

/// Why an action aimed at `target` was skipped, in `lang`.
fn why_skipped<T: Describe>(
    lang: Lang,
    reason: SkipReason,
    target: Option<&Target<T>>,
    labels: &Labels,
) -> String {
    let l = |id: crate::sim::NodeId| labels.get(id);
    match reason {
        SkipReason::NoTarget => match target {
            Some(Target::Node(id)) => say!(lang,
                en: "{node} does not exist",
                zh: "{node} 不存在",
                node = l(*id)),
            Some(Target::Alias(role)) => say!(lang,
                en: "no node is {role} right now",
                zh: "现在没有节点是{role}",
                role = role.describe(lang, labels)),
            Some(Target::Leader) | None => {
                text!(lang, en: "there is no leader right now", zh: "现在没有领导者").to_owned()
            }
        },
        SkipReason::Down(id) => say!(lang, en: "{node} is down", zh: "{node} 已宕机", node = l(id)),
        SkipReason::AlreadyDown(id) => say!(lang,
            en: "{node} is already down",
            zh: "{node} 已经宕机",
            node = l(id)),
        SkipReason::NotDown(id) => say!(lang,
            en: "{node} is not down",
            zh: "{node} 没有宕机",
            node = l(id)),
        SkipReason::NotRunning(id) => say!(lang,
            en: "{node} is not running",
            zh: "{node} 没有在运行",
            node = l(id)),
        SkipReason::TurnedAway(id) => say!(lang,
            en: "{node} turned it away",
            zh: "{node} 拒绝了它",
            node = l(id)),
        SkipReason::NoSuchTimer(id) => say!(lang,
            en: "{node} has no such timer pending",
            zh: "{node} 没有这个待触发的计时器",
            node = l(id)),
        SkipReason::NoSuchLink => text!(lang, en: "no such link", zh: "没有这条链路").to_owned(),
        SkipReason::MessageGone => text!(lang,
            en: "that message is no longer in flight",
            zh: "那条消息已不在路上")
        .to_owned(),
    }
}

/// A probability as a whole percentage: `25`.
fn percent(p: f64) -> String {
    format!("{:.0}", p * 100.0)
}

/// Why a run stopped, in `lang` (see [`Stall`]).
pub(super) fn stall(stall: Stall, lang: Lang) -> String {
    lang.typeset(match stall {
        Stall::Spinning { at } => say!(lang,
            en: "the simulation makes no progress: {MAX_EVENTS_PER_INSTANT} events at t={at} without the clock moving (work scheduled for the same instant over and over)",
            zh: "模拟无法前进：在 t={at} 处理了 {MAX_EVENTS_PER_INSTANT} 个事件，时钟却没有走动（同一时刻的工作被一再安排）",
            at = format_time(at)),
        Stall::Flooded { at } => say!(lang,
            en: "the simulation stops: more than {MAX_IN_FLIGHT} messages in flight at t={at} (messages are sent far faster than they land)",
            zh: "模拟停止：在 t={at} 有超过 {MAX_IN_FLIGHT} 条消息在途（消息发出的速度远快于送达的速度）",
            at = format_time(at)),
    })
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::NodeId;

    type Act = Action<Quiet, crate::sim::NoAlias>;

    #[derive(Clone, Debug)]
    struct Quiet;

    impl Describe for Quiet {
        fn describe(&self, lang: Lang, _: &Labels) -> String {
            crate::text!(lang, en: "a write", zh: "一次写入").into()
        }
    }

    #[test]
    fn actions_read_in_either_language() {
        let labels = Labels::plain();
        let crash: Act = Action::Crash(Target::Leader);
        assert_eq!(crash.describe(Lang::En, labels), "crash the leader");
        assert_eq!(crash.describe(Lang::Zh, labels), "让领导者崩溃");
        let cut: Act = Action::CutLink(NodeId(0), NodeId(2));
        assert_eq!(cut.describe(Lang::En, labels), "cut the link S1→S3");
        assert_eq!(cut.describe(Lang::Zh, labels), "切断链路 S1→S3");
        let write: Act = Action::Request(Target::Node(NodeId(1)), Quiet);
        assert_eq!(write.describe(Lang::En, labels), "a write to S2");
        assert_eq!(write.describe(Lang::Zh, labels), "一次写入（发给 S2）");
    }

    #[test]
    fn a_skip_says_why_in_either_language() {
        let labels = Labels::plain();
        let crash: Act = Action::Crash(Target::Leader);
        assert_eq!(
            skip_reason(Lang::En, SkipReason::NoTarget, &crash, labels),
            "there is no leader right now"
        );
        assert_eq!(
            skip_reason(Lang::Zh, SkipReason::NoTarget, &crash, labels),
            "现在没有领导者"
        );
        let gone: Act = Action::Crash(Target::Node(NodeId(6)));
        assert_eq!(
            skip_reason(Lang::En, SkipReason::NoTarget, &gone, labels),
            "S7 does not exist"
        );
    }
}
