//! E-mail: the customer's letter as a draft (.eml) written in the documents folder and opened with
//! the system's mail program, which shows it as a message to send (see crate::documents).

use relance_app::Context;
use relance_domain::ids::CustomerId;
use relance_wire::documents::{save_error, DocumentView};
use relance_wire::mail::mail_error;
use relance_wire::ErrorView;
use tauri::State;

use crate::core::Core;
use crate::documents::save_and_open;
use crate::AppPaths;

/// The e-mail draft of the customer's letter today (the mise en demeure when its message in the
/// day's agenda is the formal notice, else its reminder). Records nothing: a draft is not proof of
/// sending; the user marks the action done once sent.
#[tauri::command]
pub fn email_draft(
    core: State<'_, Core>,
    paths: State<'_, AppPaths>,
    customer: i64,
) -> Result<DocumentView, ErrorView> {
    let draft = core.with_errors(
        |ctx| {
            let today = ctx.clock().today();
            let customer = CustomerId(customer);
            let kind = relance_app::mail::kind_for(ctx, customer, today)?;
            relance_app::mail::draft(ctx, customer, kind, today)
        },
        mail_error,
    )?;
    save_and_open(&paths.data_dir, &draft.file_name, &draft.eml, 1)
        .map_err(|e| save_error(&e.to_string(), core.language()))
}
