//! The installment plan agreement (échéancier): the parties, the invoices covered, the penalties
//! included or waived, the schedule, what happens on default, and two signature blocks.

use chrono::NaiveDate;
use relance_domain::money::Money;

use crate::{
    font::{Fonts, Weight},
    format,
    layout::{Align, Column, Document, Flow, Table, BODY, CONTENT_WIDTH, MARGIN, SMALL},
    letters::{frame, Creditor, Lang, Party},
    text::{self, fill},
    LetterError,
};

/// An invoice covered by the plan, with what it owed on the day of the agreement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoveredInvoice {
    pub number: String,
    pub issue_date: NaiveDate,
    pub due_date: NaiveDate,
    pub owed: Money,
}

/// One installment: 0 is the down payment, then 1, 2, …
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScheduleLine {
    pub number: u32,
    pub date: NaiveDate,
    pub amount: Money,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Agreement {
    pub lang: Lang,
    /// The date printed with the place, by the signatures.
    pub date: NaiveDate,
    pub agreed_on: NaiveDate,
    pub creditor: Creditor,
    pub debtor: Party,
    pub invoices: Vec<CoveredInvoice>,
    /// Penalties added to the plan; zero means they are waived.
    pub penalties: Money,
    pub schedule: Vec<ScheduleLine>,
    /// An installment unpaid this many days after its date breaks the plan.
    pub grace_days: u32,
}

impl Agreement {
    pub fn invoices_owed(&self) -> Money {
        self.invoices.iter().map(|i| i.owed).fold(Money::from_cents(0), |a, b| a + b)
    }
    pub fn total(&self) -> Money {
        self.schedule.iter().map(|l| l.amount).fold(Money::from_cents(0), |a, b| a + b)
    }
    pub fn down_payment(&self) -> Option<&ScheduleLine> {
        self.schedule.iter().find(|l| l.number == 0 && l.amount.is_positive())
    }
}

fn party_block(flow: &mut Flow<'_>, title: &str, p: &Party, lang_sep: &str) {
    flow.paragraph(title, SMALL, Weight::Bold);
    flow.lines_in(MARGIN, CONTENT_WIDTH, &p.name, BODY, Weight::Bold, 2);
    if !p.legal_ids.is_empty() {
        flow.line_in(MARGIN, CONTENT_WIDTH, &p.legal_ids.join(lang_sep), SMALL, Weight::Regular, Align::Left);
    }
    if !p.address.is_empty() {
        flow.lines_in(MARGIN, CONTENT_WIDTH, &p.address.join(", "), SMALL, Weight::Regular, 2);
    }
}

/// The agreement as a laid-out document.
pub fn agreement(a: &Agreement) -> Result<Document, LetterError> {
    if a.invoices.is_empty() || a.schedule.is_empty() {
        return Err(LetterError::NoInvoice);
    }
    let fonts = Fonts::get()?;
    let lang = a.lang;
    let w = text::words(lang);
    let aw = text::agreement_words(lang);
    let mut flow = Flow::new(fonts);
    flow.paragraph(aw.title, BODY, Weight::Bold);
    flow.space(10_000);
    party_block(&mut flow, aw.between, &a.creditor.party, w.legal_ids_sep);
    flow.paragraph(aw.creditor_role, SMALL, Weight::Regular);
    flow.space(8_000);
    party_block(&mut flow, aw.and, &a.debtor, w.legal_ids_sep);
    flow.paragraph(aw.debtor_role, SMALL, Weight::Regular);
    flow.space(12_000);

    flow.paragraph(aw.invoices_title, BODY, Weight::Bold);
    flow.space(3_000);
    flow.paragraph(&fill(aw.invoices_intro, &[("date", &format::date(a.agreed_on, lang))]), SMALL, Weight::Regular);
    flow.space(4_000);
    let rows = a
        .invoices
        .iter()
        .map(|i| {
            vec![
                i.number.clone(),
                format::short_date(i.issue_date),
                format::short_date(i.due_date),
                format::money(i.owed, lang),
            ]
        })
        .collect();
    let columns = vec![
        Column::left(w.col_invoice, 150_000),
        Column::left(w.col_date, 90_000),
        Column::left(w.col_due, 90_000),
        Column::right(aw.col_owed, 140_000),
    ];
    let owed = format::money(a.invoices_owed(), lang);
    flow.table(
        &Table { columns, rows, total: Some(vec![w.total.to_string(), String::new(), String::new(), owed.clone()]) },
        SMALL,
    );
    flow.space(8_000);
    let penalties = if a.penalties.is_positive() {
        fill(aw.penalties_included, &[("amount", &format::money(a.penalties, lang))])
    } else {
        aw.penalties_waived.to_string()
    };
    flow.paragraph(&penalties, BODY, Weight::Regular);
    flow.space(12_000);

    flow.ensure(80_000);
    flow.paragraph(aw.schedule_title, BODY, Weight::Bold);
    flow.space(3_000);
    let total = a.total();
    flow.paragraph(
        &fill(
            aw.schedule_intro,
            &[
                ("total", &format::money(total, lang)),
                ("n", &a.schedule.iter().filter(|l| l.number > 0).count().to_string()),
            ],
        ),
        SMALL,
        Weight::Regular,
    );
    flow.space(4_000);
    let mut cumulative = Money::from_cents(0);
    let rows = a
        .schedule
        .iter()
        .map(|l| {
            cumulative += l.amount;
            vec![
                if l.number == 0 { aw.down_payment_row.to_string() } else { l.number.to_string() },
                format::short_date(l.date),
                format::money(l.amount, lang),
                format::money(cumulative, lang),
            ]
        })
        .collect();
    let columns = vec![
        Column::left(aw.col_number, 110_000),
        Column::left(aw.col_date, 110_000),
        Column::right(w.col_amount, 120_000),
        Column::right(aw.col_cumulative, 130_000),
    ];
    let total_text = format::money(total, lang);
    flow.table(
        &Table { columns, rows, total: Some(vec![w.total.to_string(), String::new(), total_text, String::new()]) },
        SMALL,
    );
    flow.space(6_000);
    if let Some(down) = a.down_payment() {
        flow.paragraph(
            &fill(
                aw.down_payment,
                &[("amount", &format::money(down.amount, lang)), ("date", &format::date(down.date, lang))],
            ),
            BODY,
            Weight::Regular,
        );
    } else {
        flow.paragraph(aw.no_down_payment, BODY, Weight::Regular);
    }
    if let (Some(iban), Some(bic)) = (&a.creditor.iban, &a.creditor.bic) {
        flow.space(4_000);
        flow.paragraph(&fill(aw.payment, &[("iban", iban), ("bic", bic)]), BODY, Weight::Regular);
    }
    flow.space(12_000);

    flow.ensure(70_000);
    flow.paragraph(aw.default_title, BODY, Weight::Bold);
    flow.space(3_000);
    flow.paragraph(&fill(aw.default_text, &[("days", &a.grace_days.to_string())]), BODY, Weight::Regular);
    flow.space(4_000);
    flow.paragraph(aw.suspension, BODY, Weight::Regular);
    flow.space(14_000);

    // Place, date and the two signature blocks, kept together on one page.
    flow.ensure(110_000);
    let d = format::date(a.date, lang);
    let place = match &a.creditor.city {
        Some(city) if !city.trim().is_empty() => fill(aw.made_at, &[("city", city), ("date", &d)]),
        _ => fill(aw.made_on, &[("date", &d)]),
    };
    flow.paragraph(&place, BODY, Weight::Regular);
    flow.space(12_000);
    let half = CONTENT_WIDTH / 2;
    let right = MARGIN + half + 10_000;
    let col = half - 10_000;
    flow.line_in(MARGIN, col, aw.sign_creditor, BODY, Weight::Bold, Align::Left);
    flow.space(-(BODY.mpt() * 3 / 2));
    flow.line_in(right, col, aw.sign_debtor, BODY, Weight::Bold, Align::Left);
    flow.line_in(MARGIN, col, &a.creditor.party.name, SMALL, Weight::Regular, Align::Left);
    flow.space(-(SMALL.mpt() * 3 / 2));
    flow.line_in(right, col, &a.debtor.name, SMALL, Weight::Regular, Align::Left);
    flow.line_in(MARGIN, col, aw.agreed, SMALL, Weight::Regular, Align::Left);
    flow.space(-(SMALL.mpt() * 3 / 2));
    flow.line_in(right, col, aw.agreed, SMALL, Weight::Regular, Align::Left);
    flow.space(50_000);
    Ok(Document { date: Some(a.date), ..flow.finish(aw.title, &frame(&a.creditor, w)) })
}
