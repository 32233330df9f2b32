//! Plays a lesson without a screen: each step's question is answered
//! correctly, its autoplay actions are applied as a learner would apply
//! them, and the simulation runs until the goal is met or its time is up.
//! `distlab lesson ID --autoplay --headless` and the tests use it to prove
//! that every lesson works end to end.

use std::io::{self, Write};

use super::compare::per_command_line;
use super::load::WithLesson;
use super::measure::{run_experiment, VariantResult};
use super::run::{Advance, LessonRun};
use super::schema::{Lesson, Measure};
use crate::protocols::Family;
use crate::sim::format_time;
use crate::units::Lang;

/// Characters of narration shown on a step's line.
const SUMMARY_CHARS: usize = 60;

/// The text cut to `max` characters, with an ellipsis when cut.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let cut: String = text.chars().take(max - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

/// One step as played.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StepReport {
    /// Counted from 1.
    pub number: usize,
    pub title: String,
    pub met: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PlayReport {
    pub steps: Vec<StepReport>,
    /// Steps in the lesson; more than `steps.len()` when play stopped at a
    /// goal that was not met.
    pub total: usize,
}

impl PlayReport {
    pub fn all_met(&self) -> bool {
        self.steps.len() == self.total && self.steps.iter().all(|s| s.met)
    }
}

/// The report could not be written.
#[derive(Debug, thiserror::Error)]
#[error("cannot write the report: {0}")]
pub struct PlayError(#[from] io::Error);

/// One variant's result: a time measure's percentiles and failed tries, a
/// count measure's mean.
fn write_result(
    out: &mut dyn Write,
    measure: Measure,
    result: &VariantResult,
    lang: Lang,
) -> io::Result<()> {
    let d = &result.measured;
    let label = result.label.get(lang);
    match measure {
        Measure::MessagesPerCommand => writeln!(out, "   {label}: {}", per_command_line(d, lang)),
        Measure::LeaderDowntime => {
            let summary = d
                .percentiles()
                .map_or_else(|| "no samples".to_owned(), |p| p.to_string());
            writeln!(out, "   {label}: {summary}")?;
            writeln!(
                out,
                "     elections without a winner: {} in {} trials",
                d.counted(),
                d.trials
            )
        }
    }
}

/// Plays `lesson` headless in `lang`, writing one line per step (and the
/// questions and experiment results) to `out`.
pub fn play<F: Family>(
    lesson: &Lesson<F>,
    lang: Lang,
    out: &mut dyn Write,
) -> Result<PlayReport, PlayError> {
    let (mut run, mut sim) = LessonRun::start(lesson.clone());
    let mut report = PlayReport {
        steps: Vec::new(),
        total: run.len(),
    };
    writeln!(
        out,
        "{} · {} ({} steps, seed {})",
        lesson.id,
        lesson.title.get(lang),
        run.len(),
        lesson.scenario.seed
    )?;
    loop {
        let step = run.step().clone();
        let number = run.index() + 1;
        if let Some(q) = &step.question {
            writeln!(out, "   ? {}", q.ask.first_line(lang))?;
            writeln!(
                out,
                "     → {}. {}",
                q.answer,
                q.options[q.answer - 1].first_line(lang)
            )?;
        }
        let met = run.play_step(&mut sim);
        if let Some(experiment) = &step.experiment {
            for result in run_experiment(experiment) {
                write_result(out, experiment.measure, &result, lang)?;
            }
        }
        writeln!(
            out,
            "{number:>2}/{} {} {} — {}  (t={})",
            run.len(),
            if met { "✓" } else { "✗" },
            step.title.get(lang),
            shorten(step.say.first_line(lang), SUMMARY_CHARS),
            format_time(sim.now())
        )?;
        report.steps.push(StepReport {
            number,
            title: step.title.get(lang).to_owned(),
            met,
        });
        if !met {
            writeln!(out, "goal not met: lesson stopped at step {number}")?;
            return Ok(report);
        }
        if run.advance(&mut sim) == Advance::Finished {
            break;
        }
    }
    writeln!(out, "✓ every step's goal was met")?;
    Ok(report)
}

/// Finds the first step a lesson does not meet when it plays by itself,
/// for `distlab lessons --check`: a lesson that autoplay cannot finish
/// would also stop a learner who follows it to the letter.
pub struct FirstUnmet;

impl WithLesson for FirstUnmet {
    /// The step that stopped play, in a sentence; none when all were met.
    type Output = Option<String>;

    fn run<F: Family>(self, lesson: &Lesson<F>) -> Option<String> {
        // A sink takes every write, so play reports every step.
        let report = play(lesson, Lang::En, &mut io::sink()).ok()?;
        let stopped = report.steps.iter().find(|s| !s.met)?;
        Some(format!(
            "played by itself, step {} \"{}\" does not meet its goal within its time",
            stopped.number, stopped.title
        ))
    }
}
