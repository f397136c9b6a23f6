//! The helper processes a session needs: an X server and tauri-driver.
//! Each runs in its own process group so that teardown also ends what it
//! spawned (WebKitWebDriver, the app, WebKit's helper processes).

use std::fs::File;
use std::net::{Ipv4Addr, SocketAddrV4, TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::E2eError;

/// A child process group, ended on drop.
pub(crate) struct Group {
    name: &'static str,
    child: Child,
}

impl Group {
    fn spawn(name: &'static str, command: &mut Command) -> Result<Self, E2eError> {
        let child = command
            .process_group(0)
            .stdin(Stdio::null())
            .spawn()
            .map_err(|e| E2eError::new(format!("cannot start {name} ({command:?}): {e}")))?;
        Ok(Self { name, child })
    }

    fn has_exited(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(Some(_)))
    }

    /// SIGTERM to the whole group, then SIGKILL if it lingers.
    fn stop(&mut self) {
        if self.has_exited() {
            return;
        }
        let group = format!("-{}", self.child.id());
        signal("TERM", &group);
        let deadline = Instant::now() + Duration::from_secs(3);
        while Instant::now() < deadline {
            if self.has_exited() {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        // Also reaps members that ignored TERM even if the leader is gone.
        signal("KILL", &group);
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Group {
    fn drop(&mut self) {
        self.stop();
    }
}

impl std::fmt::Debug for Group {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} (pid {})", self.name, self.child.id())
    }
}

/// `kill` from procps, so the harness needs no `unsafe` libc call.
fn signal(sig: &str, target: &str) {
    let _ = Command::new("kill")
        .args([&format!("-{sig}"), "--", target])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
}

/// An Xvfb server on the first free display from :99 up.
pub(crate) struct Xvfb {
    pub(crate) display: String,
    _group: Group,
}

impl Xvfb {
    pub(crate) fn start(log: &Path) -> Result<Self, E2eError> {
        for number in 99..140u32 {
            let socket = PathBuf::from(format!("/tmp/.X11-unix/X{number}"));
            let lock = PathBuf::from(format!("/tmp/.X{number}-lock"));
            if socket.exists() || lock.exists() {
                continue;
            }
            let display = format!(":{number}");
            let mut group = Group::spawn(
                "Xvfb",
                Command::new("Xvfb")
                    .args([&display, "-screen", "0", "1280x800x24", "-nolisten", "tcp"])
                    .stdout(log_file(log)?)
                    .stderr(log_file(log)?),
            )?;
            let deadline = Instant::now() + Duration::from_secs(10);
            while Instant::now() < deadline {
                if socket.exists() {
                    return Ok(Self { display, _group: group });
                }
                if group.has_exited() {
                    break; // lost a race for this display; try the next one
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            group.stop();
        }
        Err(E2eError::new(format!(
            "Xvfb did not start on any display :99..:139 (see {}); is the xvfb package installed?",
            log.display()
        )))
    }
}

/// tauri-driver, listening on a free local port, fronting WebKitWebDriver.
pub(crate) struct TauriDriver {
    pub(crate) url: String,
    group: Group,
}

pub(crate) struct DriverSetup<'a> {
    pub(crate) display: &'a str,
    pub(crate) env: &'a [(String, String)],
    pub(crate) log: &'a Path,
}

impl TauriDriver {
    pub(crate) fn start(setup: DriverSetup<'_>) -> Result<Self, E2eError> {
        let driver = find_program("tauri-driver", &[cargo_bin("tauri-driver")])
            .ok_or_else(|| E2eError::new("tauri-driver not found: run `cargo install tauri-driver --locked`"))?;
        let native = find_program("WebKitWebDriver", &[PathBuf::from("/usr/bin/WebKitWebDriver")])
            .ok_or_else(|| E2eError::new("WebKitWebDriver not found: `apt-get install webkit2gtk-driver`"))?;
        let port = free_port()?;
        // tauri-driver's own WebKitWebDriver port defaults to 4445: pick one too,
        // so a stray driver from another run cannot collide with ours.
        let native_port = free_port()?;
        let mut command = Command::new(driver);
        command
            .arg("--port")
            .arg(port.to_string())
            .arg("--native-port")
            .arg(native_port.to_string())
            .arg("--native-driver")
            .arg(native)
            .env("DISPLAY", setup.display)
            // Common desktop workarounds that make WebKitWebDriver's screenshot
            // hang forever (seen with WebKitGTK 2.4x under Xvfb).
            .env_remove("WEBKIT_DISABLE_COMPOSITING_MODE")
            .env_remove("WEBKIT_DISABLE_DMABUF_RENDERER")
            .envs(setup.env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            .stdout(log_file(setup.log)?)
            .stderr(log_file(setup.log)?);
        let mut group = Group::spawn("tauri-driver", &mut command)?;

        // tauri-driver listens at once but forwards to WebKitWebDriver, which
        // takes a moment longer: a session asked for before both listen fails.
        let address = SocketAddrV4::new(Ipv4Addr::LOCALHOST, port);
        let native_address = SocketAddrV4::new(Ipv4Addr::LOCALHOST, native_port);
        let listening = |a: SocketAddrV4| TcpStream::connect_timeout(&a.into(), Duration::from_millis(200)).is_ok();
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if listening(address) && listening(native_address) {
                return Ok(Self { url: format!("http://{address}"), group });
            }
            if group.has_exited() {
                return Err(E2eError::new(format!("tauri-driver exited at start; see {}", setup.log.display())));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        group.stop();
        Err(E2eError::new(format!(
            "tauri-driver ({address}) and WebKitWebDriver ({native_address}) were not both listening within 20 s; see {}",
            setup.log.display()
        )))
    }

    pub(crate) fn is_running(&mut self) -> bool {
        !self.group.has_exited()
    }
}

/// The OS picks a free port; we release it and hand it to the child. A tiny
/// race, acceptable because the e2e tests run one at a time.
fn free_port() -> Result<u16, E2eError> {
    let listener =
        TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).map_err(|e| E2eError::new(format!("no free local port: {e}")))?;
    listener.local_addr().map(|a| a.port()).map_err(|e| E2eError::new(format!("no free local port: {e}")))
}

fn log_file(path: &Path) -> Result<File, E2eError> {
    File::options()
        .create(true)
        .append(true)
        .open(path)
        .map_err(|e| E2eError::new(format!("cannot open log {}: {e}", path.display())))
}

fn cargo_bin(name: &str) -> PathBuf {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .unwrap_or_default();
    home.join("bin").join(name)
}

/// `name` on PATH, else the first existing fallback.
pub(crate) fn find_program(name: &str, fallbacks: &[PathBuf]) -> Option<PathBuf> {
    let on_path = std::env::var_os("PATH")
        .map(|paths| std::env::split_paths(&paths).map(|dir| dir.join(name)).collect::<Vec<_>>())
        .unwrap_or_default();
    on_path.into_iter().chain(fallbacks.iter().cloned()).find(|p| p.is_file())
}
