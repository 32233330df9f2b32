//! Words for this family's timers, requests, observations and targets,
//! in English only until they have tables of their own.

use crate::sim::{Describe, Labels};
use crate::units::Lang;

impl Describe for super::BalanceTimer {
    fn describe(&self, _: Lang, _: &Labels) -> String {
        format!("{self:?} timer fires")
    }
}

impl Describe for super::BalanceCommand {
    fn describe(&self, _: Lang, _: &Labels) -> String {
        format!("client request {self:?}")
    }
}

impl Describe for super::BalanceObs {
    fn describe(&self, _: Lang, _: &Labels) -> String {
        self.to_string()
    }
}

impl Describe for super::BalanceRole {
    fn describe(&self, _: Lang, _: &Labels) -> String {
        self.to_string()
    }
}
