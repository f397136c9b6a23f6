//! The store on a real SQLite file: schema guarantees, search, paging, and
//! the SQL status filters agreeing with the domain's status rule.

use chrono::{DateTime, Days, NaiveDate, Utc};
use relance_domain::allocation::AllocationLine;
use relance_domain::customer::{CustomerData, CustomerKind};
use relance_domain::ids::{CustomerId, InvoiceId};
use relance_domain::invoice::InvoiceData;
use relance_domain::payment::PaymentMethod;
use relance_domain::status::InvoiceStatus;
use relance_domain::{Currency, Money};
use relance_store::customers::{CustomerQuery, CustomerSort};
use relance_store::invoices::{InvoiceQuery, InvoiceSort, StatusFilter};
use relance_store::payments::Receipt;
use relance_store::{Page, Store};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn now() -> DateTime<Utc> {
    d("2026-03-01").and_hms_opt(9, 0, 0).unwrap().and_utc()
}

fn customer(name: &str) -> CustomerData {
    CustomerData {
        kind: CustomerKind::Business,
        name: name.into(),
        siren: None,
        siret: None,
        vat_number: None,
        contact_name: None,
        email: None,
        phone: None,
        address: Default::default(),
        terms: None,
        credit_limit: None,
        notes: None,
    }
}

fn invoice(number: &str, issue: NaiveDate, due: NaiveDate, cents: i64) -> InvoiceData {
    InvoiceData {
        number: number.into(),
        issue_date: issue,
        due_date: due,
        due_date_set_by_hand: false,
        amount_excl_tax: Money::from_cents(cents),
        tax_amount: Money::ZERO,
        total: Money::from_cents(cents),
    }
}

fn pay(store: &mut Store, c: CustomerId, inv: InvoiceId, cents: i64) -> relance_store::Result<()> {
    store.write(|tx| {
        let receipt = Receipt::Payment { method: PaymentMethod::Cash, reference: None };
        let p = relance_store::payments::insert(
            tx,
            c,
            d("2026-03-01"),
            Money::from_cents(cents),
            Currency::EUR,
            &receipt,
            now(),
        )?;
        relance_store::payments::allocate(tx, p, &AllocationLine { invoice: inv, amount: Money::from_cents(cents) })
    })
}

#[test]
fn the_file_itself_refuses_over_settlement_and_keeps_the_cache_exact() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("db.sqlite3")).unwrap();
    let (c, inv) = store
        .write(|tx| {
            let c = relance_store::customers::insert(tx, &customer("A"), now())?;
            let i = relance_store::invoices::insert(
                tx,
                c,
                &invoice("F1", d("2026-01-01"), d("2026-01-31"), 10_000),
                Currency::EUR,
                now(),
            )?;
            Ok::<_, relance_store::StoreError>((c, i))
        })
        .unwrap();
    pay(&mut store, c, inv, 6_000).unwrap();
    assert!(pay(&mut store, c, inv, 5_000).is_err(), "the CHECK on settled_cents must refuse 110 %");
    // The failed transaction left nothing behind.
    let payments: i64 = store.conn().query_row("SELECT COUNT(*) FROM payments", [], |r| r.get(0)).unwrap();
    assert_eq!(payments, 1);
    pay(&mut store, c, inv, 4_000).unwrap();
    let got = relance_store::invoices::get(store.conn(), inv).unwrap().unwrap();
    assert_eq!(got.settled, Money::from_cents(10_000));
    assert!(store.check_invariants().unwrap().is_empty());
}

#[test]
fn search_ignores_case_and_accents_and_pages_in_order() {
    let mut store = Store::open_in_memory().unwrap();
    store
        .write(|tx| {
            for name in ["Éléonore Dupré", "Boulangerie Lefèvre", "Café des Halles", "cafe du Port", "100% Bio_Shop"]
            {
                relance_store::customers::insert(tx, &customer(name), now())?;
            }
            Ok::<_, relance_store::StoreError>(())
        })
        .unwrap();
    let q = |search: &str, index: u32, size: u32| CustomerQuery {
        search: search.into(),
        include_archived: false,
        sort: CustomerSort::Name,
        descending: false,
        page: Page { size, index },
    };
    let names = |search: &str, index: u32, size: u32| -> Vec<String> {
        relance_store::customers::list(store.conn(), &q(search, index, size), d("2026-03-01"))
            .unwrap()
            .rows
            .into_iter()
            .map(|r| r.name)
            .collect()
    };
    assert_eq!(names("CAFÉ", 0, 50), ["Café des Halles", "cafe du Port"]);
    assert_eq!(names("eleonore", 0, 50), ["Éléonore Dupré"]);
    assert_eq!(names("%", 0, 50), ["100% Bio_Shop"], "a typed % is a literal");
    assert_eq!(
        names("s_h", 0, 50),
        Vec::<String>::new(),
        "a typed _ is a literal (else it would match \"des halles\")"
    );
    assert_eq!(names("o_sh", 0, 50), ["100% Bio_Shop"]);
    let all = names("", 0, 50);
    assert_eq!(all.len(), 5);
    assert_eq!(names("", 1, 2), all[2..4].to_vec());
}

#[test]
fn sql_status_filters_agree_with_the_domain_rule() {
    let mut store = Store::open_in_memory().unwrap();
    let as_of = d("2026-03-15");
    // Invoices around the due-date boundary, with nothing, part or all paid, and cancelled.
    let mut expected: Vec<(String, InvoiceStatus)> = Vec::new();
    let c = store.write(|tx| relance_store::customers::insert(tx, &customer("A"), now())).unwrap();
    let mut n = 0;
    for due_offset in [-40i64, -1, 0, 1, 30] {
        for paid in [0i64, 3_000, 10_000] {
            for cancelled in [false, true] {
                if cancelled && paid > 0 {
                    continue;
                }
                n += 1;
                let due = if due_offset < 0 {
                    as_of.checked_sub_days(Days::new(due_offset.unsigned_abs())).unwrap()
                } else {
                    as_of.checked_add_days(Days::new(due_offset as u64)).unwrap()
                };
                let number = format!("F{n:03}");
                let data = invoice(&number, d("2026-01-01"), due, 10_000);
                let inv =
                    store.write(|tx| relance_store::invoices::insert(tx, c, &data, Currency::EUR, now())).unwrap();
                if paid > 0 {
                    pay(&mut store, c, inv, paid).unwrap();
                }
                if cancelled {
                    store.write(|tx| relance_store::invoices::cancel(tx, inv, None, now())).unwrap();
                }
                let facts = relance_store::invoices::get(store.conn(), inv).unwrap().unwrap().facts();
                expected.push((number, facts.status(as_of)));
            }
        }
    }
    let filters = [
        (StatusFilter::Open, "open"),
        (StatusFilter::PartiallyPaid, "partially_paid"),
        (StatusFilter::Overdue, "overdue"),
        (StatusFilter::Paid, "paid"),
        (StatusFilter::Cancelled, "cancelled"),
    ];
    for (filter, code) in filters {
        let q = InvoiceQuery {
            status: filter,
            customer: None,
            due_from: None,
            due_to: None,
            search: String::new(),
            sort: InvoiceSort::Number,
            descending: false,
            page: Page { size: 200, index: 0 },
        };
        let got: Vec<String> = relance_store::invoices::list(store.conn(), &q, as_of)
            .unwrap()
            .rows
            .into_iter()
            .map(|i| i.data.number)
            .collect();
        let want: Vec<String> = expected.iter().filter(|(_, s)| s.code() == code).map(|(n, _)| n.clone()).collect();
        assert_eq!(got, want, "filter {code}");
        assert!(!want.is_empty(), "the table covers {code}");
    }
}

#[test]
fn today_lists_the_oldest_few_invoices_of_a_customer_and_counts_them_all() {
    let mut store = Store::open_in_memory().unwrap();
    let as_of = d("2026-03-15");
    store
        .write(|tx| {
            let c = relance_store::customers::insert(tx, &customer("A"), now())?;
            for k in 0..8u64 {
                let due = d("2026-01-01").checked_add_days(Days::new(k * 7)).unwrap();
                let data = invoice(&format!("F{k}"), d("2026-01-01"), due, 1_000);
                relance_store::invoices::insert(tx, c, &data, Currency::EUR, now())?;
            }
            Ok::<_, relance_store::StoreError>(())
        })
        .unwrap();
    let horizon = d("2026-03-22");
    let t = relance_store::today::today(store.conn(), as_of, horizon, Page { size: 20, index: 0 }).unwrap();
    let g = &t.groups[0];
    assert_eq!(g.invoice_count, 8);
    let shown: Vec<&str> = g.invoices.iter().map(|i| i.number.as_str()).collect();
    assert_eq!(shown, ["F0", "F1", "F2", "F3", "F4"]);
    assert_eq!(g.overdue, Money::from_cents(8_000), "the amounts cover every invoice, not only those listed");
}
