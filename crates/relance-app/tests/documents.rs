//! The account statement and the plan agreement on a real SQLite file: their figures equal the
//! customer page's and the plan's own, read back from the PDF with `pdftotext`; printing writes nothing.

use std::process::Command;

use chrono::NaiveDate;
use relance_app::letters;
use relance_app::payments::{self, Allocation};
use relance_app::plans::{self, PlanRequest, SplitRequest};
use relance_app::{customers, invoices, FixedClock, LocalContext};
use relance_domain::customer::CustomerInput;
use relance_domain::ids::{CustomerId, InvoiceId};
use relance_domain::invoice::{CreditNoteInput, InvoiceInput};
use relance_domain::payment::PaymentInput;
use relance_domain::plan::{Frequency, Remainder};
use relance_store::counts::row_counts;
use relance_store::Store;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap_or_default()
}

fn open(dir: &tempfile::TempDir) -> LocalContext {
    let store = Store::open(&dir.path().join("relance.sqlite3")).unwrap_or_else(|e| panic!("{e}"));
    LocalContext::new(store, Box::new(FixedClock(d("2026-03-20"))))
}

fn customer(ctx: &mut LocalContext, name: &str) -> CustomerId {
    let input =
        CustomerInput { kind: "business".into(), name: name.into(), terms: "net:30".into(), ..Default::default() };
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

fn pay(ctx: &mut LocalContext, c: CustomerId, date: &str, amount: &str, reference: &str) {
    let input = PaymentInput {
        date: date.into(),
        amount: amount.into(),
        method: "transfer".into(),
        reference: reference.into(),
    };
    payments::record(ctx, c, &input, &Allocation::OldestFirst).unwrap_or_else(|e| panic!("{e}"));
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
fn a_statement_shows_the_customer_page_figures_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut ctx = open(&dir);
    let c = customer(&mut ctx, "Boulangerie Ménard & Fils");
    invoice(&mut ctx, c, "FA-001", "2025-10-01", "300.00");
    // Paid in full long ago: outside the 3 months, and no longer open.
    pay(&mut ctx, c, "2025-11-15", "300.00", "VIR-OLD");
    let note = CreditNoteInput {
        number: "AV-007".into(),
        date: "2026-03-05".into(),
        amount: "50.00".into(),
        reason: "Remise".into(),
    };
    // Recorded while nothing was open: it all stays as the customer's credit.
    payments::record_credit_note(&mut ctx, c, &note, None).unwrap_or_else(|e| panic!("{e}"));
    invoice(&mut ctx, c, "FA-002", "2026-01-10", "1234.56");
    invoice(&mut ctx, c, "FA-003", "2026-03-01", "500.00");
    pay(&mut ctx, c, "2026-02-15", "234.56", "VIR-0215");
    let page = customers::detail(&ctx, c).unwrap_or_else(|e| panic!("{e}"));

    let before = row_counts(ctx.store.conn()).unwrap_or_else(|e| panic!("{e}"));
    let letter = letters::statement(&ctx, c, d("2026-03-20")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(row_counts(ctx.store.conn()).unwrap_or_else(|e| panic!("{e}")), before, "a statement writes nothing");
    let t = text(&letter.pdf);
    let eur = |m: relance_domain::Money| {
        let s = m.to_string();
        let (units, cents) = s.split_once('.').unwrap_or((&s, "00"));
        let mut grouped = String::new();
        for (i, ch) in units.chars().enumerate() {
            if i > 0 && (units.len() - i) % 3 == 0 {
                grouped.push(' ');
            }
            grouped.push(ch);
        }
        format!("{grouped},{cents} €")
    };
    assert_eq!(page.balance.outstanding.to_string(), "1500.00");
    assert_eq!(page.balance.credit.to_string(), "50.00");
    for wanted in [
        "Relevé de compte au 20/03/2026".to_string(),
        "FA-002 10/01/2026 09/02/2026 1 234,56 € 234,56 € 1 000,00 € 39 j".into(),
        "FA-003 01/03/2026 31/03/2026 500,00 € 0,00 € 500,00 € —".into(),
        format!("Total restant dû {}", eur(page.balance.outstanding)),
        format!("dont échu {}", eur(page.balance.overdue)),
        format!("Crédit disponible (non affecté) {}", eur(page.balance.credit)),
        "Solde à régler 1 450,00 €".into(),
        "AV-007 05/03/2026 50,00 € 50,00 €".into(),
        "Règlements reçus du 20/12/2025 au 20/03/2026".into(),
        "15/02/2026 Virement VIR-0215 234,56 €".into(),
    ] {
        assert!(t.contains(&wanted), "{wanted:?} missing from:\n{t}");
    }
    assert!(!t.contains("FA-001") && !t.contains("VIR-OLD"), "{t}");
    assert_eq!(letter.total_due.to_string(), "1450.00");
    // The statement of an earlier date leaves out what did not exist yet.
    let earlier = text(&letters::statement(&ctx, c, d("2026-02-01")).unwrap_or_else(|e| panic!("{e}")).pdf);
    assert!(!earlier.contains("FA-003") && !earlier.contains("AV-007") && !earlier.contains("VIR-0215"), "{earlier}");
    assert!(letters::statement(&ctx, CustomerId(999), d("2026-03-20")).is_err());
}

#[test]
fn a_plan_agreement_shows_the_plan_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut ctx = open(&dir);
    let c = customer(&mut ctx, "Garage <b>Dupont</b>");
    let a = invoice(&mut ctx, c, "FA-100", "2025-12-01", "900.00");
    let b = invoice(&mut ctx, c, "FA-101", "2026-01-05", "300.00");
    let request = PlanRequest {
        customer: c,
        invoices: vec![a, b],
        include_penalties: false,
        split: SplitRequest::Count(3),
        first: d("2026-04-05"),
        frequency: Frequency::Monthly,
        down_payment: "300.00".into(),
        remainder: Remainder::First,
        business_days: false,
    };
    let id = plans::create(&mut ctx, &request).unwrap_or_else(|e| panic!("{e}"));
    let shown = plans::show(&ctx, id, d("2026-03-20")).unwrap_or_else(|e| panic!("{e}"));
    let before = row_counts(ctx.store.conn()).unwrap_or_else(|e| panic!("{e}"));
    let letter = letters::plan_agreement(&ctx, id, d("2026-03-20")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(row_counts(ctx.store.conn()).unwrap_or_else(|e| panic!("{e}")), before, "an agreement writes nothing");
    assert_eq!(letter.total_due, shown.plan.data.terms.total);
    assert_eq!(letter.total_due.to_string(), "1200.00");
    let t = text(&letter.pdf);
    let mut cumulative = relance_domain::Money::ZERO;
    for i in &shown.plan.data.installments {
        cumulative += i.amount;
        let date = i.due.format("%d/%m/%Y").to_string();
        assert!(t.contains(&date), "{date} missing from:\n{t}");
    }
    assert_eq!(cumulative, shown.plan.data.terms.total);
    for wanted in [
        "Accord d’échéancier de paiement",
        "Et Garage <b>Dupont</b>",
        "FA-100 01/12/2025 31/12/2025 900,00 €",
        "FA-101 05/01/2026 04/02/2026 300,00 €",
        "Le créancier renonce aux pénalités de retard",
        "la somme totale de 1 200,00 € selon l’échéancier suivant (3 échéances)",
        "Un acompte de 300,00 €",
        "Total 1 200,00 €",
        "la totalité du solde restant dû deviendra immédiatement exigible",
        "Le créancier Le débiteur",
    ] {
        assert!(t.contains(wanted), "{wanted:?} missing from:\n{t}");
    }
    let grace = format!("dans les {} jours", shown.settings.grace_days);
    assert!(t.contains(&grace), "{grace} missing from:\n{t}");
    assert!(letters::plan_agreement(&ctx, relance_domain::plan::PlanId(999), d("2026-03-20")).is_err());
}
