//! The engine's own sentences, one table per language: what records and
//! actions say in the event feed, the trace and the status line. A
//! protocol's notes, observations, timers and requests describe themselves
//! (each family keeps its own tables); these tables put them in place,
//! and space the Chinese result as Chinese is set, whatever filled it.

mod en;
mod zh;

use super::action::{Action, Target};
use super::actor::Actor;
use super::describe::Describe;
use super::engine::Stall;
use super::labels::Labels;
use super::trace::{RecordKind, SkipReason};
use crate::units::{han_spaced, Lang};

impl<A: Actor> Describe for RecordKind<A> {
    fn describe(&self, lang: Lang, labels: &Labels) -> String {
        match lang {
            Lang::En => en::record(self, labels),
            Lang::Zh => han_spaced(&zh::record(self, labels)),
        }
    }
}

impl<R: Describe, T: Describe> Describe for Action<R, T> {
    fn describe(&self, lang: Lang, labels: &Labels) -> String {
        match lang {
            Lang::En => en::action(self, labels),
            Lang::Zh => han_spaced(&zh::action(self, labels)),
        }
    }
}

impl<T: Describe> Describe for Target<T> {
    fn describe(&self, lang: Lang, labels: &Labels) -> String {
        match (self, lang) {
            (Target::Node(id), _) => labels.get(*id).to_owned(),
            (Target::Leader, Lang::En) => "the leader".to_owned(),
            (Target::Leader, Lang::Zh) => "领导者".to_owned(),
            (Target::Alias(role), _) => role.describe(lang, labels),
        }
    }
}

/// Why `action` was skipped, in words.
pub fn skip_reason<R, T: Describe>(
    lang: Lang,
    reason: SkipReason,
    action: &Action<R, T>,
    labels: &Labels,
) -> String {
    match lang {
        Lang::En => en::skip_reason(reason, action.target(), labels),
        Lang::Zh => zh::skip_reason(reason, action.target(), labels),
    }
}

/// A probability as a whole percentage: `25`.
fn percent(p: f64) -> String {
    format!("{:.0}", p * 100.0)
}

/// Why a run stopped, in `lang` (see [`Stall`]).
pub(super) fn stall(stall: Stall, lang: Lang) -> String {
    match lang {
        Lang::En => en::stall(stall),
        Lang::Zh => han_spaced(&zh::stall(stall)),
    }
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
            match lang {
                Lang::En => "a write".into(),
                Lang::Zh => "一次写入".into(),
            }
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
