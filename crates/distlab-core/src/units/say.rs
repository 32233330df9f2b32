//! One way to put a value into words: every sentence is written once, with
//! each language beside the others, and its values go in by name.
//!
//! ```
//! use distlab_core::say;
//! use distlab_core::units::Lang;
//!
//! let term = 3;
//! let leader = "S2";
//! let text = say!(Lang::Zh,
//!     en: "{leader} leads term {term}",
//!     zh: "{leader} 领导任期 {term}");
//! assert_eq!(text, "S2 领导任期 3");
//! ```
//!
//! Why a macro and not a message catalogue (fluent, rust-i18n): distlab
//! ships two languages inside the binary, and what matters is that no
//! sentence can lack a language or a value. Here both are compile errors:
//! the macro will not take a sentence without every language, and a
//! placeholder that one language names and another does not stops the
//! build (see [`same_placeholders`]). Named placeholders let a language
//! put the values in its own order. Catalogues check this at run time, if
//! at all.
//!
//! Sentences hold values, not layout: Chinese spacing around Latin words
//! is applied where words are assembled for the reader
//! ([`super::Lang::typeset`]).

/// The sentence in `lang`, its placeholders filled from the variables in
/// scope or from `name = value` pairs given after the languages.
///
/// Every language must name the same placeholders, by name (`{term}`,
/// `{ms:.1}`); positional `{}` is refused, since languages order their
/// values differently. A sentence that breaks this does not compile:
///
/// ```compile_fail
/// use distlab_core::say;
/// let term = 3;
/// let text = say!(distlab_core::units::Lang::En,
///     en: "term {term} begins",
///     zh: "新任期开始");
/// ```
#[macro_export]
macro_rules! say {
    ($lang:expr, en: $en:literal, zh: $zh:literal $(, $name:ident = $value:expr)* $(,)?) => {{
        const _: () = assert!(
            $crate::units::say::same_placeholders($en, $zh),
            "both languages must name the same placeholders, by name"
        );
        match $lang {
            $crate::units::Lang::En => format!($en $(, $name = $value)*),
            $crate::units::Lang::Zh => format!($zh $(, $name = $value)*),
        }
    }};
}

/// A fixed text in `lang`: a word, a label, a line of help. It takes no
/// values; a text that does is a [`say!`] sentence.
#[macro_export]
macro_rules! text {
    ($lang:expr, en: $en:literal, zh: $zh:literal $(,)?) => {{
        const _: () = assert!(
            $crate::units::say::same_placeholders($en, "")
                && $crate::units::say::same_placeholders($zh, ""),
            "a fixed text has no placeholders"
        );
        match $lang {
            $crate::units::Lang::En => $en,
            $crate::units::Lang::Zh => $zh,
        }
    }};
}

/// Whether two templates name the same placeholders, every one by name:
/// false when either names one the other lacks, or uses a positional
/// `{}` or `{0}`. A `const fn`, so that [`say!`] checks every sentence
/// while it compiles.
pub const fn same_placeholders(a: &str, b: &str) -> bool {
    all_named_in(a.as_bytes(), b.as_bytes()) && all_named_in(b.as_bytes(), a.as_bytes())
}

/// Whether every placeholder of `text` is named and is also in `other`.
const fn all_named_in(text: &[u8], other: &[u8]) -> bool {
    let mut at = 0;
    while let Some((start, end, next)) = next_placeholder(text, at) {
        if end == start || text[start].is_ascii_digit() || !has_placeholder(other, text, start, end)
        {
            return false;
        }
        at = next;
    }
    true
}

/// Whether `text` has a placeholder named `name[start..end]`.
const fn has_placeholder(text: &[u8], name: &[u8], start: usize, end: usize) -> bool {
    let mut at = 0;
    while let Some((s, e, next)) = next_placeholder(text, at) {
        if e - s == end - start {
            let mut i = 0;
            while i < e - s && text[s + i] == name[start + i] {
                i += 1;
            }
            if i == e - s {
                return true;
            }
        }
        at = next;
    }
    false
}

/// The next placeholder at or after `at`: where its name starts and ends,
/// and where to look for the one after. `{{` and `}}` are literal braces.
const fn next_placeholder(text: &[u8], mut at: usize) -> Option<(usize, usize, usize)> {
    while at < text.len() {
        if text[at] == b'{' {
            if at + 1 < text.len() && text[at + 1] == b'{' {
                at += 2;
                continue;
            }
            let start = at + 1;
            let mut end = start;
            while end < text.len() && text[end] != b'}' && text[end] != b':' {
                end += 1;
            }
            let mut close = end;
            while close < text.len() && text[close] != b'}' {
                close += 1;
            }
            return Some((start, end, close + 1));
        }
        at += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::same_placeholders;
    use crate::units::Lang;

    #[test]
    fn a_sentence_reads_in_each_language_with_its_values_in_place() {
        let (votes, nodes) = (3, 5);
        let said = |lang| {
            say!(lang,
                en: "{votes} of {nodes} voted for {who}",
                zh: "{nodes} 票中有 {votes} 票投给了 {who}",
                who = "S1")
        };
        assert_eq!(said(Lang::En), "3 of 5 voted for S1");
        assert_eq!(said(Lang::Zh), "5 票中有 3 票投给了 S1");
        assert_eq!(text!(Lang::Zh, en: "leader", zh: "领导者"), "领导者");
    }

    #[test]
    fn the_check_refuses_a_sentence_whose_languages_name_different_values() {
        assert!(same_placeholders("{a} and {b:.1}", "{b:.1} 和 {a}"));
        assert!(same_placeholders("{{literal}} {a}", "{a} {{字面}}"));
        assert!(
            !same_placeholders("{term} begins", "任期开始"),
            "zh lacks one"
        );
        assert!(!same_placeholders("begins", "任期 {term}"), "en lacks one");
        assert!(!same_placeholders("{term}", "{trem}"), "a misspelt name");
        assert!(!same_placeholders("{} votes", "{} 票"), "positional");
        assert!(!same_placeholders("{0} votes", "{0} 票"), "numbered");
    }
}
