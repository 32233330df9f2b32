//! The screen's texts that take values (a key, a time, a member), each
//! with its languages side by side and its values by name.

use std::fmt::Display;

use super::Words;
use crate::say;

/// The texts that take values, each with its languages side by side and
/// its values by name.
impl Words {
    pub fn menu_keys(
        &self,
        choose: impl Display,
        open: impl Display,
        language: impl Display,
        quit: impl Display,
    ) -> String {
        say!(self.lang,
            en: "{choose} choose · {open} open · {language} 中文 · {quit} quit",
            zh: "{choose} 选择 · {open} 打开 · {language} English · {quit} 退出")
    }

    /// The picture cannot draw this many members: the count, ``
    /// the most it draws.
    pub fn too_many_nodes(&self, members: impl Display, most: impl Display) -> String {
        say!(self.lang,
            en: "this cluster has {members} members; the picture draws at most {most}. The feed, the strip and every key still work, and `distlab run` reports on a cluster of any size.",
            zh: "这个集群有 {members} 个成员，画面最多只能画出 {most} 个。事件流、下方的条带和所有按键仍然可用；`distlab run` 可以报告任意规模的集群。")
    }

    /// the slow-motion speed, the fast-forward speed.
    pub fn say_pace_adaptive(&self, slow: impl Display, fast: impl Display) -> String {
        say!(self.lang,
            en: "adaptive pace: slow motion {slow} while messages fly, fast forward {fast} while only timers run",
            zh: "自适应节奏：消息在途时慢放 {slow}，只有计时器在走时快进 {fast}")
    }

    pub fn say_pace_fixed(&self, speed: impl Display) -> String {
        say!(self.lang,
            en: "fixed speed {speed}",
            zh: "固定速度 {speed}")
    }

    /// the time typed, the furthest time recorded.
    pub fn say_goto_beyond(&self, time: impl Display, recorded: impl Display) -> String {
        say!(self.lang,
            en: "{time} lies beyond what is recorded ({recorded}): play, or press . to run ahead",
            zh: "{time} 超出了已记录的范围（{recorded}）：请播放，或按 . 向前运行")
    }

    pub fn say_goto_bad(&self, typed: impl Display) -> String {
        say!(self.lang,
            en: "\"{typed}\" is not a time: try 12.5, 300ms, 2m or 1:30",
            zh: "“{typed}”不是时间：可以输入 12.5、300ms、2m 或 1:30")
    }

    /// The prompt while a time is typed: the text so far.
    pub fn goto_prompt(&self, typed: impl Display) -> String {
        say!(self.lang,
            en: "go to time: {typed}▏ · Enter goes · Esc cancels",
            zh: "跳转到时间：{typed}▏ · Enter 跳转 · Esc 取消")
    }

    pub fn find_prompt(&self, typed: impl Display) -> String {
        say!(self.lang,
            en: "find in events: {typed}▏ · Enter selects the next older · Esc cancels",
            zh: "在事件中查找：{typed}▏ · Enter 选中更早的下一条 · Esc 取消")
    }

    pub fn say_find_none(&self, typed: impl Display) -> String {
        say!(self.lang,
            en: "no event in the feed mentions “{typed}”",
            zh: "事件栏中没有提到“{typed}”的事件")
    }

    /// the time shown `of ` the time recorded.
    pub fn scrubber_time(&self, shown: impl Display, recorded: impl Display) -> String {
        say!(self.lang,
            en: "{shown} of {recorded}",
            zh: "{shown} / {recorded}")
    }

    /// What the request key does, for a family that says nothing more.
    pub fn title_sandbox(&self, protocol: impl Display, nodes: impl Display) -> String {
        say!(self.lang,
            en: "distlab · {protocol} sandbox · {nodes} nodes",
            zh: "distlab · {protocol} 沙盒 · {nodes} 个节点")
    }

    pub fn monitor_broken(
        &self,
        invariant: impl Display,
        event: impl Display,
        what: impl Display,
    ) -> String {
        say!(self.lang,
            en: "✗ {invariant} broken at event #{event}: {what}",
            zh: "✗ {invariant} 在事件 #{event} 被破坏：{what}")
    }

    pub fn feed_title(&self, up: impl Display, down: impl Display) -> String {
        say!(self.lang,
            en: "events · newest first · {up}{down} select",
            zh: "事件 · 最新在上 · {up}{down} 选择")
    }

    pub fn feed_empty(&self, play: impl Display, step: impl Display) -> String {
        say!(self.lang,
            en: "nothing has happened yet: {play} plays, {step} steps",
            zh: "还什么都没发生：按 {play} 播放，按 {step} 单步")
    }

    /// The inspector's title: the selected member, and how to choose.
    pub fn inspector(&self, member: impl Display) -> String {
        say!(self.lang,
            en: "{member} · Tab/1–9 to choose",
            zh: "{member} · Tab/1–9 选择")
    }

    pub fn flight_title(&self, count: impl Display, pick: impl Display) -> String {
        say!(self.lang,
            en: "in flight ({count}) · {pick} pick",
            zh: "在途消息（{count}）· {pick} 选取")
    }

    pub fn pick_title(
        &self,
        next: impl Display,
        drop: impl Display,
        delay: impl Display,
        done: impl Display,
    ) -> String {
        say!(self.lang,
            en: "pick: {next} next · {drop} drop · {delay} delay · {done} done",
            zh: "选取：{next} 下一条 · {drop} 丢弃 · {delay} 延迟 · {done} 完成")
    }

    pub fn help_title(&self, close: impl Display, back: impl Display) -> String {
        say!(self.lang,
            en: "keys · {close} or {back} closes",
            zh: "按键 · {close} 或 {back} 关闭")
    }

    pub fn help_title_more(
        &self,
        up: impl Display,
        down: impl Display,
        close: impl Display,
        back: impl Display,
    ) -> String {
        say!(self.lang,
            en: "keys · {up}{down} more · {close} or {back} closes",
            zh: "按键 · {up}{down} 更多 · {close} 或 {back} 关闭")
    }

    pub fn strip_title(
        &self,
        title: impl Display,
        legend: impl Display,
        earlier: impl Display,
        later: impl Display,
    ) -> String {
        say!(self.lang,
            en: "{title} · {legend} · {earlier} {later} scroll",
            zh: "{title} · {legend} · {earlier} {later} 滚动")
    }

    pub fn strip_scrolled(
        &self,
        title: impl Display,
        back: impl Display,
        earlier: impl Display,
        later: impl Display,
        follow: impl Display,
    ) -> String {
        say!(self.lang,
            en: "{title} · scrolled back {back} · {earlier} {later} scroll · {follow} follows",
            zh: "{title} · 已回滚 {back} · {earlier} {later} 滚动 · {follow} 跟随最新")
    }

    pub fn spacetime_title(&self, span: impl Display, ring: impl Display) -> String {
        say!(self.lang,
            en: "space-time · last {span}ms · time flows down · {ring} for the ring",
            zh: "时空图 · 最近 {span} 毫秒 · 时间向下流动 · {ring} 切换到环形图")
    }

    pub fn too_small(&self, width: impl Display, height: impl Display) -> String {
        say!(self.lang,
            en: "distlab needs at least {width}×{height}",
            zh: "distlab 至少需要 {width}×{height}")
    }

    pub fn too_small_now(&self, width: impl Display, height: impl Display) -> String {
        say!(self.lang,
            en: "this window is {width}×{height}: please enlarge it",
            zh: "当前窗口为 {width}×{height}：请调大窗口")
    }

    pub fn too_small_quit(&self, key: impl Display) -> String {
        say!(self.lang,
            en: "{key} quits",
            zh: "按 {key} 退出")
    }

    pub fn paused_until(&self, until: impl Display) -> String {
        say!(self.lang,
            en: "⏸ paused until {until}",
            zh: "⏸ 暂停至 {until}")
    }

    /// the milliseconds the disk write still takes.
    pub fn writing_disk(&self, ms: impl Display) -> String {
        say!(self.lang,
            en: "▤ disk {ms}ms",
            zh: "▤ 写盘 {ms} 毫秒")
    }

    pub fn paused_for(&self, ms: impl Display) -> String {
        say!(self.lang,
            en: "⏸ paused {ms}ms",
            zh: "⏸ 暂停 {ms} 毫秒")
    }

    pub fn say_help(&self, key: impl Display) -> String {
        say!(self.lang,
            en: "press {key} for help",
            zh: "按 {key} 查看帮助")
    }

    pub fn say_skipped(&self, action: impl Display, reason: impl Display) -> String {
        say!(self.lang,
            en: "skipped \"{action}\": {reason}",
            zh: "已跳过“{action}”：{reason}")
    }

    pub fn say_forked(&self, time: impl Display) -> String {
        say!(self.lang,
            en: "history forked at {time}",
            zh: "历史在 {time} 处分叉")
    }

    /// what the step's task asks for.
    pub fn say_missed_task(&self, task: impl Display) -> String {
        say!(self.lang,
            en: "not the node this step asks for: {task}",
            zh: "不是这一步要的节点：请{task}")
    }

    pub fn say_no_member(&self, member: impl Display) -> String {
        say!(self.lang,
            en: "there is no member {member} in this cluster",
            zh: "集群中没有成员 {member}")
    }

    pub fn say_drop_next(&self, member: impl Display) -> String {
        say!(self.lang,
            en: "the next message from {member} on each link will be dropped",
            zh: "{member} 在每条链路上发出的下一条消息将被丢弃")
    }

    pub fn say_theme(&self, theme: impl Display) -> String {
        say!(self.lang,
            en: "{theme} theme",
            zh: "{theme} 主题")
    }

    pub fn say_saved(
        &self,
        path: impl Display,
        family: impl Display,
        file: impl Display,
    ) -> String {
        say!(self.lang,
            en: "session saved to {path} · replay: distlab sandbox {family} --scenario {file}",
            zh: "会话已保存到 {path} · 重放：distlab sandbox {family} --scenario {file}")
    }

    pub fn say_screen_saved(&self, path: impl Display) -> String {
        say!(self.lang,
            en: "screen saved as {path}",
            zh: "屏幕已保存为 {path}")
    }

    pub fn say_spacetime_saved(&self, path: impl Display) -> String {
        say!(self.lang,
            en: "space-time diagram (at most the last 10 s) saved as {path}",
            zh: "时空图（最多最近 10 秒）已保存为 {path}")
    }

    pub fn say_save_failed(&self, place: impl Display, error: impl Display) -> String {
        say!(self.lang,
            en: "could not save in {place}: {error}",
            zh: "无法保存到 {place}：{error}")
    }

    /// The monitor line without the explanation, when the line is short:
    /// the invariant, the event.
    pub fn monitor_broken_short(&self, invariant: impl Display, event: impl Display) -> String {
        say!(self.lang,
            en: "✗ {invariant} broken at event #{event}",
            zh: "✗ {invariant} 在事件 #{event} 被破坏")
    }

    /// A check's latest warning (a hazard, not a violation): the
    /// invariant, the event, what happened.
    pub fn monitor_warned(
        &self,
        invariant: impl Display,
        event: impl Display,
        what: impl Display,
    ) -> String {
        say!(self.lang,
            en: "⚠ {invariant} at event #{event}: {what}",
            zh: "⚠ {invariant} 于事件 #{event}：{what}")
    }

    pub fn monitor_warned_short(&self, invariant: impl Display, event: impl Display) -> String {
        say!(self.lang,
            en: "⚠ {invariant} at event #{event}",
            zh: "⚠ {invariant} 于事件 #{event}")
    }
}
