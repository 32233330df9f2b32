//! Everything the lab screen says, each text written once with its
//! languages side by side. Labels (`C1`, `R1`, `ST`), tokens (`#3`), the
//! mode's name and the glyphs (■ ◌ · ⏸ ✝ ✓ ✗ ▓ ⧗) read the same in both.

use std::fmt::Display;

use crate::lab::LabPhase;
use crate::units::Lang;
use crate::{say, text};

/// Microseconds as seconds to the millisecond: `1.504 s`, `1.504 秒`.
pub fn seconds(lang: Lang, us: u64) -> String {
    let s = us as f64 / 1e6;
    say!(lang, en: "{s:.3} s", zh: "{s:.3} 秒")
}

pub fn lab(lang: Lang) -> &'static str {
    text!(lang, en: "lab", zh: "实验")
}

pub fn ttl(lang: Lang, ms: u64) -> String {
    say!(lang, en: "ttl {ms} ms", zh: "TTL {ms} 毫秒")
}

/// Whether the screen follows a run or plays back a trace, and whether
/// the playback moves.
pub fn mode(lang: Lang, live: bool, playing: bool) -> &'static str {
    match (live, playing) {
        (true, _) => text!(lang, en: "LIVE", zh: "实时"),
        (false, true) => text!(lang, en: "REPLAY ▶", zh: "回放 ▶"),
        (false, false) => text!(lang, en: "REPLAY ⏸", zh: "回放 ⏸"),
    }
}

/// The word over the cards, beside the time line's ticks.
pub fn time_line(lang: Lang) -> &'static str {
    text!(lang, en: "time-line", zh: "时间线")
}

/// A tick on the time line at a whole number of seconds.
pub fn tick(lang: Lang, s: u64) -> String {
    say!(lang, en: "{s} s", zh: "{s} 秒")
}

/// What the time line's glyphs mean, and how much time one column is.
pub fn legend(lang: Lang, column_s: f64) -> String {
    say!(lang,
        en: "█ holding · ▓ two at once · ⏸ paused · ━ key set · ⧗ key expired · ✓ ✗ write accepted / refused · one column {column_s} s",
        zh: "█ 持有锁 · ▓ 两者同时 · ⏸ 暂停 · ━ 键存在 · ⧗ 键过期 · ✓ ✗ 写入被接受 / 被拒 · 每列 {column_s} 秒")
}

/// What a client is doing, for its card.
pub fn phase(lang: Lang, phase: LabPhase) -> &'static str {
    match phase {
        LabPhase::Idle => text!(lang, en: "idle", zh: "空闲"),
        LabPhase::Asking => text!(lang, en: "asking", zh: "拿锁中"),
        LabPhase::Reading => text!(lang, en: "reading", zh: "读取中"),
        LabPhase::Working => text!(lang, en: "working", zh: "处理中"),
        LabPhase::Killed => text!(lang, en: "killed", zh: "已杀死"),
    }
}

pub fn paused(lang: Lang) -> &'static str {
    text!(lang, en: "paused", zh: "已暂停")
}

pub fn read(lang: Lang, value: u64) -> String {
    say!(lang, en: "read {value}", zh: "读到 {value}")
}

/// Redis's card: the token its key holds.
pub fn lock_is(lang: Lang, token: u64) -> String {
    say!(lang, en: "lock = #{token}", zh: "锁 = #{token}")
}

pub fn free(lang: Lang) -> &'static str {
    text!(lang, en: "free", zh: "空闲")
}

/// Storage's card in its lane: value and highest token, short.
pub fn storage_brief(lang: Lang, value: u64, highest: impl Display) -> String {
    say!(lang, en: "value {value} · #{highest}", zh: "值 {value} · #{highest}")
}

/// The head of storage's card.
pub fn storage_head(lang: Lang, value: u64, highest: impl Display) -> String {
    say!(lang,
        en: "storage · value {value} · highest #{highest}",
        zh: "存储 · 值 {value} · 最高 #{highest}")
}

pub fn storage_write(lang: Lang, client: u8, token: u64, value: u64, read: u64) -> String {
    say!(lang,
        en: "C{client} #{token} write {value} (read {read})",
        zh: "C{client} #{token} 写入 {value}（读到 {read}）")
}

pub fn storage_read(lang: Lang, client: u8, token: u64, value: u64) -> String {
    say!(lang,
        en: "C{client} #{token} read {value}",
        zh: "C{client} #{token} 读取 {value}")
}

/// Why storage refused an operation: its token was below the highest.
pub fn stale(lang: Lang) -> &'static str {
    text!(lang, en: "stale", zh: "令牌过旧")
}

pub fn checks_head(lang: Lang, violations: usize, warnings: usize) -> String {
    say!(lang,
        en: "checks · violations {violations} · warnings {warnings}",
        zh: "检查 · 违反 {violations} · 警告 {warnings}")
}

pub fn no_findings(lang: Lang) -> &'static str {
    text!(lang, en: "checks · none has fired so far", zh: "检查 · 目前都未触发")
}

/// The run's counts; the median is `–` before any acquisition.
pub fn counts(
    lang: Lang,
    acquisitions: u32,
    expiries: usize,
    (accepted, refused): (u32, u32),
    median_ms: Option<f64>,
) -> String {
    let median = median_ms.map_or("–".to_owned(), |ms| format!("{ms:.1}"));
    say!(lang,
        en: "acquisitions {acquisitions} · expiries {expiries} · writes ✓{accepted} ✗{refused} · median acquire {median} ms",
        zh: "拿锁 {acquisitions} 次 · 过期 {expiries} 次 · 写入 ✓{accepted} ✗{refused} · 拿锁耗时中位数 {median} 毫秒")
}

/// The keys, following a live run or playing back a trace.
pub fn keys(lang: Lang, live: bool) -> &'static str {
    match live {
        true => text!(lang,
            en: "1-9 select · p pause/resume · k kill · ←/→ 0.1 s · ,/. event · End follow · q quit",
            zh: "1-9 选择 · p 暂停/继续 · k 杀死 · ←/→ 0.1 秒 · ,/. 事件 · End 跟随 · q 退出"),
        false => text!(lang,
            en: "space play · ←/→ 0.1 s · ,/. event · Home/End · q quit",
            zh: "空格 播放 · ←/→ 0.1 秒 · ,/. 事件 · Home/End 开头/结尾 · q 退出"),
    }
}
