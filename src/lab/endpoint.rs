//! Where a lab run's server and storage listen: a Unix socket in the
//! run's folder, or, where that path is too long for a socket (a long
//! `TMPDIR`), a free port on 127.0.0.1. Nothing listens beyond loopback.

use std::fmt;
use std::io::{self, BufRead, BufReader, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// The longest socket path Linux takes (`sun_path` holds 108 bytes, the
/// last a NUL), with a margin.
const MAX_SOCKET_PATH: usize = 100;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Endpoint {
    Unix(PathBuf),
    Loopback(u16),
}

impl Endpoint {
    /// `name` in `folder` where the path fits a socket, else a free
    /// loopback port.
    pub fn in_folder(folder: &Path, name: &str) -> io::Result<Endpoint> {
        let path = folder.join(name);
        if path.as_os_str().len() <= MAX_SOCKET_PATH {
            return Ok(Endpoint::Unix(path));
        }
        let free = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?.local_addr()?;
        Ok(Endpoint::Loopback(free.port()))
    }

    /// The address the `redis` crate connects to.
    pub fn redis_url(&self) -> String {
        match self {
            Endpoint::Unix(path) => format!("unix://{}", path.display()),
            Endpoint::Loopback(port) => format!("redis://127.0.0.1:{port}"),
        }
    }

    pub fn listen(&self) -> io::Result<Listener> {
        Ok(match self {
            Endpoint::Unix(path) => Listener::Unix(UnixListener::bind(path)?),
            Endpoint::Loopback(port) => {
                Listener::Loopback(TcpListener::bind((Ipv4Addr::LOCALHOST, *port))?)
            }
        })
    }

    pub fn connect(&self) -> io::Result<Stream> {
        Ok(match self {
            Endpoint::Unix(path) => Stream::Unix(UnixStream::connect(path)?),
            Endpoint::Loopback(port) => {
                let stream = TcpStream::connect(SocketAddr::from((Ipv4Addr::LOCALHOST, *port)))?;
                stream.set_nodelay(true)?;
                Stream::Loopback(stream)
            }
        })
    }
}

/// `unix:/path` or `tcp:127.0.0.1:PORT`, as a client process is told.
impl fmt::Display for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Endpoint::Unix(path) => write!(f, "unix:{}", path.display()),
            Endpoint::Loopback(port) => write!(f, "tcp:127.0.0.1:{port}"),
        }
    }
}

impl FromStr for Endpoint {
    type Err = String;

    fn from_str(s: &str) -> Result<Endpoint, String> {
        if let Some(path) = s.strip_prefix("unix:") {
            return Ok(Endpoint::Unix(PathBuf::from(path)));
        }
        s.strip_prefix("tcp:127.0.0.1:")
            .and_then(|port| port.parse().ok())
            .map(Endpoint::Loopback)
            .ok_or_else(|| format!("`{s}` is neither unix:PATH nor tcp:127.0.0.1:PORT"))
    }
}

pub enum Listener {
    Unix(UnixListener),
    Loopback(TcpListener),
}

impl Listener {
    pub fn set_nonblocking(&self, on: bool) -> io::Result<()> {
        match self {
            Listener::Unix(l) => l.set_nonblocking(on),
            Listener::Loopback(l) => l.set_nonblocking(on),
        }
    }

    pub fn accept(&self) -> io::Result<Stream> {
        Ok(match self {
            Listener::Unix(l) => {
                let (stream, _) = l.accept()?;
                stream.set_nonblocking(false)?;
                Stream::Unix(stream)
            }
            Listener::Loopback(l) => {
                let (stream, _) = l.accept()?;
                stream.set_nonblocking(false)?;
                stream.set_nodelay(true)?;
                Stream::Loopback(stream)
            }
        })
    }
}

/// A connection either way, read a line at a time.
pub enum Stream {
    Unix(UnixStream),
    Loopback(TcpStream),
}

impl Stream {
    /// The connection as a line reader and a writer.
    pub fn split(self) -> io::Result<(Box<dyn BufRead + Send>, Box<dyn Write + Send>)> {
        Ok(match self {
            Stream::Unix(s) => (Box::new(BufReader::new(s.try_clone()?)), Box::new(s)),
            Stream::Loopback(s) => (Box::new(BufReader::new(s.try_clone()?)), Box::new(s)),
        })
    }
}
