//! The injonction de payer dossier of a customer (read-only, re-exported from [`crate::letters`]).
//!
//! It follows the mise en demeure: only the invoices whose formal notice was recorded (done) in their
//! reminders are claimed, and without one the dossier is refused (`LettersError::NoNotice`). The claimed
//! invoices are the customer's unpaid ones, issued and due by `as_of`, not disputed, not in a running
//! installment plan, and still in the reminders or with the injonction de payer prepared (not handed to
//! an agency nor written off). Penalties and indemnities are those of `collections::penalties` at `as_of`
//! (the figures of `relance penalties`). The history comes from the invoices' reminder events (each level
//! done, by day and channel), the customer's broken promises and its defaulted installment plans.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use relance_domain::company::Language;
use relance_domain::customer::CustomerKind;
use relance_domain::dunning::{Channel, DunningEvent, EscalationStage, InvoiceDunning};
use relance_domain::ids::CustomerId;
use relance_domain::plan::{PlanRecord, PlanStatus};
use relance_letters::{Broken, Dossier, InvoiceLine, Lang, Party, Step};

use crate::collections::PromiseOutcome;
use crate::letters::{address_lines, creditor_with_logo, legal_ids, Letter, LettersError};
use crate::{AppError, Context};

/// The dossier of `customer` at `as_of` (see the module).
pub fn injunction_dossier(ctx: &impl Context, customer: CustomerId, as_of: NaiveDate) -> Result<Letter, LettersError> {
    let conn = ctx.store().conn();
    let company = crate::company::get(ctx, Language::Fr)?;
    let lang = match company.language {
        Language::Fr => Lang::Fr,
        Language::En => Lang::En,
    };
    let found =
        relance_store::customers::get(conn, customer).map_err(AppError::from)?.ok_or(AppError::NotFound("customer"))?;
    let d = &found.data;
    let debtor = Party {
        name: d.name.clone(),
        legal_ids: legal_ids(d.siren.as_deref(), d.siret.as_deref(), d.vat_number.as_deref(), lang),
        address: [d.contact_name.clone()].into_iter().flatten().chain(address_lines(&d.address)).collect(),
    };
    let paused = crate::plans::paused_invoices(conn)?;
    let mut invoices = Vec::new();
    // (day, channel, notice?) -> invoice numbers, in order.
    let mut steps: BTreeMap<(NaiveDate, bool, String), Vec<String>> = BTreeMap::new();
    let mut any_late = false;
    for row in crate::invoices::unpaid_for_customer(ctx, customer)? {
        let inv = &row.invoice;
        if inv.cancelled || !row.remaining.is_positive() || inv.data.issue_date > as_of || inv.data.due_date >= as_of {
            continue;
        }
        if paused.get(&inv.id).is_some_and(|until| as_of < *until) {
            continue;
        }
        let events = relance_store::dunning::for_invoice(conn, inv.id).map_err(AppError::from)?;
        let state = InvoiceDunning::replay(&events);
        let claimable = matches!(state.stage, EscalationStage::Reminders | EscalationStage::InjunctionPrepared { .. });
        if state.dispute.is_some() || !claimable {
            continue;
        }
        any_late = true;
        if state.formal_notice_sent_on.is_none() {
            continue;
        }
        for e in &events {
            if let DunningEvent::LevelDone { level, on, channel } = e {
                // The escalation level is the decision to go to court, not a step towards the debtor.
                if *on <= as_of && *channel != Channel::Escalation {
                    steps
                        .entry((*on, level.is_formal_notice, channel.code().to_string()))
                        .or_default()
                        .push(inv.data.number.clone());
                }
            }
        }
        let line = InvoiceLine {
            number: inv.data.number.clone(),
            issue_date: inv.data.issue_date,
            due_date: inv.data.due_date,
            amount: inv.data.total,
            paid: inv.data.total - row.remaining,
            remaining: row.remaining,
            days_late: (as_of - inv.data.due_date).num_days(),
        };
        invoices.push(crate::letters::claimed_with_penalties(ctx, inv.id, line, as_of)?);
    }
    if invoices.is_empty() {
        return Err(if any_late { LettersError::NoNotice } else { LettersError::NothingDue });
    }
    let mut notice = None;
    let mut reminders = Vec::new();
    for ((on, is_notice, channel), invoice_numbers) in steps {
        let step = Step { on, channel, invoice_numbers };
        if is_notice {
            // The first mise en demeure is the one the dossier follows.
            notice.get_or_insert(step);
        } else {
            reminders.push(step);
        }
    }
    let notice = notice.ok_or(LettersError::NoNotice)?;
    // Only the reminders before the notice: the dossier tells the amicable steps that led to it.
    reminders.retain(|r| r.on <= notice.on);

    let mut broken = Vec::new();
    for line in crate::collections::customer_promises(ctx, customer, as_of)?.lines {
        if line.outcome == PromiseOutcome::Broken {
            broken.push(Broken {
                plan: false,
                made_on: line.promise.data.made_on,
                broke_on: line.promise.data.by.succ_opt(),
                invoice_numbers: line.invoice_numbers,
            });
        }
    }
    for view in crate::plans::for_customer(ctx, customer, as_of)? {
        let broke_on = match (&view.plan.record, view.follow.status) {
            (PlanRecord::Defaulted { on, .. }, _) => Some(*on),
            (_, PlanStatus::Defaulted { on }) => Some(on),
            _ => None,
        };
        if broke_on.is_some() {
            broken.push(Broken {
                plan: true,
                made_on: view.plan.data.agreed_on,
                broke_on,
                invoice_numbers: view.invoice_numbers,
            });
        }
    }
    broken.sort_by_key(|b| b.made_on);

    let dossier = Dossier {
        lang,
        date: as_of,
        creditor: creditor_with_logo(ctx, &company, lang)?,
        debtor,
        business_debtor: d.kind == CustomerKind::Business,
        invoices,
        notice,
        reminders,
        broken,
    };
    let doc = relance_letters::dossier(&dossier).map_err(LettersError::Render)?;
    let pdf = relance_letters::to_pdf(&doc).map_err(LettersError::Render)?;
    let invoice_numbers = dossier.invoices.iter().map(|i| i.line.number.clone()).collect();
    let addressee = dossier.debtor.name.clone();
    Ok(Letter {
        pdf,
        pages: doc.pages.len(),
        level: None,
        total_due: dossier.claimed(),
        invoice_numbers,
        addressee,
        doc,
    })
}
