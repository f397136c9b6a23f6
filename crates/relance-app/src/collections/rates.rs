//! The user adds a half-year's rate once the shipped tables end.

use chrono::NaiveDate;
use relance_domain::rates::{HalfYear, Percent, PercentProblem};
use relance_domain::validation::{required_text, Field, Problem, Validation};
use relance_store::activity::{self, ActivityKind, Subject};
use relance_store::rates::{RateEntry, RateKind};

use crate::{AppResult, Context};

const MAX_SOURCE_CHARS: usize = 500;

/// Records the rate of the half-year starting on `half_year_start` (1 January
/// or 1 July), with the official text it comes from. One per half-year and
/// kind: a rate the law fixed does not change afterwards.
pub fn rate_add(
    ctx: &mut impl Context,
    kind: RateKind,
    half_year_start: NaiveDate,
    rate: &str,
    source: &str,
) -> AppResult<()> {
    let now = ctx.clock().now();
    ctx.store_mut().write(|tx| {
        let mut v = Validation::new();
        let parsed = Percent::parse(rate)
            .map_err(|p| {
                let problem = match p {
                    PercentProblem::TooManyDecimals => Problem::TooManyDecimals,
                    PercentProblem::NotANumber | PercentProblem::OutOfRange => {
                        Problem::InvalidFormat { expected: "2.15" }
                    }
                };
                v.push(Field::Rate, problem);
            })
            .ok();
        if HalfYear::starting_on(half_year_start).is_none() {
            v.push(Field::RateHalfYear, Problem::InvalidFormat { expected: "YYYY-01-01 | YYYY-07-01" });
        } else if relance_store::rates::all(tx)?.iter().any(|e| e.kind == kind && e.half_year_start == half_year_start)
        {
            v.push(Field::RateHalfYear, Problem::Duplicate);
        }
        let source = v.check(required_text(Field::RateSource, source, MAX_SOURCE_CHARS));
        let (Some(parsed), Some(source), true) = (parsed, source, v.is_empty()) else {
            return Err(v.into());
        };
        // Stored as the canonical decimal ("2.15"), whatever the user typed ("2,15").
        let entry = RateEntry { kind, half_year_start, rate: parsed.to_string(), source };
        relance_store::rates::insert(tx, &entry, now)?;
        let details = [
            ("kind", kind.code().to_string()),
            ("half_year_start", half_year_start.to_string()),
            ("rate", entry.rate.clone()),
        ];
        activity::record(tx, now, ActivityKind::RateAdded, Subject::default(), &details)?;
        Ok(())
    })
}

/// The rates the user added, oldest half-year first.
pub fn user_rates(ctx: &impl Context) -> AppResult<Vec<RateEntry>> {
    let mut all = relance_store::rates::all(ctx.store().conn())?;
    all.sort_by(|a, b| (a.half_year_start, a.kind.code()).cmp(&(b.half_year_start, b.kind.code())));
    Ok(all)
}
