//! Worked examples computed by hand (the arithmetic is in the comments), then properties.
//!
//! Rates used, from the shipped tables (assets/rates):
//!   ECB reference: 2024-S1 4.50, 2024-S2 4.25, 2025-S1 3.15, 2025-S2 2.15, 2026-S1 2.15, 2026-S2 unknown.
//!   Legal rate, all other cases: 2024-S1 5.07, 2025-S2 2.76, 2026-S1 2.62, 2026-S2 unknown.
//! Interest = principal x rate % x days / 365, summed exactly, rounded half away from zero once.

use chrono::{Days, NaiveDate};
use proptest::prelude::*;

use super::*;
use crate::rates::{shipped, EcbRateChange, EcbRates, LegalRates};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn m(s: &str) -> Money {
    Money::from_decimal(s.parse().unwrap()).unwrap()
}

fn p(s: &str) -> Percent {
    Percent::parse(s).unwrap()
}

fn hy(year: i32, half: u8) -> HalfYear {
    HalfYear::new(year, half).unwrap()
}

const DEFAULT_RATE: Debtor = Debtor::Business { contractual_rate: None };

fn contractual(rate: &str) -> Debtor {
    Debtor::Business { contractual_rate: Some(p(rate)) }
}

fn consumer(notice: Option<&str>) -> Debtor {
    Debtor::Consumer { interest_from: notice.map(d) }
}

/// One worked example: the invoice, and the figures worked out by hand.
struct Example {
    name: &'static str,
    total: &'static str,
    due: &'static str,
    /// (date, amount) of payments and credits.
    settlements: &'static [(&'static str, &'static str)],
    as_of: &'static str,
    debtor: Debtor,
    want: Result<Want, PenaltyError>,
}

struct Want {
    days_late: i64,
    /// (from, to, days, principal, annual rate %).
    periods: &'static [(&'static str, &'static str, i64, &'static str, &'static str)],
    interest: &'static str,
    indemnity: &'static str,
    total: &'static str,
}

fn settlements(list: &[(&str, &str)]) -> Vec<Settlement> {
    list.iter().map(|&(date, amount)| Settlement { date: d(date), amount: m(amount) }).collect()
}

fn compute(e: &Example) -> Result<Penalties, PenaltyError> {
    let settlements = settlements(e.settlements);
    let input = PenaltyInput {
        total: m(e.total),
        due_date: d(e.due),
        settlements: &settlements,
        as_of: d(e.as_of),
        debtor: e.debtor,
    };
    late_payment_penalties(&input, &shipped::tables())
}

fn check(e: &Example) {
    match (&e.want, compute(e)) {
        (Ok(want), Ok(got)) => {
            assert_eq!(got.days_late, want.days_late, "{}: days late", e.name);
            let periods: Vec<_> =
                got.periods.iter().map(|p| (p.from, p.to, p.days, p.principal, p.annual_rate)).collect();
            let want_periods: Vec<_> =
                want.periods.iter().map(|&(f, t, n, pr, r)| (d(f), d(t), n, m(pr), p(r))).collect();
            assert_eq!(periods, want_periods, "{}: periods", e.name);
            assert_eq!(got.interest, m(want.interest), "{}: interest", e.name);
            assert_eq!(got.indemnity, m(want.indemnity), "{}: indemnity", e.name);
            assert_eq!(got.total_claimed, m(want.total), "{}: total", e.name);
        }
        (Err(want), Err(got)) => assert_eq!(&got, want, "{}", e.name),
        (want, got) => panic!("{}: expected {:?}, got {got:?}", e.name, want.as_ref().err()),
    }
}

fn examples() -> Vec<Example> {
    vec![
        // 1. One half-year, default rate. 2025-S1: ECB 3.15 + 10 = 13.15 %.
        //    Late days 2025-02-01 .. 2025-03-02 = 28 + 2 = 30.
        //    1 000.00 x 13.15 % x 30 / 365 = 3 945 / 365 = 10.808219... -> 10.81; + 40 = 50.81.
        Example {
            name: "one half-year, default rate",
            total: "1000.00",
            due: "2025-01-31",
            settlements: &[],
            as_of: "2025-03-02",
            debtor: DEFAULT_RATE,
            want: Ok(Want {
                days_late: 30,
                periods: &[("2025-02-01", "2025-03-02", 30, "1000.00", "13.15")],
                interest: "10.81",
                indemnity: "40.00",
                total: "50.81",
            }),
        },
        // 2. Across 1 July with a rate change. 2024-S1: ECB on 1 January 4.50 -> 14.50 %; 2024-S2:
        //    ECB on 1 July 4.25 (cut effective 12 June) -> 14.25 %. The S1 default of 14.50 % applies
        //    although the floor was 15.21 %: the floor binds contractual rates only.
        //    2024-06-01 .. 06-30 = 30 days: 2 400 x 14.50 % x 30 / 365 = 10 440 / 365 = 28.602739...
        //    2024-07-01 .. 08-15 = 46 days: 2 400 x 14.25 % x 46 / 365 = 15 732 / 365 = 43.101369...
        //    Total 26 172 / 365 = 71.704109... -> 71.70; + 40 = 111.70. Days late 30 + 46 = 76.
        Example {
            name: "across 1 July with a rate change",
            total: "2400.00",
            due: "2024-05-31",
            settlements: &[],
            as_of: "2024-08-15",
            debtor: DEFAULT_RATE,
            want: Ok(Want {
                days_late: 76,
                periods: &[
                    ("2024-06-01", "2024-06-30", 30, "2400.00", "14.50"),
                    ("2024-07-01", "2024-08-15", 46, "2400.00", "14.25"),
                ],
                interest: "71.70",
                indemnity: "40.00",
                total: "111.70",
            }),
        },
        // 3. Partial payments during the delay, 2025-S1 at 13.15 % (given out of order). A payment
        //    dated D leaves D counted on the amount before it.
        //    5 000 on 03-01 .. 03-20 = 20 days: 5 000 x 13.15 % x 20 / 365 = 13 150   / 365 = 36.027397...
        //    3 000 on 03-21 .. 04-10 = 21 days: 3 000 x 13.15 % x 21 / 365 =  8 284.5 / 365 = 22.697260...
        //    2 000 on 04-11 .. 04-30 = 20 days: 2 000 x 13.15 % x 20 / 365 =  5 260   / 365 = 14.410958...
        //    Total 26 694.5 / 365 = 73.135616... -> 73.14; + 40 = 113.14. Days late 31 + 30 = 61.
        Example {
            name: "partial payments during the delay",
            total: "5000.00",
            due: "2025-02-28",
            settlements: &[("2025-04-10", "1000.00"), ("2025-03-20", "2000.00")],
            as_of: "2025-04-30",
            debtor: DEFAULT_RATE,
            want: Ok(Want {
                days_late: 61,
                periods: &[
                    ("2025-03-01", "2025-03-20", 20, "5000.00", "13.15"),
                    ("2025-03-21", "2025-04-10", 21, "3000.00", "13.15"),
                    ("2025-04-11", "2025-04-30", 20, "2000.00", "13.15"),
                ],
                interest: "73.14",
                indemnity: "40.00",
                total: "113.14",
            }),
        },
        // 4. A payment before the due date lowers the principal from the first late day.
        //    600 x 13.15 % x 30 / 365 = 2 367 / 365 = 6.484931... -> 6.48; + 40 = 46.48.
        Example {
            name: "part paid before the due date",
            total: "1000.00",
            due: "2025-01-31",
            settlements: &[("2025-01-15", "400.00")],
            as_of: "2025-03-02",
            debtor: DEFAULT_RATE,
            want: Ok(Want {
                days_late: 30,
                periods: &[("2025-02-01", "2025-03-02", 30, "600.00", "13.15")],
                interest: "6.48",
                indemnity: "40.00",
                total: "46.48",
            }),
        },
        // 5. Paid in full, late: the delay stops on the payment date. 2025-S2: 2.15 + 10 = 12.15 %.
        //    2025-11-01 .. 11-20 = 20 days: 1 200 x 12.15 % x 20 / 365 = 2 916 / 365 = 7.989041... -> 7.99.
        Example {
            name: "paid in full 20 days late",
            total: "1200.00",
            due: "2025-10-31",
            settlements: &[("2025-11-20", "1200.00")],
            as_of: "2026-01-15",
            debtor: DEFAULT_RATE,
            want: Ok(Want {
                days_late: 20,
                periods: &[("2025-11-01", "2025-11-20", 20, "1200.00", "12.15")],
                interest: "7.99",
                indemnity: "40.00",
                total: "47.99",
            }),
        },
        // 6. Paid on the due date: not late, no interest, no indemnity.
        Example {
            name: "paid on the due date",
            total: "1200.00",
            due: "2025-10-31",
            settlements: &[("2025-10-31", "1200.00")],
            as_of: "2026-01-15",
            debtor: DEFAULT_RATE,
            want: Ok(Want { days_late: 0, periods: &[], interest: "0.00", indemnity: "0.00", total: "0.00" }),
        },
        // 7. Consumer, interest from the formal notice of 2025-10-01 at the legal rate "all other
        //    cases" (the creditor is a business): 2025-S2 2.76 %, 2026-S1 2.62 %. No indemnity.
        //    2025-10-02 .. 12-31 = 30 + 30 + 31 = 91 days: 800 x 2.76 % x 91 / 365 = 2 009.28 / 365 = 5.504876...
        //    2026-01-01 .. 01-31 = 31 days:               800 x 2.62 % x 31 / 365 =   649.76 / 365 = 1.780164...
        //    Total 2 659.04 / 365 = 7.285041... -> 7.29 (rounded one by one, 5.50 + 1.78 would give
        //    7.28). Days late, from the due date: 15 + 31 + 30 + 31 + 31 = 138.
        Example {
            name: "consumer from the formal notice",
            total: "800.00",
            due: "2025-09-15",
            settlements: &[],
            as_of: "2026-01-31",
            debtor: consumer(Some("2025-10-01")),
            want: Ok(Want {
                days_late: 138,
                periods: &[
                    ("2025-10-02", "2025-12-31", 91, "800.00", "2.76"),
                    ("2026-01-01", "2026-01-31", 31, "800.00", "2.62"),
                ],
                interest: "7.29",
                indemnity: "0.00",
                total: "7.29",
            }),
        },
        // 8. Consumer without a formal notice: late, but no interest has started, and no indemnity.
        Example {
            name: "consumer, no formal notice yet",
            total: "800.00",
            due: "2025-09-15",
            settlements: &[],
            as_of: "2026-01-31",
            debtor: consumer(None),
            want: Ok(Want { days_late: 138, periods: &[], interest: "0.00", indemnity: "0.00", total: "0.00" }),
        },
        // 9. Contractual rate below the floor, refused: 2024-S1 floor = 3 x 5.07 = 15.21 %. 15.00 % is
        //    above the default 14.50 % and still refused.
        Example {
            name: "contractual rate below the floor",
            total: "1000.00",
            due: "2024-02-29",
            settlements: &[],
            as_of: "2024-03-31",
            debtor: contractual("15.00"),
            want: Err(PenaltyError::ContractualRateBelowFloor {
                half_year: hy(2024, 1),
                contractual: p("15.00"),
                floor: p("15.21"),
                legal_rate: p("5.07"),
            }),
        },
        // 10. Contractual rate valid in one half-year, below the floor in the next: 12.00 % is above
        //    2023-S1's floor (3 x 2.06 = 6.18) but below 2023-S2's (3 x 4.22 = 12.66): refused.
        Example {
            name: "contractual rate overtaken by the floor",
            total: "1000.00",
            due: "2023-05-31",
            settlements: &[],
            as_of: "2023-07-15",
            debtor: contractual("12.00"),
            want: Err(PenaltyError::ContractualRateBelowFloor {
                half_year: hy(2023, 2),
                contractual: p("12.00"),
                floor: p("12.66"),
                legal_rate: p("4.22"),
            }),
        },
        // 11. Contractual rate above the floor, used: 2025-S2 floor = 3 x 2.76 = 8.28 %; 9.00 % is valid
        //    (lower than the default 12.15 % is allowed).
        //    2025-08-01 .. 09-30 = 31 + 30 = 61 days: 3 000 x 9 % x 61 / 365 = 16 470 / 365 = 45.123287...
        //    -> 45.12; + 40 = 85.12.
        Example {
            name: "contractual rate above the floor",
            total: "3000.00",
            due: "2025-07-31",
            settlements: &[],
            as_of: "2025-09-30",
            debtor: contractual("9.00"),
            want: Ok(Want {
                days_late: 61,
                periods: &[("2025-08-01", "2025-09-30", 61, "3000.00", "9.00")],
                interest: "45.12",
                indemnity: "40.00",
                total: "85.12",
            }),
        },
        // 12. Leap year: 29 February 2024 is a late day, and the year still counts 365 days.
        //    2024-02-16 .. 03-15 = 14 + 15 = 29 days at 14.50 %:
        //    1 000 x 14.50 % x 29 / 365 = 4 205 / 365 = 11.520547... -> 11.52 (over 366: 11.49).
        Example {
            name: "leap year, divided by 365",
            total: "1000.00",
            due: "2024-02-15",
            settlements: &[],
            as_of: "2024-03-15",
            debtor: DEFAULT_RATE,
            want: Ok(Want {
                days_late: 29,
                periods: &[("2024-02-16", "2024-03-15", 29, "1000.00", "14.50")],
                interest: "11.52",
                indemnity: "40.00",
                total: "51.52",
            }),
        },
        // 13. The last known half-year: 2026-04-01 .. 06-30 = 30 + 31 + 30 = 91 days at 12.15 %:
        //    1 000 x 12.15 % x 91 / 365 = 11 056.5 / 365 = 30.291780... -> 30.29.
        Example {
            name: "last known half-year",
            total: "1000.00",
            due: "2026-03-31",
            settlements: &[],
            as_of: "2026-06-30",
            debtor: DEFAULT_RATE,
            want: Ok(Want {
                days_late: 91,
                periods: &[("2026-04-01", "2026-06-30", 91, "1000.00", "12.15")],
                interest: "30.29",
                indemnity: "40.00",
                total: "70.29",
            }),
        },
        // 14.-16. One day into 2026-S2: no known rate, an error naming what the user must enter.
        Example {
            name: "2026-S2, default rate",
            total: "1000.00",
            due: "2026-06-15",
            settlements: &[],
            as_of: "2026-07-01",
            debtor: DEFAULT_RATE,
            want: Err(PenaltyError::UnknownRate(UnknownRate::Ecb { on: d("2026-07-01") })),
        },
        Example {
            name: "2026-S2, contractual rate (its floor is unknown)",
            total: "1000.00",
            due: "2026-06-15",
            settlements: &[],
            as_of: "2026-07-01",
            debtor: contractual("15.00"),
            want: Err(PenaltyError::UnknownRate(UnknownRate::Legal {
                half_year: hy(2026, 2),
                creditor: CreditorKind::OtherCases,
            })),
        },
        Example {
            name: "2026-S2, consumer",
            total: "1000.00",
            due: "2026-06-15",
            settlements: &[],
            as_of: "2026-07-01",
            debtor: consumer(Some("2026-06-20")),
            want: Err(PenaltyError::UnknownRate(UnknownRate::Legal {
                half_year: hy(2026, 2),
                creditor: CreditorKind::OtherCases,
            })),
        },
        // 17. Paid off before 2026-S2 begins: that half-year's rate is not needed.
        Example {
            name: "paid before 2026-S2",
            total: "1000.00",
            due: "2026-06-15",
            settlements: &[("2026-06-30", "1000.00")],
            as_of: "2026-09-30",
            debtor: DEFAULT_RATE,
            //    2026-06-16 .. 06-30 = 15 days: 1 000 x 12.15 % x 15 / 365 = 1 822.5 / 365 = 4.993150... -> 4.99.
            want: Ok(Want {
                days_late: 15,
                periods: &[("2026-06-16", "2026-06-30", 15, "1000.00", "12.15")],
                interest: "4.99",
                indemnity: "40.00",
                total: "44.99",
            }),
        },
    ]
}

#[test]
fn worked_examples() {
    for e in examples() {
        check(&e);
    }
}

#[test]
fn rounding_happens_once_on_the_total() {
    let e = examples().into_iter().find(|e| e.name == "consumer from the formal notice").unwrap();
    let got = compute(&e).unwrap();
    let rounded_one_by_one: Money = got.periods.iter().map(|p| p.interest.rounded()).sum();
    assert_eq!(rounded_one_by_one, m("7.28"));
    assert_eq!(got.interest, m("7.29"));
    assert_eq!(got.interest_exact.amount().round_dp(6).to_string(), "7.285041");
}

#[test]
fn errors_read_well() {
    let refused = examples().into_iter().find(|e| e.name == "contractual rate below the floor").unwrap();
    let message = compute(&refused).unwrap_err().to_string();
    assert_eq!(
        message,
        "the contractual late-payment rate of 15.00 % is refused for 2024-S1: it is below the legal floor of 15.21 % \
         (3 x the legal interest rate of 5.07 %, Code de commerce L441-10 II)"
    );
    let unknown = examples().into_iter().find(|e| e.name == "2026-S2, consumer").unwrap();
    let message = compute(&unknown).unwrap_err().to_string();
    assert!(message.starts_with("unknown rate: the taux de l'intérêt légal for 2026-S2"), "{message}");
}

#[test]
fn rate_basis_is_reported_for_the_letter() {
    let e = examples().into_iter().find(|e| e.name == "across 1 July with a rate change").unwrap();
    let bases: Vec<_> = compute(&e).unwrap().periods.iter().map(|p| p.basis).collect();
    assert_eq!(
        bases,
        vec![
            RateBasis::EcbPlusTenPoints { ecb_reference: p("4.50") },
            RateBasis::EcbPlusTenPoints { ecb_reference: p("4.25") },
        ]
    );
}

#[test]
fn odd_inputs() {
    let tables = shipped::tables();
    let run = |total: &str, settled: &[(&str, &str)], as_of: &str| {
        let s = settlements(settled);
        let input = PenaltyInput {
            total: m(total),
            due_date: d("2025-01-31"),
            settlements: &s,
            as_of: d(as_of),
            debtor: DEFAULT_RATE,
        };
        late_payment_penalties(&input, &tables)
    };
    // Not yet due, and on the due date itself.
    assert_eq!(run("100.00", &[], "2025-01-01").unwrap().days_late, 0);
    assert_eq!(run("100.00", &[], "2025-01-31").unwrap().total_claimed, Money::ZERO);
    // Nothing to pay (a zero or credit invoice).
    assert_eq!(run("0.00", &[], "2025-03-31").unwrap().days_late, 0);
    // Overpaid: nothing owed after the payment; the outstanding never goes negative.
    let r = run("100.00", &[("2025-02-10", "150.00")], "2025-03-31").unwrap();
    assert_eq!((r.days_late, r.outstanding), (10, Money::ZERO));
    // A payment after `as_of` changes nothing yet.
    let r = run("100.00", &[("2025-04-10", "100.00")], "2025-03-31").unwrap();
    assert_eq!((r.days_late, r.outstanding), (59, m("100.00")));
    // A negative settlement is an error, not a silent increase of the debt.
    assert_eq!(
        run("100.00", &[("2025-02-10", "-5.00")], "2025-03-31"),
        Err(PenaltyError::NegativeSettlement { date: d("2025-02-10"), amount: m("-5.00") })
    );
    // A formal notice before the due date starts nothing before the due date.
    let s = [];
    let input = PenaltyInput {
        total: m("800.00"),
        due_date: d("2025-09-15"),
        settlements: &s,
        as_of: d("2025-09-20"),
        debtor: consumer(Some("2025-09-01")),
    };
    let r = late_payment_penalties(&input, &tables).unwrap();
    assert_eq!(r.periods[0].from, d("2025-09-16"));
}

// ---- Properties ----

/// The shipped tables hold every rate from 2015-S1 to 2026-S1.
const FIRST_KNOWN: &str = "2015-01-01";
const LAST_KNOWN: &str = "2026-06-30";

fn day(offset: u64) -> NaiveDate {
    d(FIRST_KNOWN) + Days::new(offset)
}

fn last_known() -> NaiveDate {
    d(LAST_KNOWN)
}

/// An invoice, its settlements and a debtor whose interest stays inside the known tables.
#[derive(Debug, Clone)]
struct Case {
    total: Money,
    due: NaiveDate,
    as_of: NaiveDate,
    settlements: Vec<Settlement>,
    debtor: Debtor,
}

impl Case {
    fn at(&self, due: NaiveDate, as_of: NaiveDate) -> Penalties {
        let input = PenaltyInput {
            total: self.total,
            due_date: due,
            settlements: &self.settlements,
            as_of,
            debtor: self.debtor,
        };
        match late_payment_penalties(&input, &shipped::tables()) {
            Ok(p) => p,
            Err(e) => panic!("{self:?} from {due} to {as_of}: {e}"),
        }
    }
}

fn debtor() -> impl Strategy<Value = (u8, i64)> {
    (0u8..3, -10i64..120)
}

fn case() -> impl Strategy<Value = Case> {
    let last = (last_known() - day(0)).num_days() as u64;
    (1i64..100_000_000, 0u64..last, 0u64..400, prop::collection::vec((-30i64..300, 1i64..100_000_000), 0..5), debtor())
        .prop_map(move |(cents, due_offset, length, raw_settlements, (kind, notice))| {
            let due = day(due_offset);
            let as_of = (due + Days::new(length)).min(day(last));
            let settlements = raw_settlements
                .into_iter()
                .map(|(offset, amount)| Settlement {
                    date: due.checked_add_signed(chrono::TimeDelta::days(offset)).unwrap_or(due),
                    amount: Money::from_cents(amount.min(cents)),
                })
                .collect();
            let debtor = match kind {
                0 => DEFAULT_RATE,
                // Above every floor of the tables (the highest is 15.21 %).
                1 => Debtor::Business { contractual_rate: Some(Percent::parse("15.25").unwrap()) },
                _ => Debtor::Consumer { interest_from: due.checked_add_signed(chrono::TimeDelta::days(notice)) },
            };
            Case { total: Money::from_cents(cents), due, as_of, settlements, debtor }
        })
}

proptest! {
    #[test]
    fn interest_never_decreases_as_time_passes(c in case(), extra in 0u64..200) {
        let later = (c.as_of + Days::new(extra)).min(last_known());
        let (now, then) = (c.at(c.due, c.as_of), c.at(c.due, later));
        prop_assert!(then.interest_exact >= now.interest_exact);
        prop_assert!(then.interest >= now.interest);
        prop_assert!(then.days_late >= now.days_late);
        prop_assert!(then.total_claimed >= now.total_claimed);
    }

    #[test]
    fn the_total_is_the_exact_sum_of_the_periods_rounded_once(c in case()) {
        let r = c.at(c.due, c.as_of);
        prop_assert_eq!(ExactInterest::checked_sum(r.periods.iter().map(|p| p.interest)), Some(r.interest_exact));
        prop_assert_eq!(r.interest, Money::round_half_away(r.interest_exact.amount()));
        prop_assert_eq!(r.total_claimed, r.interest + r.indemnity);
        // The periods' displayed values add up to the exact total far below a cent.
        let shown: rust_decimal::Decimal = r.periods.iter().map(|p| p.interest.amount()).sum();
        prop_assert!((shown - r.interest_exact.amount()).abs() < rust_decimal::Decimal::new(1, 20));
        // Periods follow each other day after day, each inside one half-year, with something owed.
        for w in r.periods.windows(2) {
            prop_assert_eq!(w[0].to.succ_opt(), Some(w[1].from));
        }
        for p in &r.periods {
            prop_assert_eq!(HalfYear::containing(p.from), HalfYear::containing(p.to));
            prop_assert_eq!(p.days, (p.to - p.from).num_days() + 1);
            prop_assert!(p.principal.is_positive());
            prop_assert_eq!(Some(p.interest), ExactInterest::of(p.principal, p.annual_rate, p.days));
        }
        if let (Debtor::Business { .. }, Some(last)) = (c.debtor, r.periods.last()) {
            prop_assert_eq!(r.periods.iter().map(|p| p.days).sum::<i64>(), r.days_late);
            prop_assert_eq!(last.to, c.due + Days::new(r.days_late as u64));
        }
    }

    /// Cutting a business delay at any day gives the same exact interest as not cutting it.
    #[test]
    fn splitting_a_delay_changes_nothing(c in case(), cut in 0u64..400) {
        prop_assume!(matches!(c.debtor, Debtor::Business { .. }));
        let cut = (c.due + Days::new(cut)).min(c.as_of);
        let whole = c.at(c.due, c.as_of).interest_exact;
        let parts = c.at(c.due, cut).interest_exact.checked_add(c.at(cut, c.as_of).interest_exact);
        prop_assert_eq!(parts, Some(whole));
    }

    /// With one rate everywhere, the half-year splits give exactly principal x rate x days / 365.
    #[test]
    fn with_a_constant_rate_the_split_total_is_the_unsplit_formula(
        cents in 1i64..100_000_000,
        due_offset in 0u64..4_000,
        length in 0u64..1_500,
    ) {
        let ecb = EcbRates::new(vec![EcbRateChange { effective: d("2000-01-01"), rate: Percent::ZERO }], d("2100-12-31")).unwrap();
        let tables = RateTables { ecb, legal: LegalRates::new(vec![], vec![]).unwrap() };
        let (due, total) = (day(due_offset), Money::from_cents(cents));
        let input = PenaltyInput { total, due_date: due, settlements: &[], as_of: due + Days::new(length), debtor: DEFAULT_RATE };
        let r = late_payment_penalties(&input, &tables).unwrap();
        prop_assert_eq!(Some(r.interest_exact), ExactInterest::of(total, Percent::parse("10").unwrap(), length as i64));
    }
}
