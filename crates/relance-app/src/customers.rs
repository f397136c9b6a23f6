//! Customers: create, edit, archive, list, and the customer's page.

use chrono::NaiveDate;
use relance_domain::company::Language;
use relance_domain::customer::{CustomerData, CustomerInput, CustomerKind};
use relance_domain::dunning::Segment;
use relance_domain::ids::{CustomerId, PolicyId};
use relance_domain::insurance::InsuranceInput;
use relance_domain::rates::{CreditorKind, HalfYear, Percent, PercentProblem};
use relance_domain::terms::{PaymentTerms, TermsWarning};
use relance_domain::validation::{Field, Problem, Validation};
use relance_store::activity::{self, ActivityKind, ActivityRow, Subject};
use relance_store::customers::{Balance, Customer, CustomerQuery, CustomerRow};
use relance_store::payments::PaymentRow;
use relance_store::policies::CustomerProfile;
use relance_store::{Conn, Paged};

use crate::policies::{AppliedPolicy, Resolver};

use crate::invoices::InvoiceLine;
use crate::{AppError, AppResult, Context};

/// How many payments and timeline entries the customer's page shows.
const DETAIL_HISTORY: u32 = 100;

/// A saved customer and the warning its terms deserve, if any.
#[derive(Debug, Clone)]
pub struct Saved {
    pub id: CustomerId,
    pub terms_warning: Option<TermsWarning>,
}

fn default_terms(ctx: &impl Context) -> AppResult<PaymentTerms> {
    Ok(crate::company::get(ctx, Language::Fr)?.default_terms)
}

/// The customer form's reminder and penalty choices, as typed.
#[derive(Debug, Clone, Default)]
pub struct ProfileInput {
    /// A segment code, or empty for "not classified".
    pub segment: String,
    /// The customer's own policy; `None`: follow the segment, then the default.
    pub policy: Option<i64>,
    /// The contractual late-payment rate in percent ("12,5"); empty: the legal rate.
    pub contractual_rate: String,
    /// The « Assurance-crédit » group; three empty fields: not insured.
    pub insurance: InsuranceInput,
}

/// Creates a customer not classified, on the default policy and the legal rate.
pub fn create(ctx: &mut impl Context, input: &CustomerInput) -> AppResult<Saved> {
    create_with_profile(ctx, input, &ProfileInput::default())
}

/// Creates a customer with its payment profile, policy and contractual rate.
pub fn create_with_profile(ctx: &mut impl Context, input: &CustomerInput, profile: &ProfileInput) -> AppResult<Saved> {
    save(ctx, None, input, Some(profile))
}

/// Saves the customer's details; its profile, policy and rate are unchanged.
pub fn update(ctx: &mut impl Context, id: CustomerId, input: &CustomerInput) -> AppResult<Saved> {
    save(ctx, Some(id), input, None)
}

/// Saves the whole customer form: details, profile, policy and rate.
pub fn update_with_profile(
    ctx: &mut impl Context,
    id: CustomerId,
    input: &CustomerInput,
    profile: &ProfileInput,
) -> AppResult<Saved> {
    save(ctx, Some(id), input, Some(profile))
}

/// One transaction: checks everything (every problem of the form at once),
/// then writes the customer and its profile and logs one entry.
fn save(
    ctx: &mut impl Context,
    id: Option<CustomerId>,
    input: &CustomerInput,
    profile: Option<&ProfileInput>,
) -> AppResult<Saved> {
    let profile_input = profile;
    let company_terms = default_terms(ctx)?;
    let now = ctx.clock().now();
    let today = ctx.clock().today();
    let (id, warning) = ctx.store_mut().write(|tx| {
        let mut v = Validation::new();
        let data = input.validate().map_err(|e| v.issues.extend(e.issues)).ok();
        let kind = data.as_ref().map_or(CustomerKind::Business, |d| d.kind);
        let profile = match profile {
            None => None,
            Some(p) => match validate_profile(tx, p, kind, today) {
                Ok(p) => Some(p),
                Err(AppError::Invalid(e)) => {
                    v.issues.extend(e.issues);
                    None
                }
                Err(e) => return Err(e),
            },
        };
        let insurance = match profile_input.map(|p| p.insurance.check()) {
            None => None,
            Some(Ok(cover)) => Some(cover),
            Some(Err(e)) => {
                v.issues.extend(e.issues);
                None
            }
        };
        let Some(data) = data.filter(|_| v.is_empty()) else {
            return Err(AppError::Invalid(v));
        };
        let (id, kind) = match id {
            None => (relance_store::customers::insert(tx, &data, now)?, ActivityKind::CustomerCreated),
            Some(id) => {
                if relance_store::customers::get(tx, id)?.is_none() {
                    return Err(AppError::NotFound("customer"));
                }
                relance_store::customers::update(tx, id, &data, now)?;
                (id, ActivityKind::CustomerUpdated)
            }
        };
        let mut details = vec![("name", data.name.clone())];
        if let Some(p) = &profile {
            relance_store::policies::set_customer_profile(tx, id, p, now)?;
            details.push(("segment", p.segment.map(Segment::code).unwrap_or_default().to_string()));
            details.push(("policy", p.policy.map(|p| p.0.to_string()).unwrap_or_default()));
            details.push(("contractual_rate", p.contractual_rate.clone().unwrap_or_default()));
        }
        if let Some(cover) = &insurance {
            relance_store::insurance::set(tx, id, cover.as_ref(), now)?;
            details.push(("insurer", cover.as_ref().map(|c| c.insurer.clone()).unwrap_or_default()));
        }
        activity::record(tx, now, kind, Subject { customer: Some(id), ..Default::default() }, &details)?;
        AppResult::Ok((id, data.terms_warning(company_terms)))
    })?;
    Ok(Saved { id, terms_warning: warning })
}

/// The profile as typed, checked: a known segment, an existing policy, and a
/// contractual rate that is a percent not below three times the legal
/// interest rate of the current half-year (L441-10) when that rate is known.
/// A consumer has no contractual rate: legal interest applies.
fn validate_profile(conn: &Conn, p: &ProfileInput, kind: CustomerKind, today: NaiveDate) -> AppResult<CustomerProfile> {
    let mut v = Validation::new();
    let segment = match p.segment.trim() {
        "" => None,
        code => Segment::from_code(code).or_else(|| {
            v.push(Field::Segment, Problem::InvalidFormat { expected: "punctual | late | variable | at_risk" });
            None
        }),
    };
    let policy = match p.policy {
        None => None,
        Some(id) if relance_store::policies::get(conn, PolicyId(id))?.is_some() => Some(PolicyId(id)),
        Some(_) => {
            v.push(Field::Policy, Problem::Unknown);
            None
        }
    };
    let contractual_rate = match (p.contractual_rate.trim(), kind) {
        ("", _) | (_, CustomerKind::Consumer) => None,
        (raw, CustomerKind::Business) => match Percent::parse(raw) {
            Err(problem) => {
                let problem = match problem {
                    PercentProblem::TooManyDecimals => Problem::TooManyDecimals,
                    PercentProblem::NotANumber | PercentProblem::OutOfRange => {
                        Problem::InvalidFormat { expected: "12,5" }
                    }
                };
                v.push(Field::ContractualRate, problem);
                None
            }
            Ok(rate) => {
                if let Some(problem) = below_floor(conn, rate, today)? {
                    v.push(Field::ContractualRate, problem);
                }
                Some(rate.to_string())
            }
        },
    };
    v.finish(|| CustomerProfile { segment, policy, contractual_rate }).map_err(AppError::from)
}

/// The L441-10 floor of the half-year containing `today`, when its legal
/// rate is known: the penalties computation checks every half-year again.
fn below_floor(conn: &Conn, rate: Percent, today: NaiveDate) -> AppResult<Option<Problem>> {
    let half_year = HalfYear::containing(today);
    let tables = crate::collections::rate_tables(conn)?;
    let Ok(legal) = tables.legal.rate(half_year, CreditorKind::OtherCases) else {
        return Ok(None);
    };
    Ok(legal.times(3).filter(|floor| rate < *floor).map(|floor| Problem::BelowLegalFloor {
        floor: floor.to_string(),
        year: half_year.year(),
        half: half_year.half(),
    }))
}

/// Archiving hides a customer from lists; nothing is deleted.
pub fn set_archived(ctx: &mut impl Context, id: CustomerId, archived: bool) -> AppResult<()> {
    let now = ctx.clock().now();
    ctx.store_mut().write(|tx| {
        let Some(c) = relance_store::customers::get(tx, id)? else {
            return Err(AppError::NotFound("customer"));
        };
        relance_store::customers::set_archived(tx, id, archived, now)?;
        let kind = if archived { ActivityKind::CustomerArchived } else { ActivityKind::CustomerRestored };
        activity::record(
            tx,
            now,
            kind,
            Subject { customer: Some(id), ..Default::default() },
            &[("name", c.data.name)],
        )?;
        Ok(())
    })
}

/// One page of the customer list. "En retard" there means what the customer page says: what is still to
/// collect past its due date, so each row's written-off amounts (overdue invoices only) are taken out,
/// as in [`still_to_collect`]. The sort by overdue amount stays the database's (before write-offs): a
/// customer with a write-off may sit a little higher than its figure says.
pub fn list(ctx: &impl Context, query: &CustomerQuery) -> AppResult<Paged<CustomerRow>> {
    let conn = ctx.store().conn();
    let today = ctx.clock().today();
    let mut page = relance_store::customers::list(conn, query, today)?;
    for row in &mut page.rows {
        if row.overdue.is_zero() {
            continue;
        }
        for (_, due_date, written_off) in relance_store::dunning::written_off_unpaid(conn, Some(row.id))? {
            if due_date < today {
                row.overdue -= written_off;
            }
        }
    }
    Ok(page)
}

/// Everything the customer's page shows.
#[derive(Debug, Clone)]
pub struct CustomerDetail {
    pub customer: Customer,
    /// The terms that apply (the customer's own or the company's default).
    pub effective_terms: PaymentTerms,
    pub terms_warning: Option<TermsWarning>,
    pub balance: Balance,
    pub open_invoices: Vec<InvoiceLine>,
    pub payments: Vec<PaymentRow>,
    pub timeline: Vec<ActivityRow>,
    /// Segment, own policy and contractual rate as chosen.
    pub profile: CustomerProfile,
    /// The reminder policy that applies, and why.
    pub policy: AppliedPolicy,
    /// Credit insurance: the cover, the part of `balance.outstanding` above it, the declared invoices.
    pub cover: crate::insurance::Cover,
}

pub fn detail(ctx: &impl Context, id: CustomerId) -> AppResult<CustomerDetail> {
    let conn = ctx.store().conn();
    let today = ctx.clock().today();
    let customer = relance_store::customers::get(conn, id)?.ok_or(AppError::NotFound("customer"))?;
    let company_terms = default_terms(ctx)?;
    let open_invoices = crate::invoices::unpaid_for_customer(ctx, id)?;
    let balance = still_to_collect(conn, id, today)?;
    Ok(CustomerDetail {
        effective_terms: customer.data.terms.unwrap_or(company_terms),
        terms_warning: customer.data.terms_warning(company_terms),
        cover: crate::insurance::cover(ctx, id, balance.outstanding)?,
        balance,
        open_invoices,
        payments: relance_store::payments::for_customer(conn, id, DETAIL_HISTORY)?,
        timeline: activity::for_customer(conn, id, DETAIL_HISTORY)?,
        profile: relance_store::policies::customer_profile(conn, id)?.unwrap_or_default(),
        policy: Resolver::load(conn, Some(id), today)?.applied(id),
        customer,
    })
}

/// The customer page's figures, consistent with Today and the overdue report:
/// - "reste dû" (`outstanding`) is the whole debt of the books: every unpaid
///   invoice's total less its payments and credit notes, written-off amounts
///   included (a write-off is not a payment); the page says their part apart
///   ("dont X passés en perte", `reports::written_off_owed`);
/// - "en retard" (`overdue`) is what is still to collect past its due date:
///   the overdue part of the debt less the written-off amounts of overdue
///   invoices (each capped at what the invoice still owes), and
///   `overdue_invoices` counts the overdue invoices with something left to
///   collect (an invoice written off whole is not counted).
fn still_to_collect(conn: &Conn, id: CustomerId, today: NaiveDate) -> AppResult<Balance> {
    let mut balance = relance_store::customers::balance(conn, id, today)?;
    for (due_date, written_off, remaining) in relance_store::dunning::written_off_of_customer(conn, id)? {
        if due_date < today {
            balance.overdue -= written_off;
            if written_off >= remaining {
                balance.overdue_invoices = balance.overdue_invoices.saturating_sub(1);
            }
        }
    }
    Ok(balance)
}

/// The customer an invoice or payment is for: it must exist and not be archived.
pub(crate) fn require_active(conn: &relance_store::Conn, id: CustomerId) -> AppResult<Customer> {
    match relance_store::customers::get(conn, id)? {
        None => Err(AppError::invalid(Field::Customer, Problem::Unknown)),
        Some(c) if c.archived => Err(AppError::invalid(Field::Customer, Problem::Archived)),
        Some(c) => Ok(c),
    }
}

/// The terms an invoice of this customer gets by default.
pub(crate) fn terms_for(ctx: &impl Context, data: &CustomerData) -> AppResult<PaymentTerms> {
    Ok(data.terms.unwrap_or(default_terms(ctx)?))
}
