//! Sending e-mails through a real SMTP exchange: a scripted SMTP server started by the test on
//! 127.0.0.1 (no TLS: security « aucune »), lettre's real client (`SmtpMailer`), the password in
//! keyring-core's in-memory mock store (never the user's keyring). The received message has the
//! right To and Subject, its PDF attachment reads back with `pdftotext`, and the action is
//! recorded done with a kept copy and a timeline entry, in one transaction; a refused login, an
//! unreachable server or a missing keyring record nothing.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex, Once};

use chrono::NaiveDate;
use mailparse::MailHeaderMap;
use relance_app::demo::{self, DemoOptions};
use relance_app::letters::LetterKind;
use relance_app::mail::{self, MailError, SendError, SmtpForm, SmtpMailer};
use relance_app::secrets::{Keyring, Secret, SecretError, SecretStore};
use relance_app::{collections, Context, FixedClock, LocalContext};
use relance_domain::dunning::Channel;
use relance_domain::ids::CustomerId;
use relance_store::counts::row_counts;
use relance_store::Store;

const DAY: &str = "2026-05-15";

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap_or_default()
}

/// keyring-core's mock store as the default store, once per test process.
fn mock_keyring() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        keyring_core::set_default_store(keyring_core::mock::Store::new().unwrap_or_else(|e| panic!("{e}")))
    });
}

fn demo_at(dir: &tempfile::TempDir) -> LocalContext {
    let store = Store::open(&dir.path().join("relance.sqlite3")).unwrap_or_else(|e| panic!("{e}"));
    let mut ctx = LocalContext::new(store, Box::new(FixedClock(d(DAY))));
    demo::load(&mut ctx, &DemoOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    ctx
}

fn email_customer(ctx: &LocalContext) -> CustomerId {
    let view = collections::agenda(ctx, d(DAY)).unwrap_or_else(|e| panic!("{e}"));
    view.agenda
        .customers
        .iter()
        .find(|c| {
            c.actions.iter().any(|a| a.channel == Channel::Email && !a.lead.is_formal_notice)
                && relance_store::customers::get(ctx.store().conn(), c.customer)
                    .ok()
                    .flatten()
                    .is_some_and(|f| f.data.email.is_some())
        })
        .map(|c| c.customer)
        .unwrap_or_else(|| panic!("an e-mail reminder that day"))
}

fn base64(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(A[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// A scripted SMTP server on 127.0.0.1 for one connection: accepts AUTH PLAIN only for
/// `user`/`password`, keeps what it received. Returns its port and the received DATA.
fn smtp_server(user: &'static str, password: &'static str) -> (u16, Arc<Mutex<Option<Vec<u8>>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap_or_else(|e| panic!("{e}"));
    let port = listener.local_addr().map(|a| a.port()).unwrap_or_default();
    let received = Arc::new(Mutex::new(None));
    let keep = Arc::clone(&received);
    std::thread::spawn(move || {
        let Ok((stream, _)) = listener.accept() else { return };
        let mut out = stream.try_clone().unwrap_or_else(|e| panic!("{e}"));
        let mut input = BufReader::new(stream);
        let good = format!("AUTH PLAIN {}", base64(format!("\0{user}\0{password}").as_bytes()));
        let _ = out.write_all(b"220 test.local ESMTP\r\n");
        let mut line = String::new();
        loop {
            line.clear();
            if input.read_line(&mut line).unwrap_or(0) == 0 {
                return;
            }
            let cmd = line.trim_end().to_string();
            let upper = cmd.to_uppercase();
            let reply: &[u8] = if upper.starts_with("EHLO") {
                b"250-test.local\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME\r\n"
            } else if upper.starts_with("AUTH PLAIN") {
                if cmd == good {
                    b"235 2.7.0 Authentication successful\r\n"
                } else {
                    b"535 5.7.8 Authentication credentials invalid\r\n"
                }
            } else if ["MAIL FROM", "RCPT TO", "RSET", "NOOP"].iter().any(|c| upper.starts_with(c)) {
                b"250 OK\r\n"
            } else if upper == "DATA" {
                let _ = out.write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n");
                let mut data = Vec::new();
                loop {
                    let mut l = Vec::new();
                    if input.read_until(b'\n', &mut l).unwrap_or(0) == 0 {
                        return;
                    }
                    if l == b".\r\n" {
                        break;
                    }
                    // Dot-stuffing undone.
                    data.extend_from_slice(if l.starts_with(b"..") { &l[1..] } else { &l });
                }
                if let Ok(mut k) = keep.lock() {
                    *k = Some(data);
                }
                b"250 2.0.0 Queued\r\n"
            } else if upper.starts_with("QUIT") {
                let _ = out.write_all(b"221 Bye\r\n");
                return;
            } else {
                b"502 Command not implemented\r\n"
            };
            let _ = out.write_all(reply);
        }
    });
    (port, received)
}

fn configure(ctx: &mut LocalContext, port: u16, user: &str, password: &str) {
    let form = SmtpForm {
        server: "127.0.0.1".into(),
        port: port.to_string(),
        security: "none".into(),
        username: user.into(),
        sender: "relances@fournil-distribution.example".into(),
    };
    mail::save_settings(ctx, &form).unwrap_or_else(|e| panic!("{e}"));
    mail::save_password(ctx, &Keyring, &Secret::new(password)).unwrap_or_else(|e| panic!("{e}"));
}

fn pdftotext(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("a.pdf");
    std::fs::write(&path, pdf).unwrap_or_else(|e| panic!("{e}"));
    let out = std::process::Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("pdftotext (poppler-utils) is needed: {e}"));
    String::from_utf8_lossy(&out.stdout).replace('\u{a0}', " ")
}

#[test]
fn a_sent_reminder_reaches_the_server_and_is_recorded_done_with_its_copy_and_timeline_entry() {
    mock_keyring();
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut ctx = demo_at(&dir);
    let customer = email_customer(&ctx);
    let (port, received) = smtp_server("relances", "s3cret pass");
    configure(&mut ctx, port, "relances", "s3cret pass");
    assert!(mail::has_password(&ctx, &Keyring).unwrap_or_else(|e| panic!("{e}")));
    let before = row_counts(ctx.store().conn()).unwrap_or_else(|e| panic!("{e}"));

    let sent = mail::send(&mut ctx, &SmtpMailer, &Keyring, customer, LetterKind::Reminder, d(DAY))
        .unwrap_or_else(|e| panic!("{e}"));

    let data = received.lock().ok().and_then(|r| r.clone()).unwrap_or_else(|| panic!("the server got a message"));
    let mail = mailparse::parse_mail(&data).unwrap_or_else(|e| panic!("{e}"));
    let to = mail.headers.get_first_value("To").unwrap_or_default();
    assert!(to.contains(&sent.to), "{to}");
    assert_eq!(mail.headers.get_first_value("Subject").unwrap_or_default(), sent.subject);
    assert!(sent.subject.starts_with("Relance : facture"));
    assert!(mail.headers.get_first_value("From").unwrap_or_default().contains("relances@fournil-distribution.example"));
    assert_eq!(mail.headers.get_first_value("X-Unsent"), None, "a sent message is not a draft");
    let pdf = mail.subparts[1].get_body_raw().unwrap_or_else(|e| panic!("{e}"));
    let found = relance_store::customers::get(ctx.store().conn(), customer)
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("the customer"));
    assert!(pdftotext(&pdf).contains(&found.data.name), "the attached letter is the customer's");

    // Recorded: the action done (no longer in the agenda), the copy kept with its recipient, the timeline.
    let view = collections::agenda(&ctx, d(DAY)).unwrap_or_else(|e| panic!("{e}"));
    assert!(!view
        .agenda
        .customers
        .iter()
        .any(|c| c.customer == customer && c.actions.iter().any(|a| a.channel == Channel::Email)));
    let (copy, kept_pdf) = relance_app::day_letters::copy(&ctx, sent.copy_id).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(copy.customer, customer);
    assert!(kept_pdf == pdf, "the kept copy is the PDF that was sent");
    assert_eq!(
        relance_store::mail_settings::emailed_to(ctx.store().conn(), sent.copy_id).unwrap_or_else(|e| panic!("{e}")),
        Some(sent.to.clone())
    );
    let timeline =
        relance_store::activity::for_customer(ctx.store().conn(), customer, 50).unwrap_or_else(|e| panic!("{e}"));
    let entry = timeline.iter().find(|a| a.kind == "email_sent").unwrap_or_else(|| panic!("an email_sent entry"));
    assert!(entry.details.contains(&("to".to_string(), sent.to.clone())));
    assert!(timeline
        .iter()
        .any(|a| a.kind == "reminder_done" && a.details.contains(&("channel".to_string(), "email".to_string()))));
    let after = row_counts(ctx.store().conn()).unwrap_or_else(|e| panic!("{e}"));
    assert!(after.activity > before.activity);
    // The password never reaches the database.
    let db = std::fs::read(dir.path().join("relance.sqlite3")).unwrap_or_default();
    assert!(!db.windows(b"s3cret pass".len()).any(|w| w == b"s3cret pass"));

    // Nothing left to send that day.
    match mail::send(&mut ctx, &SmtpMailer, &Keyring, customer, LetterKind::Reminder, d(DAY)) {
        Err(MailError::NoEmailAction) => {}
        other => panic!("expected NoEmailAction, got {:?}", other.map(|s| s.subject)),
    }
}

#[test]
fn a_refused_login_or_an_unreachable_server_records_nothing_and_says_why() {
    mock_keyring();
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut ctx = demo_at(&dir);
    let customer = email_customer(&ctx);
    let (port, received) = smtp_server("relances", "the right one");
    configure(&mut ctx, port, "relances-refused", "a wrong one");
    let before = row_counts(ctx.store().conn()).unwrap_or_else(|e| panic!("{e}"));
    match mail::send(&mut ctx, &SmtpMailer, &Keyring, customer, LetterKind::Reminder, d(DAY)) {
        Err(MailError::Send(SendError::LoginRefused(_))) => {}
        other => panic!("expected LoginRefused, got {:?}", other.map(|s| s.subject)),
    }
    // « Tester la connexion » says the same without sending anything.
    let (port, _) = smtp_server("relances", "the right one");
    configure(&mut ctx, port, "relances", "a wrong one");
    match mail::test_connection(&ctx, &SmtpMailer, &Keyring) {
        Err(MailError::Send(SendError::LoginRefused(_))) => {}
        other => panic!("expected LoginRefused, got {other:?}"),
    }
    let (port, _) = smtp_server("relances", "the right one");
    configure(&mut ctx, port, "relances", "the right one");
    mail::test_connection(&ctx, &SmtpMailer, &Keyring).unwrap_or_else(|e| panic!("the login is accepted: {e}"));
    assert!(received.lock().ok().and_then(|r| r.clone()).is_none(), "no message went through");
    // A closed port: unreachable.
    let closed = TcpListener::bind("127.0.0.1:0").unwrap_or_else(|e| panic!("{e}"));
    let closed_port = closed.local_addr().map(|a| a.port()).unwrap_or_default();
    drop(closed);
    configure(&mut ctx, closed_port, "relances", "x");
    let before_send = row_counts(ctx.store().conn()).unwrap_or_else(|e| panic!("{e}"));
    match mail::send(&mut ctx, &SmtpMailer, &Keyring, customer, LetterKind::Reminder, d(DAY)) {
        Err(MailError::Send(SendError::Unreachable(_))) => {}
        other => panic!("expected Unreachable, got {:?}", other.map(|s| s.subject)),
    }
    assert_eq!(row_counts(ctx.store().conn()).unwrap_or_else(|e| panic!("{e}")), before_send);
    assert!(before.activity < before_send.activity, "only the settings were logged");
    let view = collections::agenda(&ctx, d(DAY)).unwrap_or_else(|e| panic!("{e}"));
    assert!(view.agenda.customers.iter().any(|c| c.customer == customer), "the action is still to do");
}

/// A keyring with no service behind it (as under CI: no Secret Service).
struct NoKeyring;

impl SecretStore for NoKeyring {
    fn set(&self, _: &str, _: &Secret) -> Result<(), SecretError> {
        Err(SecretError::Unavailable("no service".into()))
    }
    fn get(&self, _: &str) -> Result<Option<Secret>, SecretError> {
        Err(SecretError::Unavailable("no service".into()))
    }
    fn delete(&self, _: &str) -> Result<(), SecretError> {
        Err(SecretError::Unavailable("no service".into()))
    }
}

#[test]
fn without_a_keyring_service_the_password_is_not_kept_and_sending_is_refused_while_drafts_work() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut ctx = demo_at(&dir);
    let customer = email_customer(&ctx);
    let form = SmtpForm {
        server: "smtp.example.fr".into(),
        port: "587".into(),
        security: "starttls".into(),
        username: "relances".into(),
        sender: "relances@fournil-distribution.example".into(),
    };
    mail::save_settings(&mut ctx, &form).unwrap_or_else(|e| panic!("{e}"));
    match mail::save_password(&ctx, &NoKeyring, &Secret::new("pw")) {
        Err(MailError::Secret(SecretError::Unavailable(_))) => {}
        other => panic!("expected Unavailable, got {other:?}"),
    }
    let before = row_counts(ctx.store().conn()).unwrap_or_else(|e| panic!("{e}"));
    match mail::send(&mut ctx, &SmtpMailer, &NoKeyring, customer, LetterKind::Reminder, d(DAY)) {
        Err(MailError::Secret(SecretError::Unavailable(_))) => {}
        other => panic!("expected Unavailable, got {:?}", other.map(|s| s.subject)),
    }
    assert_eq!(row_counts(ctx.store().conn()).unwrap_or_else(|e| panic!("{e}")), before);
    assert!(mail::draft(&ctx, customer, LetterKind::Reminder, d(DAY)).is_ok(), "drafts keep working");
}

#[test]
fn bad_settings_are_refused_naming_each_field_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut ctx = demo_at(&dir);
    let before = row_counts(ctx.store().conn()).unwrap_or_else(|e| panic!("{e}"));
    let form = SmtpForm {
        server: "smtp exemple<fr>".into(),
        port: "70000".into(),
        security: "ssl".into(),
        username: "x".into(),
        sender: "pas une adresse".into(),
    };
    match mail::save_settings(&mut ctx, &form) {
        Err(relance_app::AppError::Invalid(v)) => {
            let fields: Vec<&str> = v.issues.iter().map(|i| i.field.key()).collect();
            assert_eq!(fields, ["smtp_server", "smtp_port", "smtp_security", "smtp_sender"]);
        }
        other => panic!("expected Invalid, got {other:?}"),
    }
    assert_eq!(row_counts(ctx.store().conn()).unwrap_or_else(|e| panic!("{e}")), before);
    assert_eq!(mail::settings(&ctx).unwrap_or_else(|e| panic!("{e}")), None);
    match mail::save_password(&ctx, &NoKeyring, &Secret::new("pw")) {
        Err(MailError::NotConfigured) => {}
        other => panic!("expected NotConfigured, got {other:?}"),
    }
}
