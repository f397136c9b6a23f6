//! Importing a file of payments. Each row pays one invoice, found by its
//! number; it is the same payment again when its reference is (or, without
//! a reference, its invoice, date and amount are): importing the file
//! again changes nothing. An unknown invoice or customer, or more paid
//! than the invoice still owes, is a row error. All or nothing.

use std::collections::HashMap;

use chrono::NaiveDate;
use relance_domain::allocation::AllocationLine;
use relance_domain::company::Language;
use relance_domain::ids::{CustomerId, InvoiceId};
use relance_domain::payment::PaymentMethod;
use relance_domain::validation::{Field, Problem};
use relance_domain::{Currency, Money};
use relance_store::activity::{self, ActivityKind, Subject};
use relance_store::payments::Receipt;

use super::{cap, count, find, read, DateOrder, ImportProblem, ImportReport, PaymentMapping, PreviewRow, Progress};
use super::{read_into_report, RowError, Ticker, PREVIEW_ROWS};
use crate::collections::{close_dispute_if_settled, SettledBy};
use crate::{AppResult, Context};

/// A bank reference is at most this long.
const MAX_REFERENCE: usize = 100;

struct Row {
    line: u64,
    number: String,
    date: NaiveDate,
    amount: Money,
    reference: Option<String>,
    customer: Option<String>,
}

/// Imports payments, each allocated whole to the invoice of its row.
pub fn payments(
    ctx: &mut impl Context,
    bytes: &[u8],
    mapping: &PaymentMapping,
    date_order: Option<DateOrder>,
    dry_run: bool,
    progress: Progress<'_>,
) -> AppResult<ImportReport> {
    let (mut report, table) = read_into_report(bytes);
    let Some(table) = table else {
        return Ok(report);
    };
    for names in [&mapping.number, &mapping.date, &mapping.amount] {
        if find(&table, names).is_none() {
            report.errors.push(RowError::at(
                1,
                names.first().map_or("", String::as_str),
                ImportProblem::MissingColumn { found: table.headers.iter().map(|h| cap(h)).collect() },
            ));
        }
    }
    let (Some(number_col), Some(date_col), Some(amount_col)) =
        (find(&table, &mapping.number), find(&table, &mapping.date), find(&table, &mapping.amount))
    else {
        return Ok(report);
    };
    let reference_col = find(&table, &mapping.reference);
    let customer_col = find(&table, &mapping.customer);
    let values = |col: usize| table.rows.iter().map(move |(_, cells)| cells[col].as_str()).filter(|v| !v.is_empty());
    let order = match date_order {
        Some(o) => Some(o),
        None => match read::decide_date_order(values(date_col)) {
            Ok(o) => o,
            Err(read::Ambiguous) => {
                report.errors.push(RowError {
                    line: None,
                    column: Some(table.headers[date_col].clone()),
                    problem: ImportProblem::AmbiguousDates,
                });
                return Ok(report);
            }
        },
    };
    let sep = match read::decide_decimal_sep(values(amount_col)) {
        Ok(s) => s,
        Err(read::Ambiguous) => {
            report.errors.push(RowError {
                line: None,
                column: Some(table.headers[amount_col].clone()),
                problem: ImportProblem::AmbiguousAmounts,
            });
            return Ok(report);
        }
    };

    let mut rows: Vec<Row> = Vec::with_capacity(table.rows.len());
    let mut keys: HashMap<String, u64> = HashMap::new();
    for (line, cells) in &table.rows {
        let line = *line;
        let header = |c: usize| table.headers[c].as_str();
        if cells[date_col].is_empty() && mapping.skip_undated {
            continue;
        }
        let mut bad = |c: usize, problem: Problem| {
            report.errors.push(RowError::at(line, header(c), ImportProblem::Value { problem, value: cap(&cells[c]) }));
        };
        let number = relance_domain::invoice::invoice_number(Field::InvoiceNumber, &cells[number_col]);
        if let Err(i) = &number {
            bad(number_col, i.problem.clone());
        }
        let date =
            if cells[date_col].is_empty() { Err(Problem::Required) } else { read::parse_date(&cells[date_col], order) };
        if let Err(p) = &date {
            bad(date_col, p.clone());
        }
        let amount = read::parse_amount(&cells[amount_col], sep);
        if let Err(p) = &amount {
            bad(amount_col, p.clone());
        }
        let reference = reference_col.map(|c| cells[c].clone()).filter(|r| !r.is_empty());
        if let (Some(c), Some(r)) = (reference_col, &reference) {
            if r.chars().count() > MAX_REFERENCE {
                report.errors.push(RowError::at(line, header(c), ImportProblem::TooLong { max: MAX_REFERENCE }));
                continue;
            }
        }
        let (Ok(number), Ok(date), Ok(amount)) = (number, date, amount) else { continue };
        let key = match &reference {
            Some(r) => format!("{number}\u{1f}ref\u{1f}{r}"),
            None => format!("{number}\u{1f}{date}\u{1f}{}", amount.cents()),
        };
        if let Some(first) = keys.get(&key) {
            let col = if reference.is_some() { reference_col.unwrap_or(number_col) } else { number_col };
            report.errors.push(RowError::at(line, header(col), ImportProblem::DuplicateRow { first_line: *first }));
            continue;
        }
        keys.insert(key, line);
        let customer = customer_col.map(|c| cells[c].clone()).filter(|c| !c.is_empty());
        if report.preview.len() < PREVIEW_ROWS {
            report.preview.push(PreviewRow {
                line,
                customer: customer.clone().unwrap_or_default(),
                number: Some(number.clone()),
                date: Some(date),
                due: None,
                amount: Some(amount),
                detail: reference.clone(),
            });
        }
        rows.push(Row { line, number, date, amount, reference, customer });
    }
    // The rows that read well are checked against the books even when others did not: every error at once.
    let now = ctx.clock().now();
    let company = relance_store::company::get(ctx.store().conn())?;
    let currency = company.as_ref().map_or(Currency::EUR, |c| c.currency);
    let lang = company.as_ref().map_or(Language::Fr, |c| c.language);
    let number_header = table.headers[number_col].clone();
    let amount_header = table.headers[amount_col].clone();
    let customer_header = customer_col.map(|c| table.headers[c].clone()).unwrap_or_default();
    ctx.store_mut().write(|tx| {
        let codes = relance_store::imports::customer_codes(tx)?;
        let by_name: HashMap<String, CustomerId> =
            relance_store::customers::ids_by_name(tx)?.into_iter().map(|(name, id)| (read::fold(&name), id)).collect();
        // What the file already puts on each invoice, on top of the books.
        let mut pending: HashMap<InvoiceId, Money> = HashMap::new();
        let mut new: Vec<(&Row, CustomerId, InvoiceId)> = Vec::new();
        for row in &rows {
            let Some(invoice) = relance_store::invoices::find_by_number(tx, &row.number)? else {
                report.errors.push(RowError::at(row.line, &number_header, ImportProblem::UnknownInvoice));
                continue;
            };
            if invoice.cancelled {
                report.errors.push(RowError::at(row.line, &number_header, ImportProblem::ConflictsWithBooks));
                continue;
            }
            if let Some(name) = &row.customer {
                match codes.get(name).or_else(|| by_name.get(&read::fold(name))) {
                    None => {
                        report.errors.push(RowError::at(row.line, &customer_header, ImportProblem::UnknownCustomer));
                        continue;
                    }
                    Some(id) if *id != invoice.customer_id => {
                        report.errors.push(RowError::at(row.line, &customer_header, ImportProblem::OtherCustomer));
                        continue;
                    }
                    Some(_) => {}
                }
            }
            let already = match &row.reference {
                Some(r) => relance_store::imports::payment_by_reference(tx, invoice.customer_id, r)?.is_some(),
                None => relance_store::payments::applied_to_invoice(tx, invoice.id)?
                    .iter()
                    .any(|(d, m, k)| *d == row.date && *m == row.amount && k == "payment"),
            };
            if already {
                report.unchanged += 1;
                continue;
            }
            let put = pending.entry(invoice.id).or_insert(Money::ZERO);
            let remaining = invoice.data.total - invoice.settled - *put;
            if row.amount > remaining {
                report.errors.push(RowError::at(
                    row.line,
                    &amount_header,
                    ImportProblem::Overpays { remaining: remaining.max(Money::ZERO) },
                ));
                continue;
            }
            *put += row.amount;
            new.push((row, invoice.customer_id, invoice.id));
        }
        report.payments_created = count(new.len());
        if !report.errors.is_empty() || dry_run {
            return Ok(());
        }
        let mut ticker = Ticker::new(progress, new.len() as u64);
        let disputed = super::disputed_now(tx)?;
        for (row, customer, invoice) in &new {
            ticker.tick();
            let receipt = Receipt::Payment { method: PaymentMethod::Other, reference: row.reference.clone() };
            let id = relance_store::payments::insert(tx, *customer, row.date, row.amount, currency, &receipt, now)?;
            relance_store::payments::allocate(tx, id, &AllocationLine { invoice: *invoice, amount: row.amount })?;
            // A disputed invoice this payment settles: its dispute ends here, as in the payment screen.
            if disputed.contains(invoice) {
                let by = SettledBy::Payment { id, date: row.date, amount: row.amount, currency: &currency };
                close_dispute_if_settled(tx, *invoice, &by, row.date, now, lang)?;
            }
            activity::record(
                tx,
                now,
                ActivityKind::PaymentRecorded,
                Subject { customer: Some(*customer), invoice: None, payment: Some(id) },
                &[
                    ("amount", row.amount.to_string()),
                    ("date", row.date.to_string()),
                    ("method", PaymentMethod::Other.code().to_string()),
                    ("invoices", row.number.clone()),
                    ("credit", Money::ZERO.to_string()),
                    ("source", "import".into()),
                ],
            )?;
        }
        report.written = true;
        Ok::<(), crate::AppError>(())
    })?;
    if !report.errors.is_empty() {
        report.written = false;
    }
    Ok(report)
}
