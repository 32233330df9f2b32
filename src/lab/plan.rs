//! How a lab run is set up: from the command line, or from a lesson's
//! lab step; and where its trace goes by default.

use std::path::{Path, PathBuf};

use super::error::LabError;
use super::{LabMode, LabStep, PauseAt};

/// How a run is set up.
#[derive(Clone, Debug)]
pub struct LabPlan {
    pub mode: LabMode,
    pub clients: u8,
    pub ttl_ms: u64,
    pub work_ms: u64,
    pub redis_server: PathBuf,
    pub pauses: Vec<PauseAt>,
    /// Where the trace is written.
    pub trace: PathBuf,
    /// How long the run lasts; without it, until the person leaves.
    pub seconds: Option<f64>,
    /// The distlab binary, started again as each client.
    pub exe: PathBuf,
}

/// A new trace's name in `dir`: `lab-<unix seconds>.jsonl`, or
/// `lab-<unix seconds>-2.jsonl`… when a run of the same second has one, so
/// that no trace is written over.
pub fn trace_in(dir: &Path) -> PathBuf {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let first = dir.join(format!("lab-{secs}.jsonl"));
    if !first.exists() {
        return first;
    }
    (2..)
        .map(|n| dir.join(format!("lab-{secs}-{n}.jsonl")))
        .find(|path| !path.exists())
        .unwrap_or(first)
}

impl LabPlan {
    /// The run a lesson's lab step offers, its trace written into
    /// `trace_dir` as `lab-<unix seconds>.jsonl`.
    pub fn for_lesson(step: &LabStep, trace_dir: &Path) -> Result<LabPlan, LabError> {
        let redis_server = super::server::find(None)?;
        let exe = std::env::current_exe()?;
        std::fs::create_dir_all(trace_dir)?;
        Ok(LabPlan {
            mode: step.mode,
            clients: step.clients,
            ttl_ms: step.ttl_ms,
            work_ms: step.work_ms,
            redis_server,
            pauses: step.pauses.clone(),
            trace: trace_in(trace_dir),
            seconds: Some(step.run_ms as f64 / 1e3),
            exe,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::trace_in;

    #[test]
    fn a_new_trace_never_takes_the_name_of_one_already_there() {
        let dir = tempfile::tempdir().unwrap();
        let first = trace_in(dir.path());
        std::fs::write(&first, "").unwrap();
        let second = trace_in(dir.path());
        assert_ne!(first, second);
        std::fs::write(&second, "").unwrap();
        let third = trace_in(dir.path());
        assert!(![&first, &second].contains(&&third), "{third:?}");
    }
}
