//! Documents made on demand: each command makes the PDF with one use case, writes it in the
//! documents folder and shows it with the system viewer (see crate::documents).

use chrono::NaiveDate;
use relance_app::data_dir::document_file_name;
use relance_app::day_letters;
use relance_app::letters::{Letter, LettersError};
use relance_app::{Context, LocalContext};
use relance_domain::ids::CustomerId;
use relance_domain::plan::PlanId;
use relance_wire::documents::{
    day_letters_error, day_letters_view, letter_kind_code, letters_error, save_error, DayLettersView, DocumentView,
    LetterDueView, SentLetterView,
};
use relance_wire::ErrorView;
use tauri::State;

use crate::core::Core;
use crate::documents::{save, save_and_open, show, unused_name};
use crate::AppPaths;

/// Makes a document dated today with `make`, names it `<kind>-<addressee>-<today>.pdf`, writes it in
/// the documents folder and shows it: the one path of every document made on demand.
fn made_today(
    core: &Core,
    paths: &AppPaths,
    kind: &str,
    make: impl FnOnce(&mut LocalContext, NaiveDate) -> Result<Letter, LettersError>,
) -> Result<DocumentView, ErrorView> {
    let (letter, today) = core.with_errors(
        |ctx| {
            let today = ctx.clock().today();
            make(ctx, today).map(|l| (l, today))
        },
        letters_error,
    )?;
    let name = document_file_name(kind, &letter.addressee, today);
    save_and_open(&paths.data_dir, &name, &letter.pdf, letter.pages)
        .map_err(|e| save_error(&e.to_string(), core.language()))
}

/// The customer's account statement (relevé de compte) today.
#[tauri::command]
pub fn customer_statement(
    core: State<'_, Core>,
    paths: State<'_, AppPaths>,
    customer: i64,
) -> Result<DocumentView, ErrorView> {
    made_today(&core, &paths, "releve-de-compte", |ctx, today| {
        relance_app::letters::statement(ctx, CustomerId(customer), today)
    })
}

/// The letters of today's agenda, before printing: who gets one and which.
#[tauri::command]
pub fn letters_due(core: State<'_, Core>) -> Result<Vec<LetterDueView>, ErrorView> {
    core.with(|ctx| {
        let today = ctx.clock().today();
        let due = day_letters::due(ctx, today)?;
        Ok(due
            .into_iter()
            .map(|(customer, name, kind)| LetterDueView {
                customer_id: customer.0,
                customer_name: name,
                kind: letter_kind_code(kind).to_string(),
            })
            .collect())
    })
}

/// Prints today's letters in one PDF (written inside the recording transaction: a batch that
/// cannot be written records nothing), then shows it.
#[tauri::command]
pub fn letters_print_day(core: State<'_, Core>, paths: State<'_, AppPaths>) -> Result<DayLettersView, ErrorView> {
    let mut written = None;
    let batch = core.with_errors(
        |ctx| {
            let today = ctx.clock().today();
            let name = unused_name(&paths.data_dir, &document_file_name("lettres-du-jour", "", today));
            day_letters::print_day(ctx, today, |pdf| {
                written = Some(save(&paths.data_dir, &name, pdf)?);
                Ok(())
            })
        },
        day_letters_error,
    )?;
    let document = written.map(|path| show(&path, batch.pages));
    Ok(day_letters_view(&batch, document, core.language()))
}

/// The kept copy of a sent letter, written again in the documents folder and shown.
#[tauri::command]
pub fn sent_letter_open(core: State<'_, Core>, paths: State<'_, AppPaths>, id: i64) -> Result<DocumentView, ErrorView> {
    let (sent, pdf, name) = core.with(|ctx| {
        let (sent, pdf) = day_letters::copy(ctx, id)?;
        let name = relance_app::customers::detail(ctx, sent.customer)?.customer.data.name;
        Ok((sent, pdf, name))
    })?;
    let file = document_file_name("lettre", &name, sent.on);
    save_and_open(&paths.data_dir, &file, &pdf, usize::try_from(sent.pages).unwrap_or(0))
        .map_err(|e| save_error(&e.to_string(), core.language()))
}

/// The customer's kept letters, most recent first.
#[tauri::command]
pub fn customer_letters(core: State<'_, Core>, customer: i64) -> Result<Vec<SentLetterView>, ErrorView> {
    core.with(|ctx| {
        let letters = day_letters::sent_for_customer(ctx, CustomerId(customer))?;
        Ok(letters.iter().map(SentLetterView::from).collect())
    })
}

/// The installment plan's agreement, dated today, to print and sign.
#[tauri::command]
pub fn plan_agreement_print(
    core: State<'_, Core>,
    paths: State<'_, AppPaths>,
    plan: i64,
) -> Result<DocumentView, ErrorView> {
    made_today(&core, &paths, "accord-echeancier", |ctx, today| {
        relance_app::letters::plan_agreement(ctx, PlanId(plan), today)
    })
}

/// The letter the day's batch would print for this customer, to read before printing: records
/// nothing (the action stays in the agenda, no copy is kept).
#[tauri::command]
pub fn letter_preview(
    core: State<'_, Core>,
    paths: State<'_, AppPaths>,
    customer: i64,
) -> Result<DocumentView, ErrorView> {
    made_today(&core, &paths, "apercu-lettre", |ctx, today| {
        let due = day_letters::due(ctx, today)?;
        let kind =
            due.iter().find(|(c, _, _)| c.0 == customer).map(|(_, _, kind)| *kind).ok_or(LettersError::NothingDue)?;
        relance_app::letters::for_customer(ctx, CustomerId(customer), kind, today)
    })
}

/// The customer's injonction de payer dossier today (refused in words before the mise en demeure).
#[tauri::command]
pub fn injunction_dossier_print(
    core: State<'_, Core>,
    paths: State<'_, AppPaths>,
    customer: i64,
) -> Result<DocumentView, ErrorView> {
    made_today(&core, &paths, "dossier-injonction", |ctx, today| {
        relance_app::letters::injunction_dossier(ctx, CustomerId(customer), today)
    })
}
