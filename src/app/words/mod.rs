//! The screen's own words around lesson texts, in the learner's language:
//! a Chinese lesson framed by English labels and messages would read badly.
//! Each is written once with its languages side by side: the fixed ones
//! here, those that take values in `lesson.rs`, `screen.rs` and `explore.rs`.

mod explore;
mod lab;
mod lesson;
mod screen;

use crate::text;
use crate::units::Lang;

/// Labels for the lesson panel, the menu and the screen's panels, and the
/// status messages of lessons, in one language.
pub struct Words {
    pub(super) lang: Lang,
    pub say_answer_first: &'static str,
    pub say_not_met_yet: &'static str,
    pub say_first_step: &'static str,
    pub say_no_task: &'static str,
    pub say_no_lab: &'static str,
    pub say_no_redis: &'static str,
    pub goals: &'static str,
    pub hint: &'static str,
    pub more: &'static str,
    pub right: &'static str,
    pub waiting: &'static str,
    pub complete: &'static str,
    pub chart_title: &'static str,
    pub chart_failed: &'static str,
    /// `chart_failed` after a count of one.
    pub chart_failed_one: &'static str,
    pub chart_none: &'static str,
    pub menu_title: &'static str,
    pub sandbox: &'static str,
    pub broken_lessons: &'static str,
    pub no_lessons: &'static str,
    pub scrubber_rewound: &'static str,
    pub gear_slow: &'static str,
    pub gear_fast: &'static str,
    pub menu_leave: &'static str,
    pub say_present_on: &'static str,
    pub say_present_off: &'static str,
    pub seed: &'static str,
    pub monitor_ok: &'static str,
    /// The empty feed while the clock runs.
    pub feed_empty_playing: &'static str,
    pub cluster_title: &'static str,
    pub presenter_title: &'static str,
    pub help_lesson: &'static str,
    pub help_pick: &'static str,
    pub help_screen: &'static str,
    pub help_mouse_key: &'static str,
    pub help_mouse: &'static str,
    pub history: &'static str,
    pub now: &'static str,
    pub crashed: &'static str,
    /// Where a running member stands in its lifecycle, in the inspector.
    pub up: &'static str,
    pub isolated: &'static str,
    pub down: &'static str,
    /// The mark above a node that the network has cut off.
    pub cut_off: &'static str,
    pub writing: &'static str,
    pub say_nothing_left: &'static str,
    pub say_run_start: &'static str,
    pub say_no_leader: &'static str,
    pub say_no_membership: &'static str,
    pub say_no_flight: &'static str,
    pub say_no_lesson: &'static str,
    /// Presenter mode's boxes cannot all stand apart in the picture, which
    /// shows the plain picture instead.
    pub presenter_no_room: &'static str,
}

/// Built while compiling: every fixed text with its languages side by side.
const fn build(lang: Lang) -> Words {
    Words {
        lang,
        say_answer_first: text!(lang, en: "answer the question first: press the number of your answer", zh: "请先回答问题：按下你的答案编号"),
        say_not_met_yet: text!(lang, en: "the goal is not met yet: see the goals in the lesson panel", zh: "目标尚未达成：请看课程面板中的目标"),
        say_first_step: text!(lang, en: "this is the lesson's first step", zh: "这是课程的第一步"),
        say_no_task: text!(lang, en: "this step has no task to do", zh: "这一步没有需要完成的任务"),
        say_no_lab: text!(lang, en: "this step has no run on a real redis-server", zh: "这一步没有在真实 redis-server 上的运行"),
        say_no_redis: text!(lang, en: "redis-server is not installed here: sudo apt-get install redis-server", zh: "这里没有安装 redis-server：sudo apt-get install redis-server"),
        goals: text!(lang, en: "Goals", zh: "目标"),
        hint: text!(lang, en: "Hint: ", zh: "提示："),
        more: text!(lang, en: "more", zh: "更多"),
        right: text!(lang, en: "✓ Right.", zh: "✓ 回答正确。"),
        waiting: text!(lang, en: "waiting for the goal…", zh: "等待目标达成…"),
        complete: text!(lang, en: "✓ Lesson complete!", zh: "✓ 课程完成！"),
        chart_title: text!(lang, en: " experiment · time without a leader after the leader crashes ", zh: " 实验 · 领导者崩溃后没有领导者的时间 "),
        chart_failed: text!(lang, en: "elections without a winner", zh: "次选举无人胜出"),
        chart_failed_one: text!(lang, en: "election without a winner", zh: "次选举无人胜出"),
        chart_none: text!(lang, en: "no leader crash was measured", zh: "没有测到领导者崩溃"),
        menu_title: text!(lang, en: "lessons", zh: "课程"),
        sandbox: text!(lang, en: "Sandbox", zh: "沙盒"),
        broken_lessons: text!(lang, en: "lesson files that could not be read (distlab lessons --check shows why):", zh: "无法读取的课程文件（distlab lessons --check 显示原因）："),
        no_lessons: text!(lang, en: "no lessons found: run distlab from the folder that holds lessons/", zh: "没有找到课程：请在包含 lessons/ 的目录中运行 distlab"),
        scrubber_rewound: text!(lang, en: "rewound: acting forks", zh: "已回退：此时操作会分叉历史"),
        gear_slow: text!(lang, en: "slow-motion", zh: "慢放"),
        gear_fast: text!(lang, en: "fast-forward", zh: "快进"),
        menu_leave: text!(lang, en: "press Esc again (or q) to leave distlab", zh: "再按一次 Esc（或 q）退出 distlab"),
        say_present_on: text!(lang, en: "presenter mode: large boxes, named messages, every link", zh: "演示模式：大方框、带名称的消息、显示所有链路"),
        say_present_off: text!(lang, en: "presenter mode off", zh: "演示模式已关闭"),
        seed: text!(lang, en: "seed", zh: "种子"),
        monitor_ok: text!(lang, en: "✓ all invariants hold", zh: "✓ 所有不变式成立"),
        feed_empty_playing: text!(lang, en: "nothing has happened yet", zh: "还什么都没发生"),
        cluster_title: text!(lang, en: "cluster", zh: "集群"),
        presenter_title: text!(lang, en: "cluster · presenter", zh: "集群 · 演示模式"),
        help_lesson: text!(lang, en: "in this lesson", zh: "本课中"),
        help_pick: text!(lang, en: "while picking a message", zh: "选取消息时"),
        help_screen: text!(lang, en: "on screen", zh: "屏幕上"),
        help_mouse_key: text!(lang, en: "mouse", zh: "鼠标"),
        help_mouse: text!(lang, en: "click a node or the time scrubber", zh: "点击节点或时间轴"),
        history: text!(lang, en: "history", zh: "历史"),
        now: text!(lang, en: "now", zh: "现在"),
        crashed: text!(lang, en: "crashed", zh: "已崩溃"),
        up: text!(lang, en: "up", zh: "运行中"),
        isolated: text!(lang, en: "⌀ isolated", zh: "⌀ 已隔离"),
        down: text!(lang, en: "✕ down", zh: "✕ 宕机"),
        cut_off: text!(lang, en: "⌀ cut off", zh: "⌀ 已隔离"),
        writing: text!(lang, en: "▤ writing to disk", zh: "▤ 正在写盘"),
        say_nothing_left: text!(lang, en: "nothing is left to happen", zh: "已经没有要发生的事了"),
        say_run_start: text!(lang, en: "this is the start of the run", zh: "这是运行的起点"),
        say_no_leader: text!(lang, en: "there is no leader right now", zh: "现在没有领导者"),
        say_no_membership: text!(lang,
            en: "this protocol does not change its membership",
            zh: "这个协议不变更成员"),
        say_no_flight: text!(lang, en: "no message is in flight right now", zh: "现在没有在途消息"),
        say_no_lesson: text!(lang, en: "no lesson is open: run distlab and choose one", zh: "没有打开的课程：运行 distlab 并选择一课"),
        presenter_no_room: text!(lang, en: "presenter: boxes need a larger window", zh: "演示模式：方框需要更大的窗口"),
    }
}

static EN: Words = build(Lang::En);
static ZH: Words = build(Lang::Zh);

pub fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::En => &EN,
        Lang::Zh => &ZH,
    }
}
