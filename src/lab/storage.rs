//! The storage a client's critical section protects: one counter behind a
//! socket (an [`Endpoint`]), served by a thread of distlab. With fencing it refuses
//! any operation whose token is lower than the highest it has accepted,
//! as the storage of the simulated lessons does.
//!
//! The protocol is a line each way: `READ <client> <token>` answers
//! `OK <value>`; `WRITE <client> <token> <read> <value>` answers `OK`;
//! a refused operation answers `REFUSED <highest>`.

use std::io::{BufRead, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::Duration;

use super::clock::Epoch;
use super::endpoint::{Endpoint, Stream};
use super::{LabEvent, LabKind, Who};

#[derive(Default)]
struct Counter {
    value: u64,
    highest: Option<u64>,
}

/// The storage thread; it stops when dropped.
pub struct Storage {
    pub endpoint: Endpoint,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Storage {
    pub fn start(
        folder: &Path,
        fencing: bool,
        epoch: Epoch,
        events: Sender<LabEvent>,
    ) -> std::io::Result<Storage> {
        let endpoint = Endpoint::in_folder(folder, "storage.sock")?;
        let listener = endpoint.listen()?;
        listener.set_nonblocking(true)?;
        let stop = Arc::new(AtomicBool::new(false));
        let counter = Arc::new(Mutex::new(Counter::default()));
        let stopping = Arc::clone(&stop);
        let thread = thread::spawn(move || {
            while !stopping.load(Ordering::Relaxed) {
                match listener.accept() {
                    Ok(stream) => {
                        let (counter, events) = (Arc::clone(&counter), events.clone());
                        let epoch = epoch.clone();
                        thread::spawn(move || serve(stream, fencing, &epoch, &counter, &events));
                    }
                    Err(_) => thread::sleep(Duration::from_millis(5)),
                }
            }
        });
        Ok(Storage {
            endpoint,
            stop,
            thread: Some(thread),
        })
    }
}

impl Drop for Storage {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Serves one client's connection until it closes.
fn serve(
    stream: Stream,
    fencing: bool,
    epoch: &Epoch,
    counter: &Mutex<Counter>,
    events: &Sender<LabEvent>,
) {
    let Ok((lines, mut out)) = stream.split() else {
        return;
    };
    for line in lines.lines() {
        let Ok(line) = line else { return };
        let words: Vec<u64> = line
            .split_whitespace()
            .skip(1)
            .filter_map(|w| w.parse().ok())
            .collect();
        // A write carries what it was computed from and the value to store.
        let (client, token, write) = match (line.split_whitespace().next(), words.as_slice()) {
            (Some("READ"), [client, token]) => (*client, *token, None),
            (Some("WRITE"), [client, token, read, value]) => {
                (*client, *token, Some((*read, *value)))
            }
            _ => {
                let _ = writeln!(out, "ERR unknown request");
                continue;
            }
        };
        let mut c = counter.lock().unwrap_or_else(|e| e.into_inner());
        let refused = fencing && c.highest.is_some_and(|h| token < h);
        let answer = match (refused, write) {
            (true, _) => format!("REFUSED {}", c.highest.unwrap_or(0)),
            (false, Some((_, value))) => {
                c.value = value;
                "OK".to_owned()
            }
            (false, None) => format!("OK {}", c.value),
        };
        if !refused {
            c.highest = c.highest.max(Some(token));
        }
        let (read, value) = match write {
            Some((read, value)) => (Some(read), value),
            None => (None, c.value),
        };
        let kind = LabKind::Storage {
            client: u8::try_from(client).unwrap_or(u8::MAX),
            token,
            read,
            value,
            accepted: !refused,
            highest: c.highest,
        };
        // Recorded while the counter is held, so that the events of two
        // operations are in the order storage took them.
        let at_us = epoch.since_us();
        let _ = events.send(LabEvent {
            at_us,
            who: Who::Storage,
            kind,
        });
        drop(c);
        if writeln!(out, "{answer}").is_err() {
            return;
        }
    }
}
