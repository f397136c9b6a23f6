//! Installment plans on a real SQLite file: agreed, paid early, partly and
//! beyond, completed; broken exactly the day after the grace days, the
//! reminders resumed at the formal notice; renegotiated with both kept;
//! bad input writes nothing.

use chrono::NaiveDate;
use relance_app::plans::{self, InstallmentActionRef, InstallmentHandling, PlanRequest, SplitRequest};
use relance_app::{collections, customers, invoices, payments, AppError, FixedClock, LocalContext};
use relance_domain::customer::CustomerInput;
use relance_domain::dunning::Channel;
use relance_domain::ids::{CustomerId, InvoiceId};
use relance_domain::invoice::InvoiceInput;
use relance_domain::payment::PaymentInput;
use relance_domain::plan::follow::InstallmentActionKind;
use relance_domain::plan::{Frequency, PenaltiesPart, PlanStatus, Remainder};
use relance_domain::validation::{Field, Problem};
use relance_domain::Money;
use relance_store::counts::row_counts;
use relance_store::Store;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn open(dir: &tempfile::TempDir, today: &str) -> LocalContext {
    LocalContext::new(Store::open(&dir.path().join("relance.sqlite3")).unwrap(), Box::new(FixedClock(d(today))))
}

fn customer(ctx: &mut LocalContext, name: &str) -> CustomerId {
    let input =
        CustomerInput { kind: "business".into(), name: name.into(), terms: "net:30".into(), ..Default::default() };
    customers::create(ctx, &input).unwrap().id
}

/// Issued `date`, due 30 days later.
fn invoice(ctx: &mut LocalContext, c: CustomerId, number: &str, date: &str, total: &str) -> InvoiceId {
    let input = InvoiceInput {
        number: number.into(),
        issue_date: date.into(),
        total: Some(total.into()),
        ..Default::default()
    };
    invoices::create(ctx, c, &input).unwrap()
}

fn request(c: CustomerId, invoices: Vec<InvoiceId>, count: u32, first: &str) -> PlanRequest {
    PlanRequest {
        customer: c,
        invoices,
        include_penalties: false,
        split: SplitRequest::Count(count),
        first: d(first),
        frequency: Frequency::Monthly,
        down_payment: String::new(),
        remainder: Remainder::First,
        business_days: false,
    }
}

fn pay(date: &str, amount: &str) -> PaymentInput {
    PaymentInput { date: date.into(), amount: amount.into(), method: "transfer".into(), reference: String::new() }
}

fn statuses(ctx: &LocalContext, plan: relance_domain::plan::PlanId, as_of: &str) -> (Vec<&'static str>, PlanStatus) {
    let v = plans::show(ctx, plan, d(as_of)).unwrap();
    (v.follow.installments.iter().map(|s| s.status.code()).collect(), v.follow.status)
}

fn problems(e: AppError) -> Vec<(Field, Problem)> {
    match e {
        AppError::Invalid(v) => v.issues.into_iter().map(|i| (i.field, i.problem)).collect(),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

fn channels(ctx: &LocalContext, date: &str) -> Vec<(Channel, String)> {
    let view = collections::agenda(ctx, d(date)).unwrap();
    view.agenda.customers.iter().flat_map(|c| c.actions.iter().map(|a| (a.channel, a.lead.key.clone()))).collect()
}

#[test]
fn a_plan_is_paid_early_partly_and_beyond_then_completed() {
    let dir = tempfile::tempdir().unwrap();
    let mut ctx = open(&dir, "2026-01-05");
    let c = customer(&mut ctx, "Garage Martin");
    let other = invoice(&mut ctx, c, "F-0", "2025-09-01", "50,00"); // oldest, not in the plan
    let a = invoice(&mut ctx, c, "F-1", "2025-10-01", "600,00");
    let b = invoice(&mut ctx, c, "F-2", "2025-11-01", "400,00");

    let preview = plans::preview(&ctx, &request(c, vec![b, a], 3, "2026-01-31")).unwrap();
    let shown: Vec<(String, String, String)> = preview
        .installments
        .iter()
        .map(|(i, run)| (i.due.to_string(), i.amount.to_string(), run.to_string()))
        .collect();
    assert_eq!(
        shown,
        [
            ("2026-01-31".into(), "333.34".into(), "333.34".into()),
            ("2026-02-28".into(), "333.33".into(), "666.67".into()),
            ("2026-03-31".into(), "333.33".into(), "1000.00".into())
        ]
    );
    let before = row_counts(ctx.store.conn()).unwrap();
    let plan = plans::create(&mut ctx, &request(c, vec![b, a], 3, "2026-01-31")).unwrap();
    assert_ne!(before, row_counts(ctx.store.conn()).unwrap());
    assert_eq!(statuses(&ctx, plan, "2026-01-05"), (vec!["upcoming", "upcoming", "upcoming"], PlanStatus::Running));

    // Early and partial: 400 before the first date goes to F-1 (the plan's oldest), not F-0.
    let payment = plans::record_payment(&mut ctx, plan, &pay("2026-01-20", "400,00")).unwrap();
    assert!(payment.0 > 0);
    assert_eq!(invoices::get(&ctx, other).unwrap().remaining, Money::from_cents(5000));
    assert_eq!(statuses(&ctx, plan, "2026-01-20"), (vec!["paid", "partly_paid", "upcoming"], PlanStatus::Running));
    // Late on the second installment after its date.
    assert_eq!(statuses(&ctx, plan, "2026-03-01"), (vec!["paid", "late", "upcoming"], PlanStatus::Running));

    // An ordinary payment to the plan's invoice counts too; then beyond the total.
    let mut ctx = open(&dir, "2026-02-10");
    payments::record(&mut ctx, c, &pay("2026-02-10", "266,67"), &payments::Allocation::ToInvoice(b)).unwrap();
    assert_eq!(statuses(&ctx, plan, "2026-02-10").0, ["paid", "paid", "upcoming"]);
    plans::record_payment(&mut ctx, plan, &pay("2026-02-11", "500,00")).unwrap();
    let v = plans::show(&ctx, plan, d("2026-02-11")).unwrap();
    assert_eq!(v.follow.status, PlanStatus::Completed);
    assert_eq!(v.follow.left, Money::ZERO);
    // What did not fit stays as the customer's credit, not on F-0.
    assert_eq!(invoices::get(&ctx, other).unwrap().remaining, Money::from_cents(5000));
    assert!(ctx.store.check_invariants().unwrap().is_empty());
}

#[test]
fn the_plan_breaks_the_day_after_the_grace_days_and_reminders_resume_at_the_formal_notice() {
    let dir = tempfile::tempdir().unwrap();
    let mut ctx = open(&dir, "2026-01-05");
    let c = customer(&mut ctx, "Boulangerie Roux");
    let a = invoice(&mut ctx, c, "F-1", "2025-10-01", "900,00"); // due 2025-10-31, long overdue
                                                                 // Before the plan the collections chase it.
    assert!(!channels(&ctx, "2026-01-05").is_empty());
    let plan = plans::create(&mut ctx, &request(c, vec![a], 3, "2026-02-02")).unwrap();
    // While it runs, its invoice is paused; the plan's notice replaces the reminders.
    assert!(channels(&ctx, "2026-01-05").is_empty());
    let notices = plans::agenda(&ctx, d("2026-01-30")).unwrap();
    assert_eq!(notices.len(), 1);
    assert_eq!((notices[0].action.kind.code(), notices[0].action.number), ("notice", 1));
    // 2026-02-02 with 15 grace days: still fine on 02-17, broken on 02-18.
    let v = plans::show(&ctx, plan, d("2026-02-17")).unwrap();
    assert_eq!(v.follow.status, PlanStatus::Running);
    assert_eq!(v.breaks_on, Some(d("2026-02-18")));
    assert!(channels(&ctx, "2026-02-17").is_empty());
    assert_eq!(plans::agenda(&ctx, d("2026-02-17")).unwrap()[0].action.kind.code(), "reminder");
    let v = plans::show(&ctx, plan, d("2026-02-18")).unwrap();
    assert_eq!(v.follow.status, PlanStatus::Defaulted { on: d("2026-02-18") });
    assert_eq!(v.resume_levels.last().map(|l| (l.0.as_str(), l.2)), Some(("formal_notice", true)));
    assert!(plans::agenda(&ctx, d("2026-02-18")).unwrap().is_empty());

    // Today's watch list: the notice window reaches into next week (Friday 2026-01-30 for Monday 02-02)...
    let due = plans::due_this_week(&ctx, d("2026-01-30")).unwrap();
    assert_eq!(due.iter().map(|i| (i.number, i.late, i.broken_on)).collect::<Vec<_>>(), [(1, false, None)]);
    assert!(plans::due_this_week(&ctx, d("2026-01-28")).unwrap().is_empty());
    // ...a late installment stays on it, and once the plan broke it says so until the default is recorded.
    assert!(plans::due_this_week(&ctx, d("2026-02-17")).unwrap()[0].late);
    let broken = plans::due_this_week(&ctx, d("2026-02-18")).unwrap();
    assert_eq!(broken.iter().map(|i| (i.number, i.broken_on)).collect::<Vec<_>>(), [(1, Some(d("2026-02-18")))]);

    // Too early to record the default on the 17th.
    let mut early = open(&dir, "2026-02-17");
    assert_eq!(
        problems(plans::record_default(&mut early, plan, None).unwrap_err()),
        [(Field::Plan, Problem::StepNotAllowed)]
    );
    let mut ctx = open(&dir, "2026-02-18");
    plans::record_default(&mut ctx, plan, None).unwrap();
    assert_eq!(channels(&ctx, "2026-02-18"), [(Channel::Letter, "formal_notice".to_string())]);
    let v = plans::show(&ctx, plan, d("2026-02-18")).unwrap();
    assert_eq!(v.follow.status, PlanStatus::Defaulted { on: d("2026-02-18") });
    // Recorded once; the plan leaves Today's watch list.
    assert!(plans::record_default(&mut ctx, plan, None).is_err());
    assert!(plans::due_this_week(&ctx, d("2026-02-18")).unwrap().is_empty());
    assert!(ctx.store.check_invariants().unwrap().is_empty());
}

#[test]
fn renegotiating_replaces_the_plan_and_keeps_both() {
    let dir = tempfile::tempdir().unwrap();
    let mut ctx = open(&dir, "2026-01-05");
    let c = customer(&mut ctx, "Atelier Blanc");
    let a = invoice(&mut ctx, c, "F-1", "2025-10-01", "300,00");
    let first = plans::create(&mut ctx, &request(c, vec![a], 3, "2026-02-02")).unwrap();
    // The same invoice cannot be in two running plans.
    assert_eq!(
        problems(plans::create(&mut ctx, &request(c, vec![a], 2, "2026-02-02")).unwrap_err()),
        [(Field::PlanInvoices, Problem::AlreadyUsed)]
    );
    let mut req = request(c, vec![a], 6, "2026-03-02");
    req.split = SplitRequest::Amount("50".into());
    let second = plans::renegotiate(&mut ctx, first, &req).unwrap();
    let all = plans::for_customer(&ctx, c, d("2026-01-05")).unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(all[0].plan.id, second);
    assert_eq!(all[0].follow.status, PlanStatus::Running);
    assert_eq!(all[0].follow.installments.len(), 6);
    assert_eq!(all[1].follow.status, PlanStatus::Replaced { on: d("2026-01-05") });
    // A replaced plan cannot be renegotiated again.
    assert!(plans::renegotiate(&mut ctx, first, &req).is_err());
}

#[test]
fn bad_input_names_its_fields_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut ctx = open(&dir, "2026-01-05");
    let c = customer(&mut ctx, "Café Noir");
    let a = invoice(&mut ctx, c, "F-1", "2025-10-01", "300,00");
    let before = row_counts(ctx.store.conn()).unwrap();
    let mut req = request(c, vec![a], 61, "2026-01-04");
    req.down_payment = "abc".into();
    let got = problems(plans::create(&mut ctx, &req).unwrap_err());
    assert!(got.iter().any(|(f, _)| *f == Field::PlanDownPayment), "{got:?}");
    let req = request(c, vec![a], 61, "2026-01-04");
    let got = problems(plans::create(&mut ctx, &req).unwrap_err());
    assert!(got.contains(&(Field::PlanFirstDate, Problem::TooEarly)), "{got:?}");
    let got = problems(plans::create(&mut ctx, &request(c, vec![], 3, "2026-02-01")).unwrap_err());
    assert_eq!(got, [(Field::PlanInvoices, Problem::Required)]);
    let got = problems(plans::create(&mut ctx, &request(c, vec![InvoiceId(999)], 3, "2026-02-01")).unwrap_err());
    assert_eq!(got, [(Field::PlanInvoices, Problem::NotOpen)]);
    let mut req = request(c, vec![a], 3, "2026-02-01");
    req.down_payment = "300".into();
    assert_eq!(problems(plans::create(&mut ctx, &req).unwrap_err())[0].0, Field::PlanDownPayment);
    assert_eq!(problems(plans::save_settings(&mut ctx, 91, 3, -1).unwrap_err()).len(), 2);
    assert_eq!(before, row_counts(ctx.store.conn()).unwrap());
}

#[test]
fn penalties_included_are_paid_last_and_the_agreement_has_everything() {
    let dir = tempfile::tempdir().unwrap();
    let mut ctx = open(&dir, "2026-01-05");
    let c = customer(&mut ctx, "Menuiserie Petit");
    let a = invoice(&mut ctx, c, "F-1", "2025-10-01", "1000,00"); // due 2025-10-31
    let mut req = request(c, vec![a], 2, "2026-02-02");
    req.include_penalties = true;
    req.down_payment = "100".into();
    let preview = plans::preview(&ctx, &req).unwrap();
    let PenaltiesPart::Included(pen) = preview.penalties else { panic!("penalties included") };
    // 40 EUR indemnity plus interest from 2025-11-01.
    assert!(pen > Money::from_cents(4000), "{pen}");
    assert_eq!(preview.total, Money::from_cents(100_000) + pen);
    assert_eq!(preview.installments[0].0.number, 0);
    let plan = plans::create(&mut ctx, &req).unwrap();
    plans::record_payment(&mut ctx, plan, &pay("2026-01-06", "1000,00")).unwrap();
    let v = plans::show(&ctx, plan, d("2026-01-06")).unwrap();
    assert_eq!(v.follow.left, pen);
    assert_eq!(v.follow.status, PlanStatus::Running);
    plans::record_payment(&mut ctx, plan, &pay("2026-01-07", &pen.to_string())).unwrap();
    assert_eq!(plans::show(&ctx, plan, d("2026-01-07")).unwrap().follow.status, PlanStatus::Completed);

    let doc = plans::agreement(&ctx, plan).unwrap();
    assert_eq!(doc.debtor.name, "Menuiserie Petit");
    assert_eq!(doc.invoices.len(), 1);
    assert_eq!(doc.invoices[0].0, "F-1");
    assert_eq!(doc.total, doc.schedule.iter().map(|i| i.amount).sum::<Money>());
    assert_eq!(doc.penalties, PenaltiesPart::Included(pen));
    assert_eq!(doc.grace_days, 15);
    assert!(doc.remaining_due_on_default);
}

fn plan_actions(ctx: &LocalContext, date: &str) -> Vec<(&'static str, u32)> {
    plans::agenda(ctx, d(date)).unwrap().iter().map(|a| (a.action.kind.code(), a.action.number)).collect()
}

fn handle(
    dir: &tempfile::TempDir,
    date: &str,
    plan: relance_domain::plan::PlanId,
    number: u32,
    kind: InstallmentActionKind,
    how: InstallmentHandling,
) -> Result<plans::PlanAction, AppError> {
    let mut ctx = open(dir, date);
    plans::handle_installment_action(&mut ctx, InstallmentActionRef { plan, number, kind }, &how, d(date))
}

fn timeline(ctx: &LocalContext, c: CustomerId) -> Vec<(String, Vec<(String, String)>)> {
    customers::detail(ctx, c).unwrap().timeline.into_iter().map(|r| (r.kind, r.details)).collect()
}

#[test]
fn installment_notices_and_reminders_are_handled_once_and_stop_at_the_default() {
    use InstallmentActionKind::{Notice, Reminder};
    let dir = tempfile::tempdir().unwrap();
    let mut ctx = open(&dir, "2026-01-05");
    let c = customer(&mut ctx, "Boulangerie Roux");
    let a = invoice(&mut ctx, c, "F-1", "2025-10-01", "900,00");
    // Three installments of 300,00: 2026-02-02, 2026-03-02, 2026-04-02 (notice 3 days, reminder 3 days, grace 15).
    let plan = plans::create(&mut ctx, &request(c, vec![a], 3, "2026-02-02")).unwrap();
    assert_eq!(plan_actions(&ctx, "2026-01-29"), []);
    assert_eq!(plan_actions(&ctx, "2026-01-30"), [("notice", 1)]);
    let before = row_counts(ctx.store.conn()).unwrap();

    // Only what is proposed that day can be handled; nothing is written otherwise.
    let refused = handle(&dir, "2026-01-29", plan, 1, Notice, InstallmentHandling::Done(Channel::Email));
    assert_eq!(problems(refused.unwrap_err()), [(Field::Plan, Problem::StepNotAllowed)]);
    let refused = handle(&dir, "2026-01-30", plan, 1, Reminder, InstallmentHandling::Done(Channel::Email));
    assert_eq!(problems(refused.unwrap_err()), [(Field::Plan, Problem::StepNotAllowed)]);
    let refused = handle(&dir, "2026-01-30", plan, 1, Notice, InstallmentHandling::Done(Channel::Escalation));
    assert_eq!(problems(refused.unwrap_err()), [(Field::LevelChannel, Problem::Unknown)]);
    let refused = handle(&dir, "2026-01-30", plan, 1, Notice, InstallmentHandling::Postponed(d("2026-01-30")));
    assert_eq!(problems(refused.unwrap_err()), [(Field::PostponedUntil, Problem::TooEarly)]);
    assert_eq!(row_counts(open(&dir, "2026-01-30").store.conn()).unwrap(), before);

    // Postponed to the 1st: gone on the 31st, back on the 1st.
    handle(&dir, "2026-01-30", plan, 1, Notice, InstallmentHandling::Postponed(d("2026-02-01"))).unwrap();
    assert_eq!(plan_actions(&ctx, "2026-01-31"), []);
    assert_eq!(plan_actions(&ctx, "2026-02-01"), [("notice", 1)]);
    // Done by e-mail on the 1st: never proposed again, and the customer's timeline says so.
    let done = handle(&dir, "2026-02-01", plan, 1, Notice, InstallmentHandling::Done(Channel::Email)).unwrap();
    assert_eq!((done.action.due, done.action.left), (d("2026-02-02"), Money::from_cents(30000)));
    assert_eq!(plan_actions(&ctx, "2026-02-01"), []);
    assert_eq!(plan_actions(&ctx, "2026-02-02"), []);
    let again = handle(&dir, "2026-02-02", plan, 1, Notice, InstallmentHandling::Done(Channel::Letter));
    assert_eq!(problems(again.unwrap_err()), [(Field::Plan, Problem::StepNotAllowed)]);
    let (kind, details) = timeline(&ctx, c).into_iter().next().unwrap();
    assert_eq!(kind, "installment_action_done");
    let get = |k: &str| details.iter().find(|(key, _)| key == k).map(|(_, v)| v.as_str()).unwrap_or_default();
    assert_eq!(
        (get("action"), get("number"), get("due"), get("amount"), get("channel"), get("date")),
        ("notice", "1", "2026-02-02", "300.00", "email", "2026-02-01")
    );

    // Unpaid: a reminder from 3 days after the date, once.
    assert_eq!(plan_actions(&ctx, "2026-02-04"), []);
    assert_eq!(plan_actions(&ctx, "2026-02-05"), [("reminder", 1)]);
    handle(&dir, "2026-02-05", plan, 1, Reminder, InstallmentHandling::Skipped("Appel reçu".into())).unwrap();
    assert_eq!(plan_actions(&ctx, "2026-02-06"), []);
    assert_eq!(timeline(&ctx, c)[0].0, "installment_action_skipped");

    // Paid: the first installment proposes nothing more; the second's notice comes in its days.
    let mut ctx = open(&dir, "2026-02-10");
    plans::record_payment(&mut ctx, plan, &pay("2026-02-10", "300,00")).unwrap();
    assert_eq!(plan_actions(&ctx, "2026-02-26"), []);
    assert_eq!(plan_actions(&ctx, "2026-02-27"), [("notice", 2)]);
    // A notice never handled is not carried past its date: the reminder follows in its own days.
    assert_eq!(plan_actions(&ctx, "2026-03-03"), []);
    assert_eq!(plan_actions(&ctx, "2026-03-05"), [("reminder", 2)]);
    assert!(channels(&ctx, "2026-03-05").is_empty(), "the collections engine stays paused while the plan runs");

    // The plan breaks on 2026-03-18 (2 March + 15 + 1): nothing more from the plan, the collections take over.
    assert_eq!(plan_actions(&ctx, "2026-03-17"), [("reminder", 2)]);
    assert_eq!(plan_actions(&ctx, "2026-03-18"), []);
    let late = handle(&dir, "2026-03-18", plan, 2, Reminder, InstallmentHandling::Done(Channel::PhoneCall));
    assert_eq!(problems(late.unwrap_err()), [(Field::Plan, Problem::StepNotAllowed)]);
    let mut ctx = open(&dir, "2026-03-18");
    plans::record_default(&mut ctx, plan, None).unwrap();
    assert_eq!(plan_actions(&ctx, "2026-03-30"), []);
    assert_eq!(channels(&ctx, "2026-03-18"), [(Channel::Letter, "formal_notice".to_string())]);
    let stored: i64 = ctx.store.conn().query_row("SELECT COUNT(*) FROM plan_reminders", [], |r| r.get(0)).unwrap();
    assert_eq!(stored, 3, "postponed, done, skipped");
    assert!(ctx.store.check_invariants().unwrap().is_empty());
}

#[test]
fn an_invoice_in_a_running_plan_cannot_be_cancelled_until_the_plan_is_renegotiated() {
    let dir = tempfile::tempdir().unwrap();
    let mut ctx = open(&dir, "2026-01-05");
    let c = customer(&mut ctx, "Atelier Blanc");
    let a = invoice(&mut ctx, c, "F-1", "2025-10-01", "300,00");
    let b = invoice(&mut ctx, c, "F-2", "2025-10-15", "200,00");
    let plan = plans::create(&mut ctx, &request(c, vec![a, b], 2, "2026-02-02")).unwrap();
    let before = row_counts(ctx.store.conn()).unwrap();
    let err = invoices::cancel(&mut ctx, b, "Erreur de saisie").unwrap_err();
    assert_eq!(problems(err), [(Field::Invoice, Problem::InPlan { plan: plan.0 })]);
    assert_eq!(row_counts(ctx.store.conn()).unwrap(), before, "nothing written");
    assert!(!invoices::get(&ctx, b).unwrap().invoice.cancelled);
    // Renegotiated without it, the invoice is free to cancel.
    plans::renegotiate(&mut ctx, plan, &request(c, vec![a], 2, "2026-02-02")).unwrap();
    invoices::cancel(&mut ctx, b, "Erreur de saisie").unwrap();
    assert!(invoices::get(&ctx, b).unwrap().invoice.cancelled);
}
