//! Importing a CSV file of invoices (issue 6). `read` turns the bytes into
//! cells and decides each column's formats; `mapping` says which column is
//! which field; `invoices` checks every row, then writes all of them in one
//! transaction or none: any row in error and nothing is written.
//! Importing the same file again changes nothing: invoices are keyed by
//! their number, payments by invoice, date and amount.

mod customers;
pub mod mapping;
mod payments;
pub mod read;

use std::collections::HashMap;

use chrono::NaiveDate;
use relance_domain::allocation::AllocationLine;
use relance_domain::company::Language;
use relance_domain::customer::CustomerInput;
use relance_domain::ids::{CustomerId, InvoiceId};
use relance_domain::invoice::InvoiceData;
use relance_domain::payment::PaymentMethod;
use relance_domain::validation::{Field, Problem};
use relance_domain::{Currency, Money};
use relance_store::activity::{self, ActivityKind, Subject};
use relance_store::payments::Receipt;

pub use customers::customers;
pub use mapping::{CustomerMapping, InvoiceMapping, PaymentMapping, Preset};
pub use payments::payments;
pub use read::{DateOrder, Encoding};

use crate::collections::{close_dispute_if_settled, SettledBy};
use crate::{AppResult, Context};

/// Why a row (or the file) cannot be imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportProblem {
    /// Binary data, or control characters in a cell.
    NotText,
    /// The CSV structure breaks (an unclosed quote at the end of the file).
    Unreadable,
    /// No header, or a header and no rows.
    NoRows,
    LineTooLong {
        max: usize,
    },
    /// A line with another number of cells than the header (a truncated
    /// line, or a file with another delimiter).
    CellCount {
        expected: usize,
        found: usize,
    },
    TooLong {
        max: usize,
    },
    /// A column the mapping needs is not in the header; `found` lists it.
    MissingColumn {
        found: Vec<String>,
    },
    /// Nothing in the column tells day/month from month/day.
    AmbiguousDates,
    /// `1,234` everywhere: thousands or decimals?
    AmbiguousAmounts,
    /// A value the domain refuses (amount, date, number, name), with the value.
    Value {
        problem: Problem,
        value: String,
    },
    /// The same invoice number twice in the file.
    DuplicateInFile {
        first_line: u64,
    },
    /// The number is already in the books with another customer, date or amount.
    ConflictsWithBooks,
    /// The invoice in the books already has other payments than the file's.
    OtherPayments,
    /// The same customer (or payment) twice in the file.
    DuplicateRow {
        first_line: u64,
    },
    /// A payments file names an invoice number that is not in the books.
    UnknownInvoice,
    /// A payments file names a customer that is not in the books.
    UnknownCustomer,
    /// The invoice of a payment belongs to another customer than the row's.
    OtherCustomer,
    /// The payments of the file on this invoice come to more than it still owes.
    Overpays {
        remaining: Money,
    },
}

/// What a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportKind {
    Invoices,
    Customers,
    Payments,
}

impl ImportKind {
    pub fn code(self) -> &'static str {
        match self {
            ImportKind::Invoices => "invoices",
            ImportKind::Customers => "customers",
            ImportKind::Payments => "payments",
        }
    }

    pub fn from_code(code: &str) -> Option<ImportKind> {
        match code {
            "invoices" => Some(ImportKind::Invoices),
            "customers" => Some(ImportKind::Customers),
            "payments" => Some(ImportKind::Payments),
            _ => None,
        }
    }
}

impl DateOrder {
    pub fn code(self) -> &'static str {
        match self {
            DateOrder::DayFirst => "day_first",
            DateOrder::MonthFirst => "month_first",
        }
    }

    pub fn from_code(code: &str) -> Option<DateOrder> {
        match code {
            "day_first" => Some(DateOrder::DayFirst),
            "month_first" => Some(DateOrder::MonthFirst),
            _ => None,
        }
    }
}

/// One row as it will be read, for the preview (the first [`PREVIEW_ROWS`]
/// rows without error). Fields a kind does not have stay empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreviewRow {
    pub line: u64,
    pub customer: String,
    /// The invoice number (invoices, payments) or the customer's code.
    pub number: Option<String>,
    /// The issue date of an invoice, the date of a payment.
    pub date: Option<NaiveDate>,
    pub due: Option<NaiveDate>,
    pub amount: Option<Money>,
    /// The settled date of an invoice, the reference of a payment, the e-mail of a customer.
    pub detail: Option<String>,
}

/// How many rows the preview shows.
pub const PREVIEW_ROWS: usize = 20;

/// Writing progress: rows written so far and in all.
pub type Progress<'a> = &'a mut dyn FnMut(u64, u64);

/// Calls `progress` about a hundred times over `total` rows.
pub(crate) struct Ticker<'a> {
    progress: Progress<'a>,
    done: u64,
    total: u64,
    step: u64,
}

impl<'a> Ticker<'a> {
    pub(crate) fn new(progress: Progress<'a>, total: u64) -> Ticker<'a> {
        progress(0, total);
        Ticker { progress, done: 0, total, step: (total / 100).max(1) }
    }

    pub(crate) fn tick(&mut self) {
        self.done += 1;
        if self.done.is_multiple_of(self.step) || self.done == self.total {
            (self.progress)(self.done, self.total);
        }
    }
}

/// A problem with its line (1 is the header) and its column's header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub line: Option<u64>,
    pub column: Option<String>,
    pub problem: ImportProblem,
}

impl RowError {
    pub fn file(line: Option<u64>, problem: ImportProblem) -> RowError {
        RowError { line, column: None, problem }
    }

    pub fn at(line: u64, column: &str, problem: ImportProblem) -> RowError {
        RowError { line: Some(line), column: Some(column.to_string()), problem }
    }
}

/// What an import did (or, in a dry run or with errors, would do).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub rows: u32,
    pub customers_created: u32,
    pub invoices_created: u32,
    pub payments_created: u32,
    /// Rows already in the books exactly as in the file.
    pub unchanged: u32,
    /// Rows marked disputed. Each new invoice among them gets a dispute
    /// (see [`dispute_from_file`]).
    pub disputed_seen: u32,
    pub errors: Vec<RowError>,
    /// True only when the rows were written (no error, not a dry run).
    pub written: bool,
    pub encoding: Option<Encoding>,
    pub delimiter: Option<char>,
    /// The first rows as they are read.
    pub preview: Vec<PreviewRow>,
}

/// One row as it will be written.
struct Row {
    line: u64,
    customer: String,
    data: InvoiceData,
    settled: Option<NaiveDate>,
    /// Marked disputed in the file.
    disputed: bool,
}

/// The columns found for the mapping's fields.
struct Columns {
    customer: usize,
    number: usize,
    issue: usize,
    due: Option<usize>,
    total: usize,
    settled: Option<usize>,
    disputed: Option<usize>,
}

pub(crate) fn cap(s: &str) -> String {
    let mut out: String = s.chars().take(40).collect();
    if s.chars().count() > 40 {
        out.push('…');
    }
    out
}

pub(crate) fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The signature of a file's header line: its cells folded (no case,
/// accents nor spaces) joined by `|`; None when the file has no readable header.
pub fn signature(bytes: &[u8]) -> Option<String> {
    let (text, _) = read::decode(bytes).ok()?;
    let delimiter = read::detect_delimiter(&text);
    let header = text.lines().find(|l| !l.trim().is_empty())?;
    let mut reader =
        csv::ReaderBuilder::new().delimiter(delimiter).has_headers(false).flexible(true).from_reader(header.as_bytes());
    let record = reader.records().next()?.ok()?;
    let sig = record.iter().map(read::fold).collect::<Vec<_>>().join("|");
    let sig: String = sig.chars().take(4000).collect();
    (!sig.replace('|', "").is_empty()).then_some(sig)
}

/// The choices remembered for a file with the same header line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Remembered {
    pub kind: ImportKind,
    pub preset: Preset,
    pub date_order: Option<DateOrder>,
}

/// What was chosen last time for a file with this header, if anything.
pub fn remembered(ctx: &impl Context, bytes: &[u8]) -> AppResult<Option<Remembered>> {
    let Some(sig) = signature(bytes) else { return Ok(None) };
    let Some(c) = relance_store::imports::choice(ctx.store().conn(), &sig)? else { return Ok(None) };
    let (Some(kind), Some(preset)) = (ImportKind::from_code(&c.kind), Preset::from_code(&c.preset)) else {
        return Ok(None);
    };
    Ok(Some(Remembered { kind, preset, date_order: c.date_order.as_deref().and_then(DateOrder::from_code) }))
}

/// Imports a file of `kind` with a preset. A written import remembers the
/// choices for the file's header line (`remembered`).
pub fn run(
    ctx: &mut impl Context,
    kind: ImportKind,
    bytes: &[u8],
    preset: Preset,
    date_order: Option<DateOrder>,
    dry_run: bool,
    progress: Progress<'_>,
) -> AppResult<ImportReport> {
    let report = match kind {
        ImportKind::Invoices => invoices_with(ctx, bytes, &InvoiceMapping::of(preset), date_order, dry_run, progress)?,
        ImportKind::Customers => customers(ctx, bytes, &CustomerMapping::of(preset), dry_run, progress)?,
        ImportKind::Payments => payments(ctx, bytes, &PaymentMapping::of(preset), date_order, dry_run, progress)?,
    };
    if report.written {
        if let Some(sig) = signature(bytes) {
            let now = ctx.clock().now();
            let choice = relance_store::imports::Choice {
                kind: kind.code().to_string(),
                preset: preset.code().to_string(),
                date_order: date_order.map(|o| o.code().to_string()),
            };
            ctx.store_mut().write(|tx| relance_store::imports::remember(tx, &sig, &choice, now))?;
        }
    }
    Ok(report)
}

/// Imports invoices (with their customers, and a payment of the full
/// amount when the file gives a settled date). All or nothing.
pub fn invoices(
    ctx: &mut impl Context,
    bytes: &[u8],
    mapping: &InvoiceMapping,
    date_order: Option<DateOrder>,
    dry_run: bool,
) -> AppResult<ImportReport> {
    invoices_with(ctx, bytes, mapping, date_order, dry_run, &mut |_, _| {})
}

/// Reads the file and starts its report with what reading found: the errors,
/// and for a readable table its encoding, delimiter and row count (every kind
/// of import begins so).
pub(crate) fn read_into_report(bytes: &[u8]) -> (ImportReport, Option<read::Table>) {
    let mut report = ImportReport::default();
    let (table, errors) = read::read_table(bytes);
    report.errors = errors;
    if let Some(t) = &table {
        report.encoding = Some(t.encoding);
        report.delimiter = Some(char::from(t.delimiter));
        report.rows = count(t.rows.len());
    }
    (report, table)
}

/// [`invoices`], reporting the rows written to `progress`.
pub fn invoices_with(
    ctx: &mut impl Context,
    bytes: &[u8],
    mapping: &InvoiceMapping,
    date_order: Option<DateOrder>,
    dry_run: bool,
    progress: Progress<'_>,
) -> AppResult<ImportReport> {
    let (mut report, table) = read_into_report(bytes);
    let Some(table) = table else {
        return Ok(report);
    };
    let company = relance_store::company::get(ctx.store().conn())?;
    let terms = company.as_ref().map_or(relance_domain::terms::PaymentTerms::Net(30), |c| c.default_terms);
    let rows = match parse_rows(&table, mapping, date_order, terms, &mut report) {
        Some(rows) if report.errors.is_empty() => rows,
        _ => return Ok(report),
    };
    let now = ctx.clock().now();
    let currency = company.as_ref().map_or(Currency::EUR, |c| c.currency);
    let lang = company.as_ref().map_or(Language::Fr, |c| c.language);
    ctx.store_mut().write(|tx| {
        // Checked against the books inside the transaction, then written.
        let mut names = relance_store::customers::ids_by_name(tx)?;
        let mut new_customers: Vec<(String, relance_domain::customer::CustomerData)> = Vec::new();
        let mut new_invoices: Vec<&Row> = Vec::new();
        let mut new_payments: Vec<(Option<(CustomerId, InvoiceId)>, usize)> = Vec::new();
        let mut seen_new: HashMap<&str, ()> = HashMap::new();
        let cols = columns_of(&table, mapping);
        let number_col = &table.headers[cols.as_ref().map_or(0, |c| c.number)];
        let customer_col = &table.headers[cols.as_ref().map_or(0, |c| c.customer)];
        for (i, row) in rows.iter().enumerate() {
            if let Some(existing) = relance_store::invoices::find_by_number(tx, &row.data.number)? {
                let same = existing.customer_name == row.customer
                    && existing.data.issue_date == row.data.issue_date
                    && existing.data.due_date == row.data.due_date
                    && existing.data.total == row.data.total
                    && !existing.cancelled;
                if !same {
                    report.errors.push(RowError::at(row.line, number_col, ImportProblem::ConflictsWithBooks));
                    continue;
                }
                let applied = relance_store::payments::applied_to_invoice(tx, existing.id)?;
                match row.settled {
                    Some(date) => {
                        let has_it =
                            applied.iter().any(|(d, m, k)| *d == date && *m == row.data.total && k == "payment");
                        if has_it {
                            report.unchanged += 1;
                        } else if existing.settled.is_zero() {
                            new_payments.push((Some((existing.customer_id, existing.id)), i));
                        } else {
                            report.errors.push(RowError::at(row.line, number_col, ImportProblem::OtherPayments));
                        }
                    }
                    None => report.unchanged += 1,
                }
                continue;
            }
            if relance_store::invoices::number_taken(tx, &row.data.number, None)? {
                report.errors.push(RowError::at(row.line, number_col, ImportProblem::ConflictsWithBooks));
                continue;
            }
            if !names.contains_key(&row.customer) && !seen_new.contains_key(row.customer.as_str()) {
                let input = CustomerInput { kind: "business".into(), name: row.customer.clone(), ..Default::default() };
                match input.validate() {
                    Ok(data) => new_customers.push((row.customer.clone(), data)),
                    Err(v) => {
                        for issue in &v.issues {
                            report.errors.push(RowError::at(
                                row.line,
                                customer_col,
                                ImportProblem::Value { problem: issue.problem.clone(), value: cap(&row.customer) },
                            ));
                        }
                    }
                }
                seen_new.insert(row.customer.as_str(), ());
            }
            new_invoices.push(row);
            if row.settled.is_some() {
                new_payments.push((None, i));
            }
        }
        report.customers_created = count(new_customers.len());
        report.invoices_created = count(new_invoices.len());
        report.payments_created = count(new_payments.len());
        if !report.errors.is_empty() || dry_run {
            return Ok(());
        }
        let dropped = relance_store::bulk::drop_indexes(tx)?;
        let mut ticker = Ticker::new(progress, (new_customers.len() + new_invoices.len() + new_payments.len()) as u64);
        for (name, data) in &new_customers {
            ticker.tick();
            let id = relance_store::customers::insert(tx, data, now)?;
            names.insert(name.clone(), id);
            activity::record(
                tx,
                now,
                ActivityKind::CustomerCreated,
                Subject { customer: Some(id), ..Default::default() },
                &[("name", name.clone()), ("source", "import".into())],
            )?;
        }
        let mut invoice_ids: HashMap<u64, (CustomerId, InvoiceId)> = HashMap::with_capacity(new_invoices.len());
        let mut disputed = disputed_now(tx)?;
        for row in &new_invoices {
            ticker.tick();
            let customer = names[&row.customer];
            let id = relance_store::invoices::insert(tx, customer, &row.data, currency, now)?;
            invoice_ids.insert(row.line, (customer, id));
            if row.disputed {
                open_dispute_from_file(tx, (customer, id), row, lang, now)?;
                disputed.insert(id);
            }
            activity::record(
                tx,
                now,
                ActivityKind::InvoiceCreated,
                Subject { customer: Some(customer), invoice: Some(id), payment: None },
                &[
                    ("number", row.data.number.clone()),
                    ("total", row.data.total.to_string()),
                    ("due_date", row.data.due_date.to_string()),
                    ("source", "import".into()),
                ],
            )?;
        }
        for (existing, i) in &new_payments {
            ticker.tick();
            let row = &rows[*i];
            let (customer, invoice) = match existing {
                Some(ids) => *ids,
                None => invoice_ids[&row.line],
            };
            let Some(date) = row.settled else { continue };
            let receipt = Receipt::Payment { method: PaymentMethod::Other, reference: None };
            let id = relance_store::payments::insert(tx, customer, date, row.data.total, currency, &receipt, now)?;
            relance_store::payments::allocate(tx, id, &AllocationLine { invoice, amount: row.data.total })?;
            if disputed.contains(&invoice) {
                let by = SettledBy::Payment { id, date, amount: row.data.total, currency: &currency };
                close_dispute_if_settled(tx, invoice, &by, date, now, lang)?;
            }
            activity::record(
                tx,
                now,
                ActivityKind::PaymentRecorded,
                Subject { customer: Some(customer), invoice: None, payment: Some(id) },
                &[
                    ("amount", row.data.total.to_string()),
                    ("date", date.to_string()),
                    ("method", PaymentMethod::Other.code().to_string()),
                    ("invoices", row.data.number.clone()),
                    ("credit", Money::ZERO.to_string()),
                    ("source", "import".into()),
                ],
            )?;
        }
        relance_store::bulk::rebuild_indexes(tx, dropped)?;
        report.written = true;
        Ok::<(), crate::AppError>(())
    })?;
    if !report.errors.is_empty() {
        report.written = false;
    }
    Ok(report)
}

/// The reason of a dispute read from a file's « disputed » flag, in the
/// company's language (kept like a reason the user types).
pub fn dispute_from_file(lang: Language) -> &'static str {
    match lang {
        Language::Fr => "Litige signalé dans le fichier importé",
        Language::En => "Dispute flagged in the imported file",
    }
}

/// A file's « disputed » flag as a dispute in a new invoice's history. The
/// file says that the invoice was disputed, not when: the dispute is dated
/// from the invoice's issue (the earliest it can be). The payment the file
/// gives then closes it as any payment settling a disputed invoice does
/// (`collections::close_dispute_if_settled`); without one it stays open, so
/// that reminders pause on it. The share disputed counts it.
fn open_dispute_from_file(
    tx: &relance_store::Conn,
    (customer, invoice): (CustomerId, InvoiceId),
    row: &Row,
    lang: Language,
    now: chrono::DateTime<chrono::Utc>,
) -> relance_store::Result<()> {
    let reason = dispute_from_file(lang).to_owned();
    let opened =
        relance_domain::dunning::DunningEvent::DisputeOpened { on: row.data.issue_date, reason: reason.clone() };
    relance_store::dunning::append(tx, invoice, &opened, now.date_naive(), now)?;
    activity::record(
        tx,
        now,
        ActivityKind::DisputeOpened,
        Subject { customer: Some(customer), invoice: Some(invoice), payment: None },
        &[("number", row.data.number.clone()), ("reason", reason), ("source", "import".into())],
    )
}

/// The invoices under an open dispute, for an import that pays some: few, read once.
pub(crate) fn disputed_now(tx: &relance_store::Conn) -> relance_store::Result<std::collections::HashSet<InvoiceId>> {
    Ok(relance_store::kpis::disputes(tx)?.into_iter().filter(|d| d.closed.is_none()).map(|d| d.invoice).collect())
}

pub(crate) fn find(table: &read::Table, names: &[String]) -> Option<usize> {
    names.iter().find_map(|n| table.column(n))
}

fn columns_of(table: &read::Table, m: &InvoiceMapping) -> Option<Columns> {
    Some(Columns {
        customer: find(table, &m.customer)?,
        number: find(table, &m.number)?,
        issue: find(table, &m.issue_date)?,
        due: find(table, &m.due_date),
        total: find(table, &m.total)?,
        settled: find(table, &m.settled_date),
        disputed: find(table, &m.disputed),
    })
}

/// Every row read with its column's formats; every problem in `report`.
fn parse_rows(
    table: &read::Table,
    mapping: &InvoiceMapping,
    date_order: Option<DateOrder>,
    terms: relance_domain::terms::PaymentTerms,
    report: &mut ImportReport,
) -> Option<Vec<Row>> {
    for names in [&mapping.customer, &mapping.number, &mapping.issue_date, &mapping.total] {
        if find(table, names).is_none() {
            report.errors.push(RowError::at(
                1,
                names.first().map_or("", String::as_str),
                ImportProblem::MissingColumn { found: table.headers.iter().map(|h| cap(h)).collect() },
            ));
        }
    }
    let cols = columns_of(table, mapping)?;
    let values = |col: usize| table.rows.iter().map(move |(_, cells)| cells[col].as_str()).filter(|v| !v.is_empty());
    let order_of = |col: Option<usize>, report: &mut ImportReport| -> Option<DateOrder> {
        let col = col?;
        if date_order.is_some() {
            return date_order;
        }
        match read::decide_date_order(values(col)) {
            Ok(o) => o,
            Err(read::Ambiguous) => {
                report.errors.push(RowError {
                    line: None,
                    column: Some(table.headers[col].clone()),
                    problem: ImportProblem::AmbiguousDates,
                });
                None
            }
        }
    };
    let issue_order = order_of(Some(cols.issue), report);
    let due_order = order_of(cols.due, report);
    let settled_order = order_of(cols.settled, report);
    let sep = match read::decide_decimal_sep(values(cols.total)) {
        Ok(s) => s,
        Err(read::Ambiguous) => {
            report.errors.push(RowError {
                line: None,
                column: Some(table.headers[cols.total].clone()),
                problem: ImportProblem::AmbiguousAmounts,
            });
            read::DecimalSep::Dot
        }
    };
    if report
        .errors
        .iter()
        .any(|e| matches!(e.problem, ImportProblem::AmbiguousDates | ImportProblem::AmbiguousAmounts))
    {
        return None;
    }
    let mut rows = Vec::with_capacity(table.rows.len());
    let mut numbers: HashMap<String, u64> = HashMap::with_capacity(table.rows.len());
    for (line, cells) in &table.rows {
        let line = *line;
        let header = |c: usize| table.headers[c].as_str();
        let bad = |c: usize, problem: Problem, report: &mut ImportReport| {
            report.errors.push(RowError::at(line, header(c), ImportProblem::Value { problem, value: cap(&cells[c]) }));
        };
        let customer = cells[cols.customer].clone();
        if customer.is_empty() {
            bad(cols.customer, Problem::Required, report);
        }
        let number = relance_domain::invoice::invoice_number(Field::InvoiceNumber, &cells[cols.number]);
        if let Err(i) = &number {
            bad(cols.number, i.problem.clone(), report);
        }
        let date = |c: usize, order: Option<DateOrder>, report: &mut ImportReport| {
            let raw = &cells[c];
            if raw.is_empty() {
                return Err(Problem::Required);
            }
            read::parse_date(raw, order).inspect_err(|p| {
                report.errors.push(RowError::at(
                    line,
                    header(c),
                    ImportProblem::Value { problem: p.clone(), value: cap(raw) },
                ));
            })
        };
        let issue = date(cols.issue, issue_order, report);
        if let Err(Problem::Required) = issue {
            bad(cols.issue, Problem::Required, report);
        }
        let due = match cols.due {
            Some(c) if !cells[c].is_empty() => date(c, due_order, report).map(Some),
            _ => Ok(None),
        };
        let settled = match cols.settled {
            Some(c) if !cells[c].is_empty() => date(c, settled_order, report).map(Some),
            _ => Ok(None),
        };
        let total = read::parse_amount(&cells[cols.total], sep);
        if let Err(p) = &total {
            bad(cols.total, p.clone(), report);
        }
        let disputed =
            cols.disputed.is_some_and(|c| matches!(read::fold(&cells[c]).as_str(), "yes" | "oui" | "true" | "1" | "x"));
        if disputed {
            report.disputed_seen += 1;
        }
        let (Ok(number), Ok(issue), Ok(due), Ok(settled), Ok(total)) = (number, issue, due, settled, total) else {
            continue;
        };
        if customer.is_empty() {
            continue;
        }
        if let (Some(d), Some(c)) = (due, cols.due) {
            if d < issue {
                bad(c, Problem::DateBeforeIssue, report);
                continue;
            }
        }
        if let Some(first) = numbers.get(&number) {
            report.errors.push(RowError::at(
                line,
                header(cols.number),
                ImportProblem::DuplicateInFile { first_line: *first },
            ));
            continue;
        }
        numbers.insert(number.clone(), line);
        if report.preview.len() < PREVIEW_ROWS {
            report.preview.push(PreviewRow {
                line,
                customer: customer.clone(),
                number: Some(number.clone()),
                date: Some(issue),
                due: Some(due.unwrap_or_else(|| terms.due_date(issue))),
                amount: Some(total),
                detail: settled.map(|d| d.to_string()),
            });
        }
        let data = InvoiceData {
            number,
            issue_date: issue,
            due_date: due.unwrap_or_else(|| terms.due_date(issue)),
            due_date_set_by_hand: due.is_some(),
            amount_excl_tax: total,
            tax_amount: Money::ZERO,
            total,
        };
        rows.push(Row { line, customer, data, settled, disputed });
    }
    Some(rows)
}
