//! distlab without a screen: everything a front end sits on.
//!
//! The layers, from the bottom up: [`units`] are the values every layer
//! shares (times, node numbers, languages); [`sim`] is a deterministic
//! discrete-event engine that knows no protocol; [`protocols`] implement
//! the families on top of it; [`scenario`] reads and writes the files that
//! set a run up; [`lesson`] is the step engine that narrates and checks a
//! run; [`headless`] and [`experiment`] run scenarios without a screen;
//! [`history`] checks what clients saw for linearizability.
//! This crate depends on no terminal library: a screen is the business of
//! the crate that uses it.

pub mod experiment;
pub mod explore;
pub mod export;
pub mod headless;
pub mod history;
pub mod lab;
pub mod lesson;
pub mod protocols;
pub mod scenario;
pub mod sim;
pub mod units;

/// The repository's root, where `lessons/` and `assets/` live when the
/// program runs from its source tree.
pub const SOURCE_ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

#[cfg(test)]
mod tests {
    use std::process::Command;

    /// The layering is a build fact: nothing below the screen may pull in a
    /// terminal library, however indirectly.
    #[test]
    fn the_core_depends_on_no_terminal_library() {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let out = Command::new(cargo)
            .args(["tree", "--offline", "-p", "distlab-core", "-e", "normal"])
            .args(["--prefix", "none", "--format", "{p}"])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .expect("cargo runs");
        let tree = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            tree.contains("serde"),
            "the tree lists dependencies: {tree}"
        );
        for screen in ["ratatui", "crossterm"] {
            assert!(
                !tree.lines().any(|l| l.starts_with(&format!("{screen} "))),
                "distlab-core depends on {screen}:\n{tree}"
            );
        }
    }
}
