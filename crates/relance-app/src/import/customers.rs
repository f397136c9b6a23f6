//! Importing a file of customers. A customer is the same one again when
//! its code is (the file has a code column), else when its name is
//! (without case, accents nor spaces): importing the file again changes
//! nothing. All or nothing, like invoices.

use std::collections::HashMap;

use relance_domain::customer::{CustomerData, CustomerInput};
use relance_domain::validation::Field;
use relance_store::activity::{self, ActivityKind, Subject};

use super::{cap, count, find, read, CustomerMapping, ImportProblem, ImportReport, PreviewRow, Progress, RowError};
use super::{read_into_report, Ticker, PREVIEW_ROWS};
use crate::{AppResult, Context};

struct Row {
    name: String,
    code: Option<String>,
    data: CustomerData,
}

/// Imports customers (with their code, e-mail, phone, SIREN and contact when the file has them).
pub fn customers(
    ctx: &mut impl Context,
    bytes: &[u8],
    mapping: &CustomerMapping,
    dry_run: bool,
    progress: Progress<'_>,
) -> AppResult<ImportReport> {
    let (mut report, table) = read_into_report(bytes);
    let Some(table) = table else {
        return Ok(report);
    };
    let Some(name_col) = find(&table, &mapping.name) else {
        report.errors.push(RowError::at(
            1,
            mapping.name.first().map_or("", String::as_str),
            ImportProblem::MissingColumn { found: table.headers.iter().map(|h| cap(h)).collect() },
        ));
        return Ok(report);
    };
    let code_col = find(&table, &mapping.code);
    let email_col = find(&table, &mapping.email);
    let phone_col = find(&table, &mapping.phone);
    let siren_col = find(&table, &mapping.siren);
    let contact_col = find(&table, &mapping.contact);
    let cell = |cells: &[String], c: Option<usize>| c.map(|c| cells[c].clone()).unwrap_or_default();

    let mut rows: Vec<Row> = Vec::with_capacity(table.rows.len());
    let mut keys: HashMap<String, (u64, usize)> = HashMap::new();
    for (line, cells) in &table.rows {
        let line = *line;
        let name = cells[name_col].clone();
        let input = CustomerInput {
            kind: "business".into(),
            name: name.clone(),
            email: cell(cells, email_col),
            phone: cell(cells, phone_col),
            siren: cell(cells, siren_col),
            contact_name: cell(cells, contact_col),
            ..Default::default()
        };
        let data = match input.validate() {
            Ok(data) => data,
            Err(v) => {
                for issue in &v.issues {
                    let col = match issue.field {
                        Field::Email => email_col,
                        Field::Phone => phone_col,
                        Field::Siren => siren_col,
                        _ => None,
                    }
                    .unwrap_or(name_col);
                    report.errors.push(RowError::at(
                        line,
                        &table.headers[col],
                        ImportProblem::Value { problem: issue.problem.clone(), value: cap(&cells[col]) },
                    ));
                }
                continue;
            }
        };
        let code = code_col.map(|c| cells[c].clone()).filter(|c| !c.is_empty());
        if let (Some(c), Some(code)) = (code_col, &code) {
            if code.chars().count() > 200 {
                report.errors.push(RowError::at(line, &table.headers[c], ImportProblem::TooLong { max: 200 }));
                continue;
            }
        }
        let key = code.clone().map_or_else(|| format!("name:{}", read::fold(&name)), |c| format!("code:{c}"));
        if let Some((first, same)) = keys.get(&key) {
            // The same customer on several lines (an export of invoices) is one customer; two different ones
            // under one key are an error.
            if rows[*same].data != data || rows[*same].name != name {
                let col = if code.is_some() { code_col.unwrap_or(name_col) } else { name_col };
                report.errors.push(RowError::at(
                    line,
                    &table.headers[col],
                    ImportProblem::DuplicateRow { first_line: *first },
                ));
            }
            continue;
        }
        keys.insert(key, (line, rows.len()));
        if report.preview.len() < PREVIEW_ROWS {
            report.preview.push(PreviewRow {
                line,
                customer: name.clone(),
                number: code.clone(),
                date: None,
                due: None,
                amount: None,
                detail: data.email.clone(),
            });
        }
        rows.push(Row { name, code, data });
    }
    if !report.errors.is_empty() {
        return Ok(report);
    }
    let now = ctx.clock().now();
    ctx.store_mut().write(|tx| {
        let codes = relance_store::imports::customer_codes(tx)?;
        let by_name: HashMap<String, relance_domain::ids::CustomerId> =
            relance_store::customers::ids_by_name(tx)?.into_iter().map(|(name, id)| (read::fold(&name), id)).collect();
        let mut new: Vec<&Row> = Vec::new();
        let mut links: Vec<(&str, relance_domain::ids::CustomerId)> = Vec::new();
        for row in &rows {
            let known_code = row.code.as_ref().and_then(|c| codes.get(c));
            if known_code.is_some() {
                report.unchanged += 1;
                continue;
            }
            match by_name.get(&read::fold(&row.name)) {
                Some(id) => {
                    // Already in the books by its name: it keeps it, and gets the file's code once.
                    if let Some(code) = &row.code {
                        if relance_store::imports::code_of(tx, *id)?.is_none()
                            && !links.iter().any(|(_, other)| other == id)
                        {
                            links.push((code.as_str(), *id));
                        }
                    }
                    report.unchanged += 1;
                }
                None => new.push(row),
            }
        }
        report.customers_created = count(new.len());
        if dry_run {
            return Ok(());
        }
        let mut ticker = Ticker::new(progress, (new.len() + links.len()) as u64);
        for (code, id) in &links {
            ticker.tick();
            relance_store::imports::set_customer_code(tx, code, *id)?;
        }
        for row in &new {
            ticker.tick();
            let id = relance_store::customers::insert(tx, &row.data, now)?;
            if let Some(code) = &row.code {
                relance_store::imports::set_customer_code(tx, code, id)?;
            }
            activity::record(
                tx,
                now,
                ActivityKind::CustomerCreated,
                Subject { customer: Some(id), ..Default::default() },
                &[("name", row.name.clone()), ("source", "import".into())],
            )?;
        }
        report.written = true;
        Ok::<(), crate::AppError>(())
    })?;
    Ok(report)
}
