//! Why an algorithm chose the server it chose: its state at the decision,
//! with the numbers it compared.

use super::{in_ms, ring_share};
use crate::protocols::balance::algo::{members_of, Pick, Why};
use crate::protocols::balance::members::server_node;
use crate::sim::Labels;
use crate::units::Lang;
use crate::{say, text};

/// Why the algorithm chose the server: its state at the decision.
pub(super) fn why(pick: &Pick, req: u64, key: Option<u32>, lang: Lang, labels: &Labels) -> String {
    let s = pick.server;
    let l = |i: usize| labels.get(server_node(i));
    // What a hashing algorithm hashes; in Chinese the sentence runs on
    // without a space.
    let hashed = || match key {
        Some(k) => say!(lang, en: "key {k}", zh: "键 {k} "),
        None => say!(lang,
            en: "request #{req} has no key, so its number",
            zh: "请求 #{req} 没有键，于是它的编号"),
    };
    match pick.why {
        Why::Turn { turn, of } => say!(lang,
            en: "it is next in turn ({turn} of {of})",
            zh: "轮到它了（{of} 台中的第 {turn} 台）",
            turn = turn + 1),
        Why::Drawn { of } => say!(lang,
            en: "a uniform draw among {of} servers chose it",
            zh: "在 {of} 台服务器中均匀随机抽中了它"),
        Why::WeightedDraw { point, total } => say!(lang,
            en: "a draw of {point:.2} in the total weight {total:.2} fell in its share",
            zh: "在总权重 {total:.2} 中抽到 {point:.2}，落在它的份额内",
            point = point as f64 / 1000.0, total = total as f64 / 1000.0),
        Why::Swrr {
            after, total: t, ..
        } => say!(lang,
            en: "adding each server's effective weight to its current weight gives it {won:+}, the largest; it gives back the total, {t}, and stands at {left:+}",
            zh: "把每台服务器的有效权重加到当前权重上后，它是 {won:+}，最大；它减去总和 {t}，变为 {left:+}",
            won = after[s] + t, left = after[s]),
        Why::Edf { deadlines } => say!(lang,
            en: "its deadline, {deadline:.3}, was the earliest; its next is 1/weight later",
            zh: "它的截止时间 {deadline:.3} 最早；下一次截止时间再往后 1/权重",
            deadline = deadlines[s]),
        Why::TwoChoices { a, b, .. } if a == b => say!(lang,
            en: "the two random draws both chose {a}, so it has no rival",
            zh: "两次随机抽取都抽中了 {a}，没有对手",
            a = l(a)),
        Why::TwoChoices {
            a,
            b,
            load_a,
            load_b,
        } => say!(lang,
            en: "of the two drawn, {a} has {load_a} active and {b} has {load_b}; {chosen} has fewer (the first on a tie)",
            zh: "抽到的两台中，{a} 有 {load_a} 个未完成请求，{b} 有 {load_b} 个；{chosen} 更少（相同时取第一台）",
            a = l(a), b = l(b), chosen = l(s)),
        Why::Least { scores, tied } => {
            let share = say!(lang,
                en: "it has the fewest active requests per unit of weight ({score:.2})",
                zh: "它每单位权重的未完成请求最少（{score:.2}）",
                score = scores[s]);
            match members_of(tied).count() {
                1 => share,
                n => say!(lang,
                    en: "{share}; {n} servers tied and smooth weighted round robin chose among them",
                    zh: "{share}；有 {n} 台并列，由平滑加权轮询在其中选择"),
            }
        }
        Why::LeastWeighted { weights } => say!(lang,
            en: "the weights differ, so each server weighs its weight ÷ (active requests + 1) in a smooth weighted round robin turn; it weighed {weight:.2}",
            zh: "各服务器权重不同，于是每台以 权重 ÷（未完成请求 + 1）作为平滑加权轮询中的权重轮流；它的是 {weight:.2}",
            weight = weights[s]),
        Why::Ewma { scores } => say!(lang,
            en: "its score, (active + 1) × peak-EWMA latency = {ms} ms, was the lowest",
            zh: "它的得分（未完成数 + 1）× 峰值 EWMA 延迟 = {ms} 毫秒，最低",
            ms = in_ms(scores[s] as u64)),
        Why::Ring { key_point, owner } => say!(lang,
            en: "{hashed} hashes to {key:.2}% of the ring; the first server point at or after it, at {owner:.2}%, is {server}'s",
            zh: "{hashed}哈希到环上 {key:.2}% 处；在它之后的第一个服务器点位于 {owner:.2}%，属于 {server}",
            hashed = hashed(), key = ring_share(key_point), owner = ring_share(owner), server = l(s)),
        Why::Modulo { of, index, .. } => say!(lang,
            en: "{hashed} hashes to a number that leaves {index} divided by the {of} servers in the pool: the {place} of them",
            zh: "{hashed}的哈希值除以池中的 {of} 台服务器余 {index}：选其中第 {place} 台",
            hashed = hashed(), place = ordinal(index + 1, lang)),
    }
}

/// A place in a row: `3rd` in English; Chinese puts 第 and a measure word
/// around the bare number.
fn ordinal(n: u64, lang: Lang) -> String {
    let suffix = match (n % 10, n % 100) {
        (1, 11) | (2, 12) | (3, 13) => text!(lang, en: "th", zh: ""),
        (1, _) => text!(lang, en: "st", zh: ""),
        (2, _) => text!(lang, en: "nd", zh: ""),
        (3, _) => text!(lang, en: "rd", zh: ""),
        _ => text!(lang, en: "th", zh: ""),
    };
    format!("{n}{suffix}")
}
