//! A year of business, simulated day by day: invoices issued and paid at
//! random, disputes, promises kept and broken, the user opening the app on
//! random days (with holidays) and handling every action proposed, mostly
//! by doing it, sometimes by postponing or skipping it.
//!
//! What must hold whatever the days skipped:
//! - a level done or skipped on an invoice is never proposed again for it;
//! - the levels proposed to an invoice go strictly up;
//! - nothing is proposed before its date, nor while the invoice is paused;
//! - an invoice still unpaid at the year's end, past its last level's date
//!   and not paused then, has had its formal notice proposed (none lost);
//! - a customer gets at most one message, led by its furthest level (which
//!   sets the channel), and at most one decision, never folded into it.

use chrono::{Days, NaiveDate};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::agenda::{agenda, invoice_step, AgendaCustomer, AgendaInvoice, InvoiceStep, Pause};
use super::assignment::{PolicyAssignments, Segment};
use super::escalation::EscalationStage;
use super::policy::{Channel, Level, Policy};
use super::progress::{DunningEvent, InvoiceDunning};
use super::promise::{Promise, PromiseEvent, PromiseId, PromiseInput, PromiseState};
use super::schedule::level_date;
use crate::ids::{CustomerId, InvoiceId};
use crate::money::Money;

const SEEDS: u64 = 24;
const CUSTOMERS: usize = 8;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn plus(date: NaiveDate, days: u64) -> NaiveDate {
    date + Days::new(days)
}

fn percent(rng: &mut ChaCha8Rng, p: u32) -> bool {
    rng.random_range(0..100u32) < p
}

/// A policy unlike the standard one: no pre-due notice, a faster pace.
fn strict_policy() -> Policy {
    let level = |key: &str, offset_days, channel, is_formal_notice| Level {
        key: key.into(),
        offset_days,
        channel,
        template: key.into(),
        fee: None,
        is_formal_notice,
    };
    Policy::new(vec![
        level("letter", 3, Channel::Letter, false),
        level("call", 10, Channel::PhoneCall, false),
        level("notice", 20, Channel::Letter, true),
        level("decide", 35, Channel::Escalation, false),
    ])
    .unwrap()
}

/// How an outcome was recorded against a proposed level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Handled {
    Done,
    Skipped,
    Postponed,
}

struct SimInvoice {
    id: InvoiceId,
    customer: usize,
    issued: NaiveDate,
    due: NaiveDate,
    total: Money,
    /// Full payment on this day, if ever.
    paid_on: Option<NaiveDate>,
    /// A part paid earlier, if any.
    partial: Option<(NaiveDate, Money)>,
    dispute: Option<(NaiveDate, Option<NaiveDate>)>,
    state: InvoiceDunning,
    /// Every proposal: (day, level key, offset, what the user did).
    log: Vec<(NaiveDate, String, i32, Handled)>,
}

impl SimInvoice {
    fn remaining(&self, today: NaiveDate) -> Money {
        if self.paid_on.is_some_and(|p| p <= today) {
            return Money::ZERO;
        }
        match self.partial {
            Some((on, part)) if on <= today => self.total - part,
            _ => self.total,
        }
    }

    fn exists(&self, today: NaiveDate) -> bool {
        self.issued <= today
    }
}

struct World {
    rng: ChaCha8Rng,
    policies: Vec<Policy>,
    invoices: Vec<SimInvoice>,
    promises: Vec<Vec<Promise>>,
    next_promise: i64,
}

impl World {
    fn new(seed: u64, start: NaiveDate, end: NaiveDate) -> World {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        // Segments pick the policy; customer 0 has its own choice.
        let book =
            PolicyAssignments { default: Policy::standard(), by_segment: vec![(Segment::AtRisk, strict_policy())] };
        let own = strict_policy();
        let policies: Vec<Policy> = (0..CUSTOMERS)
            .map(|c| {
                let segment = Segment::ALL[rng.random_range(0..Segment::ALL.len())];
                let customer_choice = if c == 0 { Some(&own) } else { None };
                book.resolve(customer_choice, Some(segment)).0.clone()
            })
            .collect();
        let mut invoices = Vec::new();
        // Issued from two months before the year, so January opens on a backlog.
        let first_issue = start - Days::new(60);
        let span = (end - first_issue).num_days() as u64;
        for n in 0..rng.random_range(120..200) {
            let issued = plus(first_issue, rng.random_range(0..span));
            let due = plus(issued, [0, 30, 45, 60][rng.random_range(0..4)]);
            let total = Money::from_cents(rng.random_range(1_000..500_000));
            let paid_on = match rng.random_range(0..100u32) {
                0..35 => Some(plus(issued, rng.random_range(0..(due - issued).num_days() as u64 + 10))),
                35..75 => Some(plus(due, rng.random_range(1..120))),
                _ => None,
            };
            let partial = percent(&mut rng, 20).then(|| (plus(due, rng.random_range(0..40)), Money::from_cents(500)));
            let dispute = percent(&mut rng, 10).then(|| {
                let opened = plus(issued, rng.random_range(0..90));
                let resolved = percent(&mut rng, 70).then(|| plus(opened, rng.random_range(1..60)));
                (opened, resolved)
            });
            invoices.push(SimInvoice {
                id: InvoiceId(n + 1),
                customer: rng.random_range(0..CUSTOMERS),
                issued,
                due,
                total,
                paid_on,
                partial,
                dispute,
                state: InvoiceDunning::default(),
                log: Vec::new(),
            });
        }
        World { rng, policies, invoices, promises: vec![Vec::new(); CUSTOMERS], next_promise: 1 }
    }

    /// Disputes are recorded on their day, whether or not the agenda is opened.
    fn record_disputes(&mut self, today: NaiveDate) {
        for inv in &mut self.invoices {
            let Some((opened, resolved)) = inv.dispute else { continue };
            let policy = &self.policies[inv.customer];
            let event = if opened == today && inv.state.dispute.is_none() {
                DunningEvent::DisputeOpened { on: today, reason: "contestation".into() }
            } else if resolved == Some(today) && inv.state.dispute.is_some() {
                DunningEvent::DisputeResolved { on: today, note: None }
            } else {
                continue;
            };
            let stored = inv.state.check(&event, policy, inv.total).expect("dispute event refused");
            inv.state = inv.state.clone().apply(&stored);
        }
    }

    fn owed_now(&self, promise: &Promise, today: NaiveDate) -> Money {
        self.invoices.iter().filter(|i| promise.data.invoices.contains(&i.id)).map(|i| i.remaining(today)).sum()
    }

    /// One opening of the app: the agenda, every action handled.
    fn open_app(&mut self, today: NaiveDate) {
        let listed: Vec<Vec<AgendaInvoice>> = (0..CUSTOMERS)
            .map(|c| {
                self.invoices
                    .iter()
                    .filter(|i| i.customer == c && i.exists(today) && i.remaining(today).is_positive())
                    .map(|i| AgendaInvoice {
                        id: i.id,
                        due_date: i.due,
                        remaining: i.remaining(today),
                        state: &i.state,
                    })
                    .collect()
            })
            .collect();
        let customers: Vec<AgendaCustomer> = (0..CUSTOMERS)
            .map(|c| AgendaCustomer {
                id: CustomerId(c as i64),
                policy: &self.policies[c],
                invoices: &listed[c],
                promises: &self.promises[c],
            })
            .collect();
        let day = agenda(&customers, today);

        for c in &day.customers {
            let ci = c.customer.0 as usize;
            for (id, event) in c
                .broken_promises
                .iter()
                .map(|b| (b.promise, PromiseEvent::Broken { on: today }))
                .chain(c.kept_promises.iter().map(|k| (*k, PromiseEvent::Kept { on: today })))
            {
                let i = self.promises[ci].iter().position(|p| p.id == id).expect("reported promise exists");
                let owed = self.owed_now(&self.promises[ci][i], today);
                self.promises[ci][i].check(&event, owed).expect("promise outcome refused");
                self.promises[ci][i] = self.promises[ci][i].clone().apply(&event);
            }
            // One message and at most one decision per customer; decision
            // lines never ride in the message.
            let messages = c.actions.iter().filter(|a| !a.is_decision()).count();
            let decisions = c.actions.iter().filter(|a| a.is_decision()).count();
            assert!(messages <= 1 && decisions <= 1, "customer {ci} on {today}: {:?}", c.actions);
            for action in &c.actions {
                let policy = &self.policies[ci];
                let lead = policy.level(&action.lead.key).expect("lead level in the policy");
                assert_eq!(action.channel, lead.channel, "the lead sets the channel");
                for line in &action.lines {
                    assert!(line.level.offset_days <= action.lead.offset_days, "the lead is the furthest");
                    let channel = policy.level(&line.level.key).map(|l| l.channel);
                    assert_eq!(channel == Some(Channel::Escalation), action.is_decision(), "decisions apart");
                }
                // The user handles an action as a whole, like the app does.
                let handled = match self.rng.random_range(0..100u32) {
                    0..8 => Handled::Postponed,
                    8..12 => Handled::Skipped,
                    _ => Handled::Done,
                };
                let until = plus(today, self.rng.random_range(1..8));
                for line in &action.lines {
                    let promises = &self.promises[ci];
                    let policy = &self.policies[ci];
                    let inv = self.invoices.iter_mut().find(|i| i.id == line.invoice).expect("listed invoice exists");
                    check_proposal(inv, policy, promises, &line.level.key, line.level.offset_days, today);
                    inv.log.push((today, line.level.key.clone(), line.level.offset_days, handled));
                    let event = match handled {
                        Handled::Done => {
                            DunningEvent::LevelDone { level: line.level.clone(), on: today, channel: action.channel }
                        }
                        Handled::Skipped => DunningEvent::LevelSkipped {
                            level: line.level.clone(),
                            on: today,
                            reason: "déjà appelé".into(),
                        },
                        Handled::Postponed => DunningEvent::Postponed { on: today, until },
                    };
                    let stored = inv.state.check(&event, policy, line.remaining).expect("proposed action refused");
                    inv.state = inv.state.clone().apply(&stored);
                    // Some debts go to an agency once the decision is due.
                    if action.channel == Channel::Escalation && handled == Handled::Done && percent(&mut self.rng, 50) {
                        let to = EscalationStage::HandedToAgency { on: today };
                        let event = DunningEvent::Escalated { to };
                        if let Ok(stored) = inv.state.check(&event, policy, line.remaining) {
                            inv.state = inv.state.clone().apply(&stored);
                        }
                    }
                }
            }
        }
        self.maybe_promise(today);
    }

    /// Now and then a customer with late invoices promises to pay them;
    /// half the time it does, before the date.
    fn maybe_promise(&mut self, today: NaiveDate) {
        for c in 0..CUSTOMERS {
            if !percent(&mut self.rng, 6) {
                continue;
            }
            let promises = &self.promises[c];
            let late: Vec<usize> = (0..self.invoices.len())
                .filter(|&k| {
                    let i = &self.invoices[k];
                    i.customer == c
                        && i.exists(today)
                        && i.due < today
                        && i.remaining(today).is_positive()
                        && i.state.dispute.is_none()
                        && !promises.iter().any(|p| p.pauses(i.id, today))
                })
                .collect();
            if late.is_empty() {
                continue;
            }
            let by = plus(today, self.rng.random_range(3..20));
            let covered: Vec<(InvoiceId, Money)> =
                late.iter().map(|&k| (self.invoices[k].id, self.invoices[k].remaining(today))).collect();
            let owed: Money = covered.iter().map(|(_, r)| *r).sum();
            let amount = if percent(&mut self.rng, 30) {
                Money::from_cents(owed.cents() / 2).max(Money::from_cents(1))
            } else {
                owed
            };
            let input = PromiseInput { customer: CustomerId(c as i64), amount, by, made_on: today, covered };
            let data = input.validate().expect("promise refused");
            if percent(&mut self.rng, 50) {
                let pay_on = plus(today, self.rng.random_range(1..=(by - today).num_days() as u64));
                for &k in &late {
                    let inv = &mut self.invoices[k];
                    inv.paid_on = Some(inv.paid_on.map_or(pay_on, |p| p.min(pay_on)));
                }
            }
            self.promises[c].push(Promise { id: PromiseId(self.next_promise), data, state: PromiseState::Open });
            self.next_promise += 1;
        }
    }
}

/// What must hold for each proposal, at the moment it is made.
fn check_proposal(inv: &SimInvoice, policy: &Policy, promises: &[Promise], key: &str, offset: i32, today: NaiveDate) {
    let id = inv.id;
    for (on, k, o, how) in &inv.log {
        assert!(
            !(k == key && *how != Handled::Postponed),
            "invoice {id}: level {key} proposed on {today} after being handled on {on}"
        );
        if *how != Handled::Postponed {
            assert!(offset > *o, "invoice {id}: level {key} ({offset}) on {today} after {k} ({o}) on {on}");
        }
    }
    let level = policy.level(key).expect("proposed level is in the policy");
    assert!(level_date(policy, level, inv.due, &inv.state) <= today, "invoice {id}: {key} proposed early on {today}");
    assert!(inv.state.dispute.is_none(), "invoice {id}: proposed while disputed on {today}");
    assert!(!promises.iter().any(|p| p.pauses(id, today)), "invoice {id}: proposed under a promise on {today}");
    assert!(inv.state.postponed_until.is_none_or(|u| u <= today), "invoice {id}: proposed while postponed");
}

/// The user's year: open on most days, closed during a few holidays, and
/// always on the last day, which is when the year is judged.
fn opening_days(rng: &mut ChaCha8Rng, start: NaiveDate, end: NaiveDate) -> Vec<NaiveDate> {
    let days = (end - start).num_days() as u64;
    let holidays: Vec<(NaiveDate, NaiveDate)> = (0..3)
        .map(|_| {
            let from = plus(start, rng.random_range(0..days));
            (from, plus(from, rng.random_range(7..25)))
        })
        .collect();
    let share = rng.random_range(20..80);
    (0..=days)
        .map(|n| plus(start, n))
        .filter(|day| *day == end || (!holidays.iter().any(|(a, b)| a <= day && day <= b) && percent(rng, share)))
        .collect()
}

#[test]
fn a_simulated_year_proposes_each_level_at_most_once_and_loses_none() {
    let (start, end) = (d("2026-01-01"), d("2026-12-31"));
    let mut proposals = 0usize;
    let mut notices_checked = 0usize;
    for seed in 0..SEEDS {
        let mut world = World::new(seed, start, end);
        let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x5eed);
        let open = opening_days(&mut rng, start, end);
        let mut day = start;
        while day <= end {
            world.record_disputes(day);
            if open.contains(&day) {
                world.open_app(day);
            }
            day = plus(day, 1);
        }
        for inv in &world.invoices {
            proposals += inv.log.len();
            let policy = &world.policies[inv.customer];
            let remaining = inv.remaining(end);
            let last_date = inv.due + chrono::TimeDelta::days(i64::from(policy.last().offset_days));
            if !inv.exists(end) || !remaining.is_positive() || last_date > end {
                continue;
            }
            let listed = AgendaInvoice { id: inv.id, due_date: inv.due, remaining, state: &inv.state };
            let step = invoice_step(policy, &listed, &world.promises[inv.customer], end);
            if matches!(
                step,
                InvoiceStep::Paused(Pause::Disputed { .. } | Pause::Promised { .. } | Pause::Postponed { .. })
            ) {
                continue;
            }
            let notice = policy.formal_notice().map(|l| l.key.as_str());
            assert!(
                inv.log.iter().any(|(_, k, _, how)| Some(k.as_str()) == notice && *how != Handled::Postponed),
                "seed {seed}: invoice {} due {} unpaid at the year's end without its formal notice: {:?}",
                inv.id,
                inv.due,
                inv.log
            );
            notices_checked += 1;
        }
    }
    // The simulation must actually exercise the rules, not pass vacuously.
    assert!(proposals > 1000, "only {proposals} proposals");
    assert!(notices_checked > 50, "only {notices_checked} invoices reached their last level");
}
