//! Which key does what, read from a RON file.
//!
//! The defaults live in `assets/keymap.ron` (embedded in the binary); a
//! person may override any binding in `keymap.ron` in the platform config
//! directory. The help overlay and the hint line are generated from the
//! keymap, so they can never disagree with it.

use std::fmt;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::Deserialize;

use super::action::Action;
use crate::units::Lang;

/// The default bindings, embedded so the binary works without its assets.
pub const DEFAULT_KEYMAP: &str = include_str!("../../assets/keymap.ron");

/// One key, as a person names it in the keymap file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

impl Key {
    /// Parses a key name: a single character, a named key, `ctrl-` prefixed.
    pub fn parse(name: &str) -> Option<Key> {
        let (ctrl, rest) = match name.strip_prefix("ctrl-") {
            Some(rest) if !rest.is_empty() => (true, rest),
            _ => (false, name),
        };
        let code = match rest {
            "space" => KeyCode::Char(' '),
            "Tab" => KeyCode::Tab,
            "BackTab" => KeyCode::BackTab,
            "Enter" => KeyCode::Enter,
            "Esc" => KeyCode::Esc,
            "Left" => KeyCode::Left,
            "Right" => KeyCode::Right,
            "Up" => KeyCode::Up,
            "Down" => KeyCode::Down,
            "Home" => KeyCode::Home,
            "End" => KeyCode::End,
            "PageUp" => KeyCode::PageUp,
            "PageDown" => KeyCode::PageDown,
            other => {
                let mut chars = other.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) => KeyCode::Char(c),
                    _ => return None,
                }
            }
        };
        Some(Key { code, ctrl })
    }

    /// The key a terminal event stands for. Shift is folded into the
    /// character itself (`L`, `?`, `+`), which is how people name keys.
    pub fn from_event(event: &KeyEvent) -> Key {
        Key {
            code: event.code,
            ctrl: event.modifiers.contains(KeyModifiers::CONTROL),
        }
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            write!(f, "ctrl-")?;
        }
        match self.code {
            KeyCode::Char(' ') => write!(f, "space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Tab => write!(f, "Tab"),
            KeyCode::BackTab => write!(f, "⇧Tab"),
            KeyCode::Enter => write!(f, "Enter"),
            KeyCode::Esc => write!(f, "Esc"),
            KeyCode::Left => write!(f, "←"),
            KeyCode::Right => write!(f, "→"),
            KeyCode::Up => write!(f, "↑"),
            KeyCode::Down => write!(f, "↓"),
            KeyCode::Home => write!(f, "Home"),
            KeyCode::End => write!(f, "End"),
            KeyCode::PageUp => write!(f, "PgUp"),
            KeyCode::PageDown => write!(f, "PgDn"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// A set of bindings. A screen looks keys up in a chain of modes, most
/// specific first, so that a mode binds only the keys it gives another
/// meaning and every other key keeps the meaning it has underneath.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyMode {
    /// The cluster screen.
    Normal,
    /// Picking an in-flight message.
    Pick,
    /// A lesson is open on the cluster screen.
    Lesson,
    /// A lesson's question waits for an answer.
    Question,
    /// The lesson menu.
    Menu,
}

impl KeyMode {
    fn index(self) -> usize {
        self as usize
    }
}

/// The keymap file as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct KeymapFile {
    #[serde(default)]
    normal: Vec<(String, Action)>,
    #[serde(default)]
    pick: Vec<(String, Action)>,
    #[serde(default)]
    lesson: Vec<(String, Action)>,
    #[serde(default)]
    question: Vec<(String, Action)>,
    #[serde(default)]
    menu: Vec<(String, Action)>,
}

/// Bindings per mode, in file order (the help overlay keeps that order).
#[derive(Clone, Debug, PartialEq)]
pub struct Keymap {
    modes: [Vec<(Key, Action)>; 5],
}

/// One line of the help overlay: the keys and what they do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HelpLine {
    pub keys: String,
    /// The first of the actions the line stands for.
    pub action: Action,
    pub what: &'static str,
}

impl Keymap {
    /// The embedded defaults. They are tested, so failing here is a bug in
    /// the shipped asset, not in anything a person did.
    pub fn defaults() -> Keymap {
        match Keymap::parse(DEFAULT_KEYMAP, "assets/keymap.ron") {
            Ok(map) => map,
            Err(e) => panic!("the embedded keymap is broken: {e}"),
        }
    }

    /// Parses keymap text; `file` names it in error messages.
    pub fn parse(text: &str, file: &str) -> Result<Keymap, String> {
        let raw: KeymapFile = ron::Options::default()
            .from_str(text)
            .map_err(|e| format!("{file}:{e}"))?;
        let convert = |list: Vec<(String, Action)>| -> Result<Vec<(Key, Action)>, String> {
            list.into_iter()
                .map(|(name, action)| match Key::parse(&name) {
                    Some(key) => Ok((key, action)),
                    None => Err(format!("{file}: unknown key name \"{name}\"")),
                })
                .collect()
        };
        Ok(Keymap {
            modes: [
                convert(raw.normal)?,
                convert(raw.pick)?,
                convert(raw.lesson)?,
                convert(raw.question)?,
                convert(raw.menu)?,
            ],
        })
    }

    /// These bindings with `overrides` applied on top: a key bound in both
    /// takes the override's action; new keys are added.
    pub fn merged(mut self, overrides: Keymap) -> Keymap {
        for (base, extra) in self.modes.iter_mut().zip(overrides.modes) {
            for (key, action) in extra {
                match base.iter_mut().find(|(k, _)| *k == key) {
                    Some(slot) => slot.1 = action,
                    None => base.push((key, action)),
                }
            }
        }
        self
    }

    fn bindings(&self, mode: KeyMode) -> &[(Key, Action)] {
        &self.modes[mode.index()]
    }

    /// The action bound to `key` in the first mode of `chain` that binds it.
    pub fn lookup(&self, chain: &[KeyMode], key: Key) -> Option<Action> {
        chain.iter().find_map(|&mode| {
            self.bindings(mode)
                .iter()
                .find(|(k, _)| *k == key)
                .map(|&(_, a)| a)
        })
    }

    /// The first key bound to `action` in the first mode of `chain` that
    /// binds it, provided that key still means `action` in the chain.
    pub fn key_for(&self, chain: &[KeyMode], action: Action) -> Option<Key> {
        chain
            .iter()
            .flat_map(|&mode| self.bindings(mode))
            .filter(|(_, a)| *a == action)
            .map(|&(k, _)| k)
            .find(|&k| self.lookup(chain, k) == Some(action))
    }

    /// The help text for one mode: actions in the order the file binds
    /// them, each with every key bound to it.
    pub fn help(&self, mode: KeyMode, lang: Lang) -> Vec<HelpLine> {
        let mut groups: Vec<(&'static str, Action, Vec<Key>)> = Vec::new();
        for &(key, action) in self.bindings(mode) {
            let what = action.text(lang);
            match groups.iter_mut().find(|(w, _, _)| *w == what) {
                Some((_, _, keys)) => keys.push(key),
                None => groups.push((what, action, vec![key])),
            }
        }
        groups
            .into_iter()
            .map(|(what, action, keys)| HelpLine {
                keys: key_list(&keys),
                action,
                what,
            })
            .collect()
    }
}

/// Keys joined by spaces; a run of consecutive digits is shown as `1–9`.
fn key_list(keys: &[Key]) -> String {
    let digit = |k: &Key| match k.code {
        KeyCode::Char(c) if !k.ctrl => c.to_digit(10),
        _ => None,
    };
    let digits: Vec<u32> = keys.iter().filter_map(digit).collect();
    let consecutive = digits.len() > 2 && digits.windows(2).all(|w| w[1] == w[0] + 1);
    let mut parts: Vec<String> = Vec::new();
    if consecutive {
        parts.push(format!("{}–{}", digits[0], digits[digits.len() - 1]));
    }
    for key in keys {
        if !(consecutive && digit(key).is_some()) {
            parts.push(key.to_string());
        }
    }
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_keymap_parses_and_binds_the_design_keys() {
        let map = Keymap::defaults();
        let key = |s: &str| Key::parse(s).expect("valid key name");
        assert_eq!(
            map.lookup(&[KeyMode::Normal], key("space")),
            Some(Action::TogglePlay)
        );
        assert_eq!(
            map.lookup(&[KeyMode::Normal], key("x")),
            Some(Action::ToggleCrash)
        );
        assert_eq!(
            map.lookup(&[KeyMode::Normal], key("d")),
            Some(Action::DropNext)
        );
        assert_eq!(
            map.lookup(&[KeyMode::Pick, KeyMode::Normal], key("d")),
            Some(Action::DropPicked)
        );
        assert_eq!(
            map.lookup(&[KeyMode::Pick, KeyMode::Normal], key("q")),
            Some(Action::Quit)
        );
        assert_eq!(
            map.lookup(&[KeyMode::Normal], key("7")),
            Some(Action::SelectNode(7))
        );
    }

    #[test]
    fn overrides_replace_and_add_bindings() {
        let extra = Keymap::parse(r#"(normal: [("x", Quit), ("X", ToggleCrash)])"#, "test")
            .expect("valid override");
        let map = Keymap::defaults().merged(extra);
        let key = |s: &str| Key::parse(s).expect("valid key name");
        assert_eq!(map.lookup(&[KeyMode::Normal], key("x")), Some(Action::Quit));
        assert_eq!(
            map.lookup(&[KeyMode::Normal], key("X")),
            Some(Action::ToggleCrash)
        );
    }

    #[test]
    fn broken_files_say_where_and_why() {
        let err =
            Keymap::parse("(normal: [(\"x\", Explode)])", "keymap.ron").expect_err("bad action");
        assert!(err.starts_with("keymap.ron:1:"), "{err}");
        let err =
            Keymap::parse("(normal: [(\"hyper-x\", Quit)])", "keymap.ron").expect_err("bad key");
        assert!(err.contains("unknown key name \"hyper-x\""), "{err}");
    }

    #[test]
    fn help_groups_keys_of_one_action_and_compresses_digits() {
        let help = Keymap::defaults().help(KeyMode::Normal, Lang::En);
        let select = help
            .iter()
            .find(|l| l.what == "select node")
            .expect("select line");
        assert_eq!(select.keys, "1–9");
        let step = help
            .iter()
            .find(|l| l.what == "next event")
            .expect("step line");
        assert_eq!(step.keys, "n →");
    }
}
