//! Everything that can change the application's state.
//!
//! Keys are bound to actions in the keymap file, so the variants that a
//! person can bind deserialise from RON. Input that is not a key press
//! (time passing, a resize, a mouse click) is an action too, so that every
//! change of state goes through [`crate::app::App::update`] and tests can
//! drive the application exactly as the terminal does.

use std::time::Duration;

use serde::Deserialize;

use crate::units::Lang;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Action {
    TogglePlay,
    StepForward,
    StepBack,
    Slower,
    Faster,
    /// Adaptive pace (slow motion while messages fly) or a fixed speed.
    TogglePace,
    /// To the start of the recorded history (of the run, or of the step).
    SeekStart,
    /// Back to the present.
    SeekEnd,
    /// This many seconds back (negative) or ahead.
    Jump(i32),
    /// Type a time and go there.
    GoToTime,
    /// Select the node a person calls `S<n>`.
    SelectNode(usize),
    NextNode,
    PrevNode,
    SelectLeader,
    ToggleCrash,
    ForceTimeout,
    ClientWrite,
    PauseProcess,
    ToggleIsolate,
    HealAll,
    DropNext,
    PickMessage,
    NextMessage,
    PrevMessage,
    DropPicked,
    DelayPicked,
    FeedNewer,
    FeedOlder,
    /// Type words and select the next older event that mentions them.
    FindEvent,
    LogsEarlier,
    LogsLater,
    LogsFollow,
    ToggleView,
    ToggleContrast,
    /// Presenter mode: a picture a room can read.
    TogglePresent,
    Save,
    ToggleHelp,
    /// Leave the current mode or overlay, or clear the event selection.
    Back,
    /// Leave this screen: back to the menu if it was opened from there.
    Quit,
    /// Leave distlab from any screen.
    Exit,
    /// Lessons: go on once the step is done (or leave a finished lesson).
    Continue,
    ToggleHint,
    PrevStep,
    NextStep,
    RetryStep,
    /// Perform the step's task with the lesson's own actions: a teacher's
    /// demonstration, or a way past a step.
    DoTask,
    /// Scroll the lesson text.
    LessonDown,
    LessonUp,
    /// Answer the question with option `n`, counted from 1.
    Answer(usize),
    /// The menu: move the selection, open what is selected.
    MenuUp,
    MenuDown,
    Open,
    SwitchLanguage,
    /// Real time passed while playing.
    #[serde(skip)]
    Tick(Duration),
    /// The terminal now has this many columns and rows.
    #[serde(skip)]
    Resize(u16, u16),
    /// A left click at this column and row.
    #[serde(skip)]
    Click(u16, u16),
    /// The pointer moved with its button held.
    #[serde(skip)]
    Drag(u16, u16),
    /// A character typed into a prompt.
    #[serde(skip)]
    Type(char),
    /// Backspace in a prompt.
    #[serde(skip)]
    Erase,
    /// Enter in a prompt.
    #[serde(skip)]
    Submit,
    /// The mouse wheel turned at this column and row: down when true.
    #[serde(skip)]
    Wheel(u16, u16, bool),
}

impl Action {
    /// What the action does, in a few words (at most 26 characters, so
    /// that the help overlay fits two columns on an 80-column screen).
    /// Actions with the same description are listed on one line.
    pub fn describe(self) -> &'static str {
        match self {
            Action::TogglePlay => "play / pause",
            Action::StepForward => "next event",
            Action::StepBack => "previous event (rewind)",
            Action::Slower => "slower",
            Action::Faster => "faster",
            Action::TogglePace => "adaptive pace / fixed",
            Action::SeekStart => "to the history's start",
            Action::SeekEnd => "back to the present",
            Action::Jump(-1) => "1 s back",
            Action::Jump(1) => "1 s ahead",
            Action::Jump(-10) => "10 s back",
            Action::Jump(10) => "10 s ahead",
            Action::Jump(s) if s < 0 => "back in time",
            Action::Jump(_) => "ahead in time",
            Action::GoToTime => "go to a time…",
            Action::SelectNode(_) => "select node",
            Action::NextNode => "select next node",
            Action::PrevNode => "select previous node",
            Action::SelectLeader => "select the leader",
            Action::ToggleCrash => "crash / restart node",
            Action::ForceTimeout => "force election timeout",
            Action::ClientWrite => "client write (to leader)",
            Action::PauseProcess => "pause process for 1s",
            Action::ToggleIsolate => "isolate / rejoin node",
            Action::HealAll => "heal the network",
            Action::DropNext => "drop node's next messages",
            Action::PickMessage => "pick an in-flight message",
            Action::NextMessage => "next message",
            Action::PrevMessage => "previous message",
            Action::DropPicked => "drop the picked message",
            Action::DelayPicked => "delay picked msg by 100ms",
            Action::FeedNewer => "select newer event",
            Action::FeedOlder => "select older event",
            Action::FindEvent => "find an event by its words…",
            Action::LogsEarlier => "logs: earlier entries",
            Action::LogsLater => "logs: later entries",
            Action::LogsFollow => "logs: follow the newest",
            Action::ToggleView => "ring / space-time view",
            Action::ToggleContrast => "high-contrast on / off",
            Action::TogglePresent => "presenter mode on / off",
            Action::Save => "save session as scenario",
            Action::ToggleHelp => "help",
            Action::Back => "back / clear selection",
            Action::Quit => "quit / back to the menu",
            Action::Exit => "quit distlab",
            Action::Continue => "continue",
            Action::ToggleHint => "show / hide the hint",
            Action::PrevStep => "previous step (restart it)",
            Action::NextStep => "next step, once done",
            Action::RetryStep => "restart this step",
            Action::DoTask => "do the task for me",
            Action::Answer(_) => "answer the question",
            Action::LessonDown => "scroll the lesson down",
            Action::LessonUp => "scroll the lesson up",
            Action::MenuUp => "previous entry",
            Action::MenuDown => "next entry",
            Action::Open => "open",
            Action::SwitchLanguage => "switch language",
            Action::Tick(_)
            | Action::Resize(..)
            | Action::Click(..)
            | Action::Drag(..)
            | Action::Wheel(..)
            | Action::Type(_)
            | Action::Erase
            | Action::Submit => "",
        }
    }

    /// What the action does, in Chinese: the help's other table.
    fn describe_zh(self) -> &'static str {
        match self {
            Action::TogglePlay => "播放 / 暂停",
            Action::StepForward => "下一个事件",
            Action::StepBack => "上一个事件（回退）",
            Action::Slower => "更慢",
            Action::Faster => "更快",
            Action::TogglePace => "自适应节奏 / 固定速度",
            Action::SeekStart => "回到历史起点",
            Action::SeekEnd => "回到现在",
            Action::Jump(-1) => "后退 1 秒",
            Action::Jump(1) => "前进 1 秒",
            Action::Jump(-10) => "后退 10 秒",
            Action::Jump(10) => "前进 10 秒",
            Action::Jump(s) if s < 0 => "时间后退",
            Action::Jump(_) => "时间前进",
            Action::GoToTime => "跳转到某个时间…",
            Action::SelectNode(_) => "选择节点",
            Action::NextNode => "选择下一个节点",
            Action::PrevNode => "选择上一个节点",
            Action::SelectLeader => "选择领导者",
            Action::ToggleCrash => "让节点崩溃 / 重启",
            Action::ForceTimeout => "强制选举超时",
            Action::ClientWrite => "客户端写入（发给领导者）",
            Action::PauseProcess => "暂停进程 1 秒",
            Action::ToggleIsolate => "隔离 / 重新接入节点",
            Action::HealAll => "修复网络",
            Action::DropNext => "丢弃节点的下一批消息",
            Action::PickMessage => "选取一条在途消息",
            Action::NextMessage => "下一条消息",
            Action::PrevMessage => "上一条消息",
            Action::DropPicked => "丢弃选中的消息",
            Action::DelayPicked => "把选中的消息延迟 100 毫秒",
            Action::FeedNewer => "选择更新的事件",
            Action::FeedOlder => "选择更早的事件",
            Action::FindEvent => "按文字查找事件…",
            Action::LogsEarlier => "日志：更早的条目",
            Action::LogsLater => "日志：更新的条目",
            Action::LogsFollow => "日志：跟随最新",
            Action::ToggleView => "环形图 / 时空图",
            Action::ToggleContrast => "高对比度 开 / 关",
            Action::TogglePresent => "演示模式 开 / 关",
            Action::Save => "把会话保存为场景",
            Action::ToggleHelp => "帮助",
            Action::Back => "返回 / 取消选择",
            Action::Quit => "退出 / 返回菜单",
            Action::Exit => "退出 distlab",
            Action::Continue => "继续",
            Action::ToggleHint => "显示 / 隐藏提示",
            Action::PrevStep => "上一步（重新开始）",
            Action::NextStep => "下一步（完成后）",
            Action::RetryStep => "重新开始本步",
            Action::DoTask => "替我完成任务",
            Action::Answer(_) => "回答问题",
            Action::LessonDown => "向下滚动课程",
            Action::LessonUp => "向上滚动课程",
            Action::MenuUp => "上一项",
            Action::MenuDown => "下一项",
            Action::Open => "打开",
            Action::SwitchLanguage => "切换语言",
            Action::Tick(_)
            | Action::Resize(..)
            | Action::Click(..)
            | Action::Drag(..)
            | Action::Wheel(..)
            | Action::Type(_)
            | Action::Erase
            | Action::Submit => "",
        }
    }

    /// What the action does, in `lang`.
    pub fn text(self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.describe(),
            Lang::Zh => self.describe_zh(),
        }
    }

    /// A short label for the hint line in the status bar, in `lang`.
    pub fn hint(self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.hint_en(),
            Lang::Zh => self.hint_zh(),
        }
    }

    fn hint_zh(self) -> &'static str {
        match self {
            Action::TogglePlay => "播放",
            Action::StepForward => "单步",
            Action::StepBack => "后退",
            Action::ToggleCrash => "崩溃",
            Action::DropNext | Action::DropPicked => "丢弃",
            Action::ToggleIsolate => "隔离",
            Action::PickMessage => "选取消息",
            Action::ToggleView => "视图",
            Action::ToggleHelp => "帮助",
            Action::NextMessage => "下一条",
            Action::DelayPicked => "延迟",
            Action::Back => "完成",
            Action::Quit => "退出",
            Action::Continue => "继续",
            Action::ToggleHint => "提示",
            Action::PrevStep => "上一步",
            Action::RetryStep => "重试",
            Action::Open => "打开",
            Action::SwitchLanguage => "语言",
            other => other.describe_zh(),
        }
    }

    /// A one-word label for the hint line in the status bar.
    fn hint_en(self) -> &'static str {
        match self {
            Action::TogglePlay => "play",
            Action::StepForward => "step",
            Action::StepBack => "back",
            Action::ToggleCrash => "crash",
            Action::DropNext | Action::DropPicked => "drop",
            Action::ToggleIsolate => "isolate",
            Action::PickMessage => "pick msg",
            Action::ToggleView => "view",
            Action::ToggleHelp => "help",
            Action::NextMessage => "next",
            Action::DelayPicked => "delay",
            Action::Back => "done",
            Action::Quit => "quit",
            Action::Continue => "continue",
            Action::ToggleHint => "hint",
            Action::PrevStep => "previous step",
            Action::RetryStep => "retry",
            Action::Open => "open",
            Action::SwitchLanguage => "language",
            other => other.describe(),
        }
    }
}
