//! Localised texts: every text a learner reads is a map from language code
//! to text, so that adding a language never touches the schema.

use std::collections::BTreeMap;

use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize};

use crate::units::{Lang, ENGLISH};

/// A text in several languages. English is always present: a file without
/// it does not load, so every lookup has something to show.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Text(BTreeMap<String, String>);

impl Text {
    /// The text in `lang`, falling back to English.
    pub fn get(&self, lang: Lang) -> &str {
        self.0
            .get(lang.code())
            .or_else(|| self.0.get(ENGLISH))
            .map_or("", String::as_str)
    }

    /// Whether a translation into `lang` exists (not just the fallback).
    pub fn has(&self, lang: Lang) -> bool {
        self.0
            .get(lang.code())
            .is_some_and(|t| !t.trim().is_empty())
    }

    /// The first line, for one-line listings.
    pub fn first_line(&self, lang: Lang) -> &str {
        self.get(lang).lines().next().unwrap_or("").trim()
    }

    /// A text in English only, for texts built in code.
    pub fn english(text: impl Into<String>) -> Text {
        Text(BTreeMap::from([(ENGLISH.to_owned(), text.into())]))
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let map = BTreeMap::<String, String>::deserialize(d)?;
        match map.get(ENGLISH) {
            Some(en) if !en.trim().is_empty() => Ok(Text(map)),
            Some(_) => Err(de::Error::custom("the English text (\"en\") is empty")),
            None => Err(de::Error::custom(
                "missing English text: every text needs an \"en\" entry",
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(ron: &str) -> Result<Text, ron::error::SpannedError> {
        crate::scenario::ron_options().from_str(ron)
    }

    #[test]
    fn falls_back_to_english() {
        let t = parse(r#"{"en": "hello", "zh": "你好"}"#).expect("valid text");
        assert_eq!(t.get(Lang::Zh), "你好");
        let t = parse(r#"{"en": "hello"}"#).expect("valid text");
        assert_eq!(t.get(Lang::Zh), "hello");
        assert!(!t.has(Lang::Zh));
    }

    #[test]
    fn english_is_required() {
        let err = parse(r#"{"zh": "你好"}"#).expect_err("no English");
        assert!(err.code.to_string().contains("missing English text"));
    }

    #[test]
    fn language_comes_from_the_flag_then_lang() {
        assert_eq!(Lang::choose(Some("zh"), Some("en_US.UTF-8")), Lang::Zh);
        assert_eq!(Lang::choose(None, Some("zh_CN.UTF-8")), Lang::Zh);
        assert_eq!(Lang::choose(None, Some("de_DE.UTF-8")), Lang::En);
        assert_eq!(Lang::choose(None, None), Lang::En);
        assert_eq!(Lang::choose(Some("en"), Some("zh_CN")), Lang::En);
    }
}
