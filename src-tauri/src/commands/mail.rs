//! E-mail: the customer's letter as a draft (.eml) written in the documents folder and opened with
//! the system's mail program, which shows it as a message to send (see crate::documents); and the
//! optional sending through the user's SMTP server, its settings and its password (kept only in
//! the system keyring).

use relance_app::mail::SmtpMailer;
use relance_app::secrets::{Secret, SystemKeyring};
use relance_app::Context;
use relance_domain::ids::CustomerId;
use relance_wire::documents::{save_error, DocumentView};
use relance_wire::mail::{mail_error, EmailSentView, MailSettingsForm, MailSettingsView};
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

/// Whether sending is set up (settings saved), without touching the keyring: Today asks it on every
/// load, and a locked keyring must not prompt the user for that.
#[tauri::command]
pub fn mail_configured(core: State<'_, Core>) -> Result<bool, ErrorView> {
    core.with(|ctx| Ok(relance_app::mail::settings(ctx)?.is_some()))
}

/// The SMTP settings, whether a password is kept, and why the keyring cannot be used if it cannot.
#[tauri::command]
pub fn mail_settings_get(core: State<'_, Core>) -> Result<MailSettingsView, ErrorView> {
    let lang = core.language();
    core.with(|ctx| {
        let settings = relance_app::mail::settings(ctx)?;
        let kept = relance_app::mail::has_password(ctx, &SystemKeyring);
        Ok(MailSettingsView::new(settings, kept, lang))
    })
}

#[tauri::command]
pub fn mail_settings_save(core: State<'_, Core>, form: MailSettingsForm) -> Result<MailSettingsView, ErrorView> {
    let lang = core.language();
    core.with(|ctx| {
        let saved = relance_app::mail::save_settings(ctx, &form.into())?;
        let kept = relance_app::mail::has_password(ctx, &SystemKeyring);
        Ok(MailSettingsView::new(Some(saved), kept, lang))
    })
}

/// Keeps the password in the system keyring (never in the database nor the logs).
#[tauri::command]
pub fn mail_password_save(core: State<'_, Core>, password: String) -> Result<(), ErrorView> {
    let password = Secret::new(password);
    core.with_errors(|ctx| relance_app::mail::save_password(ctx, &SystemKeyring, &password), mail_error)
}

/// Connects and logs in with the saved settings and password; sends nothing.
#[tauri::command]
pub fn mail_test(core: State<'_, Core>) -> Result<(), ErrorView> {
    core.with_errors(|ctx| relance_app::mail::test_connection(ctx, &SmtpMailer, &SystemKeyring), mail_error)
}

/// Sends the customer's letter of today by e-mail and records it done (see `mail::send`).
#[tauri::command]
pub fn email_send(core: State<'_, Core>, customer: i64) -> Result<EmailSentView, ErrorView> {
    core.with_errors(
        |ctx| {
            let today = ctx.clock().today();
            let customer = CustomerId(customer);
            let kind = relance_app::mail::kind_for(ctx, customer, today)?;
            relance_app::mail::send(ctx, &SmtpMailer, &SystemKeyring, customer, kind, today)
        },
        mail_error,
    )
    .map(|sent| EmailSentView { to: sent.to, subject: sent.subject })
}
