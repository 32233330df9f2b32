//! Keymap and theme, from the embedded defaults, the person's overrides in
//! the platform config directory, and the environment.
//!
//! A broken override never stops the program: it is reported (on the
//! status bar, and on stderr after the screen closes) and the defaults are
//! used instead.

use std::path::Path;

use super::keymap::Keymap;
use super::theme::Theme;
use crate::units::Lang;

#[derive(Clone, Debug)]
pub struct Settings {
    pub keymap: Keymap,
    pub theme: Theme,
    /// The theme the contrast key switches to.
    pub other_theme: Theme,
    /// Problems found while loading, to show to the person.
    pub warnings: Vec<String>,
    /// Presenter mode: a picture a room can read from the back.
    pub present: bool,
    /// The language of a sandbox's screen (a lesson's is its own).
    pub lang: Lang,
}

impl Settings {
    /// The embedded defaults only: what tests and benchmarks use, so that
    /// nothing on the machine changes what they see.
    pub fn defaults() -> Settings {
        Settings {
            keymap: Keymap::defaults(),
            theme: Theme::defaults(),
            other_theme: Theme::high_contrast(),
            warnings: Vec::new(),
            present: false,
            lang: Lang::En,
        }
    }

    /// Defaults, overridden from the platform config directory and the
    /// environment (`NO_COLOR`, `DISTLAB_THEME=high-contrast`).
    pub fn load() -> Settings {
        let dirs = directories::ProjectDirs::from("", "", "distlab");
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let theme_name = std::env::var("DISTLAB_THEME").ok();
        Settings::load_from(
            dirs.as_ref().map(|d| d.config_dir()),
            no_color,
            theme_name.as_deref(),
        )
    }

    /// [`Settings::load`] with its inputs made explicit.
    pub fn load_from(
        config_dir: Option<&Path>,
        no_color: bool,
        theme_name: Option<&str>,
    ) -> Settings {
        let mut settings = Settings::defaults();
        match theme_name {
            None | Some("" | "default") => {}
            Some("high-contrast") => {
                std::mem::swap(&mut settings.theme, &mut settings.other_theme);
            }
            Some(other) => settings.warnings.push(format!(
                "DISTLAB_THEME={other} is not a theme (use default or high-contrast); using the default"
            )),
        }
        if let Some(dir) = config_dir {
            let keymap_path = dir.join("keymap.ron");
            if let Some(text) = read_optional(&keymap_path, &mut settings.warnings) {
                match Keymap::parse(&text, &keymap_path.display().to_string()) {
                    Ok(extra) => settings.keymap = settings.keymap.clone().merged(extra),
                    Err(e) => settings
                        .warnings
                        .push(format!("{e} (using the default keys)")),
                }
            }
            let theme_path = dir.join("theme.ron");
            if let Some(text) = read_optional(&theme_path, &mut settings.warnings) {
                let file = theme_path.display().to_string();
                let both = settings
                    .theme
                    .clone()
                    .overridden(&text, &file)
                    .and_then(|t| Ok((t, settings.other_theme.clone().overridden(&text, &file)?)));
                match both {
                    Ok((theme, other)) => {
                        settings.theme = theme;
                        settings.other_theme = other;
                    }
                    Err(e) => settings
                        .warnings
                        .push(format!("{e} (using the default colours)")),
                }
            }
        }
        if no_color {
            settings.theme = settings.theme.without_color();
            settings.other_theme = settings.other_theme.without_color();
        }
        settings
    }
}

/// The file's text, or `None` when it does not exist. Other failures to
/// read it are reported.
fn read_optional(path: &Path, warnings: &mut Vec<String>) -> Option<String> {
    match std::fs::read_to_string(path) {
        Ok(text) => Some(text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => {
            warnings.push(format!("{}: cannot read it: {e}", path.display()));
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A scratch folder that removes itself, also when a test fails.
    fn scratch() -> tempfile::TempDir {
        tempfile::tempdir().expect("a scratch folder")
    }

    #[test]
    fn a_broken_override_is_reported_and_the_defaults_stay() {
        let scratch = scratch();
        let dir = scratch.path().to_path_buf();
        std::fs::write(dir.join("keymap.ron"), "(normal: [(\"x\", Explode)])").expect("write");
        std::fs::write(dir.join("theme.ron"), "(leader: 7)").expect("write");
        let s = Settings::load_from(Some(&dir), false, None);
        assert_eq!(s.keymap, Keymap::defaults());
        assert_eq!(s.theme, Theme::defaults());
        assert_eq!(s.warnings.len(), 2, "{:?}", s.warnings);
        assert!(s.warnings[0].contains("keymap.ron:1:"), "{}", s.warnings[0]);
        assert!(s.warnings[0].ends_with("(using the default keys)"));
        assert!(s.warnings[1].contains("theme.ron:1:"), "{}", s.warnings[1]);
    }

    #[test]
    fn a_valid_override_applies_and_environment_choices_hold() {
        let scratch = scratch();
        let dir = scratch.path().to_path_buf();
        std::fs::write(dir.join("theme.ron"), "(leader: \"white\")").expect("write");
        let s = Settings::load_from(Some(&dir), true, Some("high-contrast"));
        assert!(s.warnings.is_empty(), "{:?}", s.warnings);
        assert_eq!(s.theme.name, "high-contrast");
        assert_eq!(s.theme.leader, ratatui::style::Color::White);
        assert!(!s.theme.color && !s.other_theme.color);
    }

    #[test]
    fn an_unknown_theme_name_is_reported() {
        let s = Settings::load_from(None, false, Some("neon"));
        assert_eq!(s.theme, Theme::defaults());
        assert_eq!(s.warnings.len(), 1);
    }
}
