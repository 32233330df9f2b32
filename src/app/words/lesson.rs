//! The lesson panel's texts that take values (a key, a time, a count),
//! each with its languages side by side and its values by name.

use std::fmt::Display;

use super::Words;
use crate::say;

/// The texts that take values, each with its languages side by side and
/// its values by name.
impl Words {
    pub fn say_goal_met(&self, key: impl Display) -> String {
        say!(self.lang,
            en: "✓ goal met · {key} continues",
            zh: "✓ 目标达成 · 按 {key} 继续")
    }

    pub fn say_not_saved(&self, reason: impl Display) -> String {
        say!(self.lang,
            en: "progress was not saved: {reason}",
            zh: "进度未能保存：{reason}")
    }

    pub fn say_time_ran_out(&self, key: impl Display) -> String {
        say!(self.lang,
            en: "time ran out for this goal: {key} tries the step again",
            zh: "这个目标超时了：按 {key} 重试本步")
    }

    pub fn say_complete(&self, key: impl Display) -> String {
        say!(self.lang,
            en: "✓ lesson complete · {key} returns",
            zh: "✓ 课程完成 · 按 {key} 返回")
    }

    pub fn say_no_option(&self, option: impl Display) -> String {
        say!(self.lang,
            en: "there is no option {option}",
            zh: "没有选项 {option}")
    }

    pub fn say_right(&self, key: impl Display) -> String {
        say!(self.lang,
            en: "✓ right: read why above, then {key} runs the clock",
            zh: "✓ 回答正确：先读上方的原因，再按 {key} 让时钟走")
    }

    pub fn say_wrong(&self, answer: impl Display, key: impl Display) -> String {
        say!(self.lang,
            en: "not quite: the answer is {answer}; read why above, then {key} runs the clock",
            zh: "不完全对：正确答案是 {answer}；先读上方的原因，再按 {key} 让时钟走")
    }

    pub fn say_step_began(&self, key: impl Display) -> String {
        say!(self.lang,
            en: "this is where the step began: {key} goes back a step",
            zh: "这是本步的起点：按 {key} 回到上一步")
    }

    pub fn step(&self, step: impl Display) -> String {
        say!(self.lang,
            en: "Step {step}",
            zh: "第 {step} 步")
    }

    pub fn hint_key(&self, key: impl Display) -> String {
        say!(self.lang,
            en: "{key} hint",
            zh: "{key} 提示")
    }

    pub fn do_task(&self, key: impl Display) -> String {
        say!(self.lang,
            en: "{key} do it for me",
            zh: "{key} 替我完成")
    }

    pub fn answer_with(&self, keys: impl Display) -> String {
        say!(self.lang,
            en: "Press {keys} to answer.",
            zh: "按 {keys} 作答。")
    }

    pub fn wrong(&self, answer: impl Display) -> String {
        say!(self.lang,
            en: "✗ Not quite: the answer is {answer}.",
            zh: "✗ 不完全对：正确答案是 {answer}。")
    }

    pub fn continue_key(&self, key: impl Display) -> String {
        say!(self.lang,
            en: "{key} continue",
            zh: "{key} 继续")
    }

    pub fn met(&self, key: impl Display) -> String {
        say!(self.lang,
            en: "✓ goal met · {key} next step",
            zh: "✓ 目标达成 · {key} 下一步")
    }

    pub fn failed(&self, key: impl Display) -> String {
        say!(self.lang,
            en: "✗ time ran out · {key} try again",
            zh: "✗ 超时 · {key} 重试")
    }

    pub fn task_waits(&self, key: impl Display) -> String {
        say!(self.lang,
            en: "⏸ the clock waits for you: act, or {key} to run it",
            zh: "⏸ 时钟在等你：动手操作，或按 {key} 让它走")
    }

    pub fn time_left(&self, left: impl Display) -> String {
        say!(self.lang,
            en: "⏱ {left} left",
            zh: "⏱ 还剩 {left}")
    }

    pub fn late_by(&self, late: impl Display) -> String {
        say!(self.lang,
            en: "⏱ {late} past the limit: it still counts when done",
            zh: "⏱ 已超出时限 {late}：完成后仍然算数")
    }

    pub fn met_late(&self, late: impl Display, key: impl Display) -> String {
        say!(self.lang,
            en: "✓ goal met, {late} past the limit · {key} next step",
            zh: "✓ 目标达成，超出时限 {late} · {key} 下一步")
    }

    pub fn previous(&self, key: impl Display) -> String {
        say!(self.lang,
            en: "{key} previous step",
            zh: "{key} 上一步")
    }

    pub fn back_to_menu(&self, key: impl Display) -> String {
        say!(self.lang,
            en: "{key} back to the menu",
            zh: "{key} 返回菜单")
    }

    pub fn chart_trials(&self, share: impl Display) -> String {
        say!(self.lang,
            en: "{share} of the trials measured",
            zh: "测得 {share} 次试验")
    }

    /// Trials past the chart's right edge: slower, or never recovered.
    pub fn chart_beyond(&self, count: impl Display) -> String {
        say!(self.lang,
            en: "{count} past the right edge",
            zh: "{count} 次超出右边界")
    }
}
