//! The app opens, shows its navigation, and the UI reached Rust over IPC.

use std::time::Duration;

use relance_e2e::{App, DEFAULT_TIMEOUT};

#[test]
fn opens_with_navigation_and_version() {
    let Some(app) = App::launch("smoke") else {
        return;
    };

    app.find("nav");
    // Each entry shows its label then its shortcut.
    let today = app.text_of("nav-today");
    assert!(today.starts_with("Aujourd’hui") && today.ends_with("Alt+1"), "nav-today shows {today:?}");
    assert_eq!(app.text_of("screen-title"), "Aujourd’hui");

    // The version comes from the `app_info` command: proof the IPC works under our CSP.
    let version = app.wait_for_text("app-version", |t| t.starts_with("Version "), DEFAULT_TIMEOUT);
    assert_eq!(version, format!("Version {}", env!("CARGO_PKG_VERSION")));
    assert!(!app.exists("app-error"));

    app.screenshot("smoke");
}

#[test]
fn navigates_by_click_and_by_keyboard_and_survives_a_restart() {
    let Some(mut app) = App::launch("navigation") else {
        return;
    };

    app.click("nav-clients");
    app.wait_for_text("screen-title", |t| t == "Clients", Duration::from_secs(5));

    app.press_alt('3');
    app.wait_for_text("screen-title", |t| t == "Factures", Duration::from_secs(5));
    let current = app.block_on(app.find("nav-invoices").attr("aria-current"));
    assert_eq!(current.ok().flatten().as_deref(), Some("page"));

    app.restart();
    app.wait_for_text("screen-title", |t| t == "Aujourd’hui", DEFAULT_TIMEOUT);
    assert!(app.data_dir().is_dir());
}

/// The CSP from tauri.conf.json is in force: injected inline code and inline
/// styles do not run, so a string that ever reached the DOM as markup could
/// not execute either.
#[test]
fn content_security_policy_blocks_inline_code_and_styles() {
    let Some(app) = App::launch("csp") else { return };
    app.find("nav");

    let probe = r#"
        const script = document.createElement("script");
        script.textContent = "window.__inlineRan = true;";
        document.head.appendChild(script);
        const div = document.createElement("div");
        div.setAttribute("style", "width: 123px");
        document.body.appendChild(div);
        const styled = div.getBoundingClientRect().width === 123;
        div.remove();
        return { inlineScript: window.__inlineRan === true, inlineStyle: styled };
    "#;
    let result = app
        .block_on(app.client().execute(probe, vec![]))
        .expect("the probe script runs (WebDriver scripts are not subject to the page's CSP)");
    assert_eq!(
        result,
        serde_json::json!({ "inlineScript": false, "inlineStyle": false }),
        "inline code or styles ran: the CSP is not applied"
    );
}
