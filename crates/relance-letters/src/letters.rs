//! The letters, from plain data: the reminder of each level and the mise en demeure.

use chrono::{Days, NaiveDate};
use relance_domain::money::Money;
use rust_decimal::Decimal;

use crate::{
    font::{Fonts, Weight},
    format,
    layout::{Align, Column, Document, Flow, Frame, Table, BODY, CONTENT_WIDTH, MARGIN, SMALL},
    templates::{fill_parts, kind_of, Facts, LetterTexts},
    text::{self, fill, Words},
    LetterError,
};
use relance_domain::letter_templates::TemplateKind;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    Fr,
    En,
}

/// A company or a person as printed: name, legal ids (`SIRET 123…`) and address lines.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Party {
    pub name: String,
    pub legal_ids: Vec<String>,
    pub address: Vec<String>,
}

/// The sender, with what goes in the letterhead and the footer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Creditor {
    pub party: Party,
    /// Email, phone.
    pub contact: Vec<String>,
    pub city: Option<String>,
    pub iban: Option<String>,
    pub bic: Option<String>,
    /// The company's logo, on every page's letterhead.
    pub logo: Option<std::sync::Arc<crate::logo::Logo>>,
}

/// One invoice as listed in a letter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvoiceLine {
    pub number: String,
    pub issue_date: NaiveDate,
    pub due_date: NaiveDate,
    pub amount: Money,
    pub paid: Money,
    pub remaining: Money,
    /// Negative or zero: not late.
    pub days_late: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReminderLevel {
    /// Before the due date.
    PreDue,
    Friendly,
    Firm,
}

/// A reminder to one customer listing its invoices at that level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reminder {
    pub lang: Lang,
    pub date: NaiveDate,
    pub creditor: Creditor,
    pub debtor: Party,
    pub level: ReminderLevel,
    pub invoices: Vec<InvoiceLine>,
    /// Invoices not yet due riding in the same message: listed apart, never demanded.
    pub upcoming: Vec<InvoiceLine>,
    /// The level's fee (`Level::fee`), printed on its own line and added to the total asked.
    pub fee: Option<Money>,
}

impl Reminder {
    /// What the letter asks for: the invoices' remaining amounts, plus the level's fee if any.
    pub fn total_asked(&self) -> Money {
        let invoices = self.invoices.iter().map(|l| l.remaining).fold(Money::from_cents(0), |a, b| a + b);
        invoices + self.fee.filter(|f| f.is_positive()).unwrap_or(Money::from_cents(0))
    }
}

/// « Frais de relance » and « Total à régler », per language (apart from `Words`, which others edit).
fn fee_words(lang: Lang) -> (&'static str, &'static str) {
    match lang {
        Lang::Fr => ("Frais de relance", "Total à régler"),
        Lang::En => ("Reminder fee", "Total to pay"),
    }
}

/// Days with the same principal and rate (from the collections engine).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PenaltyPeriod {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub days: i64,
    pub principal: Money,
    /// Annual rate in percent.
    pub rate: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeInvoice {
    pub line: InvoiceLine,
    pub periods: Vec<PenaltyPeriod>,
    /// The penalties of this invoice, rounded once.
    pub interest: Money,
    /// 40 EUR for a business debtor, zero for a consumer.
    pub indemnity: Money,
}

/// The mise en demeure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub lang: Lang,
    pub date: NaiveDate,
    pub creditor: Creditor,
    pub debtor: Party,
    /// A professional debtor: L441-10 penalties and the 40 EUR indemnity; otherwise the legal interest.
    pub business_debtor: bool,
    pub invoices: Vec<NoticeInvoice>,
    pub upcoming: Vec<InvoiceLine>,
    /// Days given to pay (8 by default).
    pub deadline_days: u32,
}

pub const DEFAULT_DEADLINE_DAYS: u32 = 8;

pub(crate) fn frame(c: &Creditor, w: &Words) -> Frame {
    let mut lines = Vec::new();
    if !c.party.legal_ids.is_empty() {
        lines.push(c.party.legal_ids.join(w.legal_ids_sep));
    }
    if !c.party.address.is_empty() {
        lines.push(c.party.address.join(", "));
    }
    if !c.contact.is_empty() {
        lines.push(c.contact.join(w.legal_ids_sep));
    }
    let mut bank = Vec::new();
    if let Some(iban) = &c.iban {
        bank.push(format!("{} {iban}", w.iban));
    }
    if let Some(bic) = &c.bic {
        bank.push(format!("{} {bic}", w.bic));
    }
    Frame {
        name: c.party.name.clone(),
        lines,
        footer: format!(
            "{}{}{}",
            c.party.name,
            if bank.is_empty() { "" } else { w.legal_ids_sep },
            bank.join(w.legal_ids_sep)
        ),
        page_label: w.page.to_string(),
        logo: c.logo.clone(),
    }
}

/// The recipient's block on the right, then the place and date.
pub(crate) fn heading(
    flow: &mut Flow<'_>,
    lang: Lang,
    date: NaiveDate,
    creditor: &Creditor,
    debtor: &Party,
    w: &Words,
) {
    let x = MARGIN + CONTENT_WIDTH / 2;
    let width = CONTENT_WIDTH / 2;
    flow.lines_in(x, width, &debtor.name, BODY, Weight::Bold, 3);
    for line in debtor.address.iter().take(5) {
        flow.line_in(x, width, line, BODY, Weight::Regular, Align::Left);
    }
    if !debtor.legal_ids.is_empty() {
        flow.line_in(x, width, &debtor.legal_ids.join(w.legal_ids_sep), SMALL, Weight::Regular, Align::Left);
    }
    flow.space(18_000);
    let d = format::date(date, lang);
    let place = match &creditor.city {
        Some(city) if !city.trim().is_empty() => fill(w.place_date, &[("city", city), ("date", &d)]),
        _ => fill(w.date_only, &[("date", &d)]),
    };
    flow.line_in(x, width, &place, BODY, Weight::Regular, Align::Left);
    flow.space(14_000);
}

pub(crate) fn days_cell(days: i64, w: &Words) -> String {
    if days > 0 {
        fill(w.days, &[("n", &days.to_string())])
    } else {
        w.not_late.to_string()
    }
}

pub(crate) fn invoice_table(lines: &[InvoiceLine], lang: Lang, w: &Words, with_total: bool) -> Table {
    let columns = vec![
        Column::left(w.col_invoice, 82_000),
        Column::left(w.col_date, 60_000),
        Column::left(w.col_due, 60_000),
        Column::right(w.col_amount, 72_000),
        Column::right(w.col_paid, 72_000),
        Column::right(w.col_remaining, 72_000),
        Column::right(w.col_late, 60_000),
    ];
    let rows = lines
        .iter()
        .map(|l| {
            vec![
                l.number.clone(),
                format::short_date(l.issue_date),
                format::short_date(l.due_date),
                format::money(l.amount, lang),
                format::money(l.paid, lang),
                format::money(l.remaining, lang),
                days_cell(l.days_late, w),
            ]
        })
        .collect();
    let total = with_total.then(|| {
        let sum = |f: fn(&InvoiceLine) -> Money| lines.iter().map(f).fold(Money::from_cents(0), |a, b| a + b);
        vec![
            w.total.to_string(),
            String::new(),
            String::new(),
            format::money(sum(|l| l.amount), lang),
            format::money(sum(|l| l.paid), lang),
            format::money(sum(|l| l.remaining), lang),
            String::new(),
        ]
    });
    Table { columns, rows, total }
}

fn upcoming(flow: &mut Flow<'_>, lines: &[InvoiceLine], lang: Lang, w: &Words) {
    if lines.is_empty() {
        return;
    }
    flow.space(12_000);
    flow.ensure(60_000);
    flow.paragraph(w.upcoming_title, BODY, Weight::Bold);
    flow.space(3_000);
    flow.paragraph(w.upcoming_intro, SMALL, Weight::Regular);
    flow.space(4_000);
    flow.table(&invoice_table(lines, lang, w, false), SMALL);
}

pub(crate) fn signature(flow: &mut Flow<'_>, creditor: &Creditor, w: &Words) {
    signature_with(flow, creditor, w.closing);
}

/// The closing (left out when the user emptied it) and the sender's name.
fn signature_with(flow: &mut Flow<'_>, creditor: &Creditor, closing: &str) {
    flow.space(10_000);
    if !closing.trim().is_empty() {
        flow.paragraph(closing, BODY, Weight::Regular);
    }
    flow.space(20_000);
    flow.ensure(30_000);
    flow.line_in(MARGIN + CONTENT_WIDTH / 2, CONTENT_WIDTH / 2, &creditor.party.name, BODY, Weight::Bold, Align::Left);
}

/// The detail of the penalties, one row per invoice and period with the same principal and rate, or
/// `none` when no period has run (shared by the mise en demeure and the injonction dossier).
pub(crate) fn periods_table(flow: &mut Flow, invoices: &[NoticeInvoice], w: &Words, lang: Lang, none: &str) {
    let periods: Vec<Vec<String>> = invoices
        .iter()
        .flat_map(|i| {
            i.periods.iter().map(|p| {
                vec![
                    i.line.number.clone(),
                    format::short_date(p.from),
                    format::short_date(p.to),
                    p.days.to_string(),
                    format::money(p.principal, lang),
                    format::rate(p.rate, lang),
                ]
            })
        })
        .collect();
    if periods.is_empty() {
        flow.paragraph(none, SMALL, Weight::Regular);
    } else {
        let columns = vec![
            Column::left(w.col_invoice, 100_000),
            Column::left(w.col_from, 70_000),
            Column::left(w.col_to, 70_000),
            Column::right(w.col_days, 50_000),
            Column::right(w.col_base, 90_000),
            Column::right(w.col_rate, 80_000),
        ];
        flow.table(&Table { columns, rows: periods, total: None }, SMALL);
    }
}

/// The reminder letter as a laid-out document, in the default wording.
pub fn reminder(r: &Reminder) -> Result<Document, LetterError> {
    reminder_with(r, &LetterTexts::defaults())
}

/// The reminder letter as a laid-out document, in the wording of `texts`.
pub fn reminder_with(r: &Reminder, texts: &LetterTexts) -> Result<Document, LetterError> {
    if r.invoices.is_empty() {
        return Err(LetterError::NoInvoice);
    }
    let fonts = Fonts::get()?;
    let w = text::words(r.lang);
    let facts = Facts {
        lang: r.lang,
        date: r.date,
        creditor: &r.creditor,
        debtor: &r.debtor,
        invoices: &r.invoices,
        deadline: None,
    };
    let parts = fill_parts(texts, kind_of(r.level), &facts);
    let mut flow = Flow::new(fonts);
    heading(&mut flow, r.lang, r.date, &r.creditor, &r.debtor, w);
    flow.paragraph(&fill(w.subject, &[("subject", &parts.title)]), BODY, Weight::Bold);
    flow.space(12_000);
    flow.paragraph(w.greeting, BODY, Weight::Regular);
    flow.space(6_000);
    flow.paragraph(&parts.before, BODY, Weight::Regular);
    flow.space(10_000);
    flow.table(&invoice_table(&r.invoices, r.lang, w, true), SMALL);
    if let Some(fee) = r.fee.filter(|f| f.is_positive()) {
        // The fee on its own line under the invoices, then the total asked.
        let (fee_label, total_label) = fee_words(r.lang);
        flow.space(6_000);
        // The amounts under the invoices' « Reste dû » column.
        let columns = vec![Column::left("", 346_000), Column::right("", 72_000)];
        flow.table(
            &Table {
                columns,
                rows: vec![vec![fee_label.to_string(), format::money(fee, r.lang)]],
                total: Some(vec![total_label.to_string(), format::money(r.total_asked(), r.lang)]),
            },
            SMALL,
        );
    }
    if !parts.after.is_empty() {
        flow.space(10_000);
        flow.paragraph(&parts.after, BODY, Weight::Regular);
    }
    if let (Some(iban), Some(bic)) = (&r.creditor.iban, &r.creditor.bic) {
        flow.space(6_000);
        flow.paragraph(&fill(w.notice_payment, &[("iban", iban), ("bic", bic)]), BODY, Weight::Regular);
    }
    upcoming(&mut flow, &r.upcoming, r.lang, w);
    signature_with(&mut flow, &r.creditor, &parts.closing);
    Ok(Document { date: Some(r.date), ..flow.finish(&parts.title, &frame(&r.creditor, w)) })
}

/// The mise en demeure as a laid-out document, in the default wording.
pub fn notice(n: &Notice) -> Result<Document, LetterError> {
    notice_with(n, &LetterTexts::defaults())
}

/// The mise en demeure as a laid-out document, its courteous parts (title, the paragraph before the
/// table, the closing) in the wording of `texts`. Its legal mentions are not templates: the
/// registered letter, the penalties and the indemnity, the demand with its deadline, the next step
/// and article 1344 are always printed as written here.
pub fn notice_with(n: &Notice, texts: &LetterTexts) -> Result<Document, LetterError> {
    if n.invoices.is_empty() {
        return Err(LetterError::NoInvoice);
    }
    let fonts = Fonts::get()?;
    let lang = n.lang;
    let w = text::words(lang);
    let zero = Money::from_cents(0);
    let principal = n.invoices.iter().map(|i| i.line.remaining).fold(zero, |a, b| a + b);
    let interest = n.invoices.iter().map(|i| i.interest).fold(zero, |a, b| a + b);
    let indemnity = n.invoices.iter().map(|i| i.indemnity).fold(zero, |a, b| a + b);
    let claimed = principal + interest + indemnity;
    let deadline = n.date.checked_add_days(Days::new(u64::from(n.deadline_days))).unwrap_or(n.date);
    let lines: Vec<InvoiceLine> = n.invoices.iter().map(|i| i.line.clone()).collect();
    let facts = Facts {
        lang,
        date: n.date,
        creditor: &n.creditor,
        debtor: &n.debtor,
        invoices: &lines,
        deadline: Some(deadline),
    };
    let parts = fill_parts(texts, TemplateKind::Notice, &facts);

    let mut flow = Flow::new(fonts);
    heading(&mut flow, lang, n.date, &n.creditor, &n.debtor, w);
    flow.paragraph(w.registered, BODY, Weight::Bold);
    flow.paragraph(&fill(w.subject, &[("subject", &parts.title)]), BODY, Weight::Bold);
    flow.space(12_000);
    flow.paragraph(w.greeting, BODY, Weight::Regular);
    flow.space(6_000);
    flow.paragraph(&parts.before, BODY, Weight::Regular);
    flow.space(8_000);
    flow.table(&invoice_table(&lines, lang, w, true), SMALL);

    flow.space(12_000);
    flow.ensure(80_000);
    let (title, why) = if n.business_debtor {
        (w.notice_penalties_title_business, w.notice_penalties_business)
    } else {
        (w.notice_penalties_title_consumer, w.notice_penalties_consumer)
    };
    flow.paragraph(title, BODY, Weight::Bold);
    flow.space(3_000);
    flow.paragraph(&fill(why, &[("date", &format::date(n.date, lang))]), BODY, Weight::Regular);
    flow.space(8_000);
    let mut columns = vec![
        Column::left(w.col_invoice, 100_000),
        Column::right(w.col_remaining, 90_000),
        Column::right(w.col_late, 70_000),
        Column::right(w.col_interest, 80_000),
    ];
    if n.business_debtor {
        columns.push(Column::right(w.col_indemnity, 70_000));
    }
    columns.push(Column::right(w.col_total, 68_000));
    let rows = n
        .invoices
        .iter()
        .map(|i| {
            let mut row = vec![
                i.line.number.clone(),
                format::money(i.line.remaining, lang),
                days_cell(i.line.days_late, w),
                format::money(i.interest, lang),
            ];
            if n.business_debtor {
                row.push(format::money(i.indemnity, lang));
            }
            row.push(format::money(i.line.remaining + i.interest + i.indemnity, lang));
            row
        })
        .collect();
    let mut total =
        vec![w.total.to_string(), format::money(principal, lang), String::new(), format::money(interest, lang)];
    if n.business_debtor {
        total.push(format::money(indemnity, lang));
    }
    total.push(format::money(claimed, lang));
    flow.table(&Table { columns, rows, total: Some(total) }, SMALL);

    flow.space(10_000);
    flow.ensure(60_000);
    flow.paragraph(w.notice_periods_title, SMALL, Weight::Bold);
    flow.space(3_000);
    periods_table(&mut flow, &n.invoices, w, lang, w.notice_no_period);
    if n.business_debtor {
        flow.space(6_000);
        let count = n.invoices.iter().filter(|i| i.indemnity.is_positive()).count();
        flow.paragraph(
            &fill(w.notice_indemnity, &[("n", &count.to_string()), ("total", &format::money(indemnity, lang))]),
            SMALL,
            Weight::Regular,
        );
    }

    flow.space(12_000);
    let summary = Table {
        columns: vec![Column::left("", 200_000), Column::right("", 100_000)],
        rows: vec![
            vec![w.notice_summary[0].to_string(), format::money(principal, lang)],
            vec![w.notice_summary[1].to_string(), format::money(interest, lang)],
        ]
        .into_iter()
        .chain(n.business_debtor.then(|| vec![w.notice_summary[2].to_string(), format::money(indemnity, lang)]))
        .collect(),
        total: Some(vec![w.notice_summary[3].to_string(), format::money(claimed, lang)]),
    };
    flow.table(&summary, BODY);
    flow.space(10_000);
    flow.paragraph(
        &fill(
            w.notice_demand,
            &[
                ("total", &format::money(claimed, lang)),
                ("days", &n.deadline_days.to_string()),
                ("deadline", &format::date(deadline, lang)),
            ],
        ),
        BODY,
        Weight::Bold,
    );
    flow.space(6_000);
    flow.paragraph(w.notice_next_step, BODY, Weight::Regular);
    flow.space(6_000);
    flow.paragraph(w.notice_legal, BODY, Weight::Regular);
    if let (Some(iban), Some(bic)) = (&n.creditor.iban, &n.creditor.bic) {
        flow.space(6_000);
        flow.paragraph(&fill(w.notice_payment, &[("iban", iban), ("bic", bic)]), BODY, Weight::Regular);
    }
    upcoming(&mut flow, &n.upcoming, lang, w);
    signature_with(&mut flow, &n.creditor, &parts.closing);
    Ok(Document { date: Some(n.date), ..flow.finish(&parts.title, &frame(&n.creditor, w)) })
}
