//! Recordings in asciinema's asciicast v2 format: a JSON header line
//! (`version`, `width`, `height`, `timestamp`, `title`), then one JSON
//! array per event, `[seconds, code, data]`: `"o"` for output written to
//! the terminal, `"r"` for a resize (`"WxH"`), `"m"` for a marker (a
//! lesson's step).
//!
//! [`Recorder`] sits between the screen and the terminal: everything
//! ratatui writes passes through it unchanged and is also kept, as one
//! output event per flushed frame. The time of each event is set by
//! whoever drives the loop (the wall clock live, a virtual clock when a
//! lesson plays itself), so that a recording played by itself is the same
//! file every time.

use std::io::{self, Write};

use serde::Serialize;

/// The header line of a recording.
#[derive(Serialize)]
struct Header<'a> {
    version: u8,
    width: u16,
    height: u16,
    timestamp: u64,
    title: &'a str,
}

/// Now, in Unix seconds, as a recording's header gives its start.
pub fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// An asciicast v2 file being written.
pub struct Cast<W: Write> {
    out: W,
    /// The time of the last event: events never go back in time.
    last: f64,
}

impl<W: Write> Cast<W> {
    /// Starts a recording of a `width`×`height` terminal, writing its
    /// header. `timestamp` is the start in Unix seconds.
    pub fn start(
        mut out: W,
        (width, height): (u16, u16),
        timestamp: u64,
        title: &str,
    ) -> io::Result<Self> {
        let header = Header {
            version: 2,
            width,
            height,
            timestamp,
            title,
        };
        serde_json::to_writer(&mut out, &header)?;
        out.write_all(b"\n")?;
        Ok(Cast { out, last: 0.0 })
    }

    fn event(&mut self, seconds: f64, code: &str, data: &str) -> io::Result<()> {
        // Microseconds, as asciinema writes them; never before the last.
        let seconds = ((seconds.max(self.last)) * 1e6).round() / 1e6;
        self.last = seconds;
        serde_json::to_writer(&mut self.out, &(seconds, code, data))?;
        self.out.write_all(b"\n")
    }

    /// Output written to the terminal at `seconds`.
    pub fn output(&mut self, seconds: f64, data: &str) -> io::Result<()> {
        self.event(seconds, "o", data)
    }

    /// The terminal became `width`×`height` at `seconds`.
    pub fn resize(&mut self, seconds: f64, (width, height): (u16, u16)) -> io::Result<()> {
        self.event(seconds, "r", &format!("{width}x{height}"))
    }

    /// A marker the player can jump to, labelled `label`.
    pub fn marker(&mut self, seconds: f64, label: &str) -> io::Result<()> {
        self.event(seconds, "m", label)
    }

    pub fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// A writer that passes everything to the terminal and, when recording,
/// keeps it: each flush (ratatui flushes once per frame) is one output
/// event at the time last set with [`Recorder::at`].
pub struct Recorder<T: Write, W: Write> {
    terminal: T,
    cast: Option<Cast<W>>,
    /// Bytes written since the last flush.
    pending: Vec<u8>,
    seconds: f64,
    /// The first error writing the recording: the screen goes on, and the
    /// error is reported when the recording ends.
    failed: Option<io::Error>,
}

impl<T: Write, W: Write> Recorder<T, W> {
    /// Writes to `terminal`, and records into `cast` if there is one.
    pub fn new(terminal: T, cast: Option<Cast<W>>) -> Self {
        Recorder {
            terminal,
            cast,
            pending: Vec::new(),
            seconds: 0.0,
            failed: None,
        }
    }

    /// Whether a recording is being kept: what only a recording needs (the
    /// lesson's step for a marker) is not worked out otherwise.
    pub fn is_recording(&self) -> bool {
        self.cast.is_some()
    }

    /// The time of what is written next, in seconds since the start.
    pub fn at(&mut self, seconds: f64) {
        self.seconds = seconds;
    }

    /// Records a resize of the terminal, now.
    pub fn resized(&mut self, size: (u16, u16)) {
        if let Some(cast) = &mut self.cast {
            let result = cast.resize(self.seconds, size);
            self.keep(result);
        }
    }

    /// Records a marker, now.
    pub fn mark(&mut self, label: &str) {
        if let Some(cast) = &mut self.cast {
            let result = cast.marker(self.seconds, label);
            self.keep(result);
        }
    }

    fn keep(&mut self, result: io::Result<()>) {
        if let Err(e) = result {
            self.failed.get_or_insert(e);
        }
    }

    /// Ends the recording: what is pending is written out, and the first
    /// error the recording met, if any, is returned.
    pub fn finish(&mut self) -> io::Result<()> {
        self.record_pending();
        let flushed = self.cast.as_mut().map_or(Ok(()), Cast::flush);
        match self.failed.take() {
            Some(e) => Err(e),
            None => flushed,
        }
    }

    /// Writes what was drawn since the last event as one output event. A
    /// character cut in two by the flush waits for its other half.
    fn record_pending(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        let Some(cast) = &mut self.cast else {
            return;
        };
        let whole = match std::str::from_utf8(&self.pending) {
            Ok(_) => self.pending.len(),
            Err(e) if e.error_len().is_none() => e.valid_up_to(),
            // Not UTF-8 at all: distlab never writes such bytes, and a
            // recording cannot hold them.
            Err(_) => self.pending.len(),
        };
        if whole == 0 {
            return;
        }
        let rest = self.pending.split_off(whole);
        let text = String::from_utf8_lossy(&self.pending).into_owned();
        self.pending = rest;
        let result = cast.output(self.seconds, &text);
        self.keep(result);
    }
}

impl<T: Write, W: Write> Write for Recorder<T, W> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let n = self.terminal.write(bytes)?;
        if self.cast.is_some() {
            self.pending.extend_from_slice(&bytes[..n]);
        }
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.terminal.flush()?;
        self.record_pending();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(bytes: &[u8]) -> Vec<serde_json::Value> {
        std::str::from_utf8(bytes)
            .expect("UTF-8")
            .lines()
            .map(|l| serde_json::from_str(l).expect("one JSON value per line"))
            .collect()
    }

    #[test]
    fn a_frame_is_one_output_event_and_time_never_goes_back() {
        let mut file = Vec::new();
        {
            let cast = Cast::start(&mut file, (80, 24), 1_700_000_000, "t").expect("header");
            let mut rec = Recorder::new(io::sink(), Some(cast));
            rec.at(0.5);
            write!(rec, "ab")
                .and_then(|()| write!(rec, "c"))
                .expect("writes");
            rec.flush().expect("flush");
            rec.at(0.25);
            rec.mark("Step 2");
            rec.resized((100, 30));
            rec.finish().expect("finish");
        }
        let events = lines(&file);
        assert_eq!(events[0]["version"], 2);
        assert_eq!(
            (events[0]["width"].clone(), events[0]["height"].clone()),
            (80.into(), 24.into())
        );
        assert_eq!(events[1], serde_json::json!([0.5, "o", "abc"]));
        assert_eq!(events[2], serde_json::json!([0.5, "m", "Step 2"]));
        assert_eq!(events[3], serde_json::json!([0.5, "r", "100x30"]));
    }

    #[test]
    fn a_character_cut_by_a_flush_waits_for_its_other_half() {
        let mut file = Vec::new();
        {
            let cast = Cast::start(&mut file, (80, 24), 0, "t").expect("header");
            let mut rec = Recorder::new(io::sink(), Some(cast));
            let bytes = "集".as_bytes();
            rec.write_all(&bytes[..1]).expect("writes");
            rec.flush().expect("flush");
            rec.write_all(&bytes[1..]).expect("writes");
            rec.flush().expect("flush");
            rec.finish().expect("finish");
        }
        let events = lines(&file);
        assert_eq!(events.len(), 2, "{events:?}");
        assert_eq!(events[1][2], "集");
    }
}
