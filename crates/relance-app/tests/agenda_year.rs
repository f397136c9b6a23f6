//! A year of business on a real SQLite file, through the real use cases: the
//! user opens the app on random days (with holidays), records payments,
//! disputes and promises, and handles every action the agenda proposes,
//! mostly by doing it, sometimes by postponing or skipping it.
//!
//! What must hold, whatever the days skipped:
//! - a customer gets at most one message and one decision, each invoice in
//!   at most one of them;
//! - an (invoice, level) done or skipped is never proposed again: the levels
//!   proposed to an invoice go strictly up after each done or skip;
//! - nothing is proposed before its date, nor while its invoice is paused
//!   (dispute open, promise running, postponed, handed to an agency);
//! - a level missed while the app was closed is not proposed late: only the
//!   furthest level reached is, up to the formal notice;
//! - none is lost: an invoice unpaid and not paused on the year's last day,
//!   past its formal-notice date, has had its formal notice proposed;
//! - the activity log has one line per invoice per action handled, and the
//!   store's own invariants hold.

use std::collections::{HashMap, HashSet};
use std::time::Instant;

use chrono::{Days, NaiveDate};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use relance_app::collections;
use relance_app::payments::{self, Allocation};
use relance_app::{customers, invoices, FixedClock, LocalContext};
use relance_domain::customer::CustomerInput;
use relance_domain::dunning::{Action, Channel, EscalationStage, Policy};
use relance_domain::ids::{CustomerId, InvoiceId};
use relance_domain::invoice::InvoiceInput;
use relance_domain::payment::PaymentInput;
use relance_domain::Money;
use relance_store::Store;

const SEEDS: [u64; 3] = [1, 7, 2026];
const CUSTOMERS: usize = 5;
/// The standard policy's formal notice, in days after the due date.
const FORMAL_NOTICE: i32 = 30;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn plus(date: NaiveDate, days: i64) -> NaiveDate {
    if days >= 0 {
        date + Days::new(days as u64)
    } else {
        date - Days::new(days.unsigned_abs())
    }
}

fn percent(rng: &mut ChaCha8Rng, p: u32) -> bool {
    rng.random_range(0..100u32) < p
}

/// What the test knows of one invoice, kept beside the store.
struct Inv {
    id: InvoiceId,
    customer: CustomerId,
    number: String,
    due: NaiveDate,
    /// When the customer pays it all, if ever.
    pay_on: Option<NaiveDate>,
    paid: bool,
    /// Open dispute, resolved on that date.
    disputed_until: Option<NaiveDate>,
    postponed_until: Option<NaiveDate>,
    escalated: bool,
    /// Offset of the last level done or skipped.
    handled: Option<i32>,
    /// Offset of the last level proposed.
    proposed: Option<i32>,
    formal_notice_proposed: bool,
    /// Sent, not skipped: an agency or a court asks for it.
    formal_notice_sent: bool,
}

struct PromiseMade {
    by: NaiveDate,
    invoices: Vec<InvoiceId>,
}

#[derive(Default)]
struct Counts {
    done_lines: usize,
    skipped_lines: usize,
    postponed_lines: usize,
    actions: usize,
    missed_days: usize,
}

struct Year {
    rng: ChaCha8Rng,
    ctx: LocalContext,
    customers: Vec<CustomerId>,
    invoices: Vec<Inv>,
    promises: Vec<PromiseMade>,
    counts: Counts,
    policy: Policy,
}

impl Year {
    fn new(seed: u64, dir: &tempfile::TempDir) -> Year {
        let store = Store::open(&dir.path().join("relance.sqlite3")).unwrap();
        let mut ctx = LocalContext::new(store, Box::new(FixedClock(d("2025-01-01"))));
        let customers = (0..CUSTOMERS)
            .map(|k| {
                let input = CustomerInput {
                    kind: "business".into(),
                    name: format!("Client {k}"),
                    terms: "net:30".into(),
                    ..Default::default()
                };
                customers::create(&mut ctx, &input).unwrap().id
            })
            .collect();
        Year {
            rng: ChaCha8Rng::seed_from_u64(seed),
            ctx,
            customers,
            invoices: Vec::new(),
            promises: Vec::new(),
            counts: Counts::default(),
            policy: Policy::standard(),
        }
    }

    fn promised(&self, id: InvoiceId, today: NaiveDate) -> bool {
        self.promises.iter().any(|p| today <= p.by && p.invoices.contains(&id))
    }

    /// Why the invoice must not be proposed today, if it must not.
    fn paused(&self, inv: &Inv, today: NaiveDate) -> Option<&'static str> {
        if inv.escalated {
            Some("handed to an agency")
        } else if inv.disputed_until.is_some() {
            Some("disputed")
        } else if self.promised(inv.id, today) {
            Some("promised")
        } else if inv.postponed_until.is_some_and(|u| u > today) {
            Some("postponed")
        } else {
            None
        }
    }

    fn open_app(&mut self, today: NaiveDate, last_day: bool) {
        self.ctx.clock = Box::new(FixedClock(today));
        self.record_payments(today);
        self.resolve_disputes(today);
        self.issue_invoices(today);
        self.handle_agenda(today, last_day);
        if !last_day {
            self.customer_calls(today);
        }
    }

    fn record_payments(&mut self, today: NaiveDate) {
        for k in 0..self.invoices.len() {
            let inv = &self.invoices[k];
            if inv.paid || inv.pay_on.is_none_or(|p| p > today) {
                continue;
            }
            let (id, customer) = (inv.id, inv.customer);
            let remaining = invoices::get(&self.ctx, id).unwrap().remaining;
            let input = PaymentInput {
                date: today.to_string(),
                amount: remaining.to_string(),
                method: String::new(),
                reference: String::new(),
            };
            payments::record(&mut self.ctx, customer, &input, &Allocation::ToInvoice(id)).unwrap();
            assert_eq!(invoices::get(&self.ctx, id).unwrap().remaining, Money::ZERO);
            self.invoices[k].paid = true;
            // Paid in full, a disputed invoice's dispute ends with the payment.
            if self.invoices[k].disputed_until.take().is_some() {
                assert_eq!(collections::invoice_collection(&self.ctx, id).unwrap().state.dispute, None);
            }
        }
    }

    fn resolve_disputes(&mut self, today: NaiveDate) {
        for k in 0..self.invoices.len() {
            if self.invoices[k].disputed_until.is_some_and(|u| u <= today) {
                let id = self.invoices[k].id;
                collections::dispute_resolve(&mut self.ctx, id, Some("avoir accordé"), today).unwrap();
                self.invoices[k].disputed_until = None;
            }
        }
    }

    fn issue_invoices(&mut self, today: NaiveDate) {
        for k in 0..CUSTOMERS {
            if !percent(&mut self.rng, 10) {
                continue;
            }
            let customer = self.customers[k];
            let issued = plus(today, -self.rng.random_range(0..6));
            let number = format!("F-{}", self.invoices.len() + 1);
            let cents = self.rng.random_range(10_000..500_000_i64);
            let input = InvoiceInput {
                number: number.clone(),
                issue_date: issued.to_string(),
                total: Some(Money::from_cents(cents).to_string()),
                ..Default::default()
            };
            let id = invoices::create(&mut self.ctx, customer, &input).unwrap();
            let due = plus(issued, 30);
            let pay_on = match self.rng.random_range(0..100u32) {
                0..45 => Some(plus(due, self.rng.random_range(-10..20))),
                45..75 => Some(plus(due, self.rng.random_range(20..120))),
                _ => None,
            };
            self.invoices.push(Inv {
                id,
                customer,
                number,
                due,
                pay_on,
                paid: false,
                disputed_until: None,
                postponed_until: None,
                escalated: false,
                handled: None,
                proposed: None,
                formal_notice_proposed: false,
                formal_notice_sent: false,
            });
        }
    }

    /// Checks the day's agenda against the model, then handles every action.
    fn handle_agenda(&mut self, today: NaiveDate, last_day: bool) {
        let view = collections::agenda(&self.ctx, today).unwrap();
        assert_eq!(view.agenda.date, today);
        let mut seen: HashSet<InvoiceId> = HashSet::new();
        let mut todo: Vec<(CustomerId, Action)> = Vec::new();
        for c in &view.agenda.customers {
            let messages = c.actions.iter().filter(|a| !a.is_decision()).count();
            let decisions = c.actions.iter().filter(|a| a.is_decision()).count();
            assert!(messages <= 1 && decisions <= 1, "{today}: {:?}", c.actions);
            for action in &c.actions {
                let lead = self.policy.level(&action.lead.key).unwrap();
                assert_eq!(action.channel, lead.channel, "{today}: the lead sets the channel");
                assert_eq!(action.total, action.lines.iter().map(|l| l.remaining).sum::<Money>());
                for line in &action.lines {
                    assert!(seen.insert(line.invoice), "{today}: invoice {:?} in two actions", line.invoice);
                    let level = self.policy.level(&line.level.key).unwrap();
                    assert!(level.offset_days <= lead.offset_days, "{today}: the lead is the furthest");
                    assert_eq!(level.channel == Channel::Escalation, action.is_decision(), "{today}: decisions apart");
                    let inv = self.invoices.iter().find(|i| i.id == line.invoice).unwrap();
                    assert_eq!(inv.customer, c.customer);
                    let why = |what: &str| format!("{} on {today}: {} {what}", inv.number, line.level.key);
                    assert!(!inv.paid && line.remaining.is_positive(), "{}", why("proposed once paid"));
                    if let Some(pause) = self.paused(inv, today) {
                        panic!("{}", why(&format!("proposed while {pause}")));
                    }
                    assert!(plus(inv.due, i64::from(level.offset_days)) <= today, "{}", why("before its date"));
                    assert!(inv.handled.is_none_or(|h| level.offset_days > h), "{}", why("proposed again"));
                    assert!(inv.proposed.is_none_or(|p| level.offset_days >= p), "{}", why("went back"));
                    // Only the furthest level reached is proposed, up to the formal notice.
                    if level.offset_days < FORMAL_NOTICE {
                        let skipped = self.policy.levels().iter().find(|l| {
                            l.offset_days > level.offset_days
                                && l.offset_days <= FORMAL_NOTICE
                                && plus(inv.due, i64::from(l.offset_days)) <= today
                        });
                        assert!(skipped.is_none(), "{}", why(&format!("proposed though {skipped:?} is due")));
                    }
                }
            }
            todo.extend(c.actions.iter().map(|a| (c.customer, a.clone())));
        }
        for (_, action) in &todo {
            for line in &action.lines {
                let inv = self.invoices.iter_mut().find(|i| i.id == line.invoice).unwrap();
                inv.proposed = Some(line.level.offset_days);
                inv.formal_notice_proposed |= line.level.is_formal_notice;
            }
        }
        // Invoices neither proposed nor paused, past a level's date, must
        // have nothing left to propose before the formal notice is handled.
        for inv in &self.invoices {
            let quiet = !inv.paid && !seen.contains(&inv.id) && self.paused(inv, today).is_none();
            let notice_due = plus(inv.due, i64::from(FORMAL_NOTICE)) <= today;
            if quiet && notice_due {
                assert!(inv.handled.is_some_and(|h| h >= FORMAL_NOTICE), "{} lost on {today}", inv.number);
            }
        }
        if last_day {
            return;
        }
        for (customer, action) in todo {
            self.handle(customer, action, today);
        }
    }

    fn handle(&mut self, customer: CustomerId, action: Action, today: NaiveDate) {
        self.counts.actions += 1;
        let ctx = &mut self.ctx;
        let n = action.lines.len();
        match self.rng.random_range(0..100u32) {
            0..10 => {
                let until = plus(today, self.rng.random_range(1..12));
                let got = collections::postpone(ctx, customer, action.channel, today, until).unwrap();
                assert_eq!(got, action);
                for line in &action.lines {
                    self.invoices.iter_mut().find(|i| i.id == line.invoice).unwrap().postponed_until = Some(until);
                }
                self.counts.postponed_lines += n;
            }
            r => {
                let got = if r < 18 {
                    self.counts.skipped_lines += n;
                    collections::skip(ctx, customer, action.channel, today, "client prévenu par téléphone")
                } else {
                    self.counts.done_lines += n;
                    collections::action_done(ctx, customer, action.channel, today)
                };
                assert_eq!(got.unwrap(), action);
                // Handled twice the same day is refused.
                assert!(collections::action_done(&mut self.ctx, customer, action.channel, today).is_err());
                for line in &action.lines {
                    let inv = self.invoices.iter_mut().find(|i| i.id == line.invoice).unwrap();
                    inv.handled = Some(line.level.offset_days);
                    inv.postponed_until = None;
                    inv.formal_notice_sent |= r >= 18 && line.level.is_formal_notice;
                }
                // Half the decisions hand the debts to an agency, which
                // asks for the formal notice (sent, not skipped).
                if action.is_decision() && r >= 18 && percent(&mut self.rng, 50) {
                    for line in &action.lines {
                        let inv = self.invoices.iter().find(|i| i.id == line.invoice).unwrap();
                        let to = EscalationStage::HandedToAgency { on: today };
                        if !inv.formal_notice_sent {
                            assert!(collections::escalate(&mut self.ctx, line.invoice, to).is_err());
                            continue;
                        }
                        collections::escalate(&mut self.ctx, line.invoice, to).unwrap();
                        self.invoices.iter_mut().find(|i| i.id == line.invoice).unwrap().escalated = true;
                    }
                }
            }
        }
    }

    /// Now and then a customer disputes an invoice or promises to pay.
    fn customer_calls(&mut self, today: NaiveDate) {
        for k in 0..self.invoices.len() {
            let inv = &self.invoices[k];
            let open = !inv.paid && !inv.escalated && inv.disputed_until.is_none() && inv.due < today;
            if open && percent(&mut self.rng, 2) {
                let id = inv.id;
                collections::dispute_open(&mut self.ctx, id, "quantité livrée contestée", today).unwrap();
                self.invoices[k].disputed_until = Some(plus(today, self.rng.random_range(3..30)));
            }
        }
        for k in 0..CUSTOMERS {
            let customer = self.customers[k];
            if !percent(&mut self.rng, 4) {
                continue;
            }
            let late: Vec<usize> = (0..self.invoices.len())
                .filter(|&j| {
                    let i = &self.invoices[j];
                    i.customer == customer && !i.paid && i.due < today && self.paused(i, today).is_none()
                })
                .collect();
            if late.is_empty() {
                continue;
            }
            let ids: Vec<InvoiceId> = late.iter().map(|&j| self.invoices[j].id).collect();
            let owed: Money = ids.iter().map(|id| invoices::get(&self.ctx, *id).unwrap().remaining).sum();
            let by = plus(today, self.rng.random_range(3..20));
            collections::promise_add(&mut self.ctx, customer, &owed.to_string(), by, &ids).unwrap();
            // Half the promises are kept before their date.
            if percent(&mut self.rng, 50) {
                let pay_on = plus(today, self.rng.random_range(1..=(by - today).num_days()));
                for &j in &late {
                    let inv = &mut self.invoices[j];
                    inv.pay_on = Some(inv.pay_on.map_or(pay_on, |p| p.min(pay_on)));
                }
            }
            self.promises.push(PromiseMade { by, invoices: ids });
        }
    }
}

fn holidays(rng: &mut ChaCha8Rng) -> Vec<(NaiveDate, NaiveDate)> {
    let summer = plus(d("2025-07-01"), rng.random_range(0..45));
    let winter = plus(d("2025-02-01"), rng.random_range(0..30));
    vec![(summer, plus(summer, rng.random_range(14..25))), (winter, plus(winter, rng.random_range(6..12)))]
}

fn run_year(seed: u64) -> Counts {
    let dir = tempfile::tempdir().unwrap();
    let mut year = Year::new(seed, &dir);
    let off = holidays(&mut year.rng);
    let last = d("2025-12-31");
    let mut today = d("2025-01-01");
    while today <= last {
        let on_holiday = off.iter().any(|(from, to)| (*from..=*to).contains(&today));
        let last_day = today == last;
        if last_day || (!on_holiday && percent(&mut year.rng, 60)) {
            year.open_app(today, last_day);
        } else {
            year.counts.missed_days += 1;
        }
        today = plus(today, 1);
    }
    // None lost: checked every open day above, and once more on the last.
    for inv in &year.invoices {
        let unpaused = !inv.paid && year.paused(inv, last).is_none();
        if unpaused && plus(inv.due, i64::from(FORMAL_NOTICE)) <= last {
            assert!(inv.formal_notice_proposed, "seed {seed}: {} never got its formal notice", inv.number);
        }
    }
    let conn = year.ctx.store.conn();
    let mut kinds: HashMap<String, usize> = HashMap::new();
    for c in &year.customers {
        for row in relance_store::activity::for_customer(conn, *c, 100_000).unwrap() {
            let has = |k: &str| row.details.iter().any(|(key, v)| key == k && !v.is_empty());
            match row.kind.as_str() {
                "reminder_skipped" => assert!(has("reason"), "a skip keeps its reason: {:?}", row.details),
                "reminder_postponed" => assert!(has("until"), "a postponement keeps its date: {:?}", row.details),
                _ => {}
            }
            *kinds.entry(row.kind).or_default() += 1;
        }
    }
    let count = |k: &str| kinds.get(k).copied().unwrap_or(0);
    assert_eq!(count("reminder_done"), year.counts.done_lines, "seed {seed}");
    assert_eq!(count("reminder_skipped"), year.counts.skipped_lines, "seed {seed}");
    assert_eq!(count("reminder_postponed"), year.counts.postponed_lines, "seed {seed}");
    assert_eq!(year.ctx.store.check_invariants().unwrap(), Vec::<String>::new(), "seed {seed}");
    // The year was eventful enough to mean something.
    let c = &year.counts;
    assert!(c.done_lines > 50 && c.skipped_lines > 5 && c.postponed_lines > 5 && c.missed_days > 100, "seed {seed}");
    assert!(year.invoices.iter().filter(|i| i.formal_notice_proposed).count() > 3, "seed {seed}");
    assert!(year.invoices.iter().any(|i| i.escalated), "seed {seed}: no decision taken");
    year.counts
}

#[test]
fn a_simulated_year_proposes_each_level_once_and_loses_none() {
    let started = Instant::now();
    for seed in SEEDS {
        let c = run_year(seed);
        eprintln!(
            "seed {seed}: {} actions, {} lines done, {} skipped, {} postponed, {} days closed",
            c.actions, c.done_lines, c.skipped_lines, c.postponed_lines, c.missed_days
        );
    }
    eprintln!("{} seeds in {:?}", SEEDS.len(), started.elapsed());
}
