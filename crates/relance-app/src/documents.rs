//! The account statement of a customer and the agreement of an installment plan, as PDF bytes.
//! Read-only: nothing is written (re-exported from [`crate::letters`]).

use chrono::NaiveDate;
use relance_domain::company::Language;
use relance_domain::customer::CustomerData;
use relance_domain::ids::CustomerId;
use relance_domain::plan::{PenaltiesPart, PlanId};
use relance_domain::Money;
use relance_letters::statement::DEFAULT_PAYMENT_MONTHS;
use relance_letters::{
    Agreement, CoveredInvoice, CreditLine, InvoiceLine, Lang, Party, PaymentLine, ScheduleLine, Statement,
};
use relance_store::payments::Receipt;

use crate::letters::{address_lines, creditor_with_logo, legal_ids, Letter, LettersError};
use crate::{AppError, Context};

fn lang_of(l: Language) -> Lang {
    match l {
        Language::Fr => Lang::Fr,
        Language::En => Lang::En,
    }
}

fn debtor(d: &CustomerData, lang: Lang) -> Party {
    Party {
        name: d.name.clone(),
        legal_ids: legal_ids(d.siren.as_deref(), d.siret.as_deref(), d.vat_number.as_deref(), lang),
        address: [d.contact_name.clone()].into_iter().flatten().chain(address_lines(&d.address)).collect(),
    }
}

/// The account statement of `customer` at `as_of`: every invoice issued by then that is not cancelled and
/// still owes something (the amounts are the books' as they stand, like the customer page: a payment
/// dated after `as_of` already counts, it is only left out of the payments listed), every credit note with something unused, the customer's
/// unallocated credit (the customer page's « crédit »), and the payments received over the last
/// [`DEFAULT_PAYMENT_MONTHS`] months up to `as_of`. `total_due` is the balance to pay (owed less credit).
pub fn statement(ctx: &impl Context, customer: CustomerId, as_of: NaiveDate) -> Result<Letter, LettersError> {
    let conn = ctx.store().conn();
    let company = crate::company::get(ctx, Language::Fr)?;
    let lang = lang_of(company.language);
    let found =
        relance_store::customers::get(conn, customer).map_err(AppError::from)?.ok_or(AppError::NotFound("customer"))?;
    let mut invoices = Vec::new();
    for row in crate::invoices::unpaid_for_customer(ctx, customer)? {
        let inv = &row.invoice;
        if inv.cancelled || !row.remaining.is_positive() || inv.data.issue_date > as_of {
            continue;
        }
        invoices.push(InvoiceLine {
            number: inv.data.number.clone(),
            issue_date: inv.data.issue_date,
            due_date: inv.data.due_date,
            amount: inv.data.total,
            paid: inv.data.total - row.remaining,
            remaining: row.remaining,
            days_late: (as_of - inv.data.due_date).num_days(),
        });
    }
    let since = Statement::window_start(as_of, DEFAULT_PAYMENT_MONTHS);
    let mut credit_notes = Vec::new();
    let mut payments = Vec::new();
    for p in relance_store::payments::for_customer(conn, customer, u32::MAX).map_err(AppError::from)? {
        if p.date > as_of {
            continue;
        }
        match &p.receipt {
            Receipt::CreditNote { number, .. } if p.unallocated.is_positive() => credit_notes.push(CreditLine {
                number: number.clone(),
                date: p.date,
                amount: p.amount,
                remaining: p.unallocated,
            }),
            Receipt::CreditNote { .. } => {}
            Receipt::Payment { method, reference } if p.date >= since => payments.push(PaymentLine {
                date: p.date,
                reference: match reference.as_deref().map(str::trim) {
                    Some(r) if !r.is_empty() => {
                        format!("{} {r}", relance_letters::text::payment_method(lang, method.code()))
                    }
                    _ => relance_letters::text::payment_method(lang, method.code()).to_string(),
                },
                amount: p.amount,
            }),
            Receipt::Payment { .. } => {}
        }
    }
    // Oldest first, like the invoices.
    credit_notes.reverse();
    payments.reverse();
    let unallocated_credit = relance_store::customers::credit(conn, customer).map_err(AppError::from)?;
    let s = Statement {
        lang,
        date: as_of,
        creditor: creditor_with_logo(ctx, &company, lang)?,
        debtor: debtor(&found.data, lang),
        invoices,
        credit_notes,
        unallocated_credit,
        payments,
        payments_since: since,
    };
    let doc = relance_letters::statement(&s).map_err(LettersError::Render)?;
    let pdf = relance_letters::to_pdf(&doc).map_err(LettersError::Render)?;
    let invoice_numbers = s.invoices.iter().map(|i| i.number.clone()).collect();
    let addressee = s.debtor.name.clone();
    Ok(Letter { pdf, pages: doc.pages.len(), level: None, total_due: s.balance(), invoice_numbers, addressee, doc })
}

/// The agreement of installment plan `plan`, dated `as_of` (place and date by the signatures), from
/// [`crate::plans::agreement`]. `total_due` is the plan's total.
pub fn plan_agreement(ctx: &impl Context, plan: PlanId, as_of: NaiveDate) -> Result<Letter, LettersError> {
    let a = crate::plans::agreement(ctx, plan)?;
    let lang = lang_of(a.creditor.language);
    let agreement = Agreement {
        lang,
        date: as_of,
        agreed_on: a.agreed_on,
        creditor: creditor_with_logo(ctx, &a.creditor, lang)?,
        debtor: debtor(&a.debtor, lang),
        invoices: a
            .invoices
            .iter()
            .map(|(number, issue_date, due_date, owed)| CoveredInvoice {
                number: number.clone(),
                issue_date: *issue_date,
                due_date: *due_date,
                owed: *owed,
            })
            .collect(),
        penalties: match a.penalties {
            PenaltiesPart::Included(m) => m,
            PenaltiesPart::Waived => Money::ZERO,
        },
        schedule: a.schedule.iter().map(|i| ScheduleLine { number: i.number, date: i.due, amount: i.amount }).collect(),
        grace_days: a.grace_days,
    };
    let doc = relance_letters::agreement(&agreement).map_err(LettersError::Render)?;
    let pdf = relance_letters::to_pdf(&doc).map_err(LettersError::Render)?;
    let invoice_numbers = agreement.invoices.iter().map(|i| i.number.clone()).collect();
    let addressee = agreement.debtor.name.clone();
    Ok(Letter { pdf, pages: doc.pages.len(), level: None, total_due: a.total, invoice_numbers, addressee, doc })
}
