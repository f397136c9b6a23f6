//! Late-payment penalties on one invoice at a date.
//!
//! Business debtor (Code de commerce L441-10 II): penalties are due from the day after the due date
//! without any reminder ("exigibles le jour suivant la date de règlement"), at the contractual rate,
//! which may not be below 3 x the legal interest rate, or by default at the ECB reference rate of
//! the half-year + 10 points; plus the fixed 40 EUR indemnity for recovery costs per late invoice
//! (L441-10 II, D441-5).
//!
//! Consumer debtor: late interest at the legal rate (Code civil 1231-6), which runs from the formal
//! notice (mise en demeure), so it starts only when an `interest_from` date is given. The column is
//! "all other cases" of the arrêté: the creditor is our user, a business, and the other column is
//! only for private persons not acting for professional needs (CMF L313-2). No 40 EUR indemnity: it
//! is owed by professional debtors only.
//!
//! Conventions, stated once:
//! - Day count: a day is late when it is after the due date and something is still owed at its
//!   start. Interest counts the days from the day after the start date (the due date, or the formal
//!   notice for a consumer) through `as_of` inclusive, so the days counted are `as_of - due date`.
//! - A payment or credit dated D still leaves D itself counted on the amount owed before it (the
//!   debtor was late that day too); it lowers the principal from D + 1. So an invoice paid in full
//!   on D is `D - due date` days late, the usual count.
//! - Simple interest: principal x annual rate x days / 365, also in leap years (a 366-day year is
//!   still divided by 365), split into periods at every half-year boundary (the rate is fixed per
//!   half-year) and at every payment (the principal changes).
//! - Exact arithmetic: every period's interest is kept as an exact integer ([`ExactInterest`]); the
//!   total is their exact sum, rounded to the cent once, half away from zero
//!   ([`Money::round_half_away`], "arrondi commercial"). Periods are never rounded: shown to the
//!   cent one by one they may not add up to the total (see the consumer example in the tests).
//!
//! The default rate uses the 1 January / 1 July ECB reference for every half-year; that rule is in
//! the code since 2013 (loi n° 2012-387), earlier delays are computed with the same convention.

mod exact_interest;

use chrono::NaiveDate;

use crate::money::Money;
use crate::rates::{CreditorKind, HalfYear, Percent, RateTables, UnknownRate};

pub use exact_interest::ExactInterest;

/// Points added to the ECB reference rate for the default business rate (L441-10 II).
const DEFAULT_MARGIN_POINTS: i64 = 10;
/// A contractual rate may not be below this many times the legal rate (L441-10 II).
const FLOOR_TIMES_LEGAL_RATE: i64 = 3;
/// The fixed indemnity for recovery costs, in cents (D441-5: 40 euros).
const FIXED_INDEMNITY_CENTS: i64 = 4_000;

/// A payment or credit note applied to the invoice, on its date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settlement {
    pub date: NaiveDate,
    pub amount: Money,
}

/// Who owes, which decides the rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Debtor {
    /// A professional: L441-10 penalties and the 40 EUR indemnity. `contractual_rate` is the
    /// annual rate of the terms of sale, if they set one; otherwise ECB reference + 10 points.
    Business { contractual_rate: Option<Percent> },
    /// A consumer: legal interest from `interest_from` (the formal notice); none before it.
    Consumer { interest_from: Option<NaiveDate> },
}

/// What the computation needs to know about the invoice.
#[derive(Debug, Clone, Copy)]
pub struct PenaltyInput<'a> {
    /// Total including tax: the amount the debtor had to pay.
    pub total: Money,
    pub due_date: NaiveDate,
    /// Payments and credit notes applied to the invoice, in any order.
    pub settlements: &'a [Settlement],
    pub as_of: NaiveDate,
    pub debtor: Debtor,
}

/// Where a period's rate comes from, for the letter that claims it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RateBasis {
    /// ECB reference rate of the half-year + 10 points (L441-10 II).
    EcbPlusTenPoints { ecb_reference: Percent },
    /// The contract's rate, checked against the floor of that half-year.
    Contractual { floor: Percent },
    /// The legal interest rate, in the column of the creditor.
    LegalRate { creditor: CreditorKind },
}

/// Days with the same principal and rate, all in one half-year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InterestPeriod {
    /// First day counted.
    pub from: NaiveDate,
    /// Last day counted, inclusive.
    pub to: NaiveDate,
    pub days: i64,
    /// Still owed on each of these days.
    pub principal: Money,
    pub annual_rate: Percent,
    pub basis: RateBasis,
    /// principal x rate x days / 365, exact and unrounded.
    pub interest: ExactInterest,
}

/// The penalties claimable on one invoice at `as_of`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Penalties {
    /// Days after the due date on which something was still owed (0 if paid on time or not due).
    pub days_late: i64,
    /// Still owed at the end of `as_of`.
    pub outstanding: Money,
    pub periods: Vec<InterestPeriod>,
    /// The exact sum of the periods' interest.
    pub interest_exact: ExactInterest,
    /// `interest_exact` rounded to the cent, half away from zero: the one rounding.
    pub interest: Money,
    /// 40 EUR for a late invoice of a business debtor (D441-5), else zero.
    pub indemnity: Money,
    pub total_claimed: Money,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PenaltyError {
    #[error(transparent)]
    UnknownRate(#[from] UnknownRate),
    #[error(
        "the contractual late-payment rate of {contractual} % is refused for {half_year}: it is below the legal \
         floor of {floor} % (3 x the legal interest rate of {legal_rate} %, Code de commerce L441-10 II)"
    )]
    ContractualRateBelowFloor { half_year: HalfYear, contractual: Percent, floor: Percent, legal_rate: Percent },
    #[error("the payment or credit of {date} has a negative amount ({amount})")]
    NegativeSettlement { date: NaiveDate, amount: Money },
    #[error("the amounts are too large for the exact interest arithmetic")]
    TooLarge,
}

/// Computes the penalties on one invoice at `input.as_of` with the given rate tables. Needs only the
/// rates of the half-years in which interest actually runs: an unknown one is an error, never a guess.
pub fn late_payment_penalties(input: &PenaltyInput<'_>, rates: &RateTables) -> Result<Penalties, PenaltyError> {
    if let Some(s) = input.settlements.iter().find(|s| s.amount.is_negative()) {
        return Err(PenaltyError::NegativeSettlement { date: s.date, amount: s.amount });
    }
    let owed = Owed::new(input.total, input.settlements);
    // The last day counted: `as_of`, or the day the invoice was paid off; with nothing to pay, the
    // due date itself (no late day).
    let last_late_day = if input.total.is_positive() {
        owed.paid_off_on().map_or(input.as_of, |paid_off| paid_off.min(input.as_of))
    } else {
        input.due_date
    };
    let days_late = (last_late_day - input.due_date).num_days().max(0);

    let interest_start = match input.debtor {
        Debtor::Business { .. } => Some(input.due_date),
        Debtor::Consumer { interest_from } => interest_from.map(|n| n.max(input.due_date)),
    };
    let mut periods = Vec::new();
    let mut next_day = interest_start.and_then(|s| s.succ_opt());
    while let Some(from) = next_day.filter(|d| *d <= last_late_day) {
        let half_year = HalfYear::containing(from);
        let mut to = last_late_day.min(half_year.end());
        if let Some(change) = owed.next_change_on_or_after(from) {
            to = to.min(change);
        }
        let (annual_rate, basis) = rate_for(input.debtor, half_year, rates)?;
        let principal = owed.on(from);
        let days = (to - from).num_days() + 1;
        let interest = ExactInterest::of(principal, annual_rate, days).ok_or(PenaltyError::TooLarge)?;
        periods.push(InterestPeriod { from, to, days, principal, annual_rate, basis, interest });
        next_day = to.succ_opt();
    }

    let interest_exact =
        ExactInterest::checked_sum(periods.iter().map(|p| p.interest)).ok_or(PenaltyError::TooLarge)?;
    let interest = interest_exact.rounded();
    let indemnity = match input.debtor {
        Debtor::Business { .. } if days_late > 0 => Money::from_cents(FIXED_INDEMNITY_CENTS),
        _ => Money::ZERO,
    };
    Ok(Penalties {
        days_late,
        outstanding: owed.at_end_of(input.as_of),
        periods,
        interest_exact,
        interest,
        indemnity,
        total_claimed: interest + indemnity,
    })
}

/// The annual rate of a half-year for this debtor.
fn rate_for(debtor: Debtor, half_year: HalfYear, rates: &RateTables) -> Result<(Percent, RateBasis), PenaltyError> {
    match debtor {
        Debtor::Business { contractual_rate: None } => {
            let ecb_reference = rates.reference_ecb_rate(half_year)?;
            let rate = ecb_reference.plus_points(DEFAULT_MARGIN_POINTS).ok_or(PenaltyError::TooLarge)?;
            Ok((rate, RateBasis::EcbPlusTenPoints { ecb_reference }))
        }
        Debtor::Business { contractual_rate: Some(contractual) } => {
            // The floor binds the contract only: the default rate applies even below it (as in
            // 2024-S1: default 14.50 %, floor 15.21 %).
            let legal_rate = rates.legal_rate(half_year, CreditorKind::OtherCases)?;
            let floor = legal_rate.times(FLOOR_TIMES_LEGAL_RATE).ok_or(PenaltyError::TooLarge)?;
            if contractual < floor {
                return Err(PenaltyError::ContractualRateBelowFloor { half_year, contractual, floor, legal_rate });
            }
            Ok((contractual, RateBasis::Contractual { floor }))
        }
        Debtor::Consumer { .. } => {
            let creditor = CreditorKind::OtherCases;
            Ok((rates.legal_rate(half_year, creditor)?, RateBasis::LegalRate { creditor }))
        }
    }
}

/// What is owed on each day: the total less the settlements dated before that day.
struct Owed {
    total: Money,
    /// Positive settlements, by date.
    settlements: Vec<Settlement>,
}

impl Owed {
    fn new(total: Money, settlements: &[Settlement]) -> Owed {
        let mut settlements: Vec<Settlement> = settlements.iter().copied().filter(|s| s.amount.is_positive()).collect();
        settlements.sort_by_key(|s| s.date);
        Owed { total, settlements }
    }

    /// Owed during `day`: settlements dated `day` count from the next day.
    fn on(&self, day: NaiveDate) -> Money {
        self.remaining(|date| date < day)
    }

    fn at_end_of(&self, day: NaiveDate) -> Money {
        self.remaining(|date| date <= day)
    }

    fn remaining(&self, counts: impl Fn(NaiveDate) -> bool) -> Money {
        let paid: Money = self.settlements.iter().filter(|s| counts(s.date)).map(|s| s.amount).sum();
        (self.total - paid).max(Money::ZERO)
    }

    /// The date of the settlement that pays the total off: the last day something is owed.
    fn paid_off_on(&self) -> Option<NaiveDate> {
        let mut paid = Money::ZERO;
        self.settlements.iter().find_map(|s| {
            paid += s.amount;
            (paid >= self.total).then_some(s.date)
        })
    }

    /// The first settlement date on or after `day`: the last day at the current principal.
    fn next_change_on_or_after(&self, day: NaiveDate) -> Option<NaiveDate> {
        self.settlements.iter().map(|s| s.date).find(|d| *d >= day)
    }
}

#[cfg(test)]
mod tests;
