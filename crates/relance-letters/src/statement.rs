//! The account statement (relevé de compte) of one customer at a date: its open invoices and credit
//! notes, its unallocated credit, the totals and the payments received over the last months.

use chrono::{Months, NaiveDate};
use relance_domain::money::Money;

use crate::{
    font::{Fonts, Weight},
    format,
    layout::{Column, Document, Flow, Table, BODY, SMALL},
    letters::{frame, heading, invoice_table, signature, Creditor, InvoiceLine, Lang, Party},
    text::{self, fill},
    LetterError,
};

/// Months of payments a statement shows by default.
pub const DEFAULT_PAYMENT_MONTHS: u32 = 3;

/// An open credit note: what it was worth and what is left of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreditLine {
    pub number: String,
    pub date: NaiveDate,
    pub amount: Money,
    pub remaining: Money,
}

/// A payment received from the customer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentLine {
    pub date: NaiveDate,
    /// The bank reference or the method, as recorded.
    pub reference: String,
    pub amount: Money,
}

/// A customer's account at `date`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    pub lang: Lang,
    pub date: NaiveDate,
    pub creditor: Creditor,
    pub debtor: Party,
    /// Every invoice with something left to pay, oldest first.
    pub invoices: Vec<InvoiceLine>,
    /// Every credit note with something left, oldest first.
    pub credit_notes: Vec<CreditLine>,
    /// Payments and credit not allocated to any invoice (credit notes included).
    pub unallocated_credit: Money,
    /// Payments received since `payments_since`, up to `date`.
    pub payments: Vec<PaymentLine>,
    pub payments_since: NaiveDate,
}

impl Statement {
    /// The first day of the payments window of `months` months ending at `date`.
    pub fn window_start(date: NaiveDate, months: u32) -> NaiveDate {
        date.checked_sub_months(Months::new(months)).unwrap_or(date)
    }

    pub fn total_due(&self) -> Money {
        self.invoices.iter().map(|l| l.remaining).fold(Money::from_cents(0), |a, b| a + b)
    }

    pub fn overdue(&self) -> Money {
        self.invoices.iter().filter(|l| l.days_late > 0).map(|l| l.remaining).fold(Money::from_cents(0), |a, b| a + b)
    }

    /// What the customer owes once its credit is used: never below zero.
    pub fn balance(&self) -> Money {
        let b = self.total_due() - self.unallocated_credit;
        if b.is_positive() {
            b
        } else {
            Money::from_cents(0)
        }
    }
}

/// The statement as a laid-out document. A statement with nothing open is still a statement: it says so.
pub fn statement(s: &Statement) -> Result<Document, LetterError> {
    let fonts = Fonts::get()?;
    let lang = s.lang;
    let w = text::words(lang);
    let sw = text::statement_words(lang);
    let mut flow = Flow::new(fonts);
    heading(&mut flow, lang, s.date, &s.creditor, &s.debtor, w);
    let date = format::date(s.date, lang);
    flow.paragraph(&fill(sw.title, &[("date", &date)]), BODY, Weight::Bold);
    flow.space(8_000);
    flow.paragraph(w.greeting, BODY, Weight::Regular);
    flow.space(6_000);
    flow.paragraph(&fill(sw.intro, &[("date", &date)]), BODY, Weight::Regular);
    flow.space(8_000);

    flow.paragraph(sw.invoices_title, BODY, Weight::Bold);
    flow.space(4_000);
    if s.invoices.is_empty() {
        flow.paragraph(sw.no_invoice, SMALL, Weight::Regular);
    } else {
        flow.table(&invoice_table(&s.invoices, lang, w, true), SMALL);
    }

    if !s.credit_notes.is_empty() {
        flow.space(8_000);
        flow.ensure(50_000);
        flow.paragraph(sw.credit_notes_title, BODY, Weight::Bold);
        flow.space(4_000);
        let rows = s
            .credit_notes
            .iter()
            .map(|c| {
                vec![
                    c.number.clone(),
                    format::short_date(c.date),
                    format::money(c.amount, lang),
                    format::money(c.remaining, lang),
                ]
            })
            .collect();
        let columns = vec![
            Column::left(sw.col_credit_note, 140_000),
            Column::left(w.col_date, 80_000),
            Column::right(w.col_amount, 110_000),
            Column::right(sw.col_unused, 110_000),
        ];
        flow.table(&Table { columns, rows, total: None }, SMALL);
    }

    flow.space(8_000);
    flow.ensure(70_000);
    let summary = Table {
        columns: vec![Column::left("", 240_000), Column::right("", 110_000)],
        rows: vec![
            vec![sw.summary[0].to_string(), format::money(s.total_due(), lang)],
            vec![sw.summary[1].to_string(), format::money(s.overdue(), lang)],
            vec![sw.summary[2].to_string(), format::money(s.unallocated_credit, lang)],
        ],
        total: Some(vec![sw.summary[3].to_string(), format::money(s.balance(), lang)]),
    };
    flow.table(&summary, BODY);

    flow.space(8_000);
    flow.ensure(50_000);
    flow.paragraph(
        &fill(sw.payments_title, &[("since", &format::date(s.payments_since, lang)), ("date", &date)]),
        BODY,
        Weight::Bold,
    );
    flow.space(4_000);
    if s.payments.is_empty() {
        flow.paragraph(sw.no_payment, SMALL, Weight::Regular);
    } else {
        let rows = s
            .payments
            .iter()
            .map(|p| vec![format::short_date(p.date), p.reference.clone(), format::money(p.amount, lang)])
            .collect();
        let total = s.payments.iter().map(|p| p.amount).fold(Money::from_cents(0), |a, b| a + b);
        let columns = vec![
            Column::left(w.col_date, 80_000),
            Column::left(sw.col_reference, 250_000),
            Column::right(w.col_amount, 110_000),
        ];
        flow.table(
            &Table { columns, rows, total: Some(vec![w.total.to_string(), String::new(), format::money(total, lang)]) },
            SMALL,
        );
    }

    flow.space(8_000);
    let closing = if s.balance().is_positive() { sw.closing_due } else { sw.closing_clear };
    flow.paragraph(closing, BODY, Weight::Regular);
    if s.balance().is_positive() {
        if let (Some(iban), Some(bic)) = (&s.creditor.iban, &s.creditor.bic) {
            flow.space(6_000);
            flow.paragraph(&fill(w.notice_payment, &[("iban", iban), ("bic", bic)]), BODY, Weight::Regular);
        }
    }
    signature(&mut flow, &s.creditor, w);
    let title = fill(sw.title, &[("date", &date)]);
    Ok(Document { date: Some(s.date), ..flow.finish(&title, &frame(&s.creditor, w)) })
}
