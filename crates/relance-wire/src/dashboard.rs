//! The receivables dashboard on the wire (and the CLI's `report --json`):
//! amounts and ratios as decimal strings, dates as ISO strings, and for
//! each figure the filter that lists the invoices behind it.

use chrono::NaiveDate;
use relance_app::dashboard::{Behind, Dashboard};
use relance_domain::dates::parse_date;
use relance_domain::ids::CustomerId;
use relance_domain::kpis::{self, Bucket, Drill};
use relance_domain::validation::{Field, Validation};
use relance_domain::Money;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn money(m: Money) -> String {
    m.to_string()
}

/// A ratio (a `Decimal` with one decimal) as its decimal string.
fn ratio<D: ToString>(r: Option<D>) -> Option<String> {
    r.map(|d| d.to_string())
}

/// Which invoices are behind a figure: every condition holds together
/// (dates inclusive, ISO); `open`/`overdue` are judged at the dashboard's
/// date.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DrillView {
    pub open: bool,
    pub overdue: bool,
    pub customer_id: Option<i64>,
    pub due_from: Option<String>,
    pub due_to: Option<String>,
    pub issued_from: Option<String>,
    pub issued_to: Option<String>,
    pub paid_from: Option<String>,
    pub paid_to: Option<String>,
    pub written_off_from: Option<String>,
    pub written_off_to: Option<String>,
    /// With a dispute opened by the date.
    pub disputed: bool,
}

impl From<&Drill> for DrillView {
    fn from(d: &Drill) -> Self {
        DrillView {
            open: d.open,
            overdue: d.overdue,
            customer_id: d.customer.map(|c| c.0),
            due_from: d.due_from.map(iso),
            due_to: d.due_to.map(iso),
            issued_from: d.issued_from.map(iso),
            issued_to: d.issued_to.map(iso),
            paid_from: d.paid_from.map(iso),
            paid_to: d.paid_to.map(iso),
            written_off_from: d.written_off_from.map(iso),
            written_off_to: d.written_off_to.map(iso),
            disputed: d.disputed,
        }
    }
}

impl DrillView {
    /// The filter back from the screen that received it (`list behind a
    /// figure`); a date that is not ISO is refused, never guessed.
    pub fn to_drill(&self) -> Result<Drill, Validation> {
        let date = |d: &Option<String>| -> Result<Option<NaiveDate>, Validation> {
            d.as_deref().map(|raw| parse_date(Field::AsOf, raw).map_err(|i| Validation { issues: vec![i] })).transpose()
        };
        Ok(Drill {
            open: self.open,
            overdue: self.overdue,
            customer: self.customer_id.map(CustomerId),
            due_from: date(&self.due_from)?,
            due_to: date(&self.due_to)?,
            issued_from: date(&self.issued_from)?,
            issued_to: date(&self.issued_to)?,
            paid_from: date(&self.paid_from)?,
            paid_to: date(&self.paid_to)?,
            written_off_from: date(&self.written_off_from)?,
            written_off_to: date(&self.written_off_to)?,
            disputed: self.disputed,
        })
    }
}

/// One invoice behind a figure, as it stood at the list's date.
#[derive(Debug, Clone, Serialize, TS)]
pub struct BehindLineView {
    pub invoice_id: i64,
    pub number: String,
    pub customer_id: i64,
    pub customer_name: String,
    pub issue_date: String,
    pub due_date: String,
    pub total: String,
    /// Still expected at the list's date.
    pub open: String,
    pub paid_on: Option<String>,
    pub days_late: i64,
}

/// The invoices behind a figure at `as_of`: `count` of them adding up to
/// `total` (`open` still expected), the first ones listed.
#[derive(Debug, Clone, Serialize, TS)]
pub struct BehindView {
    pub as_of: String,
    pub count: u32,
    pub total: String,
    pub open: String,
    pub lines: Vec<BehindLineView>,
}

impl From<&Behind> for BehindView {
    fn from(b: &Behind) -> Self {
        BehindView {
            as_of: iso(b.as_of),
            count: u32::try_from(b.count).unwrap_or(u32::MAX),
            total: money(b.total),
            open: money(b.open),
            lines: b
                .lines
                .iter()
                .map(|(l, label)| BehindLineView {
                    invoice_id: l.id.0,
                    number: label.number.clone(),
                    customer_id: l.customer.0,
                    customer_name: label.customer_name.clone(),
                    issue_date: iso(l.issue_date),
                    due_date: iso(l.due_date),
                    total: money(l.total),
                    open: money(l.open),
                    paid_on: l.paid_on.map(iso),
                    days_late: l.days_late,
                })
                .collect(),
        }
    }
}

/// The share disputed: of the period's invoices, those disputed; at the
/// date, what sits on invoices under an open dispute.
#[derive(Debug, Clone, Serialize, TS)]
pub struct DisputedView {
    pub issued: u32,
    pub disputed: u32,
    /// Percent, one decimal.
    pub share: Option<String>,
    pub open_amount: String,
    pub open_invoices: u32,
    /// Percent of the receivables, one decimal.
    pub open_share: Option<String>,
    pub drill: DrillView,
}

/// One column of the aged balance.
#[derive(Debug, Clone, Serialize, TS)]
pub struct AgingBucketView {
    /// `not_due`, `1_30`, `31_60`, `61_90`, `over_90`.
    pub code: String,
    pub amount: String,
    pub invoices: u32,
    pub drill: DrillView,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct DsoPointView {
    pub month_end: String,
    pub receivables: String,
    /// Days, one decimal; none without sales in the period.
    pub simple: Option<String>,
    pub countback: String,
    /// The countback walked 36 months without using up the receivables.
    pub countback_capped: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct PaidLatenessView {
    pub invoices: u32,
    pub paid_late: u32,
    /// Percent, one decimal.
    pub share_late: Option<String>,
    pub amount: String,
    pub average_days_late: Option<String>,
    pub weighted_days_late: Option<String>,
    pub drill: DrillView,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct CeiView {
    pub opening: String,
    pub sales: String,
    pub closing: String,
    pub closing_current: String,
    /// Percent, one decimal.
    pub index: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct RecoveryView {
    pub invoices: u32,
    pub went_overdue: String,
    pub collected: String,
    /// Percent, one decimal.
    pub rate: Option<String>,
    pub drill: DrillView,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct WrittenOffView {
    /// Written off by the date.
    pub total: String,
    pub invoices: u32,
    pub in_period: String,
    /// Percent of the period's sales, one decimal.
    pub ratio_of_sales: Option<String>,
    pub drill: DrillView,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct CustomerOverdueView {
    pub customer_id: i64,
    pub name: String,
    pub overdue: String,
    pub invoices: u32,
    pub max_days_late: i64,
    pub drill: DrillView,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct ForecastWeekView {
    pub start: String,
    pub end: String,
    pub invoices: String,
    pub installments: String,
    pub total: String,
    pub items: u32,
    pub drill: DrillView,
}

/// Every figure of the dashboard at `as_of`; the period figures cover
/// `period_from` (excluded) to `as_of`.
#[derive(Debug, Clone, Serialize, TS)]
pub struct DashboardView {
    pub as_of: String,
    pub period_from: String,
    pub period_days: u32,
    pub invoices_read: u32,
    /// The last day an invoice was issued or settled (ISO), if any.
    pub last_activity: Option<String>,
    pub receivables: String,
    pub receivables_drill: DrillView,
    pub overdue: String,
    pub overdue_drill: DrillView,
    /// Percent of the receivables, one decimal.
    pub overdue_share: Option<String>,
    /// Amount-weighted days past due of the overdue invoices.
    pub overdue_weighted_days_late: Option<String>,
    pub aging: Vec<AgingBucketView>,
    /// Credit sales of the period.
    pub sales: String,
    pub sales_drill: DrillView,
    pub dso_simple: Option<String>,
    pub dso_countback: String,
    pub dso_countback_capped: bool,
    /// The last 12 month ends, oldest first.
    pub dso_trend: Vec<DsoPointView>,
    pub paid: PaidLatenessView,
    pub cei: CeiView,
    pub recovery: RecoveryView,
    pub written_off: WrittenOffView,
    pub disputed: DisputedView,
    pub top_overdue: Vec<CustomerOverdueView>,
    /// 12 weeks from `as_of`.
    pub forecast: Vec<ForecastWeekView>,
    pub forecast_later: String,
}

impl From<&Dashboard> for DashboardView {
    fn from(d: &Dashboard) -> Self {
        let k = &d.kpis;
        let as_of = k.as_of;
        DashboardView {
            as_of: iso(as_of),
            period_from: iso(k.from),
            period_days: k.period_days,
            invoices_read: u32::try_from(d.invoices).unwrap_or(u32::MAX),
            last_activity: d.last_activity.map(iso),
            receivables: money(k.aged.total),
            receivables_drill: (&kpis::open_drill()).into(),
            overdue: money(k.aged.overdue),
            overdue_drill: (&kpis::overdue_drill()).into(),
            overdue_share: ratio(k.aged.overdue_share),
            overdue_weighted_days_late: ratio(k.aged.overdue_weighted_days_late),
            aging: Bucket::ALL
                .iter()
                .map(|b| {
                    let (amount, invoices) = k.aged.bucket(*b);
                    AgingBucketView {
                        code: b.code().to_string(),
                        amount: money(amount),
                        invoices,
                        drill: (&b.drill(as_of)).into(),
                    }
                })
                .collect(),
            sales: money(k.sales),
            sales_drill: (&kpis::sales_drill(k.from, as_of)).into(),
            dso_simple: ratio(k.dso_simple),
            dso_countback: k.dso_countback.days.to_string(),
            dso_countback_capped: k.dso_countback.capped,
            dso_trend: k
                .dso_trend
                .iter()
                .map(|p| DsoPointView {
                    month_end: iso(p.month_end),
                    receivables: money(p.receivables),
                    simple: ratio(p.simple),
                    countback: p.countback.days.to_string(),
                    countback_capped: p.countback.capped,
                })
                .collect(),
            paid: PaidLatenessView {
                invoices: k.paid.paid,
                paid_late: k.paid.paid_late,
                share_late: ratio(k.paid.share_late),
                amount: money(k.paid.amount),
                average_days_late: ratio(k.paid.average_days_late),
                weighted_days_late: ratio(k.paid.weighted_days_late),
                drill: (&k.paid.drill()).into(),
            },
            cei: CeiView {
                opening: money(k.cei.opening),
                sales: money(k.cei.sales),
                closing: money(k.cei.closing),
                closing_current: money(k.cei.closing_current),
                index: ratio(k.cei.index),
            },
            recovery: RecoveryView {
                invoices: k.recovery.invoices,
                went_overdue: money(k.recovery.went_overdue),
                collected: money(k.recovery.collected),
                rate: ratio(k.recovery.rate),
                drill: (&k.recovery.drill()).into(),
            },
            written_off: WrittenOffView {
                total: money(k.written_off.total),
                invoices: k.written_off.invoices,
                in_period: money(k.written_off.in_period),
                ratio_of_sales: ratio(k.written_off.ratio_of_sales),
                drill: (&k.written_off.drill()).into(),
            },
            disputed: DisputedView {
                issued: d.disputed.issued,
                disputed: d.disputed.disputed,
                share: ratio(d.disputed.share),
                open_amount: money(d.disputed.open_amount),
                open_invoices: d.disputed.open_invoices,
                open_share: ratio(d.disputed.open_share),
                drill: (&d.disputed.drill()).into(),
            },
            top_overdue: k
                .top_overdue
                .iter()
                .map(|c| CustomerOverdueView {
                    customer_id: c.customer.0,
                    name: d.name(c.customer).to_string(),
                    overdue: money(c.overdue),
                    invoices: c.invoices,
                    max_days_late: c.max_days_late,
                    drill: (&c.drill()).into(),
                })
                .collect(),
            forecast: k
                .forecast
                .weeks
                .iter()
                .map(|w| ForecastWeekView {
                    start: iso(w.start),
                    end: iso(w.end),
                    invoices: money(w.invoices),
                    installments: money(w.installments),
                    total: money(w.total),
                    items: w.items,
                    drill: (&w.drill()).into(),
                })
                .collect(),
            forecast_later: money(k.forecast.later),
        }
    }
}

/// `relance report aging --json`: the aged balance alone.
#[derive(Debug, Clone, Serialize, TS)]
pub struct AgingReportView {
    pub as_of: String,
    pub receivables: String,
    pub overdue: String,
    pub overdue_share: Option<String>,
    pub aging: Vec<AgingBucketView>,
}

/// `relance report dso --json`: the DSO and its trend.
#[derive(Debug, Clone, Serialize, TS)]
pub struct DsoReportView {
    pub as_of: String,
    pub period_days: u32,
    pub receivables: String,
    pub sales: String,
    pub dso_simple: Option<String>,
    pub dso_countback: String,
    pub dso_countback_capped: bool,
    pub dso_trend: Vec<DsoPointView>,
}

impl From<&DashboardView> for AgingReportView {
    fn from(d: &DashboardView) -> Self {
        AgingReportView {
            as_of: d.as_of.clone(),
            receivables: d.receivables.clone(),
            overdue: d.overdue.clone(),
            overdue_share: d.overdue_share.clone(),
            aging: d.aging.clone(),
        }
    }
}

impl From<&DashboardView> for DsoReportView {
    fn from(d: &DashboardView) -> Self {
        DsoReportView {
            as_of: d.as_of.clone(),
            period_days: d.period_days,
            receivables: d.receivables.clone(),
            sales: d.sales.clone(),
            dso_simple: d.dso_simple.clone(),
            dso_countback: d.dso_countback.clone(),
            dso_countback_capped: d.dso_countback_capped,
            dso_trend: d.dso_trend.clone(),
        }
    }
}
