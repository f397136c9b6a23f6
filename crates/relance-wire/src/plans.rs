//! Installment plans over the wire: the wizard's form and live preview, a
//! plan followed at a date, the week's installments, the agenda's
//! installment actions and the follow-up settings.

use relance_app::plans::{DueInstallment, PlanAction, PlanPreview, PlanRequest, PlanView as AppPlanView, SplitRequest};
use relance_domain::dates::parse_date;
use relance_domain::ids::{CustomerId, InvoiceId};
use relance_domain::plan::follow::HandledOutcome;
use relance_domain::plan::{Frequency, PenaltiesPart, PlanRecord, PlanSettings, PlanStatus, Remainder};
use relance_domain::validation::{Field, Problem, Validation};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::views::{date, money};

/// The plan wizard as typed. Either `installments` (a count) or
/// `installment_amount` (an amount per installment, which wins when given).
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(default)]
pub struct PlanForm {
    pub customer_id: Option<i64>,
    pub invoice_ids: Vec<i64>,
    /// Add the penalties and indemnity owed so far (else they are waived).
    pub include_penalties: bool,
    pub installments: Option<u32>,
    pub installment_amount: String,
    pub first_date: String,
    /// week | two_weeks | month | day_of_month
    pub frequency: String,
    /// With `day_of_month`: 1 to 31.
    pub day_of_month: Option<u32>,
    pub down_payment: String,
    /// first | last: which installment takes the cents left by the split.
    pub remainder: String,
    /// Move dates on a weekend or a public holiday to the next business day.
    pub business_days: bool,
}

impl PlanForm {
    pub fn request(&self) -> Result<PlanRequest, Validation> {
        let mut v = Validation::new();
        let first = v.check(parse_date(Field::PlanFirstDate, &self.first_date));
        let frequency = match self.frequency.as_str() {
            "day_of_month" if self.day_of_month.is_none() => {
                v.push(Field::PlanDayOfMonth, Problem::Required);
                None
            }
            code => {
                let f = Frequency::from_code(code, self.day_of_month);
                if f.is_none() {
                    v.push(Field::PlanFrequency, Problem::InvalidFormat { expected: "week | two_weeks | month" });
                }
                f
            }
        };
        let split = if !self.installment_amount.trim().is_empty() {
            Some(SplitRequest::Amount(self.installment_amount.clone()))
        } else if let Some(n) = self.installments {
            Some(SplitRequest::Count(n))
        } else {
            v.push(Field::PlanInstallments, Problem::Required);
            None
        };
        let remainder = Remainder::from_code(&self.remainder).unwrap_or(Remainder::First);
        match (first, frequency, split) {
            (Some(first), Some(frequency), Some(split)) if v.is_empty() => Ok(PlanRequest {
                customer: CustomerId(self.customer_id.unwrap_or(0)),
                invoices: self.invoice_ids.iter().map(|i| InvoiceId(*i)).collect(),
                include_penalties: self.include_penalties,
                split,
                first,
                frequency,
                down_payment: self.down_payment.clone(),
                remainder,
                business_days: self.business_days,
            }),
            _ => Err(v),
        }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct PlanInvoiceView {
    pub id: i64,
    pub number: String,
    /// What it still owed when the plan was agreed (or now, in a preview).
    pub owed: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct InstallmentPreviewView {
    /// 0 for the down payment.
    pub number: u32,
    pub due_date: String,
    pub amount: String,
    pub running_total: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct PlanPreviewView {
    pub invoices: Vec<PlanInvoiceView>,
    pub invoices_owed: String,
    pub penalties: String,
    pub penalties_waived: bool,
    pub total: String,
    pub installments: Vec<InstallmentPreviewView>,
}

impl From<&PlanPreview> for PlanPreviewView {
    fn from(p: &PlanPreview) -> Self {
        PlanPreviewView {
            invoices: p
                .invoices
                .iter()
                .map(|(id, number, owed)| PlanInvoiceView { id: id.0, number: number.clone(), owed: money(*owed) })
                .collect(),
            invoices_owed: money(p.invoices_owed),
            penalties: money(p.penalties.amount()),
            penalties_waived: p.penalties == PenaltiesPart::Waived,
            total: money(p.total),
            installments: p
                .installments
                .iter()
                .map(|(i, run)| InstallmentPreviewView {
                    number: i.number,
                    due_date: date(i.due),
                    amount: money(i.amount),
                    running_total: money(*run),
                })
                .collect(),
        }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct InstallmentView {
    pub number: u32,
    pub due_date: String,
    pub amount: String,
    pub paid: String,
    pub left: String,
    /// paid | partly_paid | upcoming | late
    pub status: String,
    /// What was done about its notice and reminder, in order.
    pub follow_up: Vec<InstallmentFollowUpView>,
}

/// One record of what the user did about an installment's notice or reminder.
#[derive(Debug, Clone, Serialize, TS)]
pub struct InstallmentFollowUpView {
    /// notice | reminder
    pub kind: String,
    /// done | skipped | postponed
    pub outcome: String,
    /// The day it was done or skipped; for a postponement, the day it comes back.
    pub date: String,
    /// letter | email | phone_call, for a done one.
    pub channel: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct ResumeLevelView {
    pub key: String,
    pub offset_days: i32,
    pub formal_notice: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct PlanView {
    pub id: i64,
    pub customer_id: i64,
    pub customer_name: String,
    /// running | completed | defaulted | replaced
    pub status: String,
    /// The day it defaulted or was replaced.
    pub status_on: Option<String>,
    /// True once the default was recorded and the reminders resumed.
    pub default_recorded: bool,
    pub resumed_level: Option<String>,
    pub replaced_by: Option<i64>,
    pub agreed_on: String,
    pub invoices: Vec<String>,
    pub total: String,
    pub paid: String,
    pub left: String,
    pub overpaid: String,
    pub penalties: String,
    pub penalties_waived: bool,
    /// week | two_weeks | month | day_of_month
    pub frequency: String,
    pub grace_days: u32,
    /// The day it breaks if nothing more is paid (running plans only).
    pub breaks_on: Option<String>,
    pub installments: Vec<InstallmentView>,
    /// When it defaulted and the default is not recorded yet: the levels to resume at.
    pub resume_levels: Vec<ResumeLevelView>,
}

impl From<&AppPlanView> for PlanView {
    fn from(v: &AppPlanView) -> Self {
        let p = &v.plan;
        let f = &v.follow;
        let status_on = match f.status {
            PlanStatus::Defaulted { on } | PlanStatus::Replaced { on } => Some(date(on)),
            _ => None,
        };
        let (default_recorded, resumed_level, replaced_by) = match &p.record {
            PlanRecord::Running => (false, None, None),
            PlanRecord::Defaulted { resumed_level, .. } => (true, resumed_level.clone(), None),
            PlanRecord::Replaced { by, defaulted_on, .. } => (defaulted_on.is_some(), None, Some(by.0)),
        };
        PlanView {
            id: p.id.0,
            customer_id: p.data.customer.0,
            customer_name: v.customer_name.clone(),
            status: f.status.code().to_string(),
            status_on,
            default_recorded,
            resumed_level,
            replaced_by,
            agreed_on: date(p.data.agreed_on),
            invoices: v.invoice_numbers.clone(),
            total: money(p.data.terms.total),
            paid: money(f.paid),
            left: money(f.left),
            overpaid: money(f.overpaid),
            penalties: money(p.data.penalties.amount()),
            penalties_waived: p.data.penalties == PenaltiesPart::Waived,
            frequency: p.data.terms.frequency.code().to_string(),
            grace_days: v.settings.grace_days,
            breaks_on: v.breaks_on.map(date),
            installments: f
                .installments
                .iter()
                .map(|s| InstallmentView {
                    number: s.installment.number,
                    due_date: date(s.installment.due),
                    amount: money(s.installment.amount),
                    paid: money(s.paid),
                    left: money(s.left()),
                    status: s.status.code().to_string(),
                    follow_up: v
                        .handled
                        .iter()
                        .filter(|(h, _)| h.number == s.installment.number)
                        .map(|(h, channel)| {
                            let (outcome, day) = match h.outcome {
                                HandledOutcome::Done { on } => ("done", on),
                                HandledOutcome::Skipped { on } => ("skipped", on),
                                HandledOutcome::Postponed { until } => ("postponed", until),
                            };
                            InstallmentFollowUpView {
                                kind: h.kind.code().to_string(),
                                outcome: outcome.to_string(),
                                date: date(day),
                                channel: channel.map(|c| c.code().to_string()),
                            }
                        })
                        .collect(),
                })
                .collect(),
            resume_levels: v
                .resume_levels
                .iter()
                .map(|(key, offset, notice)| ResumeLevelView {
                    key: key.clone(),
                    offset_days: *offset,
                    formal_notice: *notice,
                })
                .collect(),
        }
    }
}

/// An installment to watch on Today: due this week or soon, late, or of a plan that just broke.
#[derive(Debug, Clone, Serialize, TS)]
pub struct DueInstallmentView {
    pub plan_id: i64,
    pub customer_id: i64,
    pub customer_name: String,
    pub number: u32,
    pub due_date: String,
    pub left: String,
    pub late: bool,
    /// The plan broke on this day and its default is not recorded yet.
    pub broken_on: Option<String>,
}

impl From<&DueInstallment> for DueInstallmentView {
    fn from(d: &DueInstallment) -> Self {
        DueInstallmentView {
            plan_id: d.plan.0,
            customer_id: d.customer.0,
            customer_name: d.customer_name.clone(),
            number: d.number,
            due_date: date(d.due),
            left: money(d.left),
            late: d.late,
            broken_on: d.broken_on.map(date),
        }
    }
}

/// An installment action of the day in the agenda.
#[derive(Debug, Clone, Serialize, TS)]
pub struct PlanActionJson {
    pub plan_id: i64,
    pub customer_id: i64,
    pub customer_name: String,
    /// notice (before the date) | reminder (late)
    pub kind: String,
    pub number: u32,
    pub due_date: String,
    /// Days past the date today (0 or less for a notice).
    pub days_late: i64,
    pub left: String,
}

impl From<&PlanAction> for PlanActionJson {
    fn from(a: &PlanAction) -> Self {
        PlanActionJson {
            plan_id: a.plan.0,
            customer_id: a.customer.0,
            customer_name: a.customer_name.clone(),
            kind: a.action.kind.code().to_string(),
            number: a.action.number,
            due_date: date(a.action.due),
            days_late: a.days_late,
            left: money(a.action.left),
        }
    }
}

/// The follow-up settings, in days (also what the settings form sends).
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct PlanSettingsView {
    pub grace_days: i64,
    pub notice_days: i64,
    pub reminder_days: i64,
}

impl From<PlanSettings> for PlanSettingsView {
    fn from(s: PlanSettings) -> Self {
        PlanSettingsView {
            grace_days: i64::from(s.grace_days),
            notice_days: i64::from(s.notice_days),
            reminder_days: i64::from(s.reminder_days),
        }
    }
}

/// `relance agenda --json`: the collections agenda and, apart, the
/// installment actions of the running plans (the CLI's output only).
#[derive(Debug, Clone, Serialize)]
pub struct AgendaWithPlansJson {
    #[serde(flatten)]
    pub agenda: crate::collections::AgendaJson,
    pub plans: Vec<PlanActionJson>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(form: &PlanForm) -> Vec<(Field, Problem)> {
        form.request().unwrap_err().issues.into_iter().map(|i| (i.field, i.problem)).collect()
    }

    #[test]
    fn the_form_becomes_a_request_or_names_its_fields() {
        let form = PlanForm {
            customer_id: Some(3),
            invoice_ids: vec![7, 8],
            installments: Some(4),
            first_date: "31/01/2026".into(),
            frequency: "month".into(),
            remainder: "last".into(),
            ..Default::default()
        };
        let r = form.request().unwrap();
        assert_eq!(r.customer, CustomerId(3));
        assert_eq!(r.invoices, [InvoiceId(7), InvoiceId(8)]);
        assert_eq!(r.split, SplitRequest::Count(4));
        assert_eq!(r.first.to_string(), "2026-01-31");
        assert_eq!((r.frequency, r.remainder), (Frequency::Monthly, Remainder::Last));
        // An amount per installment wins over a count.
        let r = PlanForm { installment_amount: "250,00".into(), ..form.clone() }.request().unwrap();
        assert_eq!(r.split, SplitRequest::Amount("250,00".into()));

        let bad = PlanForm {
            installments: None,
            first_date: "31/02/2026".into(),
            frequency: "yearly".into(),
            ..form.clone()
        };
        assert_eq!(
            fields(&bad),
            [
                (Field::PlanFirstDate, Problem::InvalidDate),
                (Field::PlanFrequency, Problem::InvalidFormat { expected: "week | two_weeks | month" }),
                (Field::PlanInstallments, Problem::Required),
            ]
        );
        let no_day = PlanForm { frequency: "day_of_month".into(), ..form };
        assert_eq!(fields(&no_day), [(Field::PlanDayOfMonth, Problem::Required)]);
    }
}
