//! Everything that can change the application's state.
//!
//! Keys are bound to actions in the keymap file, so the variants that a
//! person can bind deserialise from RON. Input that is not a key press
//! (time passing, a resize, a mouse click) is an action too, so that every
//! change of state goes through [`crate::app::App::update`] and tests can
//! drive the application exactly as the terminal does.

use std::time::Duration;

use serde::Deserialize;

use crate::text;
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
    /// Add the selected server to the configuration, or remove it.
    ToggleMember,
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
    /// Save the screen as an SVG drawing.
    SaveScreen,
    /// Save the space-time diagram of the run as an SVG drawing.
    SaveSpaceTime,
    ToggleHelp,
    /// Leave the current mode or overlay, or clear the event selection.
    Back,
    /// Search every schedule of the next events from the state on screen.
    Explore,
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
    /// Play the step's run against a real `redis-server` (lab mode).
    RunLab,
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
    /// The explorer's form: choose the field this many places on.
    #[serde(skip)]
    FormField(i8),
    /// The explorer's form: raise (positive) or lower the chosen field.
    #[serde(skip)]
    FormChange(i8),
    /// The mouse wheel turned at this column and row: down when true.
    #[serde(skip)]
    Wheel(u16, u16, bool),
}

impl Action {
    /// What the action does, in a few words, in `lang` (in English at
    /// most 26 characters, so that the help overlay fits two columns on an
    /// 80-column screen). Actions with the same words are listed on one
    /// line.
    pub fn text(self, lang: Lang) -> &'static str {
        match self {
            Action::TogglePlay => text!(lang, en: "play / pause", zh: "播放 / 暂停"),
            Action::StepForward => text!(lang, en: "next event", zh: "下一个事件"),
            Action::StepBack => {
                text!(lang, en: "previous event (rewind)", zh: "上一个事件（回退）")
            }
            Action::Slower => text!(lang, en: "slower", zh: "更慢"),
            Action::Faster => text!(lang, en: "faster", zh: "更快"),
            Action::TogglePace => {
                text!(lang, en: "adaptive pace / fixed", zh: "自适应节奏 / 固定速度")
            }
            Action::SeekStart => text!(lang, en: "to the history's start", zh: "回到历史起点"),
            Action::SeekEnd => text!(lang, en: "back to the present", zh: "回到现在"),
            Action::Jump(-1) => text!(lang, en: "1 s back", zh: "后退 1 秒"),
            Action::Jump(1) => text!(lang, en: "1 s ahead", zh: "前进 1 秒"),
            Action::Jump(-10) => text!(lang, en: "10 s back", zh: "后退 10 秒"),
            Action::Jump(10) => text!(lang, en: "10 s ahead", zh: "前进 10 秒"),
            Action::Jump(s) if s < 0 => text!(lang, en: "back in time", zh: "时间后退"),
            Action::Jump(_) => text!(lang, en: "ahead in time", zh: "时间前进"),
            Action::GoToTime => text!(lang, en: "go to a time…", zh: "跳转到某个时间…"),
            Action::SelectNode(_) => text!(lang, en: "select node", zh: "选择节点"),
            Action::NextNode => text!(lang, en: "select next node", zh: "选择下一个节点"),
            Action::PrevNode => text!(lang, en: "select previous node", zh: "选择上一个节点"),
            Action::SelectLeader => text!(lang, en: "select the leader", zh: "选择领导者"),
            Action::ToggleCrash => text!(lang, en: "crash / restart node", zh: "让节点崩溃 / 重启"),
            Action::ForceTimeout => text!(lang, en: "force election timeout", zh: "强制选举超时"),
            Action::ClientWrite => {
                text!(lang, en: "client write (to leader)", zh: "客户端写入（发给领导者）")
            }
            Action::ToggleMember => {
                text!(lang, en: "add / remove from cluster", zh: "加入 / 移出集群")
            }
            Action::PauseProcess => text!(lang, en: "pause process for 1s", zh: "暂停进程 1 秒"),
            Action::ToggleIsolate => {
                text!(lang, en: "isolate / rejoin node", zh: "隔离 / 重新接入节点")
            }
            Action::HealAll => text!(lang, en: "heal the network", zh: "修复网络"),
            Action::DropNext => {
                text!(lang, en: "drop node's next messages", zh: "丢弃节点的下一批消息")
            }
            Action::PickMessage => {
                text!(lang, en: "pick an in-flight message", zh: "选取一条在途消息")
            }
            Action::NextMessage => text!(lang, en: "next message", zh: "下一条消息"),
            Action::PrevMessage => text!(lang, en: "previous message", zh: "上一条消息"),
            Action::DropPicked => text!(lang, en: "drop the picked message", zh: "丢弃选中的消息"),
            Action::DelayPicked => {
                text!(lang, en: "delay picked msg by 100ms", zh: "把选中的消息延迟 100 毫秒")
            }
            Action::FeedNewer => text!(lang, en: "select newer event", zh: "选择更新的事件"),
            Action::FeedOlder => text!(lang, en: "select older event", zh: "选择更早的事件"),
            Action::FindEvent => {
                text!(lang, en: "find an event by its words…", zh: "按文字查找事件…")
            }
            Action::LogsEarlier => text!(lang, en: "logs: earlier entries", zh: "日志：更早的条目"),
            Action::LogsLater => text!(lang, en: "logs: later entries", zh: "日志：更新的条目"),
            Action::LogsFollow => text!(lang, en: "logs: follow the newest", zh: "日志：跟随最新"),
            Action::ToggleView => text!(lang,
                en: "ring / time / clients view",
                zh: "环形图 / 时空图 / 客户端历史"),
            Action::ToggleContrast => {
                text!(lang, en: "high-contrast on / off", zh: "高对比度 开 / 关")
            }
            Action::TogglePresent => {
                text!(lang, en: "presenter mode on / off", zh: "演示模式 开 / 关")
            }
            Action::Save => text!(lang, en: "save session as scenario", zh: "把会话保存为场景"),
            Action::SaveScreen => text!(lang, en: "save the screen as SVG", zh: "把屏幕保存为 SVG"),
            Action::SaveSpaceTime => {
                text!(lang, en: "save space-time as SVG", zh: "把时空图保存为 SVG")
            }
            Action::Explore => text!(lang, en: "explore every schedule…", zh: "探索所有调度…"),
            Action::ToggleHelp => text!(lang, en: "help", zh: "帮助"),
            Action::Back => text!(lang, en: "back / clear selection", zh: "返回 / 取消选择"),
            Action::Quit => text!(lang, en: "quit / back to the menu", zh: "退出 / 返回菜单"),
            Action::Exit => text!(lang, en: "quit distlab", zh: "退出 distlab"),
            Action::Continue => text!(lang, en: "continue", zh: "继续"),
            Action::ToggleHint => text!(lang, en: "show / hide the hint", zh: "显示 / 隐藏提示"),
            Action::PrevStep => {
                text!(lang, en: "previous step (restart it)", zh: "上一步（重新开始）")
            }
            Action::NextStep => text!(lang, en: "next step, once done", zh: "下一步（完成后）"),
            Action::RetryStep => text!(lang, en: "restart this step", zh: "重新开始本步"),
            Action::DoTask => text!(lang, en: "do the task for me", zh: "替我完成任务"),
            Action::RunLab => {
                text!(lang, en: "run this step on a real redis-server", zh: "在真实的 redis-server 上运行这一步")
            }
            Action::Answer(_) => text!(lang, en: "answer the question", zh: "回答问题"),
            Action::LessonDown => text!(lang, en: "scroll the lesson down", zh: "向下滚动课程"),
            Action::LessonUp => text!(lang, en: "scroll the lesson up", zh: "向上滚动课程"),
            Action::MenuUp => text!(lang, en: "previous entry", zh: "上一项"),
            Action::MenuDown => text!(lang, en: "next entry", zh: "下一项"),
            Action::Open => text!(lang, en: "open", zh: "打开"),
            Action::SwitchLanguage => text!(lang, en: "switch language", zh: "切换语言"),
            Action::Tick(_)
            | Action::Resize(..)
            | Action::Click(..)
            | Action::Drag(..)
            | Action::Wheel(..)
            | Action::Type(_)
            | Action::Erase
            | Action::Submit
            | Action::FormField(_)
            | Action::FormChange(_) => "",
        }
    }

    /// A short label for the hint line in the status bar, in `lang`.
    pub fn hint(self, lang: Lang) -> &'static str {
        match self {
            Action::TogglePlay => text!(lang, en: "play", zh: "播放"),
            Action::StepForward => text!(lang, en: "step", zh: "单步"),
            Action::StepBack => text!(lang, en: "back", zh: "后退"),
            Action::ToggleCrash => text!(lang, en: "crash", zh: "崩溃"),
            Action::DropNext | Action::DropPicked => text!(lang, en: "drop", zh: "丢弃"),
            Action::ToggleIsolate => text!(lang, en: "isolate", zh: "隔离"),
            Action::PickMessage => text!(lang, en: "pick msg", zh: "选取消息"),
            Action::ToggleView => text!(lang, en: "view", zh: "视图"),
            Action::ToggleHelp => text!(lang, en: "help", zh: "帮助"),
            Action::NextMessage => text!(lang, en: "next", zh: "下一条"),
            Action::DelayPicked => text!(lang, en: "delay", zh: "延迟"),
            Action::Back => text!(lang, en: "done", zh: "完成"),
            Action::Quit => text!(lang, en: "quit", zh: "退出"),
            Action::Continue => text!(lang, en: "continue", zh: "继续"),
            Action::ToggleHint => text!(lang, en: "hint", zh: "提示"),
            Action::PrevStep => text!(lang, en: "previous step", zh: "上一步"),
            Action::RetryStep => text!(lang, en: "retry", zh: "重试"),
            Action::Open => text!(lang, en: "open", zh: "打开"),
            Action::SwitchLanguage => text!(lang, en: "language", zh: "语言"),
            other => other.text(lang),
        }
    }
}
