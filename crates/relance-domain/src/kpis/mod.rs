//! Receivables KPIs (issue 7) as pure functions of the books at a date.
//!
//! The input is every invoice (cancelled ones left out by the caller) with
//! the dated settlements allocated to it (payments and credit notes) and its
//! dated write-offs. Every figure is computed **as of** a date: an invoice
//! issued after the date does not exist yet, and a payment made after it has
//! not happened yet, so an invoice paid later still counts as open.
//!
//! A write-off is a dunning stage, not a payment (see `ARCHITECTURE.md`): it
//! never settles the invoice, but what it wrote off is not expected any more,
//! so it leaves the receivables from its date (like `reports::overdue`) and
//! is given apart as the written-off amount.
//!
//! Arithmetic: amounts are summed in integer cents (`i64`, products and sums
//! of products in `i128`), so every sum is exact; results are `Money`.
//! Ratios (DSO, percentages, days late) are `Decimal`s rounded **once** to
//! one decimal, half away from zero, by integer division ([`round_ratio`]):
//! no float anywhere.

mod aging;
mod behind;
mod collection;
mod disputed;
mod dso;
mod forecast;
#[cfg(test)]
mod tests;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use crate::ids::{CustomerId, InvoiceId};
use crate::money::Money;

pub use aging::{aged_balance, top_overdue_customers, AgedBalance, Bucket, CustomerOverdue};
pub use behind::{behind, BehindLine};
pub use collection::{
    cei, customer_delays, paid_lateness, recovery, written_off, Cei, PaidLateness, Recovery, WrittenOff,
};
pub use disputed::{disputed, DisputeSpan, Disputed};
pub use dso::{dso_countback, dso_simple, dso_trend, month_ends, Countback, DsoPoint};
pub use forecast::{forecast, Forecast, ForecastWeek, PlanInstallmentLeft};

/// Defaults of the dashboard: DSO over the last 90 days, periods of 90
/// days for the collection figures, 12 month ends, 12 weeks, top 10.
pub const DEFAULT_PERIOD_DAYS: u32 = 90;
pub const TREND_MONTHS: usize = 12;
pub const FORECAST_WEEKS: usize = 12;
pub const TOP_CUSTOMERS: usize = 10;
/// The countback walk stops after this many months (3 years of sales).
pub const COUNTBACK_MAX_MONTHS: u32 = 36;

/// One invoice as the KPIs see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KpiInvoice {
    pub id: InvoiceId,
    pub customer: CustomerId,
    pub issue_date: NaiveDate,
    pub due_date: NaiveDate,
    pub total: Money,
    /// Payments and credit notes allocated to it, each with its date.
    pub settlements: Vec<(NaiveDate, Money)>,
    /// Amounts written off, each with its date.
    pub write_offs: Vec<(NaiveDate, Money)>,
}

/// An invoice without its settlements and write-offs (see [`KpiRows`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KpiHead {
    pub id: InvoiceId,
    pub customer: CustomerId,
    pub issue_date: NaiveDate,
    pub due_date: NaiveDate,
    pub total: Money,
}

/// A dated amount (a settlement or a write-off) of the invoice at position
/// `invoice` in [`KpiRows::invoices`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KpiEntry {
    pub invoice: u32,
    pub date: NaiveDate,
    pub amount: Money,
}

/// The same books as a list of [`KpiInvoice`]s, flat: the invoices, then
/// every settlement and every write-off in one list each, naming its invoice
/// by position. Why: the dashboard reads 100,000 invoices; a `Vec` per
/// invoice is 100,000 allocations to make, follow and free, which cost more
/// than the figures themselves. An entry naming no invoice is ignored.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KpiRows {
    pub invoices: Vec<KpiHead>,
    /// In any order; an invoice's settlements are applied by date (equal
    /// dates in this order).
    pub settlements: Vec<KpiEntry>,
    pub write_offs: Vec<KpiEntry>,
}

impl KpiRows {
    /// The flat form of `invoices` (entries in the invoices' order).
    pub fn from_invoices(invoices: &[KpiInvoice]) -> KpiRows {
        let mut rows = KpiRows { invoices: Vec::with_capacity(invoices.len()), ..KpiRows::default() };
        for (k, i) in invoices.iter().enumerate() {
            let k = u32::try_from(k).unwrap_or(u32::MAX);
            rows.invoices.push(KpiHead {
                id: i.id,
                customer: i.customer,
                issue_date: i.issue_date,
                due_date: i.due_date,
                total: i.total,
            });
            let entry = |(date, amount): &(NaiveDate, Money)| KpiEntry { invoice: k, date: *date, amount: *amount };
            rows.settlements.extend(i.settlements.iter().map(entry));
            rows.write_offs.extend(i.write_offs.iter().map(entry));
        }
        rows
    }

    /// One [`KpiInvoice`] per invoice, each with its entries in the order
    /// of the lists.
    pub fn to_invoices(&self) -> Vec<KpiInvoice> {
        let mut out: Vec<KpiInvoice> = self
            .invoices
            .iter()
            .map(|h| KpiInvoice {
                id: h.id,
                customer: h.customer,
                issue_date: h.issue_date,
                due_date: h.due_date,
                total: h.total,
                settlements: Vec::new(),
                write_offs: Vec::new(),
            })
            .collect();
        for e in &self.settlements {
            if let Some(i) = out.get_mut(e.invoice as usize) {
                i.settlements.push((e.date, e.amount));
            }
        }
        for e in &self.write_offs {
            if let Some(i) = out.get_mut(e.invoice as usize) {
                i.write_offs.push((e.date, e.amount));
            }
        }
        out
    }
}

/// The cents of an amount: its mantissa when it holds exactly two decimals
/// (every `Money` constructor makes it so), read without arithmetic; else
/// `Money::cents`.
pub(crate) fn cents(m: Money) -> i64 {
    let d = m.amount();
    if d.scale() == 2 {
        if let Ok(c) = i64::try_from(d.mantissa()) {
            return c;
        }
    }
    m.cents()
}

/// An invoice of a [`Book`], in integer cents. Small and without a heap
/// part (its settlements and write-offs are ranges of the book's two flat
/// lists): every figure scans 100,000 of them, so their size is what a scan
/// costs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Row {
    pub id: InvoiceId,
    pub customer: CustomerId,
    /// Its customer's position in `Book::customers`: the per-customer
    /// figures add into vectors, not hash maps (hashing 100,000 ids for each
    /// figure cost more than the figure).
    pub slot: u32,
    pub total: i64,
    pub issue: NaiveDate,
    pub due: NaiveDate,
    /// The day the settlements reached the total, if they did.
    pub paid_on: Option<NaiveDate>,
    /// Its settlements: `Book::settlements[settled.0..settled.1]`, by date.
    settled: (u32, u32),
    /// Its write-offs: `Book::write_offs[written.0..written.1]`, by date.
    written: (u32, u32),
}

impl Row {
    /// Days past due at `d` (0 on the due date and before).
    pub fn days_late_at(&self, d: NaiveDate) -> i64 {
        (d - self.due).num_days().max(0)
    }
}

/// One invoice alone, as the tests ask about it: a book of one.
#[cfg(test)]
#[derive(Debug, Clone)]
pub(crate) struct Item {
    book: Book,
    /// The day the settlements reached the total, if they did.
    pub paid_on: Option<NaiveDate>,
}

#[cfg(test)]
impl Item {
    pub(crate) fn new(i: &KpiInvoice) -> Item {
        let book = Book::new(std::slice::from_ref(i));
        let paid_on = book.rows.first().and_then(|r| r.paid_on);
        Item { book, paid_on }
    }

    fn row(&self) -> Option<&Row> {
        self.book.rows.first()
    }

    /// What is still expected of it at the end of day `d` ([`Book::open_at`]).
    pub fn open_at(&self, d: NaiveDate) -> i64 {
        self.row().map_or(0, |r| self.book.open_at(r, d))
    }
}

/// `entries` grouped by invoice (`n` invoices) in one flat list, by date
/// within each invoice, and where each invoice's part starts (`n + 1`
/// offsets): a counting sort, two passes, no allocation per invoice. The
/// sort by date is stable: equal dates keep the order of `entries`.
fn group(n: usize, entries: &[KpiEntry]) -> (Vec<(NaiveDate, i64)>, Vec<u32>) {
    let mut start = vec![0u32; n + 1];
    for e in entries {
        let k = e.invoice as usize;
        if k < n {
            start[k + 1] += 1;
        }
    }
    for k in 0..n {
        start[k + 1] += start[k];
    }
    let mut next = start.clone();
    let mut out = vec![(NaiveDate::MIN, 0i64); start[n] as usize];
    for e in entries {
        let k = e.invoice as usize;
        if k < n {
            out[next[k] as usize] = (e.date, cents(e.amount));
            next[k] += 1;
        }
    }
    for k in 0..n {
        let part = &mut out[start[k] as usize..start[k + 1] as usize];
        if part.len() > 1 {
            part.sort_by_key(|(d, _)| *d);
        }
    }
    (out, start)
}

/// Each invoice's customer slot (see [`Row::slot`]) and the customers by
/// slot, in order of first appearance. Customer ids are row ids, dense
/// as a rule: then a vector indexed by id finds the slot, else a map.
fn slots(invoices: &[KpiHead]) -> (Vec<u32>, Vec<CustomerId>) {
    let mut customers = Vec::new();
    let mut slot_of = |seen: &mut u32, c: CustomerId| -> u32 {
        if *seen == u32::MAX {
            *seen = u32::try_from(customers.len()).unwrap_or(u32::MAX);
            customers.push(c);
        }
        *seen
    };
    let max = invoices.iter().map(|h| h.customer.0).max().unwrap_or(0);
    let dense = invoices.iter().all(|h| h.customer.0 >= 0)
        && usize::try_from(max).is_ok_and(|m| m <= 2 * invoices.len() + 1024);
    let slots = if dense {
        let mut seen = vec![u32::MAX; usize::try_from(max).unwrap_or(0) + 1];
        invoices.iter().map(|h| slot_of(&mut seen[h.customer.0 as usize], h.customer)).collect()
    } else {
        let mut seen: std::collections::HashMap<CustomerId, u32> = std::collections::HashMap::new();
        invoices.iter().map(|h| slot_of(seen.entry(h.customer).or_insert(u32::MAX), h.customer)).collect()
    };
    (slots, customers)
}

/// The books prepared for the KPIs: built once, read by every formula.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Book {
    pub(crate) rows: Vec<Row>,
    /// The customers by slot ([`Row::slot`]).
    pub(crate) customers: Vec<CustomerId>,
    /// Every invoice's settlements, invoice after invoice (see [`Row`]).
    settlements: Vec<(NaiveDate, i64)>,
    write_offs: Vec<(NaiveDate, i64)>,
    /// Issue dates sorted, with the running sum of the totals up to each
    /// (inclusive): the sales of any period in two binary searches.
    sales_index: Vec<(NaiveDate, i64)>,
}

impl Book {
    pub fn new(invoices: &[KpiInvoice]) -> Book {
        Book::from_rows(&KpiRows::from_invoices(invoices))
    }

    /// The book of the flat rows the store reads.
    pub fn from_rows(rows: &KpiRows) -> Book {
        let n = rows.invoices.len();
        let (settlements, settled_at) = group(n, &rows.settlements);
        let (write_offs, written_at) = group(n, &rows.write_offs);
        let (slots, customers) = slots(&rows.invoices);
        let mut out = Vec::with_capacity(n);
        for (k, h) in rows.invoices.iter().enumerate() {
            let total = cents(h.total);
            let settled = (settled_at[k], settled_at[k + 1]);
            let mut sum = 0i64;
            let mut paid_on = None;
            for (d, c) in &settlements[settled.0 as usize..settled.1 as usize] {
                sum += c;
                if sum >= total {
                    paid_on = Some(*d);
                    break;
                }
            }
            out.push(Row {
                id: h.id,
                customer: h.customer,
                slot: slots[k],
                total,
                issue: h.issue_date,
                due: h.due_date,
                paid_on,
                settled,
                written: (written_at[k], written_at[k + 1]),
            });
        }
        // An unstable sort is enough (and quicker): `sales_through` reads
        // the running sum after a day's last entry, the same in any order.
        let mut sales_index: Vec<(NaiveDate, i64)> = out.iter().map(|r| (r.issue, r.total)).collect();
        sales_index.sort_unstable_by_key(|(d, _)| *d);
        let mut running = 0i64;
        for (_, c) in sales_index.iter_mut() {
            running += *c;
            *c = running;
        }
        Book { rows: out, customers, settlements, write_offs, sales_index }
    }

    /// Settled (payments and credit notes) on or before `d`.
    pub(crate) fn settled_by(&self, r: &Row, d: NaiveDate) -> i64 {
        let part = &self.settlements[r.settled.0 as usize..r.settled.1 as usize];
        part.iter().take_while(|(on, _)| *on <= d).map(|(_, c)| c).sum()
    }

    /// Its write-offs, by date.
    pub(crate) fn write_offs(&self, r: &Row) -> &[(NaiveDate, i64)] {
        &self.write_offs[r.written.0 as usize..r.written.1 as usize]
    }

    /// Written off on or before `d`.
    pub(crate) fn written_off_by(&self, r: &Row, d: NaiveDate) -> i64 {
        self.write_offs(r).iter().take_while(|(on, _)| *on <= d).map(|(_, c)| c).sum()
    }

    /// What is still expected of `r` at the end of day `d`: 0 before it is
    /// issued, then the total less what was settled and written off by `d`.
    pub(crate) fn open_at(&self, r: &Row, d: NaiveDate) -> i64 {
        if r.issue > d || r.paid_on.is_some_and(|p| p <= d) {
            return 0;
        }
        (r.total - self.settled_by(r, d) - self.written_off_by(r, d)).max(0)
    }

    /// Sales issued on or before `d` (cents).
    fn sales_through(&self, d: NaiveDate) -> i64 {
        let n = self.sales_index.partition_point(|(on, _)| *on <= d);
        if n == 0 {
            0
        } else {
            self.sales_index[n - 1].1
        }
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Total receivables at the end of day `d` (cents).
    pub(crate) fn receivables_cents(&self, d: NaiveDate) -> i64 {
        self.rows.iter().map(|r| self.open_at(r, d)).sum()
    }

    /// Total receivables at the end of each of `dates` (cents), in one pass.
    pub(crate) fn receivables_many(&self, dates: &[NaiveDate]) -> Vec<i64> {
        let mut out = vec![0i64; dates.len()];
        let (Some(first), Some(last)) = (dates.iter().min(), dates.iter().max()) else { return out };
        for r in &self.rows {
            // Paid by the first date or issued after the last: 0 at every
            // date (most invoices of a long history; skipped for speed).
            if r.paid_on.is_some_and(|p| p <= *first) || r.issue > *last {
                continue;
            }
            for (sum, d) in out.iter_mut().zip(dates) {
                *sum += self.open_at(r, *d);
            }
        }
        out
    }

    /// Total receivables at the end of day `d`.
    pub fn receivables(&self, d: NaiveDate) -> Money {
        Money::from_cents(self.receivables_cents(d))
    }

    /// Credit sales in `(from, to]`: the totals of the invoices issued then (cents).
    pub(crate) fn sales_cents(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        if to <= from {
            return 0;
        }
        self.sales_through(to) - self.sales_through(from)
    }

    /// Credit sales in `(from, to]`.
    pub fn sales(&self, from: NaiveDate, to: NaiveDate) -> Money {
        Money::from_cents(self.sales_cents(from, to))
    }
}

/// `num / den` rounded to one decimal, half away from zero, exactly (integer
/// division); `None` when `den` is not positive.
pub fn round_ratio(num: i128, den: i128) -> Option<Decimal> {
    if den <= 0 {
        return None;
    }
    let n10 = num.checked_mul(10)?;
    let q = if n10 >= 0 { (2 * n10 + den) / (2 * den) } else { -((-2 * n10 + den) / (2 * den)) };
    Decimal::try_from_i128_with_scale(q, 1).ok()
}

/// `num / den × 100` rounded to one decimal (a percentage).
pub fn percent(num: i128, den: i128) -> Option<Decimal> {
    round_ratio(num.checked_mul(100)?, den)
}

/// `d` minus `days` days (saturating at chrono's limits).
pub(crate) fn days_before(d: NaiveDate, days: u32) -> NaiveDate {
    d.checked_sub_days(chrono::Days::new(u64::from(days))).unwrap_or(NaiveDate::MIN)
}

/// The last day of `d`'s month.
pub(crate) fn month_end(d: NaiveDate) -> NaiveDate {
    let first_next = if d.month() == 12 {
        NaiveDate::from_ymd_opt(d.year() + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(d.year(), d.month() + 1, 1)
    };
    first_next.and_then(|f| f.pred_opt()).unwrap_or(d)
}

/// Which invoices are behind a figure, so that a screen can list them. All
/// conditions hold together; `None` means no condition. Dates are inclusive.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Drill {
    /// Open at the as-of date (something still expected).
    pub open: bool,
    /// Past due at the as-of date and open.
    pub overdue: bool,
    pub customer: Option<CustomerId>,
    pub due_from: Option<NaiveDate>,
    pub due_to: Option<NaiveDate>,
    pub issued_from: Option<NaiveDate>,
    pub issued_to: Option<NaiveDate>,
    /// Fully paid between these dates.
    pub paid_from: Option<NaiveDate>,
    pub paid_to: Option<NaiveDate>,
    /// With a write-off recorded between these dates.
    pub written_off_from: Option<NaiveDate>,
    pub written_off_to: Option<NaiveDate>,
    /// With a dispute opened on or before the as-of date (see [`behind`],
    /// which is given the disputes; `matches` knows none).
    pub disputed: bool,
}

impl Drill {
    /// Whether `i` is behind the figure at `as_of` (the tests check each
    /// figure against the invoices its drill lists).
    pub fn matches(&self, i: &KpiInvoice, as_of: NaiveDate) -> bool {
        let book = Book::new(std::slice::from_ref(i));
        book.rows.first().is_some_and(|row| self.matches_row(&book, row, as_of, false))
    }

    /// Whether `row` of `book` is behind the figure at `as_of`; `disputed`:
    /// whether the invoice had a dispute opened by then.
    pub(crate) fn matches_row(&self, book: &Book, item: &Row, as_of: NaiveDate, disputed: bool) -> bool {
        let open = book.open_at(item, as_of) > 0;
        let within = |d: NaiveDate, from: Option<NaiveDate>, to: Option<NaiveDate>| {
            from.is_none_or(|f| d >= f) && to.is_none_or(|t| d <= t)
        };
        (!self.disputed || disputed)
            && (!self.open || open)
            && (!self.overdue || (open && item.due < as_of))
            && self.customer.is_none_or(|c| c == item.customer)
            && within(item.due, self.due_from, self.due_to)
            && within(item.issue, self.issued_from, self.issued_to)
            && (self.paid_from.is_none() && self.paid_to.is_none()
                || item.paid_on.is_some_and(|p| within(p, self.paid_from, self.paid_to)))
            && (self.written_off_from.is_none() && self.written_off_to.is_none()
                || book.write_offs(item).iter().any(|(d, _)| within(*d, self.written_off_from, self.written_off_to)))
    }
}

/// Every figure of the dashboard at a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kpis {
    pub as_of: NaiveDate,
    /// The period of the period figures: `(from, as_of]`, `period_days` long.
    pub from: NaiveDate,
    pub period_days: u32,
    pub aged: AgedBalance,
    pub dso_simple: Option<Decimal>,
    pub dso_countback: Countback,
    pub dso_trend: Vec<DsoPoint>,
    /// Credit sales of the period (the DSO's denominator).
    pub sales: Money,
    pub paid: PaidLateness,
    pub cei: Cei,
    pub recovery: Recovery,
    pub written_off: WrittenOff,
    pub top_overdue: Vec<CustomerOverdue>,
    pub forecast: Forecast,
}

/// The dashboard's figures at `as_of` over a period of `period_days` days.
pub fn compute(
    book: &Book,
    as_of: NaiveDate,
    period_days: u32,
    in_plans: &std::collections::HashSet<InvoiceId>,
    installments: &[PlanInstallmentLeft],
) -> Kpis {
    let from = days_before(as_of, period_days);
    let delays = collection::delays_by_slot(book, as_of);
    // The receivables at every date asked, in one pass: the month ends of
    // the trend, then the period's start.
    let mut dates = month_ends(as_of, TREND_MONTHS);
    let ends = dates.len();
    dates.push(from);
    let receivables = book.receivables_many(&dates);
    let aged = aged_balance(book, as_of);
    let now = aged.total.cents();
    Kpis {
        as_of,
        from,
        period_days,
        dso_simple: dso::simple_of(book, now, as_of, period_days),
        dso_countback: dso::countback_of(book, now, as_of),
        dso_trend: dso::trend_of(book, &dates[..ends], &receivables[..ends], period_days),
        aged,
        sales: book.sales(from, as_of),
        paid: paid_lateness(book, from, as_of),
        cei: collection::cei_of(book, from, as_of, receivables[ends]),
        recovery: recovery(book, from, as_of),
        written_off: written_off(book, from, as_of),
        top_overdue: top_overdue_customers(book, as_of, TOP_CUSTOMERS),
        forecast: forecast::forecast_by_slot(book, as_of, FORECAST_WEEKS, &delays, in_plans, installments),
    }
}

/// The invoices behind the overdue amount at `as_of`.
pub fn overdue_drill() -> Drill {
    Drill { overdue: true, ..Drill::default() }
}

/// The invoices behind the receivables at `as_of`.
pub fn open_drill() -> Drill {
    Drill { open: true, ..Drill::default() }
}

/// The invoices behind the credit sales of `(from, to]`.
pub fn sales_drill(from: NaiveDate, to: NaiveDate) -> Drill {
    Drill { issued_from: from.succ_opt(), issued_to: Some(to), ..Drill::default() }
}
