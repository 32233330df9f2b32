//! Pictures of a run for paper and the web, drawn without a screen.
//!
//! A terminal shows a run as it happens; a report, a slide or a printed
//! handout needs a picture of it afterwards, one that any browser opens
//! and that prints at any size. Exports here turn a finished run's
//! records into standalone vector drawings, written by hand as text so
//! that the same run always gives the same bytes (a drawing can then be
//! pinned by a test and committed beside the scenario it shows).

pub mod spacetime;
