//! A sample creditor, debtor and invoices: for tests, the examples and the benchmark.

use chrono::NaiveDate;
use relance_domain::money::Money;
use rust_decimal::Decimal;

use crate::letters::{
    Creditor, InvoiceLine, Lang, Notice, NoticeInvoice, Party, PenaltyPeriod, Reminder, ReminderLevel,
    DEFAULT_DEADLINE_DAYS,
};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

pub fn creditor() -> Creditor {
    Creditor {
        party: Party {
            name: "Atelier Lumière SARL".into(),
            legal_ids: vec!["SIRET 732 829 320 00074".into(), "TVA FR44 732829320".into()],
            address: vec!["12 rue des Écoles".into(), "69003 Lyon".into()],
        },
        contact: vec!["compta@atelier-lumiere.fr".into(), "04 72 00 00 00".into()],
        city: Some("Lyon".into()),
        iban: Some("FR76 3000 6000 0112 3456 7890 189".into()),
        bic: Some("AGRIFRPP".into()),
        logo: None,
    }
}

pub fn debtor(name: &str) -> Party {
    Party {
        name: name.into(),
        legal_ids: vec!["SIREN 552 100 554".into()],
        address: vec!["Service comptabilité".into(), "8 avenue Jean Jaurès".into(), "75019 Paris".into()],
    }
}

pub fn line(number: &str, due: NaiveDate, amount: i64, paid: i64, as_of: NaiveDate) -> InvoiceLine {
    InvoiceLine {
        number: number.into(),
        issue_date: due - chrono::Days::new(30),
        due_date: due,
        amount: Money::from_cents(amount),
        paid: Money::from_cents(paid),
        remaining: Money::from_cents(amount - paid),
        days_late: (as_of - due).num_days(),
    }
}

pub fn as_of() -> NaiveDate {
    day(2026, 3, 16)
}

pub fn reminder(name: &str, level: ReminderLevel) -> Reminder {
    let d = as_of();
    Reminder {
        lang: Lang::Fr,
        date: d,
        creditor: creditor(),
        debtor: debtor(name),
        level,
        invoices: vec![
            line("F-2026-0012", day(2026, 1, 31), 123_450, 0, d),
            line("F-2026-0019", day(2026, 2, 14), 240_000, 40_000, d),
        ],
        upcoming: vec![line("F-2026-0031", day(2026, 3, 31), 98_000, 0, d)],
        fee: None,
    }
}

pub fn notice(name: &str) -> Notice {
    let d = as_of();
    let first = line("F-2026-0012", day(2026, 1, 31), 123_450, 0, d);
    let second = line("F-2026-0019", day(2026, 2, 14), 240_000, 40_000, d);
    Notice {
        lang: Lang::Fr,
        date: d,
        creditor: creditor(),
        debtor: debtor(name),
        business_debtor: true,
        invoices: vec![
            NoticeInvoice {
                periods: vec![PenaltyPeriod {
                    from: day(2026, 2, 1),
                    to: d,
                    days: 44,
                    principal: first.remaining,
                    rate: Decimal::new(1215, 2),
                }],
                line: first,
                interest: Money::from_cents(1808),
                indemnity: Money::from_cents(4000),
            },
            NoticeInvoice {
                periods: vec![PenaltyPeriod {
                    from: day(2026, 2, 15),
                    to: d,
                    days: 30,
                    principal: second.remaining,
                    rate: Decimal::new(1215, 2),
                }],
                line: second,
                interest: Money::from_cents(1997),
                indemnity: Money::from_cents(4000),
            },
        ],
        upcoming: vec![line("F-2026-0031", day(2026, 3, 31), 98_000, 0, d)],
        deadline_days: DEFAULT_DEADLINE_DAYS,
    }
}

/// A statement at [`as_of`]: two open invoices (one late), an upcoming one, a credit note and payments.
pub fn statement(name: &str) -> crate::statement::Statement {
    use crate::statement::{CreditLine, PaymentLine, Statement, DEFAULT_PAYMENT_MONTHS};
    let d = as_of();
    Statement {
        lang: Lang::Fr,
        date: d,
        creditor: creditor(),
        debtor: debtor(name),
        invoices: vec![
            line("F-2026-0012", day(2026, 1, 31), 123_450, 0, d),
            line("F-2026-0019", day(2026, 2, 14), 240_000, 40_000, d),
            line("F-2026-0031", day(2026, 3, 31), 98_000, 0, d),
        ],
        credit_notes: vec![CreditLine {
            number: "AV-2026-0002".into(),
            date: day(2026, 2, 20),
            amount: Money::from_cents(15_000),
            remaining: Money::from_cents(15_000),
        }],
        unallocated_credit: Money::from_cents(15_000),
        payments: vec![PaymentLine {
            date: day(2026, 2, 28),
            reference: "Virement VIR-8812".into(),
            amount: Money::from_cents(40_000),
        }],
        payments_since: Statement::window_start(d, DEFAULT_PAYMENT_MONTHS),
    }
}

/// A plan agreed at [`as_of`]: two invoices, 60 EUR of penalties, a down payment and three months.
pub fn agreement(name: &str) -> crate::agreement::Agreement {
    use crate::agreement::{Agreement, CoveredInvoice, ScheduleLine};
    let d = as_of();
    let covered = |number: &str, due: NaiveDate, owed: i64| CoveredInvoice {
        number: number.into(),
        issue_date: due - chrono::Days::new(30),
        due_date: due,
        owed: Money::from_cents(owed),
    };
    let at =
        |number: u32, date: NaiveDate, amount: i64| ScheduleLine { number, date, amount: Money::from_cents(amount) };
    Agreement {
        lang: Lang::Fr,
        date: d,
        agreed_on: d,
        creditor: creditor(),
        debtor: debtor(name),
        invoices: vec![
            covered("F-2026-0012", day(2026, 1, 31), 123_450),
            covered("F-2026-0019", day(2026, 2, 14), 200_000),
        ],
        penalties: Money::from_cents(6_000),
        schedule: vec![
            at(0, d, 50_000),
            at(1, day(2026, 4, 16), 93_150),
            at(2, day(2026, 5, 16), 93_150),
            at(3, day(2026, 6, 16), 93_150),
        ],
        grace_days: 8,
    }
}

/// A dossier at [`as_of`] after the sample notice sent on 2026-03-05, with two reminders and a broken promise.
pub fn dossier(name: &str) -> crate::dossier::Dossier {
    let n = notice(name);
    let numbers: Vec<String> = n.invoices.iter().map(|i| i.line.number.clone()).collect();
    let step =
        |on, channel: &str| crate::dossier::Step { on, channel: channel.into(), invoice_numbers: numbers.clone() };
    crate::dossier::Dossier {
        lang: n.lang,
        date: n.date,
        creditor: n.creditor,
        debtor: n.debtor,
        business_debtor: n.business_debtor,
        invoices: n.invoices,
        notice: step(day(2026, 3, 5), "letter"),
        reminders: vec![step(day(2026, 2, 7), "email"), step(day(2026, 2, 21), "letter")],
        broken: vec![crate::dossier::Broken {
            plan: false,
            made_on: day(2026, 2, 24),
            broke_on: Some(day(2026, 3, 2)),
            invoice_numbers: vec!["F-2026-0012".into()],
        }],
    }
}
