//! Colours, read from a RON file.
//!
//! Two themes ship in `assets/`: the default and a high-contrast one for
//! projectors. A person may override any colour in `theme.ron` in the
//! platform config directory. Colour is never the only carrier of meaning
//! (roles have letters, crashed nodes a ✕, committed entries a mark), so
//! `NO_COLOR` simply turns every colour off.

use std::str::FromStr;

use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;

use crate::protocols::{MsgClass, RoleTone};

pub const DEFAULT_THEME: &str = include_str!("../../assets/theme.ron");
pub const HIGH_CONTRAST_THEME: &str = include_str!("../../assets/theme-high-contrast.ron");

/// The theme file as written: every field optional, so that an override
/// file names only what it changes.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemeFile {
    name: Option<String>,
    text: Option<String>,
    dim: Option<String>,
    accent: Option<String>,
    border: Option<String>,
    follower: Option<String>,
    precandidate: Option<String>,
    candidate: Option<String>,
    leader: Option<String>,
    down: Option<String>,
    paused: Option<String>,
    cut: Option<String>,
    ok: Option<String>,
    bad: Option<String>,
    highlight: Option<String>,
    vote: Option<String>,
    append: Option<String>,
    heartbeat: Option<String>,
    terms: Option<Vec<String>>,
    bold: Option<bool>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Theme {
    pub name: String,
    pub text: Color,
    pub dim: Color,
    pub accent: Color,
    pub border: Color,
    pub follower: Color,
    pub precandidate: Color,
    pub candidate: Color,
    pub leader: Color,
    pub down: Color,
    pub paused: Color,
    pub cut: Color,
    pub ok: Color,
    pub bad: Color,
    pub highlight: Color,
    pub vote: Color,
    pub append: Color,
    pub heartbeat: Color,
    /// Log cells are coloured by term, cycling through these.
    pub terms: Vec<Color>,
    /// Draw all text bold (easier to read on a projector).
    pub bold: bool,
    /// False under `NO_COLOR`: styles then carry only modifiers.
    pub color: bool,
}

fn parse_color(name: &str, field: &str, file: &str) -> Result<Color, String> {
    Color::from_str(name).map_err(|_| format!("{file}: {field}: \"{name}\" is not a colour"))
}

impl Theme {
    /// The embedded default theme.
    pub fn defaults() -> Theme {
        Theme::embedded(DEFAULT_THEME, "assets/theme.ron")
    }

    /// The embedded high-contrast theme.
    pub fn high_contrast() -> Theme {
        Theme::embedded(HIGH_CONTRAST_THEME, "assets/theme-high-contrast.ron")
    }

    /// The shipped files are tested, so a failure here is a bug in an asset.
    fn embedded(text: &str, file: &str) -> Theme {
        let base = Theme {
            name: String::new(),
            text: Color::Reset,
            dim: Color::Reset,
            accent: Color::Reset,
            border: Color::Reset,
            follower: Color::Reset,
            precandidate: Color::Reset,
            candidate: Color::Reset,
            leader: Color::Reset,
            down: Color::Reset,
            paused: Color::Reset,
            cut: Color::Reset,
            ok: Color::Reset,
            bad: Color::Reset,
            highlight: Color::Reset,
            vote: Color::Reset,
            append: Color::Reset,
            heartbeat: Color::Reset,
            terms: vec![Color::Reset],
            bold: false,
            color: true,
        };
        match base.overridden(text, file) {
            Ok(theme) => theme,
            Err(e) => panic!("an embedded theme is broken: {e}"),
        }
    }

    /// This theme with the colours named in `text` replaced.
    pub fn overridden(mut self, text: &str, file: &str) -> Result<Theme, String> {
        // Fields are optional, and written without `Some(…)`.
        let raw: ThemeFile = ron::Options::default()
            .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
            .from_str(text)
            .map_err(|e| format!("{file}:{e}"))?;
        macro_rules! set {
            ($($field:ident),*) => {$(
                if let Some(name) = &raw.$field {
                    self.$field = parse_color(name, stringify!($field), file)?;
                }
            )*};
        }
        set!(
            text,
            dim,
            accent,
            border,
            follower,
            precandidate,
            candidate,
            leader,
            down,
            paused,
            cut,
            ok,
            bad,
            highlight,
            vote,
            append,
            heartbeat
        );
        if let Some(terms) = &raw.terms {
            let parsed: Result<Vec<Color>, String> = terms
                .iter()
                .map(|t| parse_color(t, "terms", file))
                .collect();
            let parsed = parsed?;
            if parsed.is_empty() {
                return Err(format!("{file}: terms: give at least one colour"));
            }
            self.terms = parsed;
        }
        if let Some(name) = raw.name {
            self.name = name;
        }
        if let Some(bold) = raw.bold {
            self.bold = bold;
        }
        Ok(self)
    }

    /// The same theme without colour, for `NO_COLOR`.
    pub fn without_color(mut self) -> Theme {
        self.color = false;
        self
    }

    /// Plain text.
    pub fn base(&self) -> Style {
        let style = self.fg(self.text);
        if self.bold {
            style.add_modifier(Modifier::BOLD)
        } else {
            style
        }
    }

    /// Text in colour `c` (or plain text without colour).
    pub fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    /// Text on a background of colour `c`; reversed without colour, so the
    /// cell still stands out.
    pub fn on(&self, c: Color) -> Style {
        if self.color {
            Style::new().bg(c).fg(Color::Black)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    /// A colour for shapes on a canvas, which take colours, not styles.
    pub fn paint(&self, c: Color) -> Color {
        if self.color {
            c
        } else {
            Color::Reset
        }
    }

    pub fn dimmed(&self) -> Style {
        if self.color {
            Style::new().fg(self.dim)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }

    /// The colour of a role's tone.
    pub fn role(&self, tone: RoleTone) -> Color {
        match tone {
            RoleTone::Passive => self.follower,
            RoleTone::Tentative => self.precandidate,
            RoleTone::Active => self.candidate,
            RoleTone::Leading => self.leader,
        }
    }

    /// The colour of a message's class.
    pub fn message(&self, class: MsgClass) -> Color {
        match class {
            MsgClass::Ask => self.vote,
            MsgClass::Grant => self.ok,
            MsgClass::Refuse => self.bad,
            MsgClass::Data | MsgClass::Forward => self.append,
            MsgClass::Heartbeat => self.heartbeat,
        }
    }

    pub fn term(&self, term: u64) -> Color {
        let n = self.terms.len().max(1) as u64;
        self.terms
            .get((term % n) as usize)
            .copied()
            .unwrap_or(self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_embedded_themes_parse() {
        assert_eq!(Theme::defaults().name, "default");
        let hc = Theme::high_contrast();
        assert_eq!(hc.name, "high-contrast");
        assert!(hc.bold);
    }

    #[test]
    fn an_override_changes_only_what_it_names() {
        let theme = Theme::defaults()
            .overridden(r##"(leader: "#ff00ff")"##, "theme.ron")
            .expect("valid override");
        assert_eq!(theme.leader, Color::Rgb(255, 0, 255));
        assert_eq!(theme.follower, Theme::defaults().follower);
    }

    #[test]
    fn a_bad_colour_is_named() {
        let err = Theme::defaults()
            .overridden(r#"(leader: "sparkly")"#, "theme.ron")
            .expect_err("bad colour");
        assert_eq!(err, "theme.ron: leader: \"sparkly\" is not a colour");
    }

    #[test]
    fn without_color_styles_carry_no_colour() {
        let theme = Theme::defaults().without_color();
        assert_eq!(theme.fg(theme.leader), Style::new());
        assert_eq!(theme.dimmed().fg, None);
    }
}
