//! Units every layer shares: time ranges, probabilities, node numbers as
//! people write them, and the learner's language. They sit at the bottom
//! so that a protocol family's settings can use them without the protocols
//! knowing anything of scenario files or lessons.

mod bounded;
mod enum_union;
pub mod recall;
mod roster;
pub mod say;

use std::cell::Cell;
use std::fmt;

use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize, Serializer};

pub use bounded::{
    bounded, clock_jump_ms, cluster_size, drift_ppm, factor, ms_within_day, positive_ms, MsRange,
    Probability, DAY_MS, FACTOR_RANGE, MAX_DRIFT_PPM,
};
pub use enum_union::{
    deserialize_tagged, deserialize_union, ident_and_variant, variant_names, Ident,
};
pub use roster::{member_number, Roster};

/// Most members a cluster may have in a file, a headless run or an
/// experiment. Screens say how many they can draw.
pub const MAX_NODES: usize = 64;

thread_local! {
    /// The cluster size in force while parsing; node numbers above it are
    /// errors. [`MAX_NODES`] unless a parse sets it.
    static NODE_LIMIT: Cell<usize> = const { Cell::new(MAX_NODES) };
    /// The cluster size, when a second pass knows it.
    static CLUSTER_SIZE: Cell<Option<usize>> = const { Cell::new(None) };
}

/// Runs `f` with node numbers limited to `limit`: a file is parsed once to
/// learn its cluster size, then again with that size in force, so that an
/// out-of-range node is reported at its own line and column.
pub fn with_node_limit<T>(limit: usize, f: impl FnOnce() -> T) -> T {
    let before = NODE_LIMIT.with(|c| c.replace(limit));
    let out = f();
    NODE_LIMIT.with(|c| c.set(before));
    out
}

/// Runs `f` knowing the cluster's `roster`: node numbers are limited to
/// its members, members of a kind to their count, and checks that need
/// every member (a partition must place each one) can ask
/// [`cluster_size_in_force`].
pub fn with_roster<T>(roster: &Roster, f: impl FnOnce() -> T) -> T {
    let before = CLUSTER_SIZE.with(|c| c.replace(Some(roster.members)));
    let out = with_node_limit(roster.members, || roster::with_kinds(&roster.kinds, f));
    CLUSTER_SIZE.with(|c| c.set(before));
    out
}

/// The cluster size [`with_cluster_size`] put in force, if any.
pub fn cluster_size_in_force() -> Option<usize> {
    CLUSTER_SIZE.with(Cell::get)
}

/// A node number as written in a file: 1 for the first member.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct NodeNum(pub usize);

impl<'de> Deserialize<'de> for NodeNum {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let n = u64::deserialize(d)? as usize;
        let limit = NODE_LIMIT.with(Cell::get);
        if n == 0 {
            return Err(de::Error::custom("node numbers start at 1 (S1)"));
        }
        if n > limit {
            return Err(de::Error::custom(format!(
                "node {n} does not exist: the cluster has nodes 1 to {limit}"
            )));
        }
        Ok(NodeNum(n))
    }
}

impl Serialize for NodeNum {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u64(self.0 as u64)
    }
}

/// The language every text must have: the fallback for all others.
pub const ENGLISH: &str = "en";
/// Simplified Chinese, shipped for every lesson.
pub const CHINESE: &str = "zh";

/// A language a person reads lessons in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    #[default]
    En,
    Zh,
}

impl Lang {
    /// The code used as a key in lesson files.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => ENGLISH,
            Lang::Zh => CHINESE,
        }
    }

    /// `text`, made of a template and the words it was filled with,
    /// spaced as this language sets it (see [`han_spaced`]).
    pub fn typeset(self, text: String) -> String {
        match self {
            Lang::En => text,
            Lang::Zh => han_spaced(&text),
        }
    }

    /// Parses `en` or `zh` (and regional forms such as `zh_CN.UTF-8`).
    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.trim().to_ascii_lowercase();
        if s.starts_with("zh") {
            Some(Lang::Zh)
        } else if s.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The language asked for on the command line, else the one the
    /// `LANG` environment value names (`zh*` means Chinese), else English.
    pub fn choose(flag: Option<&str>, env_lang: Option<&str>) -> Lang {
        flag.and_then(Lang::parse)
            .or_else(|| env_lang.filter(|l| l.starts_with("zh")).map(|_| Lang::Zh))
            .unwrap_or_default()
    }
}

/// The value at quantile `q` (0 to 1) of `sorted` by nearest rank: the
/// smallest value at least a share `q` of the values reach. None when
/// there are no values.
pub fn nearest_rank(sorted: &[u64], q: f64) -> Option<u64> {
    let n = sorted.len();
    (n > 0).then(|| sorted[((q * n as f64).ceil() as usize).clamp(1, n) - 1])
}

/// Chinese text spaced as Chinese typesetting spaces it, whatever the
/// words a template was filled with: a Latin word or number is set off
/// from Han characters by a space, and Han characters stand together. A
/// template's `重启{}` filled with `S2` reads `重启 S2`, with `领导者`
/// `重启领导者`; `接受 {}` filled with `空操作` reads `接受空操作`.
pub fn han_spaced(text: &str) -> String {
    let han = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let before = i.checked_sub(1).map(|j| chars[j]);
        let after = chars.get(i + 1).copied();
        if c == ' ' && before.is_some_and(han) && after.is_some_and(han) {
            continue;
        }
        if let Some(b) = before {
            if (han(b) && c.is_ascii_alphanumeric()) || (b.is_ascii_alphanumeric() && han(c)) {
                out.push(' ');
            }
        }
        out.push(c);
    }
    out
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn node_numbers_are_checked_against_the_limit_in_force() {
        let parse = |text: &str| ron::from_str::<NodeNum>(text);
        assert_eq!(parse("64").expect("within the default limit"), NodeNum(64));
        assert!(parse("0").is_err());
        assert!(parse("65").is_err());
        let limited = with_node_limit(3, || parse("4"));
        let message = limited.expect_err("beyond the cluster").to_string();
        assert!(message.contains("nodes 1 to 3"), "{message}");
    }

    #[test]
    fn latin_words_in_chinese_are_set_off_by_spaces() {
        assert_eq!(han_spaced("重启S2"), "重启 S2");
        assert_eq!(han_spaced("把S1的时钟拨动 100ms"), "把 S1 的时钟拨动 100ms");
        assert_eq!(han_spaced("重启领导者"), "重启领导者");
        assert_eq!(han_spaced("（发给S1）"), "（发给 S1）");
        assert_eq!(han_spaced("restart S2"), "restart S2");
        assert_eq!(
            han_spaced("S5 在选票中接受 空操作"),
            "S5 在选票中接受空操作"
        );
        assert_eq!(han_spaced("1 个处理中，1 个排队"), "1 个处理中，1 个排队");
    }
}
