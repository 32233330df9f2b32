//! The screen's own words around lesson texts, in the learner's language:
//! a Chinese lesson framed by English labels and messages would read badly.

use crate::lesson::Lang;

/// Labels for the lesson panel and the menu, and the status messages of
/// lessons. `{}` stands for a key, a number or a reason, filled in by
/// [`fill`].
pub struct Words {
    pub say_answer_first: &'static str,
    pub say_goal_met: &'static str,
    pub say_not_saved: &'static str,
    pub say_time_ran_out: &'static str,
    pub say_not_met_yet: &'static str,
    pub say_complete: &'static str,
    pub say_first_step: &'static str,
    pub say_no_option: &'static str,
    pub say_right: &'static str,
    pub say_wrong: &'static str,
    pub say_step_began: &'static str,
    pub say_no_task: &'static str,
    pub step: &'static str,
    pub goals: &'static str,
    pub hint: &'static str,
    pub hint_key: &'static str,
    pub do_task: &'static str,
    pub more: &'static str,
    pub answer_with: &'static str,
    pub right: &'static str,
    pub wrong: &'static str,
    pub continue_key: &'static str,
    pub waiting: &'static str,
    pub met: &'static str,
    pub failed: &'static str,
    pub previous: &'static str,
    pub complete: &'static str,
    pub back_to_menu: &'static str,
    pub chart_title: &'static str,
    pub chart_trials: &'static str,
    pub chart_failed: &'static str,
    pub chart_none: &'static str,
    /// Trials past the chart's right edge: slower, or never recovered.
    pub chart_beyond: &'static str,
    pub menu_title: &'static str,
    pub sandbox: &'static str,
    pub menu_keys: &'static str,
    pub broken_lessons: &'static str,
    pub no_lessons: &'static str,
    /// The picture cannot draw this many members: `{}` the count, `{}`
    /// the most it draws.
    pub too_many_nodes: &'static str,
    /// `{}` the slow-motion speed, `{}` the fast-forward speed.
    pub say_pace_adaptive: &'static str,
    pub say_pace_fixed: &'static str,
    /// `{}` the time typed, `{}` the furthest time recorded.
    pub say_goto_beyond: &'static str,
    pub say_goto_bad: &'static str,
    /// The prompt while a time is typed: `{}` the text so far.
    pub goto_prompt: &'static str,
    /// `{}` the time shown `of {}` the time recorded.
    pub scrubber_time: &'static str,
    pub scrubber_rewound: &'static str,
    pub gear_slow: &'static str,
    pub gear_fast: &'static str,
    pub menu_leave: &'static str,
    pub say_present_on: &'static str,
    pub say_present_off: &'static str,
}

const EN: Words = Words {
    say_answer_first: "answer the question first: press the number of your answer",
    say_goal_met: "✓ goal met · {} continues",
    say_not_saved: "progress was not saved: {}",
    say_time_ran_out: "time ran out for this goal: {} tries the step again",
    say_not_met_yet: "the goal is not met yet: see the goals in the lesson panel",
    say_complete: "✓ lesson complete · {} returns",
    say_first_step: "this is the lesson's first step",
    say_no_option: "there is no option {}",
    say_right: "✓ right: read why in the lesson panel",
    say_wrong: "not quite: the answer is {}",
    say_step_began: "this is where the step began: {} goes back a step",
    say_no_task: "this step has no task to do",
    step: "Step {}",
    goals: "Goals",
    hint: "Hint: ",
    hint_key: "{} hint",
    do_task: "{} do it for me",
    more: "more",
    answer_with: "Press {} to answer.",
    right: "✓ Right.",
    wrong: "✗ Not quite: the answer is {}.",
    continue_key: "{} continue",
    waiting: "waiting for the goal…",
    met: "✓ goal met · {} next step",
    failed: "✗ time ran out · {} try again",
    previous: "{} previous step",
    complete: "✓ Lesson complete!",
    back_to_menu: "{} back to the menu",
    chart_title: " experiment · time without a leader after the leader crashes ",
    chart_trials: "{} of the trials measured",
    chart_failed: "elections without a winner",
    chart_none: "no leader crash was measured",
    chart_beyond: "{} past the right edge",
    menu_title: "lessons",
    sandbox: "Sandbox",
    menu_keys: "{} choose · {} open · {} 中文 · {} quit",
    broken_lessons: "lesson files that could not be read (distlab lessons --check shows why):",
    no_lessons: "no lessons found: run distlab from the folder that holds lessons/",
    too_many_nodes: "this cluster has {} members; the picture draws at most {}. The feed, the strip and every key still work, and `distlab run` reports on a cluster of any size.",
    say_pace_adaptive: "adaptive pace: slow motion {} while messages fly, fast forward {} while only timers run",
    say_pace_fixed: "fixed speed {}",
    say_goto_beyond: "{} lies beyond what is recorded ({}): play, or press . to run ahead",
    say_goto_bad: "\"{}\" is not a time: try 12.5, 300ms, 2m or 1:30",
    goto_prompt: "go to time: {}▏ · Enter goes · Esc cancels",
    scrubber_time: "{} of {}",
    scrubber_rewound: "rewound: acting forks",
    gear_slow: "slow-motion",
    gear_fast: "fast-forward",
    menu_leave: "press Esc again (or q) to leave distlab",
    say_present_on: "presenter mode: large boxes, named messages, every link",
    say_present_off: "presenter mode off",
};

const ZH: Words = Words {
    say_answer_first: "请先回答问题：按下你的答案编号",
    say_goal_met: "✓ 目标达成 · 按 {} 继续",
    say_not_saved: "进度未能保存：{}",
    say_time_ran_out: "这个目标超时了：按 {} 重试本步",
    say_not_met_yet: "目标尚未达成：请看课程面板中的目标",
    say_complete: "✓ 课程完成 · 按 {} 返回",
    say_first_step: "这是课程的第一步",
    say_no_option: "没有选项 {}",
    say_right: "✓ 回答正确：原因见课程面板",
    say_wrong: "不完全对：正确答案是 {}",
    say_step_began: "这是本步的起点：按 {} 回到上一步",
    say_no_task: "这一步没有需要完成的任务",
    step: "第 {} 步",
    goals: "目标",
    hint: "提示：",
    hint_key: "{} 提示",
    do_task: "{} 替我完成",
    more: "更多",
    answer_with: "按 {} 作答。",
    right: "✓ 回答正确。",
    wrong: "✗ 不完全对：正确答案是 {}。",
    continue_key: "{} 继续",
    waiting: "等待目标达成…",
    met: "✓ 目标达成 · {} 下一步",
    failed: "✗ 超时 · {} 重试",
    previous: "{} 上一步",
    complete: "✓ 课程完成！",
    back_to_menu: "{} 返回菜单",
    chart_title: " 实验 · 领导者崩溃后没有领导者的时间 ",
    chart_trials: "测得 {} 次试验",
    chart_failed: "次选举无人胜出",
    chart_none: "没有测到领导者崩溃",
    chart_beyond: "{} 次超出右边界",
    menu_title: "课程",
    sandbox: "沙盒",
    menu_keys: "{} 选择 · {} 打开 · {} English · {} 退出",
    broken_lessons: "无法读取的课程文件（distlab lessons --check 显示原因）：",
    no_lessons: "没有找到课程：请在包含 lessons/ 的目录中运行 distlab",
    too_many_nodes: "这个集群有 {} 个成员，画面最多只能画出 {} 个。事件流、下方的条带和所有按键仍然可用；`distlab run` 可以报告任意规模的集群。",
    say_pace_adaptive: "自适应节奏：消息在途时慢放 {}，只有计时器在走时快进 {}",
    say_pace_fixed: "固定速度 {}",
    say_goto_beyond: "{} 超出了已记录的范围（{}）：请播放，或按 . 向前运行",
    say_goto_bad: "“{}”不是时间：可以输入 12.5、300ms、2m 或 1:30",
    goto_prompt: "跳转到时间：{}▏ · Enter 跳转 · Esc 取消",
    scrubber_time: "{} / {}",
    scrubber_rewound: "已回退：此时操作会分叉历史",
    gear_slow: "慢放",
    gear_fast: "快进",
    menu_leave: "再按一次 Esc（或 q）退出 distlab",
    say_present_on: "演示模式：大方框、带名称的消息、显示所有链路",
    say_present_off: "演示模式已关闭",
};

pub fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::En => &EN,
        Lang::Zh => &ZH,
    }
}

/// `template` with each `{}` replaced by the next of `values`.
pub fn fill(template: &str, values: &[&str]) -> String {
    let mut out = String::new();
    let mut values = values.iter();
    let mut parts = template.split("{}").peekable();
    while let Some(part) = parts.next() {
        out.push_str(part);
        if parts.peek().is_some() {
            out.push_str(values.next().copied().unwrap_or(""));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_placeholders_in_order() {
        assert_eq!(fill("{} of {}", &["3", "5"]), "3 of 5");
        assert_eq!(fill("第 {} 步", &["2/5"]), "第 2/5 步");
        assert_eq!(fill("none", &["x"]), "none");
    }
}
