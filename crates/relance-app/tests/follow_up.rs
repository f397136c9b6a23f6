//! After the reminders, on a real SQLite file: a promise cancelled, a
//! dispute closed by a credit note and re-opened, an invoice written off and
//! kept in the reports.

use chrono::NaiveDate;
use relance_app::collections::{self, PromiseOutcome};
use relance_app::payments::Allocation;
use relance_app::{customers, invoices, payments, reports, today, AppError, FixedClock, LocalContext, Page};
use relance_domain::customer::CustomerInput;
use relance_domain::dunning::{Channel, EscalationStage};
use relance_domain::ids::{CustomerId, InvoiceId};
use relance_domain::invoice::{CreditNoteInput, InvoiceInput};
use relance_domain::payment::PaymentInput;
use relance_domain::validation::{Field, Problem};
use relance_domain::Money;
use relance_store::counts::row_counts;
use relance_store::customers::{CustomerQuery, CustomerSort};
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

/// The invoices listed in the agenda of `date`.
fn chased(ctx: &LocalContext, date: &str) -> Vec<InvoiceId> {
    let view = collections::agenda(ctx, d(date)).unwrap();
    view.agenda
        .customers
        .iter()
        .flat_map(|c| c.actions.iter().flat_map(|a| a.lines.iter().map(|l| l.invoice)))
        .collect()
}

fn problems(e: AppError) -> Vec<(Field, Problem)> {
    match e {
        AppError::Invalid(v) => v.issues.into_iter().map(|i| (i.field, i.problem)).collect(),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

fn kinds(ctx: &LocalContext, c: CustomerId) -> Vec<String> {
    relance_store::activity::for_customer(ctx.store.conn(), c, 100).unwrap().into_iter().map(|a| a.kind).collect()
}

fn credit_note(ctx: &mut LocalContext, c: CustomerId, number: &str, amount: &str, invoice: InvoiceId) {
    let input = CreditNoteInput {
        number: number.into(),
        date: "2025-02-20".into(),
        amount: amount.into(),
        reason: "remise".into(),
    };
    payments::record_credit_note(ctx, c, &input, Some(invoice)).unwrap();
}

#[test]
fn a_cancelled_promise_resumes_the_reminders_and_stays_in_the_history() {
    let dir = tempfile::tempdir().unwrap();
    let mut ctx = open(&dir, "2025-02-08");
    let c = customer(&mut ctx, "Garage Martin");
    let f1 = invoice(&mut ctx, c, "F-1", "2025-01-01", "1 000,00"); // due 01-31
    let p = collections::promise_add(&mut ctx, c, "400", d("2025-02-28"), &[f1]).unwrap();
    assert!(chased(&ctx, "2025-02-15").is_empty(), "the promise pauses F-1");

    let before = collections::customer_promises(&ctx, c, d("2025-02-08")).unwrap();
    assert_eq!(before.lines.len(), 1);
    assert_eq!(before.lines[0].outcome, PromiseOutcome::Running);
    assert_eq!(before.lines[0].invoice_numbers, vec!["F-1".to_string()]);

    collections::promise_cancel(&mut ctx, p).unwrap();
    assert_eq!(chased(&ctx, "2025-02-15"), vec![f1], "cancelled: the firm reminder is due again");
    let after = collections::customer_promises(&ctx, c, d("2025-02-15")).unwrap();
    assert_eq!(after.lines[0].outcome, PromiseOutcome::Cancelled);
    assert_eq!(after.broken, 0);
    assert!(kinds(&ctx, c).contains(&"promise_cancelled".to_string()));

    // Twice, or a promise that does not exist: refused, nothing written.
    let counts = row_counts(ctx.store.conn()).unwrap();
    assert_eq!(
        problems(collections::promise_cancel(&mut ctx, p).unwrap_err()),
        vec![(Field::Promise, Problem::StepNotAllowed)]
    );
    let missing = collections::promise_cancel(&mut ctx, relance_domain::dunning::PromiseId(99)).unwrap_err();
    assert!(matches!(missing, AppError::NotFound("promise")), "{missing:?}");
    assert_eq!(row_counts(ctx.store.conn()).unwrap(), counts);
}

#[test]
fn a_broken_promise_counts_in_the_customers_history_before_and_after_it_is_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let mut ctx = open(&dir, "2025-02-08");
    let c = customer(&mut ctx, "Garage Martin");
    let f1 = invoice(&mut ctx, c, "F-1", "2025-01-01", "1 000,00");
    collections::promise_add(&mut ctx, c, "500", d("2025-02-20"), &[f1]).unwrap();

    let seen = collections::customer_promises(&ctx, c, d("2025-02-21")).unwrap();
    assert_eq!((seen.lines[0].outcome, seen.broken), (PromiseOutcome::Broken, 1));
    assert_eq!(seen.lines[0].paid_since, Money::ZERO);
    collections::action_done(&mut ctx, c, Channel::PhoneCall, d("2025-02-21")).unwrap();
    let recorded = collections::customer_promises(&ctx, c, d("2025-02-21")).unwrap();
    assert_eq!((recorded.lines[0].outcome, recorded.broken), (PromiseOutcome::Broken, 1));
    // A broken promise cannot be cancelled afterwards.
    let p = recorded.lines[0].promise.id;
    assert!(matches!(collections::promise_cancel(&mut ctx, p), Err(AppError::Invalid(_))));
}

#[test]
fn a_broken_promise_with_nothing_else_due_can_be_noted_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut ctx = open(&dir, "2025-02-08");
    let c = customer(&mut ctx, "Garage Martin");
    let f1 = invoice(&mut ctx, c, "F-1", "2025-01-01", "1 000,00"); // due 01-31
    collections::promise_add(&mut ctx, c, "500", d("2025-02-20"), &[f1]).unwrap();
    // A dispute pauses F-1 too: when the promise breaks, nothing is there to chase.
    collections::dispute_open(&mut ctx, f1, "livraison incomplète", d("2025-02-10")).unwrap();

    let agenda = collections::agenda(&ctx, d("2025-02-21")).unwrap().agenda;
    assert_eq!(agenda.customers.len(), 1);
    assert!(agenda.customers[0].actions.is_empty());
    assert_eq!(agenda.customers[0].broken_promises.len(), 1);
    // Doing an action is impossible, so the promise is noted on its own.
    assert!(collections::action_done(&mut ctx, c, Channel::PhoneCall, d("2025-02-21")).is_err());
    assert_eq!(collections::promises_acknowledge(&mut ctx, c, d("2025-02-21")).unwrap(), 1);

    assert!(collections::agenda(&ctx, d("2025-02-21")).unwrap().agenda.customers.is_empty());
    let recorded = collections::customer_promises(&ctx, c, d("2025-02-21")).unwrap();
    assert_eq!((recorded.lines[0].outcome, recorded.broken), (PromiseOutcome::Broken, 1));
    assert!(kinds(&ctx, c).contains(&"promise_broken".to_string()));
    // Nothing left to note: refused, nothing written.
    let counts = row_counts(ctx.store.conn()).unwrap();
    let again = collections::promises_acknowledge(&mut ctx, c, d("2025-02-22")).unwrap_err();
    assert_eq!(problems(again), [(Field::Promise, Problem::StepNotAllowed)]);
    assert_eq!(row_counts(ctx.store.conn()).unwrap(), counts);
}

#[test]
fn a_credit_note_that_settles_a_disputed_invoice_closes_the_dispute_and_reopening_pauses_again() {
    let dir = tempfile::tempdir().unwrap();
    let mut ctx = open(&dir, "2025-02-10");
    let c = customer(&mut ctx, "Garage Martin");
    let f1 = invoice(&mut ctx, c, "F-1", "2025-01-01", "1 000,00"); // due 01-31
    let f2 = invoice(&mut ctx, c, "F-2", "2025-01-01", "500,00");

    collections::dispute_open(&mut ctx, f1, "Pièce défectueuse", d("2025-02-10")).unwrap();
    collections::dispute_open(&mut ctx, f2, "Prix", d("2025-02-10")).unwrap();
    assert!(chased(&ctx, "2025-02-15").is_empty());

    // A partial credit leaves F-2's dispute open; one that settles F-1 closes F-1's.
    credit_note(&mut ctx, c, "AV-2", "100", f2);
    credit_note(&mut ctx, c, "AV-1", "1 000,00", f1);
    let f1_state = collections::invoice_collection(&ctx, f1).unwrap();
    assert_eq!(f1_state.state.dispute, None);
    assert_eq!(f1_state.disputes.len(), 1);
    assert_eq!(f1_state.disputes[0].closed_on, Some(d("2025-02-20")));
    assert_eq!(f1_state.disputes[0].note.as_deref(), Some("Réglé par l’avoir AV-1"));
    let f2_state = collections::invoice_collection(&ctx, f2).unwrap();
    assert!(f2_state.state.dispute.is_some(), "a partial credit does not end the dispute");
    assert_eq!(f2_state.remaining, Money::from_cents(40_000));

    // Closed by hand, F-2 is chased again; re-opened, it pauses again.
    collections::dispute_resolve(&mut ctx, f2, Some("accord trouvé"), d("2025-02-21")).unwrap();
    assert_eq!(chased(&ctx, "2025-02-21"), vec![f2]);
    collections::dispute_open(&mut ctx, f2, "Prix", d("2025-02-22")).unwrap();
    assert!(chased(&ctx, "2025-02-22").is_empty());
    let history = collections::invoice_collection(&ctx, f2).unwrap().disputes;
    assert_eq!(history.len(), 2);
    assert_eq!((history[0].closed_on, history[1].closed_on), (Some(d("2025-02-21")), None));

    // Closing twice is refused and writes nothing.
    collections::dispute_resolve(&mut ctx, f2, None, d("2025-02-23")).unwrap();
    let counts = row_counts(ctx.store.conn()).unwrap();
    let again = collections::dispute_resolve(&mut ctx, f2, None, d("2025-02-23")).unwrap_err();
    assert_eq!(problems(again), vec![(Field::Dispute, Problem::StepNotAllowed)]);
    assert_eq!(row_counts(ctx.store.conn()).unwrap(), counts);
    let timeline = relance_store::activity::for_customer(ctx.store.conn(), c, 100).unwrap();
    let credited =
        timeline.iter().find(|a| a.kind == "dispute_resolved" && a.details.iter().any(|(k, _)| k == "credit_note"));
    assert!(credited.is_some(), "the credit note's closing is in the activity log");
}

fn written_off(on: &str, cents: i64, reason: &str) -> EscalationStage {
    EscalationStage::WrittenOff { on: d(on), amount: Money::from_cents(cents), reason: reason.into() }
}

#[test]
fn a_write_off_needs_the_formal_notice_an_amount_within_the_remaining_and_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let mut ctx = open(&dir, "2025-03-05");
    let c = customer(&mut ctx, "Garage Martin");
    let f1 = invoice(&mut ctx, c, "F-1", "2025-01-01", "1 000,00"); // due 01-31
    let f2 = invoice(&mut ctx, c, "F-2", "2025-01-01", "200,00");

    let counts = row_counts(ctx.store.conn()).unwrap();
    let early = collections::escalate(&mut ctx, f1, written_off("2025-03-05", 30_000, "liquidation")).unwrap_err();
    assert_eq!(problems(early), vec![(Field::EscalationStage, Problem::NeedsFormalNotice)]);
    assert_eq!(collections::invoice_collection(&ctx, f1).unwrap().next_steps, Vec::<&str>::new());

    // The formal notice covers both invoices.
    collections::action_done(&mut ctx, c, Channel::Letter, d("2025-03-05")).unwrap();
    let ready = collections::invoice_collection(&ctx, f1).unwrap();
    assert_eq!(ready.next_steps, vec!["injunction_prepared", "handed_to_agency", "written_off"]);

    let too_much = collections::escalate(&mut ctx, f1, written_off("2025-04-01", 100_001, "x")).unwrap_err();
    assert_eq!(problems(too_much), vec![(Field::Amount, Problem::ExceedsDue { remaining: "1000.00".into() })]);
    let no_reason = collections::escalate(&mut ctx, f1, written_off("2025-04-01", 30_000, "  ")).unwrap_err();
    assert_eq!(problems(no_reason), vec![(Field::Reason, Problem::Required)]);
    let zero = collections::escalate(&mut ctx, f1, written_off("2025-04-01", 0, "x")).unwrap_err();
    assert_eq!(problems(zero), vec![(Field::Amount, Problem::ZeroAmount)]);
    let after_notice = row_counts(ctx.store.conn()).unwrap();
    assert_eq!(after_notice.dunning_events, counts.dunning_events + 2, "only the two notices were written");

    collections::escalate(&mut ctx, f1, written_off("2025-04-01", 30_000, "client en liquidation")).unwrap();
    let off = collections::invoice_collection(&ctx, f1).unwrap();
    assert!(matches!(off.state.stage, EscalationStage::WrittenOff { .. }));
    assert!(off.next_steps.is_empty(), "written off is final");
    assert_eq!(off.remaining, Money::from_cents(100_000), "a write-off is not a payment");
    let again = collections::escalate(&mut ctx, f1, written_off("2025-04-02", 100, "x")).unwrap_err();
    assert_eq!(problems(again), vec![(Field::EscalationStage, Problem::StepNotAllowed)]);

    // The report: F-1 is still overdue for what was not written off, and the
    // write-off is listed apart with its total.
    let r = reports::overdue(&ctx, d("2025-04-10")).unwrap();
    let lines: Vec<(&str, Money)> = r.lines.iter().map(|l| (l.number.as_str(), l.remaining)).collect();
    assert_eq!(lines, vec![("F-1", Money::from_cents(70_000)), ("F-2", Money::from_cents(20_000))]);
    assert_eq!(r.total, Money::from_cents(90_000));
    assert_eq!(r.written_off_total, Money::from_cents(30_000));
    assert_eq!(r.write_offs.len(), 1);
    assert_eq!((r.write_offs[0].number.as_str(), r.write_offs[0].on), ("F-1", d("2025-04-01")));
    assert_eq!(r.write_offs[0].reason, "client en liquidation");
    // Before the write-off's date the report does not know it.
    let earlier = reports::overdue(&ctx, d("2025-03-20")).unwrap();
    assert_eq!((earlier.total, earlier.write_offs.len()), (Money::from_cents(120_000), 0));

    // Written off whole, F-2 leaves the list of what is still to collect.
    collections::escalate(&mut ctx, f2, written_off("2025-04-01", 20_000, "montant trop faible")).unwrap();
    let r = reports::overdue(&ctx, d("2025-04-10")).unwrap();
    assert_eq!(r.lines.iter().map(|l| l.number.as_str()).collect::<Vec<_>>(), vec!["F-1"]);
    assert_eq!((r.total, r.written_off_total), (Money::from_cents(70_000), Money::from_cents(50_000)));
    assert_eq!(reports::written_off_owed(&ctx, c).unwrap(), Money::from_cents(50_000));
    // Today counts what is still to collect, like the report, and says the rest apart.
    let t = today::view(&ctx, Page { size: 50, index: 0 }).unwrap();
    assert_eq!(
        (t.today.total_outstanding, t.today.total_overdue),
        (Money::from_cents(70_000), Money::from_cents(70_000))
    );
    assert_eq!(t.written_off, Money::from_cents(50_000));
    assert_eq!(t.today.groups[0].overdue, Money::from_cents(70_000));
    assert_eq!(t.today.groups[0].invoice_count, 2, "the invoices stay listed: a write-off is not a payment");
    assert!(chased(&ctx, "2025-05-30").is_empty(), "no reminder after a write-off");
}

#[test]
fn escalate_from_a_front_end_defaults_the_amount_to_what_remains_and_refuses_an_unknown_stage() {
    let dir = tempfile::tempdir().unwrap();
    let mut ctx = open(&dir, "2025-03-05");
    let c = customer(&mut ctx, "Garage Martin");
    let f1 = invoice(&mut ctx, c, "F-1", "2025-01-01", "1 000,00");
    collections::action_done(&mut ctx, c, Channel::Letter, d("2025-03-05")).unwrap();

    let counts = row_counts(ctx.store.conn()).unwrap();
    let unknown = collections::escalate_to(&mut ctx, f1, "tribunal", "", "", d("2025-03-20")).unwrap_err();
    assert_eq!(problems(unknown)[0].0, Field::EscalationStage);
    let bad = collections::escalate_to(&mut ctx, f1, "write-off", "abc", "liquidation", d("2025-03-20")).unwrap_err();
    assert_eq!(problems(bad), vec![(Field::Amount, Problem::InvalidAmount)]);
    assert_eq!(row_counts(ctx.store.conn()).unwrap(), counts);

    collections::escalate_to(&mut ctx, f1, "agency", "", "", d("2025-03-20")).unwrap();
    collections::escalate_to(&mut ctx, f1, "written_off", "", "l’agence a renoncé", d("2025-04-20")).unwrap();
    let stage = collections::invoice_collection(&ctx, f1).unwrap().state.stage;
    assert_eq!(
        stage,
        EscalationStage::WrittenOff {
            on: d("2025-04-20"),
            amount: Money::from_cents(100_000),
            reason: "l’agence a renoncé".into()
        }
    );
}

#[test]
fn a_payment_that_settles_a_disputed_invoice_closes_the_dispute_in_its_transaction() {
    let dir = tempfile::tempdir().unwrap();
    let mut ctx = open(&dir, "2025-02-10");
    let c = customer(&mut ctx, "Garage Martin");
    let f1 = invoice(&mut ctx, c, "F-1", "2025-01-01", "1 000,00");
    let f2 = invoice(&mut ctx, c, "F-2", "2025-01-01", "500,00");
    let f3 = invoice(&mut ctx, c, "F-3", "2025-01-01", "200,00");
    collections::dispute_open(&mut ctx, f1, "Pièce défectueuse", d("2025-02-10")).unwrap();
    collections::dispute_open(&mut ctx, f2, "Prix", d("2025-02-10")).unwrap();

    // One payment: F-1 settled in full, F-2 in part, F-3 (never disputed) in full.
    let input = PaymentInput {
        date: "2025-02-20".into(),
        amount: "1 300,00".into(),
        method: "transfer".into(),
        reference: "VIR-7".into(),
    };
    let lines = vec![(f1, "1 000,00".to_string()), (f2, "100".to_string()), (f3, "200".to_string())];
    let (paid, _) = payments::record(&mut ctx, c, &input, &Allocation::Chosen(lines)).unwrap();

    let f1_state = collections::invoice_collection(&ctx, f1).unwrap();
    assert_eq!(f1_state.state.dispute, None, "fully settled: the dispute is closed");
    assert_eq!(f1_state.disputes.len(), 1);
    assert_eq!(f1_state.disputes[0].closed_on, Some(d("2025-02-20")));
    assert_eq!(
        f1_state.disputes[0].note.as_deref(),
        Some("Réglé par le paiement du 20/02/2025 de 1\u{a0}300,00\u{a0}€")
    );
    let f2_state = collections::invoice_collection(&ctx, f2).unwrap();
    assert!(f2_state.state.dispute.is_some(), "a partial payment does not end the dispute");
    assert_eq!(f2_state.disputes[0].closed_on, None);
    let f3_events = relance_store::dunning::for_invoice(ctx.store.conn(), f3).unwrap();
    assert!(f3_events.is_empty(), "an undisputed invoice gets no event: {f3_events:?}");

    // Logged once, for F-1, naming the payment.
    let timeline = relance_store::activity::for_customer(ctx.store.conn(), c, 100).unwrap();
    let closed: Vec<_> = timeline.iter().filter(|a| a.kind == "dispute_resolved").collect();
    assert_eq!(closed.len(), 1);
    assert!(closed[0].details.contains(&("number".to_string(), "F-1".to_string())), "{:?}", closed[0].details);
    assert!(closed[0].details.contains(&("payment".to_string(), paid.0.to_string())), "{:?}", closed[0].details);
    assert!(ctx.store.check_invariants().unwrap().is_empty());
}

fn all_customers() -> CustomerQuery {
    CustomerQuery {
        search: String::new(),
        include_archived: false,
        sort: CustomerSort::Name,
        descending: false,
        page: Page { size: 50, index: 0 },
    }
}

#[test]
fn the_customer_page_counts_as_overdue_only_what_is_still_to_collect() {
    let dir = tempfile::tempdir().unwrap();
    let mut ctx = open(&dir, "2025-03-05");
    let c = customer(&mut ctx, "Garage Martin");
    let f1 = invoice(&mut ctx, c, "F-1", "2025-01-01", "1 000,00"); // due 01-31
    let f2 = invoice(&mut ctx, c, "F-2", "2025-01-01", "200,00");
    invoice(&mut ctx, c, "F-3", "2025-03-01", "500,00"); // due 03-31: not late
    collections::action_done(&mut ctx, c, Channel::Letter, d("2025-03-05")).unwrap();
    collections::escalate(&mut ctx, f1, written_off("2025-03-05", 30_000, "client en liquidation")).unwrap();
    collections::escalate(&mut ctx, f2, written_off("2025-03-05", 20_000, "montant trop faible")).unwrap();

    let figures = |ctx: &LocalContext| {
        let b = customers::detail(ctx, c).unwrap().balance;
        (b.outstanding, b.overdue, b.open_invoices, b.overdue_invoices, reports::written_off_owed(ctx, c).unwrap())
    };
    // Reste dû: the books (1 700), of which 500 written off; en retard: what
    // is still to collect past due, F-1's 700 (F-2 written off whole).
    assert_eq!(figures(&ctx), (Money::from_cents(170_000), Money::from_cents(70_000), 3, 1, Money::from_cents(50_000)));
    // Like Today's figures for this customer.
    let t = today::view(&ctx, Page { size: 50, index: 0 }).unwrap();
    assert_eq!(t.today.groups[0].overdue, Money::from_cents(70_000));
    // And like the customer list's « En retard » column.
    let listed = customers::list(&ctx, &all_customers()).unwrap();
    assert_eq!(
        (listed.rows[0].outstanding, listed.rows[0].overdue),
        (Money::from_cents(170_000), Money::from_cents(70_000))
    );

    // Paid 800 after the write-off: F-1 owes 200, all of it written off, so
    // nothing of it is still to collect.
    let input = PaymentInput { date: "2025-03-05".into(), amount: "800".into(), ..Default::default() };
    payments::record(&mut ctx, c, &input, &Allocation::ToInvoice(f1)).unwrap();
    assert_eq!(figures(&ctx), (Money::from_cents(90_000), Money::ZERO, 3, 0, Money::from_cents(40_000)));
    assert_eq!(customers::list(&ctx, &all_customers()).unwrap().rows[0].overdue, Money::ZERO);
}
