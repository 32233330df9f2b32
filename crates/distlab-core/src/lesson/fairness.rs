//! Predict, then observe: a question must not be answered by the text
//! shown above it. A lesson check that finds the right option's telling
//! words already in a step's narration warns, so the author moves that
//! narration into `reveal`, shown once the question is answered.

use std::collections::BTreeSet;

use super::schema::{Lesson, Question};
use super::text::Text;
use crate::protocols::Family;
use crate::units::Lang;

/// Words too common to give an answer away.
const COMMON: &[&str] = &[
    "about", "after", "again", "also", "because", "been", "before", "both", "does", "each",
    "every", "from", "have", "into", "just", "more", "most", "only", "other", "same", "than",
    "that", "their", "them", "then", "there", "they", "this", "when", "which", "while", "will",
    "with", "would",
];

/// How many telling words of the right option must all be in the narration
/// before it counts as given away: one shared word is a coincidence.
const TELLING: usize = 2;

/// The words of `text` worth comparing, in lower case: four letters or
/// more, or any word with a digit in it (`S2`, `x=1`, `1.S2`).
fn words(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '=' || c == '.'))
        .map(|w| w.trim_matches('.').to_lowercase())
        .filter(|w| {
            w.chars().count() >= 4 || (w.len() >= 2 && w.chars().any(|c| c.is_ascii_digit()))
        })
        .filter(|w| !COMMON.contains(&w.as_str()))
        .collect()
}

/// The right option's telling words (those no wrong option shares) when
/// every one of them already stands in `say`, shown before the question.
pub fn given_away(say: &Text, question: &Question) -> Option<Vec<String>> {
    let right = question.options.get(question.answer.checked_sub(1)?)?;
    let mut telling = words(right.get(Lang::En));
    for (k, option) in question.options.iter().enumerate() {
        if k + 1 != question.answer {
            for w in words(option.get(Lang::En)) {
                telling.remove(&w);
            }
        }
    }
    let shown = words(say.get(Lang::En));
    (telling.len() >= TELLING && telling.iter().all(|w| shown.contains(w)))
        .then(|| telling.into_iter().collect())
}

impl<F: Family> Lesson<F> {
    /// Questions whose answer the narration above them already gives, one
    /// sentence each.
    pub fn fairness_warnings(&self) -> Vec<String> {
        self.steps
            .iter()
            .enumerate()
            .filter_map(|(i, step)| {
                let words = given_away(&step.say, step.question.as_ref()?)?;
                Some(format!(
                    "step {}: the right answer's words ({}) already stand in `say`, shown before the question; move that narration into `reveal`",
                    i + 1,
                    words.join(", ")
                ))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A question whose right answer is the second option.
    fn what_does_r1_do() -> Question {
        let options = [
            "R1 refuses C2's request",
            "R1 overwrites C1's key with C2's",
            "R1 crashes",
        ];
        Question {
            ask: Text::english("What does R1 do?"),
            options: options.iter().map(|o| Text::english(*o)).collect(),
            answer: 2,
            explain: Text::english("Because."),
        }
    }

    #[test]
    fn an_answer_told_above_its_question_is_found() {
        let q = what_does_r1_do();
        let say = Text::english("C2 asks R1 for the lock. R1 overwrites C1's key with C2's.");
        let found = given_away(&say, &q).expect("the answer is in the narration");
        assert_eq!(found, ["c1", "overwrites"]);
    }

    #[test]
    fn a_question_asked_before_its_answer_passes() {
        let q = what_does_r1_do();
        let say = Text::english("C2 asks R1 for the lock while C1 holds it.");
        assert_eq!(given_away(&say, &q), None);
    }
}
