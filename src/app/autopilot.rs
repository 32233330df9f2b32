//! A lesson playing itself on the screen as a learner who reads would:
//! each step's text is given time to be read, questions are answered
//! right, tasks are done with the lesson's own actions, and a goal met
//! stays on screen a moment before the next step. Recordings of lessons
//! (`distlab lesson ID --autoplay --record FILE.cast`) are made this way.

use super::action::Action;
use crate::lesson::Phase;

/// What the screen shows of its lesson, without its family.
#[derive(Clone, Debug, PartialEq)]
pub struct LessonView {
    /// The step on screen, counted from 0, and how many there are.
    pub step: usize,
    pub steps: usize,
    pub title: String,
    pub phase: Phase,
    /// The right option of the step's question.
    pub answer: Option<usize>,
    /// The step only narrates: the learner moves on when done reading.
    pub narrates: bool,
    /// The step asks the learner to act (a task, or to start the clock).
    pub task: bool,
    /// The characters of text the step shows, to time its reading.
    pub reading: usize,
}

impl LessonView {
    /// The label of the step's marker in a recording: `3/7 Add S4`.
    pub fn mark(&self) -> String {
        format!("{}/{} {}", self.step + 1, self.steps, self.title)
    }
}

/// What the pilot does next.
#[derive(Clone, Debug, PartialEq)]
pub enum Next {
    /// Apply this action now.
    Act(Action),
    /// Let time pass: someone is reading, or the clock is running.
    Wait,
    /// The lesson is over (or stuck, when a step's time ran out).
    Done(Phase),
}

/// Seconds to read a text of `chars` characters: a second to find it, and
/// about 15 characters a second, as a learner reads a step.
fn reading_seconds(chars: usize) -> f64 {
    (1.0 + chars as f64 / 15.0).min(20.0)
}

/// How long a goal met stays on screen before the next step.
const ADMIRE_SECONDS: f64 = 2.0;

/// Plays a lesson through [`LessonView`]s, remembering what it already did.
#[derive(Debug, Default)]
pub struct Autopilot {
    /// The step and phase last seen, and when they were first seen.
    seen: Option<(usize, Phase, f64)>,
    /// The step whose task was done (a task is done once).
    tasked: Option<usize>,
}

impl Autopilot {
    /// What to do at `now` seconds with `view` on screen.
    pub fn next(&mut self, view: &LessonView, now: f64) -> Next {
        let since = match self.seen {
            Some((step, phase, at)) if step == view.step && phase == view.phase => at,
            _ => {
                self.seen = Some((view.step, view.phase, now));
                now
            }
        };
        let waited = now - since;
        let read = waited >= reading_seconds(view.reading);
        match view.phase {
            Phase::Finished | Phase::Failed => Next::Done(view.phase),
            Phase::Asking if read => view
                .answer
                .map_or(Next::Wait, |answer| Next::Act(Action::Answer(answer))),
            Phase::Running if view.narrates && read => Next::Act(Action::Continue),
            Phase::Running if view.task && read && self.tasked != Some(view.step) => {
                self.tasked = Some(view.step);
                Next::Act(Action::DoTask)
            }
            Phase::Met if waited >= ADMIRE_SECONDS => Next::Act(Action::Continue),
            _ => Next::Wait,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(step: usize, phase: Phase) -> LessonView {
        LessonView {
            step,
            steps: 3,
            title: "t".into(),
            phase,
            answer: Some(2),
            narrates: false,
            task: true,
            reading: 150,
        }
    }

    #[test]
    fn a_step_is_read_before_its_task_is_done_once() {
        let mut pilot = Autopilot::default();
        let running = view(0, Phase::Running);
        assert_eq!(pilot.next(&running, 0.0), Next::Wait);
        assert_eq!(pilot.next(&running, 10.0), Next::Wait);
        assert_eq!(pilot.next(&running, 11.0), Next::Act(Action::DoTask));
        assert_eq!(pilot.next(&running, 12.0), Next::Wait);
        let met = view(0, Phase::Met);
        assert_eq!(pilot.next(&met, 12.0), Next::Wait);
        assert_eq!(pilot.next(&met, 14.0), Next::Act(Action::Continue));
    }

    #[test]
    fn a_question_is_answered_right_once_read() {
        let mut pilot = Autopilot::default();
        let asking = view(1, Phase::Asking);
        assert_eq!(pilot.next(&asking, 0.0), Next::Wait);
        assert_eq!(pilot.next(&asking, 11.0), Next::Act(Action::Answer(2)));
        assert_eq!(
            pilot.next(&view(1, Phase::Finished), 12.0),
            Next::Done(Phase::Finished)
        );
    }
}
