//! The activity log: one row per change, shown as a customer's timeline.

use chrono::{DateTime, Utc};
use relance_domain::ids::{CustomerId, InvoiceId, PaymentId};
use rusqlite::params;
use serde_json::{Map, Value};

use crate::{get_timestamp, timestamp, Conn, Result};

/// What happened. The UI's catalogue has a sentence for each code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActivityKind {
    CompanySaved,
    CustomerCreated,
    CustomerUpdated,
    CustomerArchived,
    CustomerRestored,
    InvoiceCreated,
    InvoiceUpdated,
    InvoiceCancelled,
    PaymentRecorded,
    CreditNoteRecorded,
    DemoLoaded,
    ReminderDone,
    ReminderSkipped,
    ReminderPostponed,
    PromiseAdded,
    PromiseKept,
    PromiseBroken,
    PromiseCancelled,
    DisputeOpened,
    DisputeResolved,
    Escalated,
    RateAdded,
    PolicySaved,
    PolicyDeleted,
    PolicyRestored,
    PolicyAssigned,
    PlanCreated,
    PlanRenegotiated,
    PlanDefaulted,
    PlanSettingsSaved,
    InstallmentActionDone,
    InstallmentActionSkipped,
    InstallmentActionPostponed,
    LetterSent,
    LetterTemplateSaved,
    LetterTemplateReset,
    MailSettingsSaved,
    EmailSent,
    BackupSettingsSaved,
    BackupRestored,
    CreditDecision,
    RiskSettingsSaved,
    InsuranceDeclared,
}

impl ActivityKind {
    pub fn code(self) -> &'static str {
        use ActivityKind::*;
        match self {
            CompanySaved => "company_saved",
            CustomerCreated => "customer_created",
            CustomerUpdated => "customer_updated",
            CustomerArchived => "customer_archived",
            CustomerRestored => "customer_restored",
            InvoiceCreated => "invoice_created",
            InvoiceUpdated => "invoice_updated",
            InvoiceCancelled => "invoice_cancelled",
            PaymentRecorded => "payment_recorded",
            CreditNoteRecorded => "credit_note_recorded",
            DemoLoaded => "demo_loaded",
            ReminderDone => "reminder_done",
            ReminderSkipped => "reminder_skipped",
            ReminderPostponed => "reminder_postponed",
            PromiseAdded => "promise_added",
            PromiseKept => "promise_kept",
            PromiseBroken => "promise_broken",
            PromiseCancelled => "promise_cancelled",
            DisputeOpened => "dispute_opened",
            DisputeResolved => "dispute_resolved",
            Escalated => "escalated",
            RateAdded => "rate_added",
            PolicySaved => "policy_saved",
            PolicyDeleted => "policy_deleted",
            PolicyRestored => "policy_restored",
            PolicyAssigned => "policy_assigned",
            PlanCreated => "plan_created",
            PlanRenegotiated => "plan_renegotiated",
            PlanDefaulted => "plan_defaulted",
            PlanSettingsSaved => "plan_settings_saved",
            InstallmentActionDone => "installment_action_done",
            InstallmentActionSkipped => "installment_action_skipped",
            InstallmentActionPostponed => "installment_action_postponed",
            LetterSent => "letter_sent",
            LetterTemplateSaved => "letter_template_saved",
            LetterTemplateReset => "letter_template_reset",
            MailSettingsSaved => "mail_settings_saved",
            EmailSent => "email_sent",
            BackupSettingsSaved => "backup_settings_saved",
            BackupRestored => "backup_restored",
            CreditDecision => "credit_decision",
            RiskSettingsSaved => "risk_settings_saved",
            InsuranceDeclared => "insurance_declared",
        }
    }
}

/// One logged change and what it concerned.
#[derive(Debug, Clone, Default)]
pub struct Subject {
    pub customer: Option<CustomerId>,
    pub invoice: Option<InvoiceId>,
    pub payment: Option<PaymentId>,
}

pub fn record(
    conn: &Conn,
    at: DateTime<Utc>,
    kind: ActivityKind,
    subject: Subject,
    details: &[(&str, String)],
) -> Result<()> {
    let map: Map<String, Value> = details.iter().map(|(k, v)| (k.to_string(), Value::String(v.clone()))).collect();
    conn.prepare_cached(
        "INSERT INTO activity (at, customer_id, invoice_id, payment_id, kind, details) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        timestamp(at),
        subject.customer.map(|c| c.0),
        subject.invoice.map(|i| i.0),
        subject.payment.map(|p| p.0),
        kind.code(),
        Value::Object(map).to_string(),
    ])?;
    Ok(())
}

/// One entry of a timeline.
#[derive(Debug, Clone)]
pub struct ActivityRow {
    pub at: DateTime<Utc>,
    pub kind: String,
    /// Parameters of the sentence (invoice number, amount...), all text.
    pub details: Vec<(String, String)>,
}

/// The customer's most recent changes first.
pub fn for_customer(conn: &Conn, customer: CustomerId, limit: u32) -> Result<Vec<ActivityRow>> {
    let mut stmt =
        conn.prepare_cached("SELECT at, kind, details FROM activity WHERE customer_id = ?1 ORDER BY id DESC LIMIT ?2")?;
    let rows = stmt.query_map(params![customer.0, limit], |r| {
        let details: String = r.get(2)?;
        Ok(ActivityRow { at: get_timestamp(r, 0)?, kind: r.get(1)?, details: parse_details(&details) })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn parse_details(s: &str) -> Vec<(String, String)> {
    match serde_json::from_str::<Value>(s) {
        Ok(Value::Object(m)) => {
            m.into_iter().map(|(k, v)| (k, v.as_str().map(String::from).unwrap_or_else(|| v.to_string()))).collect()
        }
        _ => Vec::new(),
    }
}
