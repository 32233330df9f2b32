//! The screen's own words around lesson texts, in the learner's language:
//! a Chinese lesson framed by English labels would read badly.

use crate::lesson::Lang;

/// Labels for the lesson panel and the menu. `{}` stands for a key or a
/// number, filled in by [`fill`].
pub struct Words {
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
    pub menu_title: &'static str,
    pub sandbox: &'static str,
    pub sandbox_entry: &'static str,
    pub menu_keys: &'static str,
    pub broken_lessons: &'static str,
    pub no_lessons: &'static str,
}

const EN: Words = Words {
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
    menu_title: "lessons",
    sandbox: "Sandbox",
    sandbox_entry: "Raft sandbox: five servers to break as you like",
    menu_keys: "{} choose · {} open · {} 中文 · {} quit",
    broken_lessons: "lesson files that could not be read (distlab lessons --check shows why):",
    no_lessons: "no lessons found: run distlab from the folder that holds lessons/",
};

const ZH: Words = Words {
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
    menu_title: "课程",
    sandbox: "沙盒",
    sandbox_entry: "Raft 沙盒：五台服务器，随你破坏",
    menu_keys: "{} 选择 · {} 打开 · {} English · {} 退出",
    broken_lessons: "无法读取的课程文件（distlab lessons --check 显示原因）：",
    no_lessons: "没有找到课程：请在包含 lessons/ 的目录中运行 distlab",
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
