//! What the screen shows and how keys change it, drawn into a test
//! backend: insta snapshots (`snapshots/`), the app driven by keys,
//! lessons played by keys, and properties over random input.

#[path = "../support/mod.rs"]
mod support;

mod balance_screens;
mod explore_screens;
mod export_screens;
mod history_view;
mod lab_replay;
mod lab_screens;
mod lock_lessons;
mod lock_view;
mod paxos_screens;
mod tui_app;
mod tui_lessons;
mod tui_props;
mod tui_screens;
mod zh_words;
