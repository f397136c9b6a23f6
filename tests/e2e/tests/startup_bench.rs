//! Benchmark, not a test: the app's start-up to its first screen on a
//! database of 10,000 customers and 100,000 invoices. Prints figures and
//! never fails on time. Runs only with RELANCE_E2E=1 and RELANCE_BENCH=1;
//! use a release build for figures worth quoting:
//!
//! ```sh
//! cargo build --release -p relance-desktop -p relance-cli
//! RELANCE_E2E=1 RELANCE_BENCH=1 RELANCE_E2E_APP=$PWD/target/release/relance-desktop \
//!   cargo test -p relance-e2e --test startup_bench -- --nocapture
//! ```

use std::process::Command;
use std::time::{Duration, Instant};

use relance_e2e::steps::cli_binary;
use relance_e2e::App;

#[test]
fn start_up_to_first_screen_at_100k_invoices() {
    if std::env::var("RELANCE_BENCH").map_or(true, |v| v != "1") {
        eprintln!("startup_bench: skipped: set RELANCE_BENCH=1 (with RELANCE_E2E=1) to run this benchmark");
        return;
    }
    let Some(mut app) = App::launch("startup-bench") else { return };
    app.find("welcome");
    // The same measure on the empty file: what quitting the previous window
    // and opening a new one costs before our data counts.
    let empty = median_restart(&mut app, "welcome");

    let fill = Instant::now();
    let status = Command::new(cli_binary())
        .args(["--data-dir"])
        .arg(app.data_dir())
        .args(["demo", "--customers", "10000", "--invoices", "100000", "--seed", "7"])
        .status()
        .expect("the relance CLI runs");
    assert!(status.success(), "the demo fill failed");
    println!("fill 10,000 customers / 100,000 invoices: {:.2} s", fill.elapsed().as_secs_f64());

    let full = median_restart(&mut app, "today-group");
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!("restart to first screen, median of 5 (quit the window, start the app, first screen drawn):");
    println!("  empty file, welcome panel:               {:>6.0} ms", ms(empty));
    println!("  100,000 invoices, first customer card:   {:>6.0} ms", ms(full));
    println!(
        "  difference due to the data:              {:>6.0} ms (target: start-up < 1500 ms)",
        ms(full.saturating_sub(empty))
    );
    app.screenshot("startup-bench-today");
}

/// Median time of 5 restarts until `testid` is on screen.
fn median_restart(app: &mut App, testid: &str) -> Duration {
    let mut runs = Vec::new();
    for _ in 0..5 {
        let started = Instant::now();
        app.restart();
        app.find(testid);
        runs.push(started.elapsed());
    }
    runs.sort();
    runs[2]
}
