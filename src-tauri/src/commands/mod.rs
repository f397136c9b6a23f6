//! Every IPC command the UI can call, listed once in [`handler`].
//!
//! A command deserializes its arguments, calls one use case, and maps the
//! error; no SQL, arithmetic or business rules live here. The TypeScript side
//! mirrors this list in ui/src/platform/commands.ts.

mod app;
mod backup;
mod collections;
mod company;
mod customers;
mod dashboard;
mod documents;
mod export;
mod import;
mod invoices;
mod letter_templates;
mod mail;
mod payments;
mod plans;
mod policies;
mod risk;
mod today;

pub use export::LastExport;

/// The invoke handler given to `tauri::Builder::invoke_handler`.
pub fn handler<R: tauri::Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
    tauri::generate_handler![
        app::app_info,
        app::load_demo,
        company::company_get,
        company::company_save,
        company::company_logo_get,
        company::company_logo_set,
        company::company_logo_remove,
        customers::customers_list,
        customers::customer_get,
        customers::customer_create,
        customers::customer_update,
        customers::customer_set_archived,
        documents::customer_statement,
        documents::letters_due,
        documents::letters_print_day,
        documents::sent_letter_open,
        documents::customer_letters,
        documents::plan_agreement_print,
        documents::letter_preview,
        mail::email_draft,
        mail::email_send,
        mail::mail_configured,
        mail::mail_settings_get,
        mail::mail_settings_save,
        mail::mail_password_save,
        mail::mail_test,
        documents::injunction_dossier_print,
        invoices::invoices_list,
        invoices::invoice_get,
        invoices::invoice_create,
        invoices::invoice_credit_check,
        invoices::invoice_update,
        invoices::invoice_cancel,
        payments::payment_preview,
        payments::payment_record,
        payments::credit_note_record,
        today::today,
        dashboard::dashboard,
        dashboard::dashboard_behind,
        collections::agenda,
        collections::action_done,
        collections::action_skip,
        collections::promises_acknowledge,
        collections::insurance_declare,
        collections::action_postpone,
        collections::promise_add,
        collections::dispute_open,
        collections::dispute_resolve,
        collections::promise_cancel,
        collections::customer_collections,
        collections::invoice_collection,
        collections::escalate,
        collections::invoice_penalties,
        collections::rates_list,
        collections::rate_add,
        policies::policies_list,
        policies::policy_create,
        policies::policy_update,
        policies::policy_delete,
        policies::policy_restore_standard,
        policies::policy_assign,
        plans::plan_preview,
        plans::plan_create,
        plans::plan_renegotiate,
        plans::plan_get,
        plans::customer_plans,
        plans::plans_due,
        plans::plan_default,
        plans::plan_payment_record,
        plans::plan_settings_get,
        plans::plan_settings_save,
        plans::installment_done,
        plans::installment_skip,
        plans::installment_postpone,
        letter_templates::letter_templates_list,
        letter_templates::letter_template_save,
        letter_templates::letter_template_reset,
        backup::backup_status,
        backup::backup_settings_save,
        backup::backup_list,
        backup::backup_now,
        backup::backup_inspect,
        backup::backup_restore,
        backup::backup_choose_folder,
        risk::customer_risk,
        risk::risk_settings_get,
        risk::risk_settings_save,
        import::import_preview,
        import::import_run,
        import::import_remembered,
        import::import_choose_file,
        export::export_csv,
        export::export_show_folder,
        backup::backup_choose_file,
        backup::backup_keyring,
    ]
}
