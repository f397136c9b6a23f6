//! "Print today's letters": every letter of the day's agenda (customers whose message goes by post:
//! a reminder at its level, or the mise en demeure) laid out in one PDF, then, in one transaction, each
//! printed letter's action recorded as done, a copy of the letter (its own PDF and SHA-256) kept with
//! the customer, and a `letter_sent` entry in the customer's timeline.
//!
//! Page numbers run per letter ("Page n / N" of that letter): each letter goes in its own envelope to
//! another person, who must not read "page 7 / 40". `Document::batch` keeps each letter's own pages.
//!
//! A letter that cannot be made (a mise en demeure whose penalties need a rate the tables lack, a
//! layout failure, nothing left to claim) is reported with its customer and reason, and its action
//! stays in the agenda; the others are printed. A storage error, or a failure to save the batch
//! (`save`), writes nothing at all.

use chrono::NaiveDate;
use relance_domain::dunning::Channel;
use relance_domain::ids::CustomerId;
use relance_domain::penalties::PenaltyError;
use relance_domain::Money;
use relance_letters::{Document, ReminderLevel};
use relance_store::activity::{self, ActivityKind, Subject};
use relance_store::letters_sent::NewLetter;
use sha2::{Digest, Sha256};

use crate::letters::{LetterKind, LettersError};
use crate::{AppError, AppResult, Context};

/// One letter of the batch, printed and recorded.
#[derive(Debug, Clone)]
pub struct PrintedLetter {
    pub customer: CustomerId,
    pub customer_name: String,
    pub kind: LetterKind,
    /// The reminder's level; none for a mise en demeure.
    pub level: Option<ReminderLevel>,
    pub invoice_numbers: Vec<String>,
    pub total_due: Money,
    /// Its first page in the batch (from 1) and its number of pages.
    pub first_page: usize,
    pub pages: usize,
    /// The kept copy (`letters_sent` row) and its SHA-256.
    pub copy_id: i64,
    pub sha256: String,
}

/// Why a letter of the day could not be made.
#[derive(Debug, Clone)]
pub enum Unprintable {
    /// The penalties of a mise en demeure cannot be computed (a rate the tables lack: the user adds
    /// it in Settings, or a contractual rate below the legal floor).
    Penalty(PenaltyError),
    /// Nothing left to claim from the customer at that date.
    NothingDue,
    /// The letter could not be laid out.
    Render(String),
}

/// A letter of the day that was not printed (its action stays in the agenda).
#[derive(Debug, Clone)]
pub struct NotPrinted {
    pub customer: CustomerId,
    pub customer_name: String,
    pub kind: LetterKind,
    pub reason: Unprintable,
}

/// The day's batch.
#[derive(Debug, Clone)]
pub struct DayBatch {
    pub as_of: NaiveDate,
    pub printed: Vec<PrintedLetter>,
    pub not_printed: Vec<NotPrinted>,
    /// The batch's pages.
    pub pages: usize,
    /// The batch PDF, already handed to `save`; empty when nothing was printed.
    pub pdf: Vec<u8>,
}

/// The letters of the day's agenda at `as_of`, without printing nor recording anything: who gets a
/// letter and which one (for the front ends' "Print today's letters (N)").
pub fn due(ctx: &impl Context, as_of: NaiveDate) -> AppResult<Vec<(CustomerId, String, LetterKind)>> {
    Ok(due_in(&crate::collections::agenda(ctx, as_of)?))
}

/// The day's letters in an agenda already built.
fn due_in(view: &crate::collections::AgendaView) -> Vec<(CustomerId, String, LetterKind)> {
    let mut out: Vec<(CustomerId, String, LetterKind)> = view
        .agenda
        .customers
        .iter()
        .filter_map(|c| {
            let action = c.actions.iter().find(|a| a.channel == Channel::Letter)?;
            let kind = if action.lead.is_formal_notice { LetterKind::Notice } else { LetterKind::Reminder };
            let name = view.customer_names.get(&c.customer).cloned().unwrap_or_default();
            Some((c.customer, name, kind))
        })
        .collect();
    // In the order of the names, as the user files them.
    out.sort_by(|a, b| a.1.to_lowercase().cmp(&b.1.to_lowercase()).then(a.0 .0.cmp(&b.0 .0)));
    out
}

pub(crate) fn level_code(level: ReminderLevel) -> &'static str {
    match level {
        ReminderLevel::PreDue => "pre_due",
        ReminderLevel::Friendly => "friendly",
        ReminderLevel::Firm => "firm",
    }
}

fn kind_code(kind: LetterKind) -> &'static str {
    match kind {
        LetterKind::Reminder => "reminder",
        LetterKind::Notice => "notice",
    }
}

/// SHA-256 in lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// Prints the day's letters at `as_of` and records them (see the module). `save` receives the batch
/// PDF inside the transaction, before it commits: if it fails, nothing is recorded. It is not called
/// when no letter could be printed.
pub fn print_day(
    ctx: &mut impl Context,
    as_of: NaiveDate,
    save: impl FnOnce(&[u8]) -> std::io::Result<()>,
) -> Result<DayBatch, DayLettersError> {
    let mut made = Vec::new();
    let mut not_printed = Vec::new();
    // The agenda, the company and the plans are read once for the whole batch (not once per letter):
    // each letter takes its level and fee from this agenda.
    let view = crate::collections::agenda(ctx, as_of)?;
    let shared = crate::letters::Shared::load(ctx).map_err(|e| match e {
        LettersError::App(a) => DayLettersError::App(a),
        other => DayLettersError::Render(other.to_string()),
    })?;
    for (customer, customer_name, kind) in due_in(&view) {
        let level = match kind {
            LetterKind::Reminder => crate::letters::level_in(&view.agenda, customer),
            LetterKind::Notice => None,
        };
        match crate::letters::build(ctx, &shared, customer, kind, as_of, level) {
            Ok(letter) => made.push((customer, customer_name, kind, letter)),
            Err(e) => {
                let reason = match e {
                    LettersError::App(AppError::Penalty(p)) => Unprintable::Penalty(p),
                    LettersError::App(other) => return Err(other.into()),
                    LettersError::NothingDue | LettersError::NoNotice => Unprintable::NothingDue,
                    LettersError::Render(r) => Unprintable::Render(r.to_string()),
                };
                not_printed.push(NotPrinted { customer, customer_name, kind, reason });
            }
        }
    }
    if made.is_empty() {
        return Ok(DayBatch { as_of, printed: Vec::new(), not_printed, pages: 0, pdf: Vec::new() });
    }
    let title = format!("Lettres du {}", as_of.format("%d/%m/%Y"));
    let docs: Vec<Document> = made.iter().map(|(_, _, _, l)| l.doc.clone()).collect();
    let batch = Document::batch(&title, docs);
    let pages = batch.pages.len();
    let pdf = relance_letters::to_pdf(&batch).map_err(|e| DayLettersError::Render(e.to_string()))?;
    let now = ctx.clock().now();
    let printed = ctx.store_mut().write(|tx| -> Result<Vec<PrintedLetter>, DayLettersError> {
        let mut printed = Vec::with_capacity(made.len());
        let mut first_page = 1;
        for (customer, customer_name, kind, letter) in &made {
            crate::collections::action_done_in(tx, now, *customer, Channel::Letter, as_of)?;
            let sha256 = sha256_hex(&letter.pdf);
            let level = letter.level.map(level_code);
            let copy_id = relance_store::letters_sent::insert(
                tx,
                &NewLetter {
                    customer: *customer,
                    on: as_of,
                    kind: kind_code(*kind),
                    level,
                    invoice_numbers: &letter.invoice_numbers,
                    total: letter.total_due,
                    pages: letter.pages,
                    pdf: &letter.pdf,
                    sha256: &sha256,
                },
                now,
            )
            .map_err(AppError::from)?;
            let subject = Subject { customer: Some(*customer), invoice: None, payment: None };
            let details = [
                ("letter", copy_id.to_string()),
                ("kind", kind_code(*kind).to_string()),
                ("level", level.unwrap_or_default().to_string()),
                ("numbers", letter.invoice_numbers.join(", ")),
                ("amount", letter.total_due.to_string()),
                ("date", as_of.to_string()),
                ("channel", Channel::Letter.code().to_string()),
            ];
            activity::record(tx, now, ActivityKind::LetterSent, subject, &details).map_err(AppError::from)?;
            printed.push(PrintedLetter {
                customer: *customer,
                customer_name: customer_name.clone(),
                kind: *kind,
                level: letter.level,
                invoice_numbers: letter.invoice_numbers.clone(),
                total_due: letter.total_due,
                first_page,
                pages: letter.pages,
                copy_id,
                sha256,
            });
            first_page += letter.pages;
        }
        save(&pdf).map_err(DayLettersError::Save)?;
        Ok(printed)
    })?;
    Ok(DayBatch { as_of, printed, not_printed, pages, pdf })
}

/// A kept copy of a sent letter: its PDF, for the customer's timeline's "See the letter".
pub fn copy(ctx: &impl Context, id: i64) -> AppResult<(relance_store::letters_sent::SentLetter, Vec<u8>)> {
    relance_store::letters_sent::get(ctx.store().conn(), id)?.ok_or(AppError::NotFound("letter"))
}

/// The customer's kept letters, most recent first.
pub fn sent_for_customer(
    ctx: &impl Context,
    customer: CustomerId,
) -> AppResult<Vec<relance_store::letters_sent::SentLetter>> {
    Ok(relance_store::letters_sent::for_customer(ctx.store().conn(), customer)?)
}

#[derive(Debug, thiserror::Error)]
pub enum DayLettersError {
    #[error(transparent)]
    App(#[from] AppError),
    /// The batch could not be laid out as a whole.
    #[error("the batch could not be laid out: {0}")]
    Render(String),
    /// The batch file could not be written: nothing was recorded.
    #[error("the batch could not be saved: {0}")]
    Save(std::io::Error),
}

impl From<relance_store::StoreError> for DayLettersError {
    fn from(e: relance_store::StoreError) -> Self {
        DayLettersError::App(AppError::from(e))
    }
}
