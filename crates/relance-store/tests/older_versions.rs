//! Databases written by every released schema version open in this build
//! with their content intact. Each fixture is a real file made by the
//! version it is named after (`relance demo --customers 5 --invoices 30
//! --seed 1 --as-of 2026-11-23`, then `VACUUM INTO`). Add one per release.
//! The v2 file also has reminder history made by version 2's CLI at
//! 2026-11-23: `action done --customer 4 --channel letter`, `promise add
//! --customer 2 --amount 100 --date 2026-12-10`, `dispute add --invoice
//! FA-2026-00014 --reason "Livraison incomplète"`.
//! The v3 file has, made by version 3's CLI at 2026-11-23: `action done
//! --customer 3 --channel letter`, `promise add --customer 2 --amount 100
//! --date 2026-12-10`, `dispute add --invoice FA-2026-00003`, `rate add --kind
//! ecb --half-year 2026-07-01 --rate 2.15` (a test value, not an official
//! one), and, as version 3's settings screen writes them (version 3's CLI has
//! no policy command), a policy "Rapide" (J+3 e-mail, J+20 formal notice)
//! chosen for the segment at_risk, customer 1 in that segment, customer 4
//! on "Rapide" in the segment late with a contractual rate of 15.5 %.
//! The v4 file has, made by version 4's CLI: `plan create --customer 4
//! --invoices FA-2026-00003,FA-2026-00006 --installments 3 --first 2026-12-01
//! --as-of 2026-11-23` (plan 1, running), `plan create --customer 1 --invoices
//! FA-2025-00006 --installments 2 --first 2026-11-30 --as-of 2026-11-23` and
//! `plan default 2 --as-of 2026-12-16` (plan 2, defaulted, the reminders
//! resumed at the formal notice).

use std::path::PathBuf;

use relance_store::Store;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

fn count(store: &Store, table: &str) -> i64 {
    store.conn().query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0)).unwrap()
}

#[test]
fn a_schema_v1_file_opens_migrates_and_keeps_its_books() {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("relance.sqlite3");
    std::fs::copy(fixture("schema-v1.sqlite3"), &copy).unwrap();

    let store = Store::open(&copy).unwrap();
    let version: i64 = store.conn().query_row("SELECT MAX(version) FROM schema_migrations", [], |r| r.get(0)).unwrap();
    assert_eq!(version, relance_store::SCHEMA_VERSION);
    assert_eq!(version, 9, "the v1 file reaches 0009_company_logo");
    assert_eq!(count(&store, "letters_sent"), 0, "no sent letter is invented");
    let counts: Vec<i64> =
        ["customers", "invoices", "payments", "allocations", "activity"].iter().map(|t| count(&store, t)).collect();
    assert_eq!(counts, [5, 30, 22, 22, 59]);
    assert!(store.check_invariants().unwrap().is_empty());
    // The collections tables exist and start empty: no reminder history is invented.
    let collections: Vec<i64> =
        ["dunning_events", "promises", "promise_invoices", "rate_entries"].iter().map(|t| count(&store, t)).collect();
    assert_eq!(collections, [0, 0, 0, 0]);
    policies_start_as_the_standard_default(&store);
    plans_start_empty_with_the_default_settings(&store);
}

/// After 0004 and 0005 no plan exists, nothing is recorded about an
/// installment, and the follow-up settings are the defaults
/// (15 grace days, notice 3 days before, reminder 3 days after).
fn plans_start_empty_with_the_default_settings(store: &Store) {
    let plans: Vec<i64> =
        ["plans", "plan_invoices", "plan_installments", "plan_reminders"].iter().map(|t| count(store, t)).collect();
    assert_eq!(plans, [0, 0, 0, 0]);
    let s = relance_store::plans::settings(store.conn()).unwrap();
    assert_eq!((s.grace_days, s.notice_days, s.reminder_days), (15, 3, 3));
}

/// After 0003 every file has the standard policy as its default, and no
/// customer has a segment, an own policy or a contractual rate.
fn policies_start_as_the_standard_default(store: &Store) {
    let policies = relance_store::policies::all(store.conn()).unwrap();
    assert_eq!(policies.len(), 1);
    assert_eq!(policies[0].name, "Standard");
    assert!(policies[0].standard);
    assert_eq!(policies[0].levels, relance_domain::dunning::Policy::standard().levels());
    let assignments = relance_store::policies::assignments(store.conn()).unwrap();
    assert_eq!(assignments, [(relance_store::policies::Scope::Default, policies[0].id)]);
    let chosen: i64 = store
        .conn()
        .query_row(
            "SELECT COUNT(*) FROM customers WHERE segment IS NOT NULL OR policy_id IS NOT NULL
                 OR contractual_rate IS NOT NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(chosen, 0);
}

#[test]
fn a_schema_v2_file_opens_migrates_and_keeps_its_books_and_reminders() {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("relance.sqlite3");
    std::fs::copy(fixture("schema-v2.sqlite3"), &copy).unwrap();

    let store = Store::open(&copy).unwrap();
    let version: i64 = store.conn().query_row("SELECT MAX(version) FROM schema_migrations", [], |r| r.get(0)).unwrap();
    assert_eq!(version, 9, "the v2 file reaches 0009_company_logo");
    let counts: Vec<i64> =
        ["customers", "invoices", "payments", "allocations", "activity"].iter().map(|t| count(&store, t)).collect();
    assert_eq!(counts, [5, 30, 22, 22, 63]);
    assert!(store.check_invariants().unwrap().is_empty());
    // The reminder history, the promise and the dispute made by version 2 are kept.
    let collections: Vec<i64> =
        ["dunning_events", "promises", "promise_invoices"].iter().map(|t| count(&store, t)).collect();
    assert_eq!(collections, [3, 1, 4]);
    let levels: Vec<String> = {
        let mut stmt = store.conn().prepare("SELECT level_key FROM dunning_events WHERE kind = 'done'").unwrap();
        stmt.query_map([], |r| r.get(0)).unwrap().collect::<Result<_, _>>().unwrap()
    };
    assert_eq!(levels, ["formal_notice", "formal_notice"]);
    policies_start_as_the_standard_default(&store);
    plans_start_empty_with_the_default_settings(&store);
}

#[test]
fn a_schema_v3_file_opens_migrates_and_keeps_its_policies_and_profiles() {
    use relance_domain::dunning::Segment;
    use relance_domain::ids::CustomerId;
    use relance_store::policies::{self, Scope};

    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("relance.sqlite3");
    std::fs::copy(fixture("schema-v3.sqlite3"), &copy).unwrap();

    let store = Store::open(&copy).unwrap();
    let version: i64 = store.conn().query_row("SELECT MAX(version) FROM schema_migrations", [], |r| r.get(0)).unwrap();
    assert_eq!(version, 9, "the v3 file reaches 0009_company_logo");
    let counts: Vec<i64> =
        ["customers", "invoices", "payments", "allocations", "activity", "dunning_events", "promises"]
            .iter()
            .map(|t| count(&store, t))
            .collect();
    assert_eq!(counts, [5, 30, 22, 22, 64, 3, 1]);
    assert!(store.check_invariants().unwrap().is_empty());
    assert_eq!(count(&store, "rate_entries"), 1);

    let all = policies::all(store.conn()).unwrap();
    let names: Vec<&str> = all.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Rapide", "Standard"]);
    let rapide = &all[0];
    let offsets: Vec<i32> = rapide.levels.iter().map(|l| l.offset_days).collect();
    assert_eq!(offsets, [3, 20]);
    let mut assignments = policies::assignments(store.conn()).unwrap();
    assignments.sort_by_key(|(scope, _)| scope.code());
    assert_eq!(assignments, [(Scope::Segment(Segment::AtRisk), rapide.id), (Scope::Default, all[1].id)]);

    let first = policies::customer_profile(store.conn(), CustomerId(1)).unwrap().unwrap();
    assert_eq!((first.segment, first.policy, first.contractual_rate), (Some(Segment::AtRisk), None, None));
    let fourth = policies::customer_profile(store.conn(), CustomerId(4)).unwrap().unwrap();
    assert_eq!(
        (fourth.segment, fourth.policy, fourth.contractual_rate.as_deref()),
        (Some(Segment::Late), Some(rapide.id), Some("15.5"))
    );
    plans_start_empty_with_the_default_settings(&store);
}

#[test]
fn a_schema_v4_file_opens_migrates_and_keeps_its_plans() {
    use relance_domain::dunning::Channel;
    use relance_domain::plan::follow::{Handled, HandledOutcome, InstallmentActionKind};
    use relance_domain::plan::{PlanId, PlanRecord};

    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("relance.sqlite3");
    std::fs::copy(fixture("schema-v4.sqlite3"), &copy).unwrap();

    let mut store = Store::open(&copy).unwrap();
    let version: i64 = store.conn().query_row("SELECT MAX(version) FROM schema_migrations", [], |r| r.get(0)).unwrap();
    assert_eq!(version, 9, "the v4 file reaches 0009_company_logo");
    let counts: Vec<i64> = ["customers", "invoices", "payments", "allocations", "activity", "dunning_events"]
        .iter()
        .map(|t| count(&store, t))
        .collect();
    assert_eq!(counts, [5, 30, 22, 22, 62, 1]);
    assert!(store.check_invariants().unwrap().is_empty());
    let plans: Vec<i64> =
        ["plans", "plan_invoices", "plan_installments", "plan_reminders"].iter().map(|t| count(&store, t)).collect();
    assert_eq!(plans, [2, 3, 5, 0], "the plans kept, nothing invented about their installments");

    let running = relance_store::plans::get(store.conn(), PlanId(1)).unwrap().unwrap();
    assert_eq!(running.record, PlanRecord::Running);
    let dates: Vec<String> = running.data.installments.iter().map(|i| i.due.to_string()).collect();
    assert_eq!(dates, ["2026-12-01", "2027-01-01", "2027-02-01"]);
    let defaulted = relance_store::plans::get(store.conn(), PlanId(2)).unwrap().unwrap();
    assert!(matches!(defaulted.record, PlanRecord::Defaulted { .. }), "{:?}", defaulted.record);

    // The migrated file takes what is done about an installment's notice.
    let done = relance_store::plans::ReminderRecord {
        handled: Handled {
            number: 1,
            kind: InstallmentActionKind::Notice,
            outcome: HandledOutcome::Done { on: "2026-11-28".parse().unwrap() },
        },
        channel: Some(Channel::Letter),
        reason: None,
    };
    let at = "2026-11-28T09:00:00Z".parse().unwrap();
    store
        .write(|tx| relance_store::plans::record_reminder(tx, PlanId(1), &done, "2026-11-28".parse().unwrap(), at))
        .unwrap();
    assert_eq!(relance_store::plans::reminders(store.conn(), PlanId(1)).unwrap(), [done]);
}
