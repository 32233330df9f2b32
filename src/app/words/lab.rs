//! The lab screen's status messages.

use std::fmt::Display;

use super::Words;
use crate::{say, text};

impl Words {
    /// Said when a key that steers real processes is pressed on a replay,
    /// or on a live run while an earlier moment is shown.
    pub fn lab_only_live(&self) -> &'static str {
        text!(self.lang,
            en: "p and k steer a live run at its present moment: press End to follow it again",
            zh: "p 和 k 只能在实时运行的当前时刻操作：按 End 回到当前")
    }

    /// Under a lab step's text: the key that runs it here.
    pub fn lab_offer(&self, key: impl Display) -> String {
        say!(self.lang,
            en: "▶ Press {key} to run this on a real redis-server on this machine: the lab screen shows the real processes; q there brings you back here.",
            zh: "▶ 按 {key} 在本机真实的 redis-server 上运行：实验屏幕显示真实的进程；在那里按 q 回到这里。")
    }

    /// Under a lab step's text where the machine has no `redis-server`.
    pub fn lab_skipped(&self, key: impl Display) -> String {
        say!(self.lang,
            en: "redis-server is not installed here, so this step is skipped: press {key} to go on. To try it later: sudo apt-get install redis-server.",
            zh: "这里没有安装 redis-server，这一步跳过：按 {key} 继续。以后想试：sudo apt-get install redis-server。")
    }
}
