//! Words for this family's timers, requests, observations and targets,
//! in English only until they have tables of their own.

use crate::sim::{Describe, Labels};
use crate::units::Lang;

impl Describe for super::LockTimer {
    fn describe(&self, _: Lang, _: &Labels) -> String {
        format!("{self:?} timer fires")
    }
}

impl Describe for super::Ask {
    fn describe(&self, _: Lang, _: &Labels) -> String {
        format!("client request {self:?}")
    }
}

impl Describe for super::LockObs {
    fn describe(&self, _: Lang, labels: &Labels) -> String {
        super::LockObs::describe(self, labels)
    }
}

impl Describe for super::LockRole {
    fn describe(&self, _: Lang, _: &Labels) -> String {
        self.to_string()
    }
}
