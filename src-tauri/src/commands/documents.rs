//! Documents made on demand: each command makes the PDF with one use case, writes it in the
//! documents folder and shows it with the system viewer (see crate::documents).

use relance_app::data_dir::document_file_name;
use relance_app::Context;
use relance_domain::ids::CustomerId;
use relance_wire::documents::{letters_error, save_error, DocumentView};
use relance_wire::ErrorView;
use tauri::State;

use crate::core::Core;
use crate::documents::save_and_open;
use crate::AppPaths;

/// The customer's account statement (relevé de compte) today.
#[tauri::command]
pub fn customer_statement(
    core: State<'_, Core>,
    paths: State<'_, AppPaths>,
    customer: i64,
) -> Result<DocumentView, ErrorView> {
    let (letter, today) = core.with_errors(
        |ctx| {
            let today = ctx.clock().today();
            relance_app::letters::statement(ctx, CustomerId(customer), today).map(|l| (l, today))
        },
        letters_error,
    )?;
    let name = document_file_name("releve-de-compte", &letter.addressee, today);
    save_and_open(&paths.data_dir, &name, &letter.pdf, letter.pages)
        .map_err(|e| save_error(&e.to_string(), core.language()))
}

/// The customer's injonction de payer dossier today (refused in words before the mise en demeure).
#[tauri::command]
pub fn injunction_dossier_print(
    core: State<'_, Core>,
    paths: State<'_, AppPaths>,
    customer: i64,
) -> Result<DocumentView, ErrorView> {
    let (letter, today) = core.with_errors(
        |ctx| {
            let today = ctx.clock().today();
            relance_app::letters::injunction_dossier(ctx, CustomerId(customer), today).map(|l| (l, today))
        },
        letters_error,
    )?;
    let name = document_file_name("dossier-injonction", &letter.addressee, today);
    save_and_open(&paths.data_dir, &name, &letter.pdf, letter.pages)
        .map_err(|e| save_error(&e.to_string(), core.language()))
}
