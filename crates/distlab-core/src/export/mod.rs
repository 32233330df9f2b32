//! Pictures of a run for paper and the web, drawn without a screen.
//!
//! A terminal shows a run as it happens; a report, a slide or a printed
//! handout needs a picture of it afterwards, one that any browser opens
//! and that prints at any size. Exports here turn a finished run's
//! records into standalone vector drawings, written by hand as text so
//! that the same run always gives the same bytes (a drawing can then be
//! pinned by a test and committed beside the scenario it shows).

pub mod spacetime;

/// `text` safe inside an XML element or a quoted attribute. Control
/// characters, which XML 1.0 does not allow, become spaces.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}
