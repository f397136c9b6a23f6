//! The shipped tables against the derived table of `assets/rates/SOURCES.md`, the lookups the law
//! makes, and the parser's line problems.

use chrono::NaiveDate;

use super::*;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn p(s: &str) -> Percent {
    Percent::parse(s).unwrap()
}

fn hy(year: i32, half: u8) -> HalfYear {
    HalfYear::new(year, half).unwrap()
}

#[test]
fn the_shipped_files_parse_without_error() {
    let ecb = parse_ecb_rate_changes(shipped::ECB).unwrap();
    let legal = parse_legal_rates(shipped::LEGAL).unwrap();
    let yearly = parse_yearly_legal_rates(shipped::YEARLY).unwrap();
    assert_eq!((ecb.len(), legal.len(), yearly.len()), (37, 24, 6));
    assert_eq!(ecb.first(), Some(&EcbRateChange { effective: d("2007-06-13"), rate: p("4.00") }));
    assert_eq!(ecb.last(), Some(&EcbRateChange { effective: d("2025-06-11"), rate: p("2.15") }));
    // The last row is the known gap: a half-year with neither rate.
    assert_eq!(legal.last(), Some(&LegalRate { half_year: hy(2026, 2), other_cases: None, private_person: None }));
    // The shipped confirmation date is not before the last change it confirms.
    assert!(SHIPPED_ECB_CONFIRMED_THROUGH >= d("2025-06-11"));
    let tables = shipped::tables();
    assert_eq!(tables.ecb.confirmed_through(), SHIPPED_ECB_CONFIRMED_THROUGH);
}

/// "Derived, for convenience" in SOURCES.md: half-year start, MRO in force that day, default rate
/// (MRO + 10), floor (3 x legal rate, all other cases; "-" before 2015 in that table).
const DERIVED: &[(&str, &str, &str, Option<&str>)] = &[
    ("2008-01-01", "4.00", "14.00", None),
    ("2008-07-01", "4.00", "14.00", None),
    ("2009-01-01", "2.50", "12.50", None),
    ("2009-07-01", "1.00", "11.00", None),
    ("2010-01-01", "1.00", "11.00", None),
    ("2010-07-01", "1.00", "11.00", None),
    ("2011-01-01", "1.00", "11.00", None),
    ("2011-07-01", "1.25", "11.25", None),
    ("2012-01-01", "1.00", "11.00", None),
    ("2012-07-01", "1.00", "11.00", None),
    ("2013-01-01", "0.75", "10.75", None),
    ("2013-07-01", "0.50", "10.50", None),
    ("2014-01-01", "0.25", "10.25", None),
    ("2014-07-01", "0.15", "10.15", None),
    ("2015-01-01", "0.05", "10.05", Some("2.79")),
    ("2015-07-01", "0.05", "10.05", Some("2.97")),
    ("2016-01-01", "0.05", "10.05", Some("3.03")),
    ("2016-07-01", "0.00", "10.00", Some("2.79")),
    ("2017-01-01", "0.00", "10.00", Some("2.70")),
    ("2017-07-01", "0.00", "10.00", Some("2.70")),
    ("2018-01-01", "0.00", "10.00", Some("2.67")),
    ("2018-07-01", "0.00", "10.00", Some("2.64")),
    ("2019-01-01", "0.00", "10.00", Some("2.58")),
    ("2019-07-01", "0.00", "10.00", Some("2.61")),
    ("2020-01-01", "0.00", "10.00", Some("2.61")),
    ("2020-07-01", "0.00", "10.00", Some("2.52")),
    ("2021-01-01", "0.00", "10.00", Some("2.37")),
    ("2021-07-01", "0.00", "10.00", Some("2.28")),
    ("2022-01-01", "0.00", "10.00", Some("2.28")),
    ("2022-07-01", "0.00", "10.00", Some("2.31")),
    ("2023-01-01", "2.50", "12.50", Some("6.18")),
    ("2023-07-01", "4.00", "14.00", Some("12.66")),
    ("2024-01-01", "4.50", "14.50", Some("15.21")),
    ("2024-07-01", "4.25", "14.25", Some("14.76")),
    ("2025-01-01", "3.15", "13.15", Some("11.13")),
    ("2025-07-01", "2.15", "12.15", Some("8.28")),
    ("2026-01-01", "2.15", "12.15", Some("7.86")),
];

#[test]
fn the_shipped_tables_give_the_derived_table_of_sources_md() {
    let t = shipped::tables();
    for &(start, mro, default, floor) in DERIVED {
        let half = HalfYear::starting_on(d(start)).unwrap();
        let reference = t.reference_ecb_rate(half).unwrap();
        assert_eq!(reference, p(mro), "{half} MRO");
        assert_eq!(reference.plus_points(10), Some(p(default)), "{half} default rate");
        if let Some(floor) = floor {
            let legal = t.legal_rate(half, CreditorKind::OtherCases).unwrap();
            assert_eq!(legal.times(3), Some(p(floor)), "{half} floor");
        }
    }
}

#[test]
fn first_half_of_2024_the_floor_was_above_the_default_rate() {
    let t = shipped::tables();
    let h = hy(2024, 1);
    let legal = t.legal_rate(h, CreditorKind::OtherCases).unwrap();
    assert_eq!(legal, p("5.07"));
    assert_eq!(legal.times(3), Some(p("15.21")));
    assert_eq!(t.reference_ecb_rate(h).unwrap().plus_points(10), Some(p("14.50")));
    assert_eq!(t.legal_rate(h, CreditorKind::PrivatePerson), Ok(p("8.01")));
}

#[test]
fn the_second_half_of_2026_is_unknown_never_guessed() {
    let t = shipped::tables();
    let h = hy(2026, 2);
    assert_eq!(t.reference_ecb_rate(h), Err(UnknownRate::Ecb { on: d("2026-07-01") }));
    for creditor in [CreditorKind::OtherCases, CreditorKind::PrivatePerson] {
        assert_eq!(t.legal_rate(h, creditor), Err(UnknownRate::Legal { half_year: h, creditor }));
    }
    let message = t.reference_ecb_rate(h).unwrap_err().to_string();
    assert!(message.starts_with("unknown rate:") && message.contains("the user must enter it"), "{message}");
    assert!(message.contains("official text: the ECB"), "{message}");
    let message = t.legal_rate(h, CreditorKind::OtherCases).unwrap_err().to_string();
    assert!(message.contains("2026-S2") && message.contains("arrêté fixing the taux de l'intérêt légal"), "{message}");
    // The half-years after the table are just as unknown.
    assert!(t.legal_rate(hy(2027, 1), CreditorKind::OtherCases).is_err());
}

#[test]
fn ecb_rate_in_force_on_a_day() {
    let t = shipped::tables();
    let cases = [
        ("2007-06-13", Ok("4.00")),
        ("2024-06-11", Ok("4.50")),
        ("2024-06-12", Ok("4.25")),
        ("2025-12-31", Ok("2.15")),
        ("2026-02-05", Ok("2.15")),
        // Before the first row, after the confirmed date: unknown.
        ("2007-06-12", Err(())),
        ("2026-02-06", Err(())),
    ];
    for (on, want) in cases {
        let got = t.ecb_rate_in_force(d(on));
        match want {
            Ok(rate) => assert_eq!(got, Ok(p(rate)), "{on}"),
            Err(()) => assert_eq!(got, Err(UnknownRate::Ecb { on: d(on) }), "{on}"),
        }
    }
}

#[test]
fn before_2015_one_yearly_rate_for_every_creditor() {
    let t = shipped::tables();
    for creditor in [CreditorKind::OtherCases, CreditorKind::PrivatePerson] {
        assert_eq!(t.legal_rate(hy(2013, 2), creditor), Ok(p("0.04")));
        assert_eq!(t.legal_rate(hy(2009, 1), creditor), Ok(p("3.79")));
    }
    // 2008 is not in the yearly file.
    assert!(t.legal_rate(hy(2008, 2), CreditorKind::OtherCases).is_err());
}

#[test]
fn a_user_entered_rate_fills_the_gap() {
    // What the settings will do: the same rows plus the official figures the user typed.
    let mut legal = parse_legal_rates(shipped::LEGAL).unwrap();
    legal.retain(|r| r.half_year != hy(2026, 2));
    legal.push(LegalRate { half_year: hy(2026, 2), other_cases: Some(p("3.00")), private_person: None });
    let tables = LegalRates::new(legal, parse_yearly_legal_rates(shipped::YEARLY).unwrap()).unwrap();
    assert_eq!(tables.rate(hy(2026, 2), CreditorKind::OtherCases), Ok(p("3.00")));
    assert!(tables.rate(hy(2026, 2), CreditorKind::PrivatePerson).is_err());

    let mut changes = parse_ecb_rate_changes(shipped::ECB).unwrap();
    changes.push(EcbRateChange { effective: d("2026-06-17"), rate: p("2.40") });
    let ecb = EcbRates::new(changes, d("2026-07-01")).unwrap();
    assert_eq!(ecb.reference_rate(hy(2026, 2)), Ok(p("2.40")));
    assert_eq!(ecb.rate_in_force(d("2026-06-16")), Ok(p("2.15")));
}

#[test]
fn tables_refuse_ambiguous_rows() {
    let change = EcbRateChange { effective: d("2025-06-11"), rate: p("2.15") };
    assert_eq!(EcbRates::new(vec![change, change], d("2026-01-01")), Err(TableError::DuplicateDate(d("2025-06-11"))));
    let row = LegalRate { half_year: hy(2025, 1), other_cases: None, private_person: None };
    assert_eq!(LegalRates::new(vec![row, row], vec![]), Err(TableError::DuplicateHalfYear(hy(2025, 1))));
    let late = YearlyLegalRate { year: 2015, rate: p("1.00") };
    assert_eq!(LegalRates::new(vec![], vec![late]), Err(TableError::YearlyRateAfter2014(2015)));
    // A confirmation date before the last change moves up to it.
    let ecb = EcbRates::new(vec![change], d("2020-01-01")).unwrap();
    assert_eq!(ecb.confirmed_through(), d("2025-06-11"));
}

#[test]
fn parser_tolerates_crlf_bom_and_blank_lines() {
    let text = "\u{feff}effective_date,mro_rate_percent\r\n2024-06-12,4.25\r\n\r\n2024-09-18, 3.65 \r\n";
    let rows = parse_ecb_rate_changes(text).unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1].rate, p("3.65"));
}

#[test]
fn parser_reports_every_bad_line() {
    let problems = |r: Result<Vec<LegalRate>, Vec<LineError>>| -> Vec<(usize, LineProblem)> {
        r.unwrap_err().into_iter().map(|e| (e.line, e.problem)).collect()
    };
    let text = "\
half_year_start,rate_other_cases_percent,rate_creditor_private_person_percent
2024-01-01,5.07,8.01
2024-03-01,1.00,2.00
2024-07-01,4.92
2024-07-01,4.92,abc
2024-13-01,1,1
2025-01-01,-1.00,7.21
2025-07-01,2.765432,6.65
2025-07-01,2.76,6.65
";
    assert_eq!(
        problems(parse_legal_rates(text)),
        vec![
            (3, LineProblem::NotHalfYearStart(d("2024-03-01"))),
            (4, LineProblem::ColumnCount { expected: 3, found: 2 }),
            (5, LineProblem::InvalidRate { text: "abc".into(), problem: PercentProblem::NotANumber }),
            (6, LineProblem::InvalidDate("2024-13-01".into())),
            (7, LineProblem::NegativeRate),
            (8, LineProblem::InvalidRate { text: "2.765432".into(), problem: PercentProblem::TooManyDecimals }),
            (9, LineProblem::NotAfterPrevious),
        ]
    );
    // Swapped columns are caught by the header, not read as the wrong rate.
    let swapped =
        "half_year_start,rate_creditor_private_person_percent,rate_other_cases_percent\n2024-01-01,8.01,5.07\n";
    assert_eq!(problems(parse_legal_rates(swapped)), vec![(1, LineProblem::WrongHeader { expected: LEGAL_HEADER })]);
    assert!(parse_legal_rates("").is_err());
}

#[test]
fn ecb_and_yearly_parsers_check_their_rows() {
    let ecb = "effective_date,mro_rate_percent\n2024-06-12,\n2024-06-12,4.25\n2024-06-01,4.50\n";
    let got: Vec<_> = parse_ecb_rate_changes(ecb).unwrap_err().into_iter().map(|e| (e.line, e.problem)).collect();
    // Order is about the dates: line 3 repeats line 2's date even though line 2 has no rate.
    assert_eq!(
        got,
        vec![(2, LineProblem::MissingRate), (3, LineProblem::NotAfterPrevious), (4, LineProblem::NotAfterPrevious)]
    );

    let yearly = "year,rate_percent\n2013,0.04\n2013,0.04\n2015,1.00\nabc,1\n2012,\n";
    let got: Vec<_> = parse_yearly_legal_rates(yearly).unwrap_err().into_iter().map(|e| (e.line, e.problem)).collect();
    assert_eq!(
        got,
        vec![
            (3, LineProblem::NotAfterPrevious),
            (4, LineProblem::YearTooLate(2015)),
            (5, LineProblem::InvalidYear("abc".into())),
            (6, LineProblem::NotAfterPrevious),
        ]
    );
}

#[test]
fn from_csv_names_the_file_of_each_problem() {
    let err = RateTables::from_csv("bad", shipped::LEGAL, "year,rate_percent\n2014,x\n", SHIPPED_ECB_CONFIRMED_THROUGH)
        .unwrap_err();
    let RateTablesError::Lines(problems) = err else { panic!("expected line problems") };
    let files: Vec<_> = problems.iter().map(|p| (p.file, p.error.line)).collect();
    assert_eq!(files, vec![(RateFile::EcbChanges, 1), (RateFile::YearlyLegalRates, 2)]);
    assert!(problems[1].to_string().starts_with("fr_taux_interet_legal_before_2015.csv: line 2:"));
}
