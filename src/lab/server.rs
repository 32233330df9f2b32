//! A private `redis-server` for one lab run: listening only on a Unix
//! socket in a folder of its own (or, where the folder's path is too long
//! for a socket, a free port on 127.0.0.1), persistence off, keyspace
//! notifications
//! for expiries on. It is stopped and its folder removed when the handle
//! is dropped (every return, `?` and panic); if distlab itself is killed,
//! the kernel kills the server with it (`PR_SET_PDEATHSIG`), and the next
//! run removes the folder left behind.

use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

use super::endpoint::Endpoint;
use super::error::LabError;

/// How long a server may take to open its socket.
const START_WITHIN: Duration = Duration::from_secs(10);
/// The start of every lab folder's name, followed by the pid that made it.
const FOLDER_PREFIX: &str = "distlab-lab-";

pub struct RedisServer {
    child: Child,
    folder: PathBuf,
    pub endpoint: Endpoint,
    /// What `redis-server --version` said.
    pub version: String,
}

/// The `redis-server` to run: `explicit`, or the one on the PATH.
pub fn find(explicit: Option<&Path>) -> Result<PathBuf, LabError> {
    if let Some(path) = explicit {
        return Ok(path.to_path_buf());
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .map(|dir| dir.join("redis-server"))
        .find(|candidate| {
            candidate
                .metadata()
                .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
        })
        .ok_or(LabError::NotInstalled)
}

/// Makes the child die with its parent: the kernel sends it SIGKILL when
/// distlab ends, however it ends.
pub fn die_with_parent(command: &mut Command) {
    // SAFETY: prctl is async-signal-safe, as a pre_exec closure requires.
    unsafe {
        command.pre_exec(|| {
            libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
            Ok(())
        });
    }
}

fn pid_alive(pid: i32) -> bool {
    // SAFETY: signal 0 only asks whether the process exists.
    unsafe { libc::kill(pid, 0) == 0 }
}

/// Removes the folders of earlier runs whose distlab is gone (killed
/// before it could clean up).
fn remove_stale_folders(temp: &Path) {
    let Ok(entries) = std::fs::read_dir(temp) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name
            .to_str()
            .and_then(|n| n.strip_prefix(FOLDER_PREFIX))
            .and_then(|rest| rest.split('-').next())
            .and_then(|pid| pid.parse::<i32>().ok())
        else {
            continue;
        };
        if !pid_alive(pid) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

fn version(binary: &Path) -> Result<String, LabError> {
    let not_redis = |why: String| LabError::NotRedis {
        path: binary.to_path_buf(),
        why,
    };
    let out = Command::new(binary)
        .arg("--version")
        .stdin(Stdio::null())
        .output()
        .map_err(|e| not_redis(e.to_string()))?;
    let text = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    if !out.status.success() || !text.starts_with("Redis server") {
        return Err(not_redis(format!("it answered {text:?} to --version")));
    }
    Ok(text
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" "))
}

impl RedisServer {
    /// Starts `binary` in a new folder under the system's temporary one.
    pub fn start(binary: &Path) -> Result<RedisServer, LabError> {
        let version = version(binary)?;
        let temp = std::env::temp_dir();
        remove_stale_folders(&temp);
        let folder = tempfile_folder(&temp)?;
        let endpoint = match Endpoint::in_folder(&folder, "redis.sock") {
            Ok(endpoint) => endpoint,
            Err(e) => {
                let _ = std::fs::remove_dir_all(&folder);
                return Err(e.into());
            }
        };
        let mut command = Command::new(binary);
        command.args(["--bind", "127.0.0.1"]);
        match &endpoint {
            Endpoint::Unix(socket) => command
                .args(["--port", "0", "--unixsocket"])
                .arg(socket)
                .args(["--unixsocketperm", "700"]),
            Endpoint::Loopback(port) => command.args(["--port", &port.to_string()]),
        };
        command
            .args(["--save", "", "--appendonly", "no"])
            .args(["--notify-keyspace-events", "Ex", "--daemonize", "no"])
            .arg("--dir")
            .arg(&folder)
            .arg("--logfile")
            .arg(folder.join("redis.log"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        die_with_parent(&mut command);
        let child = match command.spawn() {
            Ok(child) => child,
            Err(e) => {
                let _ = std::fs::remove_dir_all(&folder);
                return Err(LabError::Start(e.to_string()));
            }
        };
        let mut server = RedisServer {
            child,
            folder,
            endpoint,
            version,
        };
        server.wait_until_listening()?;
        Ok(server)
    }

    fn wait_until_listening(&mut self) -> Result<(), LabError> {
        let since = Instant::now();
        loop {
            if self.endpoint.connect().is_ok() {
                return Ok(());
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                let log =
                    std::fs::read_to_string(self.folder.join("redis.log")).unwrap_or_default();
                let last = log.lines().last().unwrap_or("").to_owned();
                return Err(LabError::Start(format!("it exited ({status}): {last}")));
            }
            if since.elapsed() > START_WITHIN {
                return Err(LabError::Start(format!(
                    "nothing listens at {} after {} s",
                    self.endpoint,
                    START_WITHIN.as_secs()
                )));
            }
            sleep(Duration::from_millis(10));
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn folder(&self) -> &Path {
        &self.folder
    }

    /// The address the `redis` crate connects to.
    pub fn url(&self) -> String {
        self.endpoint.redis_url()
    }
}

/// A new folder named after this process, so that a later run can tell
/// whether its owner is gone.
fn tempfile_folder(temp: &Path) -> Result<PathBuf, LabError> {
    for n in 0..1000 {
        let folder = temp.join(format!("{FOLDER_PREFIX}{}-{n}", std::process::id()));
        match std::fs::create_dir(&folder) {
            Ok(()) => {
                std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o700))?;
                return Ok(folder);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e.into()),
        }
    }
    Err(LabError::Start("no free folder name".into()))
}

impl Drop for RedisServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.folder);
    }
}
