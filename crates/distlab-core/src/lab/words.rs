//! What a lab run's findings say, in the reader's language, in the words
//! the simulated lock family uses for the same findings.

use super::monitor::{LabFinding, LabNote};
use super::state::LabState;
use super::trace::LabTrace;
use crate::units::Lang;
use crate::{say, text};

/// `C1 and C2`, `C1, C2 and C3`; `C1 和 C2`, `C1、C2 和 C3`.
fn clients(lang: Lang, clients: &[u8]) -> String {
    let names: Vec<String> = clients.iter().map(|c| format!("C{c}")).collect();
    match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => {
            let rest = rest.join(text!(lang, en: ", ", zh: "、"));
            say!(lang, en: "{rest} and {last}", zh: "{rest} 和 {last}")
        }
        _ => names.concat(),
    }
}

impl LabNote {
    /// What happened, short enough for a line of the lab screen.
    pub fn say(&self, lang: Lang) -> String {
        match self {
            LabNote::LostUpdate {
                client,
                value,
                read,
                held,
            } => say!(lang,
                en: "C{client} wrote {value} from the {read} it read; storage held {held}",
                zh: "C{client} 根据读到的 {read} 写入 {value}；存储中已是 {held}"),
            LabNote::TokenOrder {
                client,
                token,
                highest,
            } => say!(lang,
                en: "storage accepted C{client}'s #{token} after #{highest}",
                zh: "存储在 #{highest} 之后又接受了 C{client} 的 #{token}"),
            LabNote::TwoHolders { clients: holders } => say!(lang,
                en: "{holders} each believe they hold the lock",
                zh: "{holders} 都认为自己持有锁",
                holders = clients(lang, holders)),
            LabNote::FreedOthersLock {
                client,
                own,
                deleted,
            } => say!(lang,
                en: "C{client} deleted #{deleted}'s key with its release (its own was #{own})",
                zh: "C{client} 释放时删除了 #{deleted} 的键（它自己的是 #{own}）"),
        }
    }
}

impl LabFinding {
    /// `Lost Update at 1.504 s: …`, as the screen and a summary list it.
    pub fn line(&self, lang: Lang) -> String {
        let name = self.invariant.name(lang);
        let at = format!("{:.3}", self.at_us as f64 / 1e6);
        let what = self.note.say(lang);
        say!(lang,
            en: "{name} at {at} s: {what}",
            zh: "{name}（{at} 秒）：{what}")
    }
}

/// How many findings a summary lists: the first ones tell the story; a
/// naive run finds the same things again every turn.
const SUMMARY_FINDINGS: usize = 12;

/// Where the trace went, and the command that replays it.
pub fn replay_with(lang: Lang, file: &str) -> String {
    say!(lang,
        en: "trace: {file} · replay it with: distlab lab replay {file}",
        zh: "轨迹：{file} · 回放命令：distlab lab replay {file}")
}

/// What a headless run prints: how it was set up, what happened, the
/// checks that fired.
pub fn summary(trace: &LabTrace, state: &LabState, lang: Lang) -> String {
    let s = &trace.setup;
    let (mode, clients, ttl, work, redis) =
        (s.mode.name(), s.clients, s.ttl_ms, s.work_ms, &s.redis);
    let mut lines = vec![say!(lang,
        en: "lab redis-lock · {mode} · {clients} clients · ttl {ttl} ms · work {work} ms · {redis}",
        zh: "实验 redis-lock · {mode} · {clients} 个客户端 · TTL {ttl} 毫秒 · 处理 {work} 毫秒 · {redis}")];
    let secs = format!("{:.2}", state.now_us as f64 / 1e6);
    let (acquired, expired) = (state.acquisitions, state.expiries.len());
    let (accepted, refused) = (state.writes_accepted, state.writes_refused);
    lines.push(say!(lang,
        en: "{secs} s · locks taken: {acquired} · expiries in Redis: {expired} · writes accepted: {accepted}, refused: {refused}",
        zh: "{secs} 秒 · 拿到锁：{acquired} 次 · Redis 中过期：{expired} 次 · 写入接受：{accepted} 次，拒绝：{refused} 次"));
    let mut rtt = state.acquire_latencies.clone();
    rtt.sort_unstable();
    if let (Some(mid), Some(max)) = (rtt.get(rtt.len() / 2), rtt.last()) {
        let (median, longest) = (
            format!("{:.2}", *mid as f64 / 1e3),
            format!("{:.2}", *max as f64 / 1e3),
        );
        lines.push(say!(lang,
            en: "the SET that took the lock: median round trip {median} ms, longest {longest} ms",
            zh: "拿到锁的那次 SET：往返中位数 {median} 毫秒，最长 {longest} 毫秒"));
    }
    if state.findings.is_empty() {
        lines.push(text!(lang, en: "no check fired", zh: "没有检查被触发").to_owned());
    } else {
        lines.push(text!(lang, en: "checks that fired:", zh: "被触发的检查：").to_owned());
        let shown = state.findings.iter().take(SUMMARY_FINDINGS);
        lines.extend(shown.map(|f| format!("  {}", f.line(lang))));
        let more = state.findings.len().saturating_sub(SUMMARY_FINDINGS);
        if more > 0 {
            lines.push(say!(lang,
                en: "  … and {more} more (all of them are in the trace's replay)",
                zh: "  …… 另有 {more} 条（回放轨迹可看到全部）"));
        }
    }
    lines.join("\n")
}
