//! Letters: gathers what a customer's reminder or mise en demeure says (the company, the customer, its
//! unpaid invoices, the agenda's level, the penalties of the collections engine) and lays it out with
//! `relance-letters`. Reads only: printing a letter records nothing (the agenda's "done" does).

use std::collections::HashMap;

use chrono::NaiveDate;
use relance_domain::company::{Address, CompanyProfile, Language};
use relance_domain::customer::CustomerKind;
use relance_domain::dunning::{EscalationStage, InvoiceDunning};
use relance_domain::ids::{CustomerId, InvoiceId};
use relance_domain::Money;
use relance_letters::{
    Creditor, InvoiceLine, Lang, LetterError, LetterTexts, Notice, NoticeInvoice, Party, PenaltyPeriod, Reminder,
    ReminderLevel,
};

use crate::{AppError, Context};

pub use crate::documents::{plan_agreement, statement};
pub use crate::dossier::injunction_dossier;

/// Which letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LetterKind {
    /// The reminder of the customer's level today (pre-due notice, friendly, firm).
    Reminder,
    /// The mise en demeure.
    Notice,
}

impl LetterKind {
    pub fn from_code(code: &str) -> Option<LetterKind> {
        match code {
            "reminder" => Some(LetterKind::Reminder),
            "notice" => Some(LetterKind::Notice),
            _ => None,
        }
    }
}

/// A letter ready to save.
#[derive(Debug, Clone)]
pub struct Letter {
    pub pdf: Vec<u8>,
    pub pages: usize,
    /// The reminder's level, for a reminder.
    pub level: Option<ReminderLevel>,
    /// What the letter asks for (the remaining amounts; for a notice with penalties and indemnities
    /// added in the letter).
    pub total_due: Money,
    /// The numbers of the invoices the letter claims (not those listed apart, for information).
    pub invoice_numbers: Vec<String>,
    /// Who the letter is addressed to (the customer's name): for the file's name and an e-mail's subject.
    pub addressee: String,
    /// The laid-out letter, for a batch (`day_letters`).
    pub doc: relance_letters::Document,
}

#[derive(Debug, thiserror::Error)]
pub enum LettersError {
    #[error(transparent)]
    App(#[from] AppError),
    /// No unpaid invoice to write about (none late, for a notice).
    #[error("nothing to claim from this customer")]
    NothingDue,
    /// An injonction de payer dossier follows the mise en demeure: none was recorded for the late invoices.
    #[error("no formal notice was sent to this customer")]
    NoNotice,
    #[error(transparent)]
    Render(LetterError),
}

/// An invoice as a mise en demeure or an injonction dossier claims it: the line with its penalties
/// at `as_of` from the collections engine (per period, the interest rounded once, the indemnity).
pub(crate) fn claimed_with_penalties(
    ctx: &impl Context,
    invoice: InvoiceId,
    line: InvoiceLine,
    as_of: NaiveDate,
) -> Result<NoticeInvoice, LettersError> {
    let p = crate::collections::penalties(ctx, invoice, as_of)?.penalties;
    let periods = p
        .periods
        .iter()
        .map(|period| PenaltyPeriod {
            from: period.from,
            to: period.to,
            days: period.days,
            principal: period.principal,
            rate: period.annual_rate.decimal(),
        })
        .collect();
    Ok(NoticeInvoice { line, periods, interest: p.interest, indemnity: p.indemnity })
}

pub(crate) fn address_lines(a: &Address) -> Vec<String> {
    let city = [a.postal_code.as_deref(), a.city.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(" ");
    [a.line1.clone(), a.line2.clone(), Some(city), a.country.clone()]
        .into_iter()
        .flatten()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

pub(crate) fn legal_ids(siren: Option<&str>, siret: Option<&str>, vat: Option<&str>, lang: Lang) -> Vec<String> {
    let mut ids = Vec::new();
    match (siret, siren) {
        (Some(siret), _) => ids.push(format!("SIRET {siret}")),
        (None, Some(siren)) => ids.push(format!("SIREN {siren}")),
        (None, None) => {}
    }
    if let Some(vat) = vat {
        ids.push(match lang {
            Lang::Fr => format!("TVA {vat}"),
            Lang::En => format!("VAT {vat}"),
        });
    }
    ids
}

/// The company as the sender of a document, with its logo if one is kept.
pub(crate) fn creditor_with_logo(ctx: &impl Context, c: &CompanyProfile, lang: Lang) -> Result<Creditor, AppError> {
    Ok(Creditor { logo: crate::company::letter_logo(ctx)?, ..creditor(c, lang) })
}

pub(crate) fn creditor(c: &CompanyProfile, lang: Lang) -> Creditor {
    let name = match &c.legal_form {
        Some(form) if !form.trim().is_empty() => format!("{} {form}", c.name),
        _ => c.name.clone(),
    };
    Creditor {
        party: Party {
            name,
            legal_ids: legal_ids(c.siren.as_deref(), c.siret.as_deref(), c.vat_number.as_deref(), lang),
            address: address_lines(&c.address),
        },
        contact: [c.email.clone(), c.phone.clone()].into_iter().flatten().collect(),
        city: c.address.city.clone(),
        iban: c.iban.clone(),
        bic: c.bic.clone(),
        logo: None,
    }
}

/// The letter of `kind` for `customer` at `as_of`, in the company's language.
///
/// A reminder takes the level of the customer's message in the agenda of `as_of` when there is one
/// (see `agenda_level`), else friendly
/// when an invoice is late and a pre-due notice otherwise. It lists the late invoices (or, for a pre-due
/// notice, those coming due); invoices not yet due ride apart, for information. A notice lists the late
/// invoices with the penalties of `collections::penalties` at `as_of`. Invoices in a running installment
/// plan are left out until the plan breaks, as in the agenda, and so are disputed invoices and those
/// past the reminders (injonction de payer prepared, collection agency, written off).
pub fn for_customer(
    ctx: &impl Context,
    customer: CustomerId,
    kind: LetterKind,
    as_of: NaiveDate,
) -> Result<Letter, LettersError> {
    let shared = Shared::load(ctx)?;
    let level = match kind {
        LetterKind::Reminder => agenda_level(ctx, customer, as_of)?,
        LetterKind::Notice => None,
    };
    build(ctx, &shared, customer, kind, as_of, level)
}

/// What every letter of a batch reads the same: the company, the invoices paused by running plans, the logo
/// and the user's wording.
pub(crate) struct Shared {
    company: CompanyProfile,
    paused: HashMap<InvoiceId, NaiveDate>,
    /// The user's wording of the letters (`letter_templates::texts`).
    texts: LetterTexts,
    /// Read and checked once; each letter refers to it and the batch embeds it once.
    logo: Option<std::sync::Arc<relance_letters::Logo>>,
}

impl Shared {
    pub(crate) fn load(ctx: &impl Context) -> Result<Shared, LettersError> {
        Ok(Shared {
            company: crate::company::get(ctx, Language::Fr)?,
            paused: crate::plans::paused_invoices(ctx.store().conn())?,
            texts: crate::letter_templates::texts(ctx)?,
            logo: crate::company::letter_logo(ctx)?,
        })
    }
}

/// The letter of `kind` for `customer`, its reminder level and fee (`level`) taken from an agenda already
/// built by the caller (the day's batch builds it once for all its letters).
pub(crate) fn build(
    ctx: &impl Context,
    shared: &Shared,
    customer: CustomerId,
    kind: LetterKind,
    as_of: NaiveDate,
    level: Option<(ReminderLevel, Option<Money>)>,
) -> Result<Letter, LettersError> {
    let conn = ctx.store().conn();
    let company = &shared.company;
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
    let mut late = Vec::new();
    let mut upcoming = Vec::new();
    // Invoices in a running installment plan are followed by the plan's own notices until it breaks,
    // like in the agenda: a letter does not claim them.
    let paused = &shared.paused;
    for row in crate::invoices::unpaid_for_customer(ctx, customer)? {
        let inv = &row.invoice;
        // An invoice issued after the letter's date did not exist yet then.
        if inv.cancelled || !row.remaining.is_positive() || inv.data.issue_date > as_of {
            continue;
        }
        if paused.get(&inv.id).is_some_and(|until| as_of < *until) {
            continue;
        }
        // A disputed invoice waits for its dispute; one handed to the court or an agency, or written off,
        // has left the reminders.
        let state = InvoiceDunning::replay(&relance_store::dunning::for_invoice(conn, inv.id).map_err(AppError::from)?);
        if state.dispute.is_some() || state.stage != EscalationStage::Reminders {
            continue;
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
        if line.days_late > 0 {
            late.push((inv.id, line));
        } else {
            upcoming.push(line);
        }
    }
    let creditor = Creditor { logo: shared.logo.clone(), ..creditor(company, lang) };
    match kind {
        LetterKind::Reminder => {
            let (level, fee) = match level {
                Some((level, fee)) => (level, fee),
                None if late.is_empty() => (ReminderLevel::PreDue, None),
                None => (ReminderLevel::Friendly, None),
            };
            let (invoices, upcoming) = if level == ReminderLevel::PreDue && late.is_empty() {
                (upcoming, Vec::new())
            } else {
                (late.into_iter().map(|(_, l)| l).collect(), upcoming)
            };
            if invoices.is_empty() {
                return Err(LettersError::NothingDue);
            }
            let invoice_numbers = invoices.iter().map(|l| l.number.clone()).collect();
            let addressee = debtor.name.clone();
            let letter = Reminder { lang, date: as_of, creditor, debtor, level, invoices, upcoming, fee };
            // What `letters_sent` keeps as the total claimed is what the letter asks: with the fee.
            let total_due = letter.total_asked();
            let doc = relance_letters::reminder_with(&letter, &shared.texts).map_err(LettersError::Render)?;
            let pdf = relance_letters::to_pdf(&doc).map_err(LettersError::Render)?;
            Ok(Letter { pdf, pages: doc.pages.len(), level: Some(level), total_due, invoice_numbers, addressee, doc })
        }
        LetterKind::Notice => {
            if late.is_empty() {
                return Err(LettersError::NothingDue);
            }
            let mut invoices = Vec::new();
            for (id, line) in late {
                invoices.push(claimed_with_penalties(ctx, id, line, as_of)?);
            }
            let total_due =
                invoices.iter().map(|i| i.line.remaining + i.interest + i.indemnity).fold(Money::ZERO, |a, b| a + b);
            let invoice_numbers = invoices.iter().map(|i| i.line.number.clone()).collect();
            let addressee = debtor.name.clone();
            let letter = Notice {
                lang,
                date: as_of,
                creditor,
                debtor,
                business_debtor: d.kind == CustomerKind::Business,
                invoices,
                upcoming,
                deadline_days: relance_letters::letters::DEFAULT_DEADLINE_DAYS,
            };
            let doc = relance_letters::notice_with(&letter, &shared.texts).map_err(LettersError::Render)?;
            let pdf = relance_letters::to_pdf(&doc).map_err(LettersError::Render)?;
            Ok(Letter { pdf, pages: doc.pages.len(), level: None, total_due, invoice_numbers, addressee, doc })
        }
    }
}

/// The reminder level of the customer's message in the agenda of `as_of`: by its lead level's template
/// (`courteous_notice`, `friendly_reminder`, `firm_reminder`); past the firm reminder (a call, the formal
/// notice) or at a level of the user's own, by the lead level's offset from the due date (before it: the
/// pre-due notice; from 15 days, the standard policy's firm reminder, or at the formal notice: firm).
///
/// With it, the lead level's fee (`Level::fee`, one per letter), printed on its own line and added to the
/// total asked. A mise en demeure does not repeat the earlier levels' fees: for a business debtor the 40 EUR
/// indemnity per invoice already covers the recovery costs (L441-10, D441-5), and a consumer owes no
/// recovery costs without a judge.
fn agenda_level(
    ctx: &impl Context,
    customer: CustomerId,
    as_of: NaiveDate,
) -> Result<Option<(ReminderLevel, Option<Money>)>, AppError> {
    let view = crate::collections::agenda(ctx, as_of)?;
    Ok(level_in(&view.agenda, customer))
}

/// The reminder level and fee of `customer`'s message in an agenda already built (see [`agenda_level`]).
pub(crate) fn level_in(
    agenda: &relance_domain::dunning::Agenda,
    customer: CustomerId,
) -> Option<(ReminderLevel, Option<Money>)> {
    let action = agenda
        .customers
        .iter()
        .filter(|c| c.customer == customer)
        .flat_map(|c| c.actions.iter())
        .find(|a| !a.is_decision());
    action.map(|a| (level_of(a), a.fee))
}

fn level_of(a: &relance_domain::dunning::agenda::Action) -> ReminderLevel {
    match a.template.as_str() {
        "courteous_notice" => ReminderLevel::PreDue,
        "friendly_reminder" => ReminderLevel::Friendly,
        "firm_reminder" => ReminderLevel::Firm,
        _ if a.lead.is_formal_notice || a.lead.offset_days >= FIRM_FROM_DAYS => ReminderLevel::Firm,
        _ if a.lead.offset_days < 0 => ReminderLevel::PreDue,
        _ => ReminderLevel::Friendly,
    }
}

/// The standard policy's firm reminder comes 15 days after the due date.
const FIRM_FROM_DAYS: i32 = 15;
