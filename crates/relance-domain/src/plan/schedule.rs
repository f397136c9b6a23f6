//! An installment plan's schedule, computed exactly: amounts in cents that
//! add up to the total (the remainder of the split on the first or the last
//! installment, as chosen), dates strictly increasing, optionally moved to
//! the next business day.

use chrono::{Datelike, Duration, Months, NaiveDate};

use super::holidays::next_business_day;
use crate::money::Money;
use crate::validation::{Field, Problem, Validation};

/// At most this many installments after the down payment.
pub const MAX_INSTALLMENTS: u32 = 60;
/// The first installment may not be set more than this many days ahead.
pub const MAX_DAYS_TO_FIRST: i64 = 366;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Frequency {
    Weekly,
    Fortnightly,
    /// Same day of the month as the first installment, clamped to the
    /// month's last day (31 Jan, 28/29 Feb, 31 Mar).
    Monthly,
    /// On this day of every month after the first installment (clamped).
    DayOfMonth(u32),
}

impl Frequency {
    pub fn code(self) -> &'static str {
        match self {
            Frequency::Weekly => "week",
            Frequency::Fortnightly => "two_weeks",
            Frequency::Monthly => "month",
            Frequency::DayOfMonth(_) => "day_of_month",
        }
    }

    /// From its code and, for `day_of_month`, the day.
    pub fn from_code(code: &str, day: Option<u32>) -> Option<Frequency> {
        match code {
            "week" => Some(Frequency::Weekly),
            "two_weeks" => Some(Frequency::Fortnightly),
            "month" => Some(Frequency::Monthly),
            "day_of_month" => day.map(Frequency::DayOfMonth),
            _ => None,
        }
    }

    pub fn day(self) -> Option<u32> {
        match self {
            Frequency::DayOfMonth(d) => Some(d),
            _ => None,
        }
    }
}

/// How the amount after the down payment is cut.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Split {
    /// Into this many installments.
    Count(u32),
    /// Into installments of this amount (the last or first one takes what is left).
    Amount(Money),
}

/// Which installment takes the cents that do not divide evenly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Remainder {
    #[default]
    First,
    Last,
}

impl Remainder {
    pub fn code(self) -> &'static str {
        match self {
            Remainder::First => "first",
            Remainder::Last => "last",
        }
    }
    pub fn from_code(code: &str) -> Option<Remainder> {
        match code {
            "first" => Some(Remainder::First),
            "last" => Some(Remainder::Last),
            _ => None,
        }
    }
}

/// The terms as agreed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Terms {
    pub total: Money,
    pub split: Split,
    pub first: NaiveDate,
    pub frequency: Frequency,
    /// Paid on the day the plan is agreed, as installment 0.
    pub down_payment: Option<Money>,
    pub remainder: Remainder,
    /// Dates on a weekend or a French public holiday move to the next business day.
    pub business_days: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Installment {
    /// 0 for the down payment, then 1, 2, ...
    pub number: u32,
    pub due: NaiveDate,
    pub amount: Money,
}

/// The schedule of `terms` for a plan agreed on `today`, or every problem
/// found, each naming its field.
pub fn schedule(terms: &Terms, today: NaiveDate) -> Result<Vec<Installment>, Validation> {
    let mut v = Validation::new();
    if !terms.total.is_positive() {
        v.push(Field::Total, Problem::ZeroAmount);
    }
    let down = terms.down_payment.filter(|d| !d.is_zero());
    if let Some(d) = down {
        if d.is_negative() {
            v.push(Field::PlanDownPayment, Problem::NegativeAmount);
        } else if d >= terms.total && terms.total.is_positive() {
            v.push(Field::PlanDownPayment, Problem::ExceedsDue { remaining: terms.total.to_string() });
        }
    }
    if terms.first < today || (down.is_some() && terms.first == today) {
        v.push(Field::PlanFirstDate, Problem::TooEarly);
    } else if (terms.first - today).num_days() > MAX_DAYS_TO_FIRST {
        v.push(Field::PlanFirstDate, Problem::TooLate);
    }
    if let Frequency::DayOfMonth(day) = terms.frequency {
        if !(1..=31).contains(&day) {
            v.push(Field::PlanDayOfMonth, Problem::OutOfRange { min: 1, max: 31 });
        }
    }
    let rest = (terms.total - down.unwrap_or(Money::ZERO)).cents();
    let amounts = if v.is_empty() { split(rest, terms.split, terms.remainder, &mut v) } else { Vec::new() };
    if !v.is_empty() {
        return Err(v);
    }
    let mut out = Vec::with_capacity(amounts.len() + 1);
    if let Some(d) = down {
        out.push(Installment { number: 0, due: today, amount: d });
    }
    let mut previous: Option<NaiveDate> = out.last().map(|i| i.due);
    for (i, cents) in amounts.into_iter().enumerate() {
        let k = u32::try_from(i).unwrap_or(u32::MAX);
        let Some(raw) = nth_date(terms.first, terms.frequency, k) else {
            return Err(Validation::single(Field::PlanFirstDate, Problem::InvalidDate));
        };
        let mut due = if terms.business_days { next_business_day(raw) } else { raw };
        if let Some(p) = previous {
            if due <= p {
                // Never happens with gaps of 7 days or more, kept as a guarantee.
                due = next_business_day(p + Duration::days(1));
            }
        }
        previous = Some(due);
        out.push(Installment { number: k + 1, due, amount: Money::from_cents(cents) });
    }
    Ok(out)
}

/// Cuts `rest` cents as asked, each part at least one cent.
fn split(rest: i64, how: Split, remainder: Remainder, v: &mut Validation) -> Vec<i64> {
    let max = i64::from(MAX_INSTALLMENTS);
    match how {
        Split::Count(n) => {
            let n = i64::from(n);
            if n < 1 || n > max {
                v.push(Field::PlanInstallments, Problem::TooManyInstallments { max: MAX_INSTALLMENTS });
                return Vec::new();
            }
            if rest < n {
                v.push(Field::PlanInstallments, Problem::TooManyInstallments { max: u32::try_from(rest).unwrap_or(0) });
                return Vec::new();
            }
            let base = rest / n;
            let extra = rest % n;
            let mut parts = vec![base; usize::try_from(n).unwrap_or(0)];
            let idx = match remainder {
                Remainder::First => 0,
                Remainder::Last => parts.len() - 1,
            };
            parts[idx] += extra;
            parts
        }
        Split::Amount(each) => {
            let each = each.cents();
            if each <= 0 {
                v.push(Field::PlanInstallmentAmount, Problem::ZeroAmount);
                return Vec::new();
            }
            let full = rest / each;
            let left = rest % each;
            let count = full + i64::from(left > 0);
            if count > max {
                v.push(Field::PlanInstallmentAmount, Problem::TooManyInstallments { max: MAX_INSTALLMENTS });
                return Vec::new();
            }
            let mut parts = vec![each; usize::try_from(full).unwrap_or(0)];
            if left > 0 {
                match remainder {
                    Remainder::First => parts.insert(0, left),
                    Remainder::Last => parts.push(left),
                }
            }
            parts
        }
    }
}

/// The date of the installment `k` (from 0) before any business-day move.
fn nth_date(first: NaiveDate, frequency: Frequency, k: u32) -> Option<NaiveDate> {
    match frequency {
        Frequency::Weekly => first.checked_add_signed(Duration::weeks(i64::from(k))),
        Frequency::Fortnightly => first.checked_add_signed(Duration::weeks(2 * i64::from(k))),
        // chrono's month addition clamps to the month's last day, from the
        // first date each time (31 Jan + 1 = 28 Feb, + 2 = 31 Mar).
        Frequency::Monthly => first.checked_add_months(Months::new(k)),
        Frequency::DayOfMonth(day) => {
            if k == 0 {
                return Some(first);
            }
            let month_start = first.with_day(1)?.checked_add_months(Months::new(k))?;
            let last = last_day_of_month(month_start)?;
            month_start.with_day(day.min(last))
        }
    }
}

fn last_day_of_month(month_start: NaiveDate) -> Option<u32> {
    Some(month_start.checked_add_months(Months::new(1))?.pred_opt()?.day())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn terms(total: &str, split: Split, first: &str, frequency: Frequency) -> Terms {
        Terms {
            total: Money::parse(Field::Total, total).unwrap(),
            split,
            first: d(first),
            frequency,
            down_payment: None,
            remainder: Remainder::First,
            business_days: false,
        }
    }

    fn show(s: &[Installment]) -> Vec<String> {
        s.iter().map(|i| format!("{} {} {}", i.number, i.due, i.amount)).collect()
    }

    #[test]
    fn splits_the_cents_with_the_remainder_first_or_last() {
        let t = terms("100.00", Split::Count(3), "2026-01-10", Frequency::Monthly);
        let s = schedule(&t, d("2026-01-05")).unwrap();
        assert_eq!(show(&s), ["1 2026-01-10 33.34", "2 2026-02-10 33.33", "3 2026-03-10 33.33"]);
        let s = schedule(&Terms { remainder: Remainder::Last, ..t }, d("2026-01-05")).unwrap();
        assert_eq!(show(&s), ["1 2026-01-10 33.33", "2 2026-02-10 33.33", "3 2026-03-10 33.34"]);
    }

    #[test]
    fn monthly_keeps_the_day_clamped_to_the_month_end() {
        let t = terms("400.00", Split::Count(4), "2026-01-31", Frequency::Monthly);
        let s = schedule(&t, d("2026-01-05")).unwrap();
        let dates: Vec<String> = s.iter().map(|i| i.due.to_string()).collect();
        assert_eq!(dates, ["2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30"]);
        let t = terms("200.00", Split::Count(2), "2028-01-31", Frequency::Monthly);
        assert_eq!(schedule(&t, d("2028-01-05")).unwrap()[1].due, d("2028-02-29"));
    }

    #[test]
    fn weekly_fortnightly_and_a_day_of_the_month() {
        let t = terms("30.00", Split::Count(3), "2026-03-02", Frequency::Weekly);
        let dates: Vec<String> = schedule(&t, d("2026-03-01")).unwrap().iter().map(|i| i.due.to_string()).collect();
        assert_eq!(dates, ["2026-03-02", "2026-03-09", "2026-03-16"]);
        let t = terms("30.00", Split::Count(3), "2026-03-02", Frequency::Fortnightly);
        let dates: Vec<String> = schedule(&t, d("2026-03-01")).unwrap().iter().map(|i| i.due.to_string()).collect();
        assert_eq!(dates, ["2026-03-02", "2026-03-16", "2026-03-30"]);
        let t = terms("30.00", Split::Count(3), "2026-01-20", Frequency::DayOfMonth(30));
        let dates: Vec<String> = schedule(&t, d("2026-01-10")).unwrap().iter().map(|i| i.due.to_string()).collect();
        assert_eq!(dates, ["2026-01-20", "2026-02-28", "2026-03-30"]);
    }

    #[test]
    fn amount_per_installment_puts_what_is_left_on_the_chosen_end() {
        let t = terms("250.00", Split::Amount(Money::from_cents(10000)), "2026-03-02", Frequency::Monthly);
        let s = schedule(&t, d("2026-03-01")).unwrap();
        assert_eq!(show(&s), ["1 2026-03-02 50.00", "2 2026-04-02 100.00", "3 2026-05-02 100.00"]);
        let s = schedule(&Terms { remainder: Remainder::Last, ..t }, d("2026-03-01")).unwrap();
        assert_eq!(show(&s), ["1 2026-03-02 100.00", "2 2026-04-02 100.00", "3 2026-05-02 50.00"]);
    }

    #[test]
    fn down_payment_is_installment_zero_on_the_day_of_agreement() {
        let t = Terms {
            down_payment: Some(Money::from_cents(10000)),
            ..terms("400.00", Split::Count(3), "2026-03-10", Frequency::Monthly)
        };
        let s = schedule(&t, d("2026-03-02")).unwrap();
        assert_eq!(
            show(&s),
            ["0 2026-03-02 100.00", "1 2026-03-10 100.00", "2 2026-04-10 100.00", "3 2026-05-10 100.00"]
        );
    }

    #[test]
    fn business_days_move_weekends_and_holidays() {
        // 2026-05-01 is a Friday holiday; 2026-06-01 a Monday; 2026-08-01 a Saturday.
        let t = Terms { business_days: true, ..terms("400.00", Split::Count(4), "2026-05-01", Frequency::Monthly) };
        let dates: Vec<String> = schedule(&t, d("2026-04-20")).unwrap().iter().map(|i| i.due.to_string()).collect();
        assert_eq!(dates, ["2026-05-04", "2026-06-01", "2026-07-01", "2026-08-03"]);
    }

    #[test]
    fn refuses_bad_terms_naming_the_field() {
        let today = d("2026-03-01");
        let fields = |t: &Terms| -> Vec<(Field, Problem)> {
            schedule(t, today).unwrap_err().issues.into_iter().map(|i| (i.field, i.problem)).collect()
        };
        let t = terms("100.00", Split::Count(0), "2026-03-02", Frequency::Monthly);
        assert_eq!(fields(&t), [(Field::PlanInstallments, Problem::TooManyInstallments { max: 60 })]);
        let t = terms("100.00", Split::Count(61), "2026-03-02", Frequency::Monthly);
        assert_eq!(fields(&t)[0].0, Field::PlanInstallments);
        let t = terms("0.02", Split::Count(3), "2026-03-02", Frequency::Monthly);
        assert_eq!(fields(&t), [(Field::PlanInstallments, Problem::TooManyInstallments { max: 2 })]);
        let t = terms("100.00", Split::Amount(Money::from_cents(1)), "2026-03-02", Frequency::Monthly);
        assert_eq!(fields(&t)[0].0, Field::PlanInstallmentAmount);
        let t = terms("100.00", Split::Count(2), "2026-02-28", Frequency::Monthly);
        assert_eq!(fields(&t), [(Field::PlanFirstDate, Problem::TooEarly)]);
        let t = terms("100.00", Split::Count(2), "2027-03-03", Frequency::Monthly);
        assert_eq!(fields(&t), [(Field::PlanFirstDate, Problem::TooLate)]);
        let t = terms("100.00", Split::Count(2), "2026-03-02", Frequency::DayOfMonth(32));
        assert_eq!(fields(&t), [(Field::PlanDayOfMonth, Problem::OutOfRange { min: 1, max: 31 })]);
        let t = Terms {
            down_payment: Some(Money::from_cents(10000)),
            ..terms("100.00", Split::Count(2), "2026-03-02", Frequency::Monthly)
        };
        assert_eq!(fields(&t)[0].0, Field::PlanDownPayment);
        let t = Terms {
            down_payment: Some(Money::from_cents(1000)),
            ..terms("100.00", Split::Count(2), "2026-03-01", Frequency::Monthly)
        };
        assert_eq!(fields(&t), [(Field::PlanFirstDate, Problem::TooEarly)]);
    }

    fn frequency() -> impl Strategy<Value = Frequency> {
        prop_oneof![
            Just(Frequency::Weekly),
            Just(Frequency::Fortnightly),
            Just(Frequency::Monthly),
            (1u32..=31).prop_map(Frequency::DayOfMonth),
        ]
    }

    proptest! {
        #[test]
        fn installments_add_up_are_positive_and_strictly_increasing(
            total in 1i64..10_000_000_000,
            by_count in any::<bool>(),
            count in 1u32..=60,
            each in 1i64..5_000_000_000,
            down in 0i64..1_000_000,
            first_offset in 0i64..366,
            frequency in frequency(),
            last in any::<bool>(),
            business_days in any::<bool>(),
            start in 0i64..(365 * 20),
        ) {
            let today = d("2020-01-01") + Duration::days(start);
            let down = if down > 0 && down < total { Some(Money::from_cents(down)) } else { None };
            let first_offset = if down.is_some() { first_offset.max(1) } else { first_offset };
            let t = Terms {
                total: Money::from_cents(total),
                split: if by_count { Split::Count(count) } else { Split::Amount(Money::from_cents(each)) },
                first: today + Duration::days(first_offset),
                frequency,
                down_payment: down,
                remainder: if last { Remainder::Last } else { Remainder::First },
                business_days,
            };
            match schedule(&t, today) {
                Ok(s) => {
                    let sum: Money = s.iter().map(|i| i.amount).sum();
                    prop_assert_eq!(sum, t.total);
                    prop_assert!(s.iter().all(|i| i.amount.is_positive()));
                    prop_assert!(s.windows(2).all(|w| w[0].due < w[1].due));
                    prop_assert!(s.iter().all(|i| i.due >= today));
                    let regular = s.iter().filter(|i| i.number > 0).count();
                    prop_assert!(regular >= 1 && regular <= MAX_INSTALLMENTS as usize);
                    if business_days {
                        prop_assert!(s.iter().filter(|i| i.number > 0).all(|i| super::super::holidays::is_business_day(i.due)));
                    }
                    if let Split::Count(n) = t.split { prop_assert_eq!(regular, n as usize); }
                }
                Err(v) => prop_assert!(!v.is_empty()),
            }
        }
    }
}
