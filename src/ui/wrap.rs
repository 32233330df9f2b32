//! Wrapping text to a width in terminal cells, for English and Chinese
//! alike.
//!
//! Chinese has no spaces between words: a line may break between any two
//! characters, except that closing punctuation (，。：…) never starts a
//! line and opening punctuation (（「…) never ends one. Wide characters
//! take two cells, so widths are counted in cells, never in characters.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Punctuation that must stay with the character before it.
const CLOSING: &str = "，。、：；！？）」』》〉】…,.:;!?)]}”’";
/// Punctuation that must stay with the character after it.
const OPENING: &str = "（「『《〈【([{“‘";

fn is_wide(c: char) -> bool {
    c.width().unwrap_or(0) > 1
}

/// Splits a paragraph into the pieces a line may break between: a run of
/// narrow characters up to a space (with the space), or one wide character,
/// each with any closing punctuation that follows it and any opening
/// punctuation that precedes it.
fn pieces(paragraph: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut after_opening = false;
    for c in paragraph.chars() {
        let glued = after_opening || (CLOSING.contains(c) && !current.is_empty());
        let boundary = current.ends_with(' ')
            || is_wide(c)
            || current.chars().next_back().is_some_and(is_wide);
        if !glued && c != ' ' && !current.is_empty() && boundary {
            out.push(std::mem::take(&mut current));
        }
        current.push(c);
        after_opening = OPENING.contains(c);
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// Breaks a piece longer than a whole line into line-sized parts.
fn split_long(piece: &str, width: usize) -> Vec<String> {
    let mut parts = Vec::new();
    let mut part = String::new();
    for c in piece.chars() {
        let w = c.width().unwrap_or(0);
        if !part.is_empty() && part.width() + w > width {
            parts.push(std::mem::take(&mut part));
        }
        part.push(c);
    }
    if !part.is_empty() {
        parts.push(part);
    }
    parts
}

/// `text` wrapped into lines at most `width` cells wide. Each `\n` starts
/// a new line; spaces at the ends of lines are dropped.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(2);
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for piece in pieces(paragraph) {
            if line.width() + piece.trim_end().width() <= width {
                line.push_str(&piece);
                continue;
            }
            if !line.trim().is_empty() {
                lines.push(line.trim_end().to_owned());
            }
            line = String::new();
            let piece = piece.trim_start();
            if piece.trim_end().width() <= width {
                line.push_str(piece);
            } else {
                let mut parts = split_long(piece, width);
                line = parts.pop().unwrap_or_default();
                lines.extend(parts);
            }
        }
        lines.push(line.trim_end().to_owned());
    }
    lines
}

/// A list of items joined by ` · ` cut to `width` cells at a whole item,
/// with an ellipsis when cut (`a · b · c` becomes `a · b …`), so that no
/// number or word is left half shown.
pub fn whole_items(text: &str, width: usize) -> String {
    let cuts = item_cuts(text);
    first_fitting(&cuts, width).map_or_else(|| shorten(text, width), str::to_owned)
}

/// The first of `texts` (fullest first) that fits in `width` cells.
pub fn first_fitting(texts: &[String], width: usize) -> Option<&str> {
    texts
        .iter()
        .find(|t| t.width() <= width)
        .map(String::as_str)
}

/// A list of items joined by ` · `, whole and then with ever fewer items
/// (`a · b · c`, `a · b …`, `a …`), longest first.
pub fn item_cuts(text: &str) -> Vec<String> {
    let items: Vec<&str> = text.split(" · ").collect();
    let shorter = (1..items.len())
        .rev()
        .map(|n| format!("{} …", items[..n].join(" · ")));
    std::iter::once(text.to_owned()).chain(shorter).collect()
}

/// `text` cut to `width` cells, with an ellipsis when cut.
pub fn shorten(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_owned();
    }
    let mut out = String::new();
    for c in text.chars() {
        if out.width() + UnicodeWidthChar::width(c).unwrap_or(0) + 1 > width {
            break;
        }
        out.push(c);
    }
    if width > 0 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotation_marks_stay_with_what_they_quote() {
        let text = "按权重折算：“为何”那一行显示每台服务器的未完成数";
        for width in 4..30 {
            for line in wrap(text, width) {
                assert!(!line.starts_with('”'), "{width}: {line}");
                assert!(!line.ends_with('“'), "{width}: {line}");
            }
        }
    }

    #[test]
    fn a_list_is_cut_at_a_whole_item() {
        let text = "12 failed elections · 49 past the chart's edge";
        assert_eq!(whole_items(text, 60), text);
        assert_eq!(whole_items(text, 30), "12 failed elections …");
        assert_eq!(whole_items(text, 10), "12 failed…");
        assert_eq!(whole_items("选定 · 重复", 7), "选定 …");
    }

    fn widest(lines: &[String]) -> usize {
        lines.iter().map(|l| l.width()).max().unwrap_or(0)
    }

    #[test]
    fn english_breaks_between_words() {
        let lines = wrap("the quick brown fox jumps over the lazy dog", 15);
        assert_eq!(lines, ["the quick brown", "fox jumps over", "the lazy dog"]);
    }

    #[test]
    fn chinese_breaks_between_characters_and_counts_two_cells_each() {
        let text = "任期是逻辑时钟，每台服务器每个任期只投一票。";
        let lines = wrap(text, 10);
        assert!(widest(&lines) <= 10, "{lines:?}");
        assert_eq!(lines.concat(), text, "nothing lost or added");
        assert_eq!(lines[0], "任期是逻辑");
    }

    #[test]
    fn closing_punctuation_never_starts_a_line() {
        // Ten cells fit five characters; the comma after the fifth moves
        // down together with it.
        let lines = wrap("一二三四五，六七", 10);
        assert_eq!(lines, ["一二三四", "五，六七"]);
        for width in 4..20 {
            for line in wrap("领导者选举：任期、投票，以及多数派。", width) {
                let first = line.chars().next().unwrap_or(' ');
                assert!(!CLOSING.contains(first), "{line:?} at width {width}");
            }
        }
    }

    #[test]
    fn mixed_text_keeps_latin_words_whole() {
        let lines = wrap(
            "S2 的选举计时器到期：它成为 candidate 并发送 RequestVote。",
            16,
        );
        assert!(widest(&lines) <= 16, "{lines:?}");
        assert!(
            lines.iter().any(|l| l.contains("RequestVote。")),
            "{lines:?}"
        );
        assert!(lines.iter().any(|l| l.contains("candidate")), "{lines:?}");
    }

    #[test]
    fn newlines_start_paragraphs_and_long_words_are_cut() {
        assert_eq!(wrap("a\nb", 10), ["a", "b"]);
        let lines = wrap("abcdefghijkl", 5);
        assert_eq!(lines, ["abcde", "fghij", "kl"]);
        assert_eq!(wrap("", 10), [""]);
    }
}
