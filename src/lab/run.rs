//! One lab run: a private `redis-server`, the storage thread, a child
//! process per client, a listener for Redis's expiry notifications and a
//! timer for scripted pauses, all reporting to one channel of events.
//! What arrives is written to the trace file at once, so that a run that
//! ends badly keeps what it recorded.

use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{channel, Receiver, Sender};
use std::thread;
use std::time::Duration;

use super::client::{GO, READY};
use super::clock::Epoch;
use super::error::LabError;
use super::expiries::listen_for_expiries;
use super::plan::LabPlan;
use super::server::{die_with_parent, RedisServer};
use super::storage::Storage;
use super::{write_event, write_setup, LabEvent, LabKind, LabSetup, PauseAt, Who};
use crate::app::LabControl;

/// How long a client process may take to connect.
const CLIENT_START_WITHIN: Duration = Duration::from_secs(10);

pub struct LabRun {
    // Dropped in this order: clients first, then storage, then the server.
    clients: Vec<Child>,
    storage: Storage,
    server: RedisServer,
    epoch: Epoch,
    until_us: Option<u64>,
    setup: LabSetup,
    sender: Sender<LabEvent>,
    events: Receiver<LabEvent>,
    out: BufWriter<File>,
    trace: PathBuf,
    /// Whether the trace file could not be written any more.
    write_failed: Option<String>,
    /// When the run ended: what happens after it is not part of it.
    ended_at: Option<u64>,
}

impl LabRun {
    /// Starts everything; nothing is left running if any part fails.
    pub fn start(plan: &LabPlan) -> Result<LabRun, LabError> {
        let server = RedisServer::start(&plan.redis_server)?;
        let unwritable = |source| LabError::Trace {
            path: plan.trace.clone(),
            source,
        };
        let file = File::create(&plan.trace).map_err(unwritable)?;
        let setup = LabSetup {
            lab: "redis-lock".into(),
            mode: plan.mode,
            clients: plan.clients,
            ttl_ms: plan.ttl_ms,
            work_ms: plan.work_ms,
            redis: server.version.clone(),
        };
        let mut out = BufWriter::new(file);
        write_setup(&mut out, &setup)
            .and_then(|()| out.flush())
            .map_err(unwritable)?;
        let (sender, events) = channel();
        let epoch = Epoch::default();
        listen_for_expiries(&server.url(), epoch.clone(), sender.clone())?;
        let storage = Storage::start(
            server.folder(),
            plan.mode.fencing(),
            epoch.clone(),
            sender.clone(),
        )?;
        let mut run = LabRun {
            clients: Vec::new(),
            storage,
            server,
            epoch,
            until_us: plan.seconds.map(|s| (s * 1e6) as u64),
            setup,
            sender,
            events,
            out,
            trace: plan.trace.clone(),
            write_failed: None,
            ended_at: None,
        };
        let (ready, readies) = channel();
        let mut inputs = Vec::new();
        for n in 1..=plan.clients {
            let mut child = run.spawn_client(plan, n, ready.clone())?;
            inputs.extend(child.stdin.take());
            run.clients.push(child);
        }
        run.wait_until_ready(&readies)?;
        let go = format!("{GO}{}", run.epoch.start());
        for mut input in inputs {
            writeln!(input, "{go}")?;
        }
        run.schedule(&plan.pauses);
        Ok(run)
    }

    pub fn setup(&self) -> &LabSetup {
        &self.setup
    }

    pub fn server(&self) -> &RedisServer {
        &self.server
    }

    pub fn trace_file(&self) -> &Path {
        &self.trace
    }

    /// Why the trace could not be written to the end, if it could not.
    pub fn write_failed(&self) -> Option<&str> {
        self.write_failed.as_deref()
    }

    /// Waits until every client is connected to Redis and storage; a
    /// client that ends first, or takes too long, is an error naming why.
    fn wait_until_ready(&mut self, readies: &Receiver<u8>) -> Result<(), LabError> {
        let since = std::time::Instant::now();
        let mut ready = 0;
        while ready < self.clients.len() {
            if readies.recv_timeout(Duration::from_millis(50)).is_ok() {
                ready += 1;
                continue;
            }
            let ended = (1..=self.clients.len())
                .find(|&n| matches!(self.clients[n - 1].try_wait(), Ok(Some(_))));
            let why = match ended {
                Some(n) => format!("C{n} ended: {}", self.client_log(n)),
                None if since.elapsed() > CLIENT_START_WITHIN => format!(
                    "a client did not connect within {} s",
                    CLIENT_START_WITHIN.as_secs()
                ),
                None => continue,
            };
            return Err(LabError::Start(why));
        }
        Ok(())
    }

    /// The last line client `n` wrote to its log, if any.
    fn client_log(&self, n: usize) -> String {
        let log = self.server.folder().join(format!("client-{n}.log"));
        let text = std::fs::read_to_string(log).unwrap_or_default();
        text.lines().last().unwrap_or("").to_owned()
    }

    fn spawn_client(&self, plan: &LabPlan, n: u8, ready: Sender<u8>) -> Result<Child, LabError> {
        let log = File::create(self.server.folder().join(format!("client-{n}.log")))?;
        let mut command = Command::new(&plan.exe);
        command
            .arg("lab-client")
            .args(["--client", &n.to_string()])
            .args(["--redis", &self.server.url()])
            .args(["--storage", &self.storage.endpoint.to_string()])
            .args(["--mode", plan.mode.name()])
            .args(["--ttl-ms", &plan.ttl_ms.to_string()])
            .args(["--work-ms", &plan.work_ms.to_string()])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(log);
        die_with_parent(&mut command);
        let mut child = command.spawn()?;
        let stdout = child.stdout.take().expect("stdout is piped");
        let sender = self.sender.clone();
        thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if line == READY {
                    let _ = ready.send(n);
                } else if let Ok(event) = serde_json::from_str::<LabEvent>(&line) {
                    // Only the client may speak for itself.
                    if event.who == Who::Client(n) && sender.send(event).is_err() {
                        return;
                    }
                }
            }
        });
        Ok(child)
    }

    /// Starts the timer that pauses and resumes clients as scripted.
    fn schedule(&self, pauses: &[PauseAt]) {
        let mut steps: Vec<(u64, u8, bool)> = pauses
            .iter()
            .filter(|p| usize::from(p.client) <= self.clients.len())
            .flat_map(|p| {
                [
                    (p.at_ms * 1_000, p.client, true),
                    ((p.at_ms + p.for_ms) * 1_000, p.client, false),
                ]
            })
            .collect();
        steps.sort();
        let pids = self.pids();
        let (epoch, sender) = (self.epoch.clone(), self.sender.clone());
        thread::spawn(move || {
            for (at_us, client, stop) in steps {
                let wait = at_us.saturating_sub(epoch.since_us());
                thread::sleep(Duration::from_micros(wait));
                let pid = pids[usize::from(client) - 1];
                if signal(pid, stop).is_err() || send(&sender, &epoch, client, stop).is_err() {
                    return;
                }
            }
        });
    }

    fn pids(&self) -> Vec<i32> {
        self.clients
            .iter()
            .map(|c| i32::try_from(c.id()).unwrap_or(0))
            .collect()
    }

    fn record(&mut self, event: &LabEvent) {
        if self.write_failed.is_some() {
            return;
        }
        if let Err(e) = write_event(&mut self.out, event) {
            self.write_failed = Some(e.to_string());
        }
    }

    /// Ends the run: the clients are killed and the end is recorded.
    fn end(&mut self) {
        if self.ended_at.is_some() {
            return;
        }
        for child in &mut self.clients {
            let _ = child.kill();
            let _ = child.wait();
        }
        let at_us = self.epoch.since_us();
        self.ended_at = Some(at_us);
        let end = LabEvent {
            at_us,
            who: Who::Lab,
            kind: LabKind::Ended,
        };
        let _ = self.sender.send(end);
    }

    /// Ends the run; the events not yet taken are returned.
    pub fn finish(&mut self) -> Vec<LabEvent> {
        self.end();
        // The clients' readers have seen their pipes close; what they read
        // is in the channel.
        thread::sleep(Duration::from_millis(20));
        self.take_events()
    }

    fn time_is_up(&self) -> bool {
        self.until_us
            .is_some_and(|until| self.epoch.since_us() >= until)
    }
}

fn signal(pid: i32, stop: bool) -> Result<(), ()> {
    let sig = if stop { libc::SIGSTOP } else { libc::SIGCONT };
    // SAFETY: `pid` is a child of this process, not yet waited for.
    match unsafe { libc::kill(pid, sig) } {
        0 => Ok(()),
        _ => Err(()),
    }
}

fn send(sender: &Sender<LabEvent>, epoch: &Epoch, client: u8, stop: bool) -> Result<(), ()> {
    let kind = match stop {
        true => LabKind::Paused { client },
        false => LabKind::Resumed { client },
    };
    let event = LabEvent {
        at_us: epoch.since_us(),
        who: Who::Lab,
        kind,
    };
    sender.send(event).map_err(|_| ())
}

impl LabControl for LabRun {
    fn take_events(&mut self) -> Vec<LabEvent> {
        // A run with a length ends when it is up, whether or not anyone
        // is looking.
        if self.time_is_up() {
            self.end();
        }
        let ended_at = self.ended_at.unwrap_or(u64::MAX);
        let events: Vec<LabEvent> = self
            .events
            .try_iter()
            .filter(|e| e.at_us <= ended_at)
            .collect();
        for event in &events {
            self.record(event);
        }
        if let Err(e) = self.out.flush() {
            self.write_failed.get_or_insert(e.to_string());
        }
        events
    }

    fn now_us(&self) -> u64 {
        let now = self.epoch.since_us();
        self.until_us.map_or(now, |until| now.min(until))
    }

    fn pause(&mut self, client: u8, stop: bool) {
        let Some(pid) = self.pids().get(usize::from(client) - 1).copied() else {
            return;
        };
        if signal(pid, stop).is_ok() {
            let _ = send(&self.sender, &self.epoch, client, stop);
        }
    }

    fn kill(&mut self, client: u8) {
        let Some(child) = self.clients.get_mut(usize::from(client) - 1) else {
            return;
        };
        if child.kill().is_ok() {
            let _ = child.wait();
            let event = LabEvent {
                at_us: self.epoch.since_us(),
                who: Who::Lab,
                kind: LabKind::Killed { client },
            };
            let _ = self.sender.send(event);
        }
    }

    fn running(&self) -> bool {
        self.ended_at.is_none() && !self.time_is_up()
    }
}

impl Drop for LabRun {
    fn drop(&mut self) {
        for child in &mut self.clients {
            let _ = child.kill();
            let _ = child.wait();
        }
        let _ = self.out.flush();
    }
}
