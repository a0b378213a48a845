//! Prism, the OpenAPI mock server, run from our spec (or another, for the
//! wire proof) on a free loopback port for the length of one test.

use std::fs::File;
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::npm_tools::{no_telemetry, tool};

/// A running Prism. Dropping it (also while a failing test unwinds) kills
/// the process; if the test process dies first, the kernel kills Prism
/// (`PR_SET_PDEATHSIG`).
pub struct Prism {
    child: Child,
    addr: SocketAddr,
    log: PathBuf,
    _log_dir: tempfile::TempDir,
}

impl Prism {
    /// Starts `prism mock openapi/tokens.yaml` and waits until it accepts
    /// connections (at most 60 s).
    pub fn start() -> Prism {
        Prism::start_spec(&workspace_files::root().join(workspace_files::TOKENS_SPEC_PATH))
    }

    /// [`Prism::start`] with another spec (the wire proof's: several specs
    /// in one document), waited for until it listens.
    pub fn start_spec(spec: &Path) -> Prism {
        let port = free_port();
        let log_dir = tempfile::tempdir().expect("temp dir for the Prism log");
        let log = log_dir.path().join("prism.log");
        // A file, not a pipe: Prism logs every request, and an unread pipe
        // would fill up and stall it.
        let out = File::create(&log).expect("create the Prism log");
        let mut command = Command::new(tool("prism"));
        command
            .arg("mock")
            .arg(spec)
            .args(["--host", "127.0.0.1", "--port", &port.to_string()])
            .envs(no_telemetry())
            .stdin(Stdio::null())
            .stdout(out.try_clone().expect("clone the log handle"))
            .stderr(out);
        die_with_parent(&mut command);
        let mut prism = Prism {
            child: command.spawn().expect("start Prism"),
            addr: SocketAddr::from((Ipv4Addr::LOCALHOST, port)),
            log,
            _log_dir: log_dir,
        };
        prism.wait_until_listening(Duration::from_secs(60));
        prism
    }

    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// What Prism printed so far: its validation messages explain a failure.
    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    fn wait_until_listening(&mut self, limit: Duration) {
        let start = Instant::now();
        while start.elapsed() < limit {
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("Prism exited ({status}) before listening:\n{}", self.log());
            }
            if TcpStream::connect_timeout(&self.addr, Duration::from_millis(200)).is_ok()
                && self.log().contains("Prism is listening")
            {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!(
            "Prism did not listen on {} within {limit:?}:\n{}",
            self.addr,
            self.log()
        );
    }
}

impl Drop for Prism {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A port that was free a moment ago (Prism takes a port number, not a
/// listening socket).
fn free_port() -> u16 {
    TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .and_then(|l| l.local_addr())
        .expect("bind a free loopback port")
        .port()
}

#[cfg(target_os = "linux")]
fn die_with_parent(command: &mut Command) {
    use std::os::unix::process::CommandExt;
    // SAFETY: prctl is async-signal-safe and touches only the child.
    unsafe {
        command.pre_exec(|| {
            libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
            Ok(())
        });
    }
}

#[cfg(not(target_os = "linux"))]
fn die_with_parent(_: &mut Command) {}
