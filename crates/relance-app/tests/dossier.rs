//! The injonction de payer dossier on a real SQLite file: refused before the mise en demeure, then
//! the claim with the penalties of `collections::penalties`, the notice's date, the reminders before it
//! and the pieces, read back with `pdftotext`; making it writes nothing.

use std::process::Command;

use chrono::NaiveDate;
use relance_app::letters::{self, LettersError};
use relance_app::{collections, customers, invoices, FixedClock, LocalContext};
use relance_domain::customer::CustomerInput;
use relance_domain::ids::{CustomerId, InvoiceId};
use relance_domain::invoice::InvoiceInput;
use relance_store::counts::row_counts;
use relance_store::Store;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap_or_default()
}

fn open(dir: &tempfile::TempDir) -> LocalContext {
    let store = Store::open(&dir.path().join("relance.sqlite3")).unwrap_or_else(|e| panic!("{e}"));
    LocalContext::new(store, Box::new(FixedClock(d("2026-03-20"))))
}

fn customer(ctx: &mut LocalContext, name: &str, kind: &str) -> CustomerId {
    let input = CustomerInput {
        kind: kind.into(),
        name: name.into(),
        terms: "net:30".into(),
        siren: if kind == "business" { "552100554".into() } else { String::new() },
        ..Default::default()
    };
    customers::create(ctx, &input).unwrap_or_else(|e| panic!("{e}")).id
}

fn invoice(ctx: &mut LocalContext, c: CustomerId, number: &str, date: &str, total: &str) -> InvoiceId {
    let input = InvoiceInput {
        number: number.into(),
        issue_date: date.into(),
        total: Some(total.into()),
        ..Default::default()
    };
    invoices::create(ctx, c, &input).unwrap_or_else(|e| panic!("{e}"))
}

fn text(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("d.pdf");
    std::fs::write(&path, pdf).unwrap_or_else(|e| panic!("{e}"));
    let out = Command::new("pdftotext")
        .arg("-layout")
        .arg(&path)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("pdftotext (poppler-utils) is needed: {e}"));
    String::from_utf8_lossy(&out.stdout).replace('\u{a0}', " ").split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every action the agenda proposes to the customer on `day`, done by its channel.
fn do_all(ctx: &mut LocalContext, c: CustomerId, day: &str) {
    for channel in collections::channels_due(ctx, c, d(day)).unwrap_or_else(|e| panic!("{e}")) {
        collections::action_done(ctx, c, channel, d(day)).unwrap_or_else(|e| panic!("{e}"));
    }
}

fn fr(m: relance_domain::Money) -> String {
    let s = m.to_string().replace('.', ",");
    let (int, dec) = s.split_once(',').unwrap_or((&s, "00"));
    let mut grouped = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(' ');
        }
        grouped.push(ch);
    }
    format!("{grouped},{dec:0<2} €")
}

#[test]
fn the_dossier_follows_the_notice_with_the_engines_penalties_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut ctx = open(&dir);
    let c = customer(&mut ctx, "Grossiste du Marché", "business");
    let first = invoice(&mut ctx, c, "FA-101", "2026-01-01", "1234.56");
    let second = invoice(&mut ctx, c, "FA-102", "2026-01-05", "800.00");
    invoice(&mut ctx, c, "FA-103", "2026-03-10", "50.00");

    // Late, reminded, but no mise en demeure yet: refused in words.
    do_all(&mut ctx, c, "2026-02-07");
    do_all(&mut ctx, c, "2026-02-16");
    assert!(matches!(letters::injunction_dossier(&ctx, c, d("2026-02-20")), Err(LettersError::NoNotice)));

    do_all(&mut ctx, c, "2026-02-22");
    do_all(&mut ctx, c, "2026-03-06");
    let before = row_counts(ctx.store.conn()).unwrap_or_else(|e| panic!("{e}"));
    let dossier = letters::injunction_dossier(&ctx, c, d("2026-03-20")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(row_counts(ctx.store.conn()).unwrap_or_else(|e| panic!("{e}")), before, "a dossier writes nothing");
    assert_eq!(dossier.invoice_numbers, vec!["FA-101".to_string(), "FA-102".to_string()]);

    let p1 = collections::penalties(&ctx, first, d("2026-03-20")).unwrap_or_else(|e| panic!("{e}")).penalties;
    let p2 = collections::penalties(&ctx, second, d("2026-03-20")).unwrap_or_else(|e| panic!("{e}")).penalties;
    assert!(p1.interest.is_positive() && p2.interest.is_positive());
    let claimed = p1.outstanding + p1.interest + p1.indemnity + p2.outstanding + p2.interest + p2.indemnity;
    assert_eq!(dossier.total_due, claimed);

    let t = text(&dossier.pdf);
    for wanted in [
        "Dossier de demande en injonction de payer".to_string(),
        "Cerfa n° 12946".into(),
        "Grossiste du Marché".into(),
        "SIREN 552100554".into(),
        "FA-101 01/01/2026 31/01/2026 1 234,56 €".into(),
        "FA-102".into(),
        fr(p1.interest),
        fr(p2.interest),
        format!("Total réclamé {}", fr(claimed)),
        "Mise en demeure envoyée le 06/03/2026 (courrier)".into(),
        "Relance du 07/02/2026 (courriel)".into(),
        "(appel téléphonique)".into(),
        "Mise en demeure du 06/03/2026".into(),
        "Avis de réception de la mise en demeure".into(),
        "1. Facture n° FA-101 du 01/01/2026".into(),
    ] {
        assert!(t.contains(&wanted), "{wanted:?} missing from:\n{t}");
    }
    assert!(!t.contains("FA-103"), "an invoice not yet due is not claimed: {t}");

    // A customer with nothing late has nothing to claim.
    let fine = customer(&mut ctx, "Client à jour", "business");
    invoice(&mut ctx, fine, "FA-200", "2026-03-10", "90.00");
    assert!(matches!(letters::injunction_dossier(&ctx, fine, d("2026-03-20")), Err(LettersError::NothingDue)));
}

/// A policy whose letter level carries a 15 EUR fee: the day's letter prints it on its own line, asks the
/// total with it, and the kept copy (`letters_sent`) records that same total.
#[test]
fn a_level_fee_is_asked_by_the_letter_and_kept_with_its_total() {
    use relance_app::day_letters;
    use relance_app::policies::{self, LevelInput, PolicyInput};

    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut ctx = open(&dir);
    let level = |offset: &str, channel: &str, template: &str, fee: &str| LevelInput {
        offset_days: offset.into(),
        channel: channel.into(),
        template: template.into(),
        fee: fee.into(),
        ..Default::default()
    };
    let input = PolicyInput {
        name: "Avec frais".into(),
        levels: vec![level("3", "email", "friendly_reminder", ""), level("10", "letter", "firm_reminder", "15")],
    };
    let policy = policies::create(&mut ctx, &input).unwrap_or_else(|e| panic!("{e}"));
    policies::assign(&mut ctx, None, Some(policy)).unwrap_or_else(|e| panic!("{e}"));
    let c = customer(&mut ctx, "Grossiste du Marché", "business");
    invoice(&mut ctx, c, "FA-301", "2026-02-01", "200.00");
    // Due 2026-03-03: the e-mail at J+3 done, the letter at J+10 (2026-03-13) is today's.
    do_all(&mut ctx, c, "2026-03-06");
    let batch = day_letters::print_day(&mut ctx, d("2026-03-13"), |_| Ok(())).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(batch.printed.len(), 1, "{:?}", batch.not_printed);
    assert_eq!(batch.printed[0].total_due.to_string(), "215.00");
    let t = text(&batch.pdf);
    assert!(t.contains("Frais de relance 15,00 €") && t.contains("Total à régler 215,00 €"), "{t}");
    let kept = day_letters::sent_for_customer(&ctx, c).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].total.to_string(), "215.00");

    // Without a fee, no line.
    let plain = customer(&mut ctx, "Client sans frais", "business");
    invoice(&mut ctx, plain, "FA-302", "2026-02-01", "90.00");
    let letter = letters::for_customer(&ctx, plain, letters::LetterKind::Reminder, d("2026-03-06"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(!text(&letter.pdf).contains("Frais de relance"));
    assert_eq!(letter.total_due.to_string(), "90.00");
}
