//! The protocols, one folder per family, and the contract they share.
//!
//! Each family supplies node logic, messages, rule and bug switches, safety
//! checks and plain-language explanations, and answers the [`Family`]
//! contract ([`Setup`], [`Teach`], [`Report`], [`Meaning`]). None of them knows anything of lessons or the screen.
//!
//! [`for_each_family!`] is the family list: the one place that names every
//! family. Each layer that must turn a family chosen at run time (a file's
//! `cluster:`, a command-line name) into static types expands it.

pub mod balance;
pub mod clients;
mod family;
pub mod lock;
pub mod measure;
pub mod paxos;
pub mod raft;
pub mod setting;
mod target;

use serde::{Deserialize, Deserializer};

pub use family::{
    ActionOf, Alias, Family, Leadership, Mark, Meaning, Msg, MsgClass, MsgLook, Report, Request,
    RoleTone, Setup, SimOf, StepFacts, StepGoal, Teach, Timer,
};
pub use target::{node_id, node_num, target, target_spec, TargetSpec};

use crate::units::{ident_and_variant, Lang};

/// The family list. Calls `$callback! { Tag => Type, … }` with one line per
/// family: the tag files use, then the family's marker type.
#[macro_export]
macro_rules! for_each_family {
    ($callback:ident) => {
        $callback! {
            Raft => $crate::protocols::raft::Raft,
            Paxos => $crate::protocols::paxos::Paxos,
            Lock => $crate::protocols::lock::Lock,
            Balancer => $crate::protocols::balance::Balancer,
        }
    };
}

/// Code that works for any family, run for the one chosen at run time.
pub trait WithFamily {
    type Output;
    fn run<F: Family>(self) -> Self::Output;
}

macro_rules! family_kinds {
    ($($tag:ident => $family:ty,)*) => {
        /// Which family a file or a command line chose.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum FamilyKind {
            $($tag,)*
        }

        impl FamilyKind {
            /// Every family, in the list's order.
            pub const ALL: &'static [FamilyKind] = &[$(FamilyKind::$tag,)*];
            /// Every family's tag, in the list's order.
            pub(crate) const TAGS: &'static [&'static str] = &[$(<$family as crate::protocols::Setup>::TAG,)*];

            /// The tag files use: `Raft`.
            pub fn tag(self) -> &'static str {
                Self::TAGS[self as usize]
            }

            /// Its names on the command line.
            pub fn names(self) -> &'static [&'static str] {
                match self {
                    $(FamilyKind::$tag => <$family as crate::protocols::Setup>::NAMES,)*
                }
            }

            /// The family's sandbox in the menu.
            pub fn sandbox_blurb(self, lang: Lang) -> &'static str {
                match self {
                    $(FamilyKind::$tag => <$family as crate::protocols::Setup>::sandbox_blurb(lang),)*
                }
            }

            /// Runs `work` with this family's types.
            pub fn dispatch<W: WithFamily>(self, work: W) -> W::Output {
                match self {
                    $(FamilyKind::$tag => work.run::<$family>(),)*
                }
            }
        }
    };
}

for_each_family!(family_kinds);

impl FamilyKind {
    /// The family a command-line name stands for.
    pub fn from_name(name: &str) -> Option<FamilyKind> {
        FamilyKind::ALL
            .iter()
            .copied()
            .find(|k| k.names().contains(&name))
    }

    /// Every command-line name, for error messages.
    pub fn all_names() -> Vec<&'static str> {
        FamilyKind::ALL
            .iter()
            .flat_map(|k| k.names().iter().copied())
            .collect()
    }
}

/// Reads `Raft((…))`, skipping the settings: which family a cluster is.
impl<'de> Deserialize<'de> for FamilyKind {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        ident_and_variant(d, FamilyKind::TAGS).map(|i| FamilyKind::ALL[i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_family_list_names_each_family_once() {
        let mut tags: Vec<&str> = FamilyKind::ALL.iter().map(|k| k.tag()).collect();
        let mut names = FamilyKind::all_names();
        let (t, n) = (tags.len(), names.len());
        tags.dedup();
        names.sort_unstable();
        names.dedup();
        assert_eq!(
            (tags.len(), names.len()),
            (t, n),
            "tags and names are unique"
        );
        for kind in FamilyKind::ALL {
            for name in kind.names() {
                assert_eq!(FamilyKind::from_name(name), Some(*kind));
            }
        }
    }

    #[test]
    fn a_cluster_tag_picks_the_family() {
        let kind: FamilyKind = ron::from_str("Raft((nodes: 3))").expect("parses");
        assert_eq!(kind, FamilyKind::Raft);
        let err = ron::from_str::<FamilyKind>("Quorum(())").expect_err("no such family");
        assert!(err.to_string().contains("Raft"), "{err}");
    }
}
