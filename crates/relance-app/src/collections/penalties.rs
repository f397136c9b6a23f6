//! Late-payment penalties of one invoice, with the shipped rate tables and
//! the rates the user added.

use chrono::NaiveDate;
use relance_domain::customer::CustomerKind;
use relance_domain::dunning::InvoiceDunning;
use relance_domain::ids::InvoiceId;
use relance_domain::penalties::{late_payment_penalties, Debtor, Penalties, PenaltyInput, Settlement};
use relance_domain::rates::{
    EcbRateChange, EcbRates, HalfYear, LegalRate, LegalRates, Percent, RateTables, SHIPPED_ECB_CONFIRMED_THROUGH,
};
use relance_store::rates::{RateEntry, RateKind};
use relance_store::{Conn, StoreError};

use crate::{AppError, AppResult, Context};

/// The official tables shipped in `assets/rates/` (sources in SOURCES.md),
/// compiled into the binary so the app never depends on a file at run time.
const ECB: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../assets/rates/ecb_mro_rate_changes.csv"));
const LEGAL: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../assets/rates/fr_taux_interet_legal.csv"));
const YEARLY: &str =
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../assets/rates/fr_taux_interet_legal_before_2015.csv"));

/// The penalties with what the front ends print besides.
#[derive(Debug, Clone)]
pub struct PenaltiesView {
    pub number: String,
    pub due_date: NaiveDate,
    pub consumer: bool,
    pub penalties: Penalties,
}

/// The penalties claimable on `invoice` at `as_of`. A business customer owes
/// L441-10 interest from the due date (at its contractual rate if one was
/// agreed, refused per half-year below the legal floor; else ECB + 10 points)
/// and the 40 EUR indemnity; a consumer owes legal interest
/// from the formal notice recorded in the invoice's reminders, if any.
pub fn penalties(ctx: &impl Context, invoice: InvoiceId, as_of: NaiveDate) -> AppResult<PenaltiesView> {
    let conn = ctx.store().conn();
    let inv = relance_store::invoices::get(conn, invoice)?.ok_or(AppError::NotFound("invoice"))?;
    let customer = relance_store::customers::get(conn, inv.customer_id)?.ok_or(AppError::NotFound("customer"))?;
    let settlements: Vec<Settlement> = relance_store::payments::applied_to_invoice(conn, invoice)?
        .into_iter()
        .map(|(date, amount, _)| Settlement { date, amount })
        .collect();
    let consumer = customer.data.kind == CustomerKind::Consumer;
    let debtor = if consumer {
        let state = InvoiceDunning::replay(&relance_store::dunning::for_invoice(conn, invoice)?);
        Debtor::Consumer { interest_from: state.formal_notice_sent_on }
    } else {
        let profile = relance_store::policies::customer_profile(conn, inv.customer_id)?.unwrap_or_default();
        let contractual_rate = match profile.contractual_rate {
            None => None,
            Some(text) => {
                Some(Percent::parse(&text).map_err(|p| corrupt(format!("contractual rate {text:?}: {p:?}")))?)
            }
        };
        Debtor::Business { contractual_rate }
    };
    // A cancelled invoice is owed nothing, so it carries no penalty.
    let total = if inv.cancelled { relance_domain::Money::ZERO } else { inv.data.total };
    let input = PenaltyInput { total, due_date: inv.data.due_date, settlements: &settlements, as_of, debtor };
    let penalties = late_payment_penalties(&input, &rate_tables(conn)?)?;
    Ok(PenaltiesView { number: inv.data.number, due_date: inv.data.due_date, consumer, penalties })
}

/// The shipped tables extended with the user's half-year rates. A user rate
/// for a half-year the shipped tables hold replaces it: the user read the
/// official text after the build.
pub fn rate_tables(conn: &Conn) -> AppResult<RateTables> {
    let shipped = RateTables::from_csv(ECB, LEGAL, YEARLY, SHIPPED_ECB_CONFIRMED_THROUGH)
        .map_err(|e| corrupt(format!("shipped rate tables: {e}")))?;
    merge(shipped, &relance_store::rates::all(conn)?)
}

fn merge(shipped: RateTables, entries: &[RateEntry]) -> AppResult<RateTables> {
    let mut changes: Vec<EcbRateChange> = shipped.ecb.changes().to_vec();
    let mut confirmed = shipped.ecb.confirmed_through();
    let mut half_years: Vec<LegalRate> = shipped.legal.half_years().to_vec();
    for e in entries {
        let rate = Percent::parse(&e.rate).map_err(|p| corrupt(format!("user rate {:?}: {p:?}", e.rate)))?;
        let half_year = HalfYear::starting_on(e.half_year_start)
            .ok_or_else(|| corrupt(format!("user rate date {}", e.half_year_start)))?;
        match e.kind {
            // The rate in force on the half-year's first day is all L441-10
            // reads; recording it as a change on that day makes it so.
            RateKind::Ecb => {
                changes.retain(|c| c.effective != e.half_year_start);
                changes.push(EcbRateChange { effective: e.half_year_start, rate });
                confirmed = confirmed.max(e.half_year_start);
            }
            RateKind::LegalOther | RateKind::LegalPrivate => {
                let i = match half_years.iter().position(|r| r.half_year == half_year) {
                    Some(i) => i,
                    None => {
                        half_years.push(LegalRate { half_year, other_cases: None, private_person: None });
                        half_years.len() - 1
                    }
                };
                if e.kind == RateKind::LegalOther {
                    half_years[i].other_cases = Some(rate);
                } else {
                    half_years[i].private_person = Some(rate);
                }
            }
        }
    }
    let ecb = EcbRates::new(changes, confirmed).map_err(|e| corrupt(e.to_string()))?;
    let legal = LegalRates::new(half_years, shipped.legal.yearly().to_vec()).map_err(|e| corrupt(e.to_string()))?;
    Ok(RateTables { ecb, legal })
}

fn corrupt(what: String) -> AppError {
    AppError::Storage(StoreError::Corrupt(what))
}
