//! Letters on a real SQLite file: what `letters::for_customer` gathers, read back from the PDF with
//! `pdftotext`; printing a letter writes nothing.

use std::process::Command;

use chrono::NaiveDate;
use relance_app::letters::{self, LetterKind, LettersError};
use relance_app::plans::{self, PlanRequest, SplitRequest};
use relance_app::{collections, customers, invoices, FixedClock, LocalContext};
use relance_domain::customer::CustomerInput;
use relance_domain::ids::{CustomerId, InvoiceId};
use relance_domain::invoice::InvoiceInput;
use relance_domain::plan::{Frequency, Remainder};
use relance_letters::ReminderLevel;
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
    let input = CustomerInput { kind: kind.into(), name: name.into(), terms: "net:30".into(), ..Default::default() };
    customers::create(ctx, &input).unwrap_or_else(|e| panic!("{e}")).id
}

/// Issued `date`, due 30 days later.
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
    let path = dir.path().join("l.pdf");
    std::fs::write(&path, pdf).unwrap_or_else(|e| panic!("{e}"));
    let out = Command::new("pdftotext")
        .arg("-layout")
        .arg(&path)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("pdftotext (poppler-utils) is needed: {e}"));
    String::from_utf8_lossy(&out.stdout).replace('\u{a0}', " ").split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn a_reminder_claims_the_late_invoices_lists_the_coming_ones_apart_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut ctx = open(&dir);
    let c = customer(&mut ctx, "Boulangerie Ménard & Fils", "business");
    invoice(&mut ctx, c, "FA-001", "2026-01-01", "1234.56");
    invoice(&mut ctx, c, "FA-002", "2026-03-01", "500.00");
    invoice(&mut ctx, c, "FA-003", "2026-05-01", "77.00");
    let before = row_counts(ctx.store.conn()).unwrap_or_else(|e| panic!("{e}"));
    let letter =
        letters::for_customer(&ctx, c, LetterKind::Reminder, d("2026-03-20")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(row_counts(ctx.store.conn()).unwrap_or_else(|e| panic!("{e}")), before, "a letter writes nothing");
    // 48 days late: the agenda's message is at a level past the firm reminder, so the reminder is firm.
    assert_eq!(letter.level, Some(ReminderLevel::Firm));
    assert_eq!(letter.total_due.to_string(), "1234.56");
    let t = text(&letter.pdf);
    assert!(t.contains("Boulangerie Ménard & Fils"), "{t}");
    assert!(t.contains("FA-001 01/01/2026 31/01/2026 1 234,56 € 0,00 € 1 234,56 € 48 j"), "{t}");
    let apart = t.split("Factures à échoir, pour information").nth(1).unwrap_or_default();
    assert!(apart.contains("FA-002 01/03/2026 31/03/2026 500,00 €"), "{t}");
    assert!(!t.contains("FA-003"), "an invoice issued after the letter's date is not in it");
}

#[test]
fn the_notice_carries_the_penalties_of_the_collections_engine_and_the_indemnity_for_a_business_only() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut ctx = open(&dir);
    let pro = customer(&mut ctx, "Grossiste du Marché", "business");
    let late = invoice(&mut ctx, pro, "FA-010", "2026-01-01", "1234.56");
    let letter =
        letters::for_customer(&ctx, pro, LetterKind::Notice, d("2026-03-20")).unwrap_or_else(|e| panic!("{e}"));
    let p = collections::penalties(&ctx, late, d("2026-03-20")).unwrap_or_else(|e| panic!("{e}")).penalties;
    assert!(p.interest.is_positive());
    let interest = p.interest.to_string().replace('.', ",");
    let t = text(&letter.pdf);
    assert!(t.contains(&format!("Pénalités de retard {interest} €")), "{interest} in {t}");
    assert!(t.contains("1 × 40,00 € = 40,00 €") && t.contains("au plus tard le 28/03/2026"), "{t}");
    assert_eq!(letter.total_due, p.outstanding + p.interest + p.indemnity);

    let person = customer(&mut ctx, "Jean Dupont", "consumer");
    invoice(&mut ctx, person, "FA-020", "2026-01-01", "300.00");
    let t = text(
        &letters::for_customer(&ctx, person, LetterKind::Notice, d("2026-03-20")).unwrap_or_else(|e| panic!("{e}")).pdf,
    );
    assert!(t.contains("article 1231-6 du Code civil") && !t.contains("40,00 €"), "{t}");

    // Nothing late yet: no notice.
    let early = customer(&mut ctx, "Client à jour", "business");
    invoice(&mut ctx, early, "FA-030", "2026-03-10", "90.00");
    assert!(matches!(
        letters::for_customer(&ctx, early, LetterKind::Notice, d("2026-03-20")),
        Err(LettersError::NothingDue)
    ));
    let pre =
        letters::for_customer(&ctx, early, LetterKind::Reminder, d("2026-03-20")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(pre.level, Some(ReminderLevel::PreDue));
}

#[test]
fn invoices_in_a_running_plan_or_a_dispute_are_not_claimed() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut ctx = open(&dir);
    let c = customer(&mut ctx, "Traiteur Rousseau", "business");
    let in_plan = invoice(&mut ctx, c, "FA-100", "2026-01-01", "900.00");
    invoice(&mut ctx, c, "FA-101", "2026-01-05", "250.00");
    let request = PlanRequest {
        customer: c,
        invoices: vec![in_plan],
        include_penalties: false,
        split: SplitRequest::Count(3),
        first: d("2026-03-31"),
        frequency: Frequency::Monthly,
        down_payment: String::new(),
        remainder: Remainder::First,
        business_days: false,
    };
    plans::create(&mut ctx, &request).unwrap_or_else(|e| panic!("{e}"));
    let disputed = invoice(&mut ctx, c, "FA-102", "2026-01-06", "80.00");
    collections::dispute_open(&mut ctx, disputed, "Livraison incomplète", d("2026-02-10"))
        .unwrap_or_else(|e| panic!("{e}"));
    let letter = letters::for_customer(&ctx, c, LetterKind::Notice, d("2026-03-20")).unwrap_or_else(|e| panic!("{e}"));
    let t = text(&letter.pdf);
    assert!(t.contains("FA-101") && !t.contains("FA-100") && !t.contains("FA-102"), "{t}");
    assert!(t.contains("la facture suivante demeure impayée"), "{t}");
    // Months later, nothing paid: the plan broke, its invoice is claimed again.
    let later = letters::for_customer(&ctx, c, LetterKind::Notice, d("2026-06-15")).unwrap_or_else(|e| panic!("{e}"));
    assert!(text(&later.pdf).contains("FA-100"));
}
