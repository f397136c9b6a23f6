//! Drives the real Relance window end to end, the way a person would.
//!
//! Each [`App`] starts its own Xvfb (unless `DISPLAY` is set), its own
//! `tauri-driver` on a free port fronting `/usr/bin/WebKitWebDriver`, and a
//! WebDriver session that launches `target/debug/relance-desktop` on a fresh
//! temporary data folder (`RELANCE_DATA_DIR`). Dropping the `App` closes the
//! session (which quits the app) and ends the helper processes; when the test
//! is panicking it first saves `<name>-failure.png` and `<name>-failure.html`
//! into `tests/e2e/artifacts/` and keeps the data folder for inspection.
//!
//! The API is blocking (each `App` owns a small tokio runtime) so scenarios
//! read as plain `#[test]` functions, and so teardown in `Drop` can still talk
//! to the driver after a failed assertion.
//!
//! Environment:
//! - `RELANCE_E2E=1` runs the scenarios; otherwise each prints "skipped" and passes.
//! - `RELANCE_E2E_NO_BUILD=1` skips the harness's `cargo build --workspace --all-targets`
//!   (by default it runs once per test binary: a no-op inside `cargo test --workspace`,
//!   see [`BUILD_ARGS`] for why not `-p relance-desktop`).
//!   The harness never rebuilds the UI: run `npm run build` in `ui/` first
//!   (scripts/test.sh does); a warning is printed when `ui/src` is newer than `ui/dist`.
//! - `RELANCE_E2E_APP=/path/to/binary` tests another build (e.g. release).
//! - `DISPLAY` set: use that X server instead of starting Xvfb.
//!
//! Scenarios run one at a time (a process-wide lock): the machine has two
//! cores and each app costs a WebKit process tree.

mod processes;
pub mod steps;

use std::collections::VecDeque;
use std::fmt;
use std::future::Future;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Mutex, MutexGuard, OnceLock};
use std::time::{Duration, Instant, SystemTime};

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::elements::Element;
use fantoccini::error::{CmdError, ErrorStatus};
use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use processes::{DriverSetup, TauriDriver, Xvfb};
use tempfile::TempDir;

/// How long finders and waits try before failing, unless told otherwise.
/// Generous because CI renders in software on two busy cores.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(20);

const POLL: Duration = Duration::from_millis(100);

/// Upper bound for a screenshot and for each step of teardown (page source,
/// closing): a stuck WebDriver call must fail the test, not hang it.
const TEARDOWN_STEP: Duration = Duration::from_secs(15);

/// A harness failure with a message meant for the person reading the test log.
#[derive(Debug)]
pub struct E2eError(String);

impl E2eError {
    fn new(message: impl Into<String>) -> Self {
        Self(message.into())
    }
}

impl fmt::Display for E2eError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for E2eError {}

/// True when `RELANCE_E2E=1`; otherwise prints why the scenario is skipped.
pub fn enabled(scenario: &str) -> bool {
    let on = std::env::var("RELANCE_E2E").is_ok_and(|v| v == "1");
    if !on {
        eprintln!("{scenario}: skipped: set RELANCE_E2E=1 to run the end-to-end tests");
    }
    on
}

/// How to launch the app.
#[derive(Debug, Clone)]
pub struct Options {
    /// `LANG`/`LC_ALL` for the app, which sets the UI language (WebKit derives
    /// `navigator.language` from it). The French UI is the default.
    pub lang: String,
    /// More variables for the app (tauri-driver passes its environment on).
    pub env: Vec<(String, String)>,
}

impl Default for Options {
    fn default() -> Self {
        Self { lang: "fr_FR.UTF-8".into(), env: Vec::new() }
    }
}

/// One running app under test. See the crate documentation.
pub struct App {
    name: String,
    // Field order is drop order: session first (in `Drop::drop`), then the
    // driver, then the display, then the data folder, then the lock.
    client: Option<Client>,
    runtime: tokio::runtime::Runtime,
    driver: TauriDriver,
    _display: Option<Xvfb>,
    data_dir: TempDir,
    /// Where « Exporter » saves without its dialog (`RELANCE_E2E_SAVE_DIR`).
    save_dir: TempDir,
    binary: PathBuf,
    artifacts: PathBuf,
    driver_log: PathBuf,
    _one_at_a_time: MutexGuard<'static, ()>,
}

impl App {
    /// Launches the app with French defaults, or returns `None` (after
    /// printing "skipped") unless `RELANCE_E2E=1`. Panics if it cannot start.
    #[track_caller]
    pub fn launch(name: &str) -> Option<App> {
        Self::launch_with(name, Options::default())
    }

    #[track_caller]
    pub fn launch_with(name: &str, options: Options) -> Option<App> {
        if !enabled(name) {
            return None;
        }
        match Self::try_launch(name, options) {
            Ok(app) => Some(app),
            Err(e) => panic!("{name}: the app could not be launched: {e}"),
        }
    }

    fn try_launch(name: &str, options: Options) -> Result<App, E2eError> {
        static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());
        // A previous scenario's panic poisons the lock; the lock guards nothing
        // but ordering, so carry on.
        let guard = ONE_AT_A_TIME.lock().unwrap_or_else(|poisoned| poisoned.into_inner());

        let binary = app_binary()?;
        let artifacts = workspace_root().join("tests/e2e/artifacts");
        std::fs::create_dir_all(&artifacts)
            .map_err(|e| E2eError::new(format!("cannot create {}: {e}", artifacts.display())))?;
        let driver_log = artifacts.join(format!("{name}-driver.log"));
        let _ = std::fs::remove_file(&driver_log);

        let data_dir = tempfile::Builder::new()
            .prefix(&format!("relance-e2e-{name}-"))
            .tempdir()
            .map_err(|e| E2eError::new(format!("cannot create a temp data folder: {e}")))?;

        let save_dir = tempfile::Builder::new()
            .prefix(&format!("relance-e2e-{name}-saved-"))
            .tempdir()
            .map_err(|e| E2eError::new(format!("cannot create a temp folder for exports: {e}")))?;

        let display = match std::env::var("DISPLAY") {
            Ok(d) if !d.is_empty() => None,
            _ => Some(Xvfb::start(&artifacts.join(format!("{name}-xvfb.log")))?),
        };
        let display_name = match &display {
            Some(x) => x.display.clone(),
            None => std::env::var("DISPLAY").unwrap_or_default(),
        };

        let mut env = vec![
            ("RELANCE_DATA_DIR".to_owned(), data_dir.path().display().to_string()),
            ("LANG".to_owned(), options.lang.clone()),
            ("LC_ALL".to_owned(), options.lang.clone()),
            ("LANGUAGE".to_owned(), language_of(&options.lang)),
            // Keep GTK from looking for an accessibility bus that is not there.
            ("NO_AT_BRIDGE".to_owned(), "1".to_owned()),
            // Documents are written, never shown in a PDF viewer (src-tauri/src/documents.rs).
            ("RELANCE_NO_OPEN".to_owned(), "1".to_owned()),
            // Exports are saved here under their default name, with no save dialog
            // (src-tauri/src/commands/export.rs).
            ("RELANCE_E2E_SAVE_DIR".to_owned(), save_dir.path().display().to_string()),
        ];
        env.extend(options.env);

        let driver = TauriDriver::start(DriverSetup { display: &display_name, env: &env, log: &driver_log })?;

        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .map_err(|e| E2eError::new(format!("cannot start a tokio runtime: {e}")))?;

        let mut app = App {
            name: name.to_owned(),
            client: None,
            runtime,
            driver,
            _display: display,
            data_dir,
            save_dir,
            binary,
            artifacts,
            driver_log,
            _one_at_a_time: guard,
        };
        app.open_session()?;
        Ok(app)
    }

    fn open_session(&mut self) -> Result<(), E2eError> {
        let mut capabilities = serde_json::Map::new();
        capabilities.insert("tauri:options".to_owned(), serde_json::json!({ "application": self.binary }));
        let url = self.driver.url.clone();
        let started = Instant::now();
        let client = self.runtime.block_on(async {
            ClientBuilder::new(HttpConnector::new()).capabilities(capabilities).connect(&url).await
        });
        match client {
            Ok(client) => {
                eprintln!(
                    "{}: app launched in {:.2} s (data folder {})",
                    self.name,
                    started.elapsed().as_secs_f64(),
                    self.data_dir.path().display()
                );
                self.client = Some(client);
                Ok(())
            }
            Err(e) => Err(E2eError::new(format!(
                "new WebDriver session failed: {e}\n--- last lines of {} ---\n{}",
                self.driver_log.display(),
                tail(&self.driver_log, 40)
            ))),
        }
    }

    fn close_session(&mut self) {
        if let Some(client) = self.client.take() {
            match self.block_on_at_most(TEARDOWN_STEP, client.close()) {
                Some(Ok(())) => {}
                Some(Err(e)) => eprintln!("{}: closing the session failed: {e}", self.name),
                None => eprintln!("{}: closing the session timed out", self.name),
            }
        }
    }

    /// Like [`App::block_on`] but gives up after `limit`: teardown must never hang.
    fn block_on_at_most<F: Future>(&self, limit: Duration, future: F) -> Option<F::Output> {
        // The timer must be created inside the runtime, hence the async block.
        self.runtime.block_on(async { tokio::time::timeout(limit, future).await }).ok()
    }

    /// Quits the app and starts it again on the same data folder.
    #[track_caller]
    pub fn restart(&mut self) {
        self.close_session();
        if !self.driver.is_running() {
            panic!("{}: tauri-driver died; see {}", self.name, self.driver_log.display());
        }
        if let Err(e) = self.open_session() {
            panic!("{}: restart failed: {e}", self.name);
        }
    }

    /// Quits the app, runs `between` on its data folder while the app is not running (to delete it,
    /// as when a laptop is replaced), then starts the app again on that folder.
    #[track_caller]
    pub fn restart_with(&mut self, between: impl FnOnce(&Path)) {
        self.close_session();
        // Let the app finish closing its database before the folder is touched.
        std::thread::sleep(Duration::from_secs(1));
        between(self.data_dir.path());
        if !self.driver.is_running() {
            panic!("{}: tauri-driver died; see {}", self.name, self.driver_log.display());
        }
        if let Err(e) = self.open_session() {
            panic!("{}: restart failed: {e}", self.name);
        }
    }

    /// The folder the app stores its database in (kept after a failure).
    pub fn data_dir(&self) -> &Path {
        self.data_dir.path()
    }

    /// The folder « Exporter » saves into in tests, instead of asking with the save dialog.
    pub fn save_dir(&self) -> &Path {
        self.save_dir.path()
    }

    /// The WebDriver client, for what the helpers below do not cover.
    pub fn client(&self) -> &Client {
        match &self.client {
            Some(c) => c,
            None => panic!("{}: no open session", self.name),
        }
    }

    /// Runs a fantoccini future to completion (pairs with [`App::client`]).
    pub fn block_on<F: Future>(&self, future: F) -> F::Output {
        self.runtime.block_on(future)
    }

    /// Waits up to [`DEFAULT_TIMEOUT`] for `[data-testid="<testid>"]`.
    #[track_caller]
    pub fn find(&self, testid: &str) -> Element {
        let found = self.block_on(
            self.client().wait().at_most(DEFAULT_TIMEOUT).every(POLL).for_element(by_testid(testid).as_locator()),
        );
        match found {
            Ok(element) => element,
            Err(e) => {
                panic!("{}: no element data-testid={testid:?} after {DEFAULT_TIMEOUT:?}: {}", self.name, describe(&e))
            }
        }
    }

    /// Whether the element is on the page right now (no waiting).
    #[track_caller]
    pub fn exists(&self, testid: &str) -> bool {
        match self.block_on(self.client().find_all(by_testid(testid).as_locator())) {
            Ok(found) => !found.is_empty(),
            Err(e) => panic!("{}: looking for {testid:?} failed: {}", self.name, describe(&e)),
        }
    }

    #[track_caller]
    pub fn click(&self, testid: &str) {
        self.with_element(testid, "clicking", |element| async move {
            match element.click().await {
                // WebKitWebDriver cannot compute the box of a table row and
                // refuses to click a <tr>; click its first cell, as a person
                // would (the event bubbles to the row's handler).
                Err(CmdError::Standard(wd)) if matches!(wd.error, ErrorStatus::ElementNotInteractable) => {
                    element.find(Locator::Css(":scope > *")).await?.click().await
                }
                other => other,
            }
        });
    }

    /// Replaces the content of an input with `text`.
    #[track_caller]
    pub fn type_into(&self, testid: &str, text: &str) {
        self.with_element(testid, "typing into", |element| async move {
            element.clear().await?;
            element.send_keys(text).await
        });
    }

    /// The element's rendered text.
    #[track_caller]
    pub fn text_of(&self, testid: &str) -> String {
        self.with_element(testid, "reading the text of", |element| async move { element.text().await })
    }

    /// Finds the element and acts on it. React may replace the node between
    /// the find and the action (a re-render after data arrives), so a stale or
    /// not-yet-interactable element is looked up again until the timeout.
    #[track_caller]
    fn with_element<T, F, Fut>(&self, testid: &str, what: &str, act: F) -> T
    where
        F: Fn(Element) -> Fut,
        Fut: Future<Output = Result<T, CmdError>>,
    {
        let deadline = Instant::now() + DEFAULT_TIMEOUT;
        loop {
            let element = self.find(testid);
            match self.block_on(act(element)) {
                Ok(value) => return value,
                Err(e) if is_transient(&e) && Instant::now() < deadline => std::thread::sleep(POLL),
                Err(e) => panic!("{}: {what} {testid:?} failed: {}", self.name, describe(&e)),
            }
        }
    }

    /// Polls until the element exists and its text satisfies `accept`;
    /// returns that text. Panics with the last text seen after `timeout`.
    #[track_caller]
    pub fn wait_for_text(&self, testid: &str, accept: impl Fn(&str) -> bool, timeout: Duration) -> String {
        let deadline = Instant::now() + timeout;
        let mut last = None;
        loop {
            let seen = self.block_on(async {
                let element = self.client().find(by_testid(testid).as_locator()).await.ok()?;
                element.text().await.ok()
            });
            if let Some(text) = &seen {
                if accept(text) {
                    return text.clone();
                }
            }
            last = seen.or(last);
            if Instant::now() >= deadline {
                panic!(
                    "{}: {testid:?} did not show the expected text within {timeout:?}; last text: {last:?}",
                    self.name
                );
            }
            std::thread::sleep(POLL);
        }
    }

    /// Presses Alt+`key` on the focused page (e.g. '2' for the second screen).
    #[track_caller]
    pub fn press_alt(&self, key: char) {
        let alt: char = Key::Alt.into();
        let keys = KeyActions::new("keyboard".into())
            .then(KeyAction::Down { value: alt })
            .then(KeyAction::Down { value: key })
            .then(KeyAction::Up { value: key })
            .then(KeyAction::Up { value: alt });
        if let Err(e) = self.block_on(self.client().perform_actions(keys)) {
            panic!("{}: pressing Alt+{key} failed: {}", self.name, describe(&e));
        }
    }

    /// Saves a PNG of the window to `tests/e2e/artifacts/<name>.png`.
    #[track_caller]
    pub fn screenshot(&self, name: &str) -> PathBuf {
        match self.try_screenshot(name) {
            Ok(path) => path,
            Err(e) => panic!("{}: {e}", self.name),
        }
    }

    fn try_screenshot(&self, name: &str) -> Result<PathBuf, E2eError> {
        let png = self
            .block_on_at_most(TEARDOWN_STEP, self.client().screenshot())
            .ok_or_else(|| E2eError::new(format!("screenshot timed out after {TEARDOWN_STEP:?}")))?
            .map_err(|e| E2eError::new(format!("screenshot failed: {}", describe(&e))))?;
        let path = self.artifacts.join(format!("{name}.png"));
        std::fs::write(&path, png).map_err(|e| E2eError::new(format!("cannot write {}: {e}", path.display())))?;
        eprintln!("{}: screenshot {}", self.name, path.display());
        Ok(path)
    }

    /// On a failing test: what the window showed, its DOM, and the data folder.
    fn save_failure_evidence(&mut self) {
        let name = format!("{}-failure", self.name);
        if let Some(client) = &self.client {
            if let Err(e) = self.try_screenshot(&name) {
                eprintln!("{}: {e}", self.name);
            }
            if let Some(Ok(html)) = self.block_on_at_most(TEARDOWN_STEP, client.source()) {
                let path = self.artifacts.join(format!("{name}.html"));
                if std::fs::write(&path, html).is_ok() {
                    eprintln!("{}: page source {}", self.name, path.display());
                }
            }
        }
        self.data_dir.disable_cleanup(true);
        eprintln!("{}: data folder kept at {}", self.name, self.data_dir.path().display());
        eprintln!("{}: driver log {}", self.name, self.driver_log.display());
    }
}

impl Drop for App {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.save_failure_evidence();
        }
        self.close_session();
        // The driver, display and data folder are ended by their own Drop.
    }
}

/// Errors that mean "the page was changing; look again".
fn is_transient(error: &CmdError) -> bool {
    matches!(
        error,
        CmdError::Standard(wd) if matches!(
            wd.error,
            ErrorStatus::StaleElementReference
                | ErrorStatus::ElementNotInteractable
                | ErrorStatus::ElementClickIntercepted
                | ErrorStatus::NoSuchElement
        )
    )
}

/// WebKitWebDriver often sends an empty message: name the error kind too.
fn describe(error: &CmdError) -> String {
    match error {
        CmdError::Standard(wd) => format!("{:?}: {}", wd.error, wd.message),
        other => other.to_string(),
    }
}

struct TestId(String);

impl TestId {
    fn as_locator(&self) -> Locator<'_> {
        Locator::Css(&self.0)
    }
}

fn by_testid(testid: &str) -> TestId {
    TestId(format!("[data-testid=\"{testid}\"]"))
}

/// "fr_FR.UTF-8" → "fr_FR:fr", the form `LANGUAGE` expects.
fn language_of(lang: &str) -> String {
    let base = lang.split('.').next().unwrap_or(lang);
    let short = base.split('_').next().unwrap_or(base);
    format!("{base}:{short}")
}

fn tail(path: &Path, lines: usize) -> String {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let mut last: VecDeque<&str> = VecDeque::with_capacity(lines);
    for line in text.lines() {
        if last.len() == lines {
            last.pop_front();
        }
        last.push_back(line);
    }
    last.into_iter().collect::<Vec<_>>().join("\n")
}

/// The repository root (this crate lives in `tests/e2e`).
pub fn workspace_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.ancestors().nth(2).unwrap_or(manifest).to_path_buf()
}

/// The debug app binary, built (once per test process) unless told not to.
fn app_binary() -> Result<PathBuf, E2eError> {
    if let Some(path) = std::env::var_os("RELANCE_E2E_APP") {
        let path = PathBuf::from(path);
        return if path.is_file() {
            Ok(std::path::absolute(&path).unwrap_or(path))
        } else {
            Err(E2eError::new(format!("RELANCE_E2E_APP={} is not a file", path.display())))
        };
    }
    static BUILT: OnceLock<Result<(), String>> = OnceLock::new();
    let root = workspace_root();
    if std::env::var("RELANCE_E2E_NO_BUILD").is_ok_and(|v| v == "1") {
        warn_if_ui_stale(&root);
    } else {
        BUILT.get_or_init(|| build_app(&root)).clone().map_err(E2eError::new)?;
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .map(|t| if t.is_relative() { root.join(t) } else { t })
        .unwrap_or_else(|| root.join("target"));
    let binary = target.join("debug").join("relance-desktop");
    if binary.is_file() {
        Ok(binary)
    } else {
        Err(E2eError::new(format!(
            "{} is missing: run `npm run build` in ui/ then `cargo build --workspace --all-targets`",
            binary.display()
        )))
    }
}

/// The build command shared by the harness and scripts/test.sh.
///
/// Not `cargo build -p relance-desktop`: Cargo unifies dependency features
/// over the packages it is asked to build, so `-p relance-desktop` and
/// `cargo test --workspace` compile the whole Tauri stack twice, with
/// different features. `--workspace --all-targets` resolves exactly like
/// `cargo test --workspace`, so inside that run this build is a no-op and the
/// app binary is the one built with the tests' artifacts.
pub const BUILD_ARGS: [&str; 3] = ["build", "--workspace", "--all-targets"];

fn build_app(root: &Path) -> Result<(), String> {
    warn_if_ui_stale(root);
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let shown = format!("cargo {}", BUILD_ARGS.join(" "));
    eprintln!("e2e: {shown} (set RELANCE_E2E_NO_BUILD=1 to skip)");
    let status = Command::new(cargo)
        .args(BUILD_ARGS)
        .current_dir(root)
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{shown}` failed ({status})"))
    }
}

/// The app embeds ui/dist at compile time; an old dist means testing an old UI.
fn warn_if_ui_stale(root: &Path) {
    let built = modified(&root.join("ui/dist/index.html"));
    let newest_source = newest_modified(&root.join("ui/src")).max(modified(&root.join("ui/index.html")));
    match (built, newest_source) {
        (None, _) => eprintln!("e2e: WARNING: ui/dist is missing: run `npm run build` in ui/"),
        (Some(built), Some(source)) if source > built => {
            eprintln!("e2e: WARNING: ui/src is newer than ui/dist: run `npm run build` in ui/")
        }
        _ => {}
    }
}

fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

fn newest_modified(dir: &Path) -> Option<SystemTime> {
    let entries = std::fs::read_dir(dir).ok()?;
    entries
        .flatten()
        .filter_map(|entry| {
            let path = entry.path();
            if path.is_dir() {
                newest_modified(&path)
            } else {
                modified(&path)
            }
        })
        .max()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_of_locale() {
        assert_eq!(language_of("fr_FR.UTF-8"), "fr_FR:fr");
        assert_eq!(language_of("en_GB.UTF-8"), "en_GB:en");
        assert_eq!(language_of("C"), "C:C");
    }

    #[test]
    fn tail_keeps_the_last_lines() {
        let dir = tempfile::tempdir().expect("temp dir");
        let log = dir.path().join("log");
        std::fs::write(&log, "a\nb\nc\n").expect("write");
        assert_eq!(tail(&log, 2), "b\nc");
        assert_eq!(tail(&dir.path().join("missing"), 2), "");
    }

    #[test]
    fn workspace_root_holds_the_workspace_manifest() {
        assert!(workspace_root().join("Cargo.toml").is_file());
        assert!(workspace_root().join("src-tauri").is_dir());
    }
}
