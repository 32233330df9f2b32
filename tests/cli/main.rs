//! Files and the command line: the distlab binary run as a user runs it
//! (`run`, `experiment`, `lessons`, `lesson --headless`), scenario and
//! lesson files, and hostile input.

#[path = "../support/mod.rs"]
mod support;

mod balance_experiment;
mod cli_output;
mod cli_run;
mod experiment;
mod explore_cli;
mod history_cli;
mod hostile;
mod lab_cli;
mod lesson_cli;
mod record_cli;
mod scenario_files;
mod spacetime;
