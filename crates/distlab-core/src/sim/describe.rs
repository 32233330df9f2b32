//! Words people read about a run, in their language.
//!
//! The engine and the protocols never write sentences into their records:
//! they record *what* happened and *why* as values (a note with the
//! candidate and the term in it), and those values are put into words only
//! when someone reads them, in the reader's language, with the run's
//! labels. The trace takes the English words; the screen takes the
//! learner's.

use crate::units::Lang;

use super::labels::Labels;

/// A value that can be put into words in either language, naming nodes by
/// a run's labels (`C2`, `ST`).
pub trait Describe {
    fn describe(&self, lang: Lang, labels: &Labels) -> String;

    /// The English words with the default labels (`S1`…), for tests and
    /// messages that know no run.
    fn english(&self) -> String {
        self.describe(Lang::En, Labels::plain())
    }
}

impl Describe for super::NoAlias {
    fn describe(&self, _: Lang, _: &Labels) -> String {
        match *self {}
    }
}
