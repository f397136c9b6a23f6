//! The day's agenda, built from the store and computed by the domain.

use std::collections::{BTreeSet, HashMap};
use std::rc::Rc;

use chrono::NaiveDate;
use relance_domain::dunning::{self, Agenda, AgendaCustomer, AgendaInvoice, InvoiceDunning, Policy, Promise};
use relance_domain::ids::{CustomerId, InvoiceId};
use relance_store::dunning::UnpaidInvoice;
use relance_store::Conn;

use crate::policies::Resolver;
use crate::{AppResult, Context};

/// The agenda with the names the front ends print.
#[derive(Debug, Clone)]
pub struct AgendaView {
    pub agenda: Agenda,
    pub customer_names: HashMap<CustomerId, String>,
    pub invoice_numbers: HashMap<InvoiceId, String>,
}

/// What the domain needs, read from the store once.
pub(super) struct Book {
    pub invoices: Vec<(UnpaidInvoice, InvoiceDunning)>,
    pub promises: HashMap<CustomerId, Vec<Promise>>,
    pub policies: HashMap<CustomerId, Rc<Policy>>,
    /// Invoices in a running installment plan, each paused until the day
    /// the plan breaks: the plan's own notices and reminders replace these.
    pub paused: HashMap<InvoiceId, NaiveDate>,
}

impl Book {
    /// Unpaid invoices with their replayed reminder state, and open promises;
    /// `only` restricts both to one customer.
    pub fn load(conn: &Conn, only: Option<CustomerId>, as_of: NaiveDate) -> AppResult<Book> {
        let invoices: Vec<(UnpaidInvoice, InvoiceDunning)> = relance_store::dunning::unpaid_with_history(conn)?
            .into_iter()
            .filter(|(i, _)| only.is_none_or(|c| c == i.customer))
            .map(|(i, history)| (i, InvoiceDunning::replay(&history)))
            .collect();
        let mut promises: HashMap<CustomerId, Vec<Promise>> = HashMap::new();
        for p in relance_store::promises::open(conn, only)? {
            promises.entry(p.data.customer).or_default().push(p);
        }
        let customers: BTreeSet<CustomerId> =
            invoices.iter().map(|(i, _)| i.customer).chain(promises.keys().copied()).collect();
        // The policy choices are read once, then each customer resolved in memory.
        let resolver = Resolver::load(conn, only, as_of)?;
        let policies = customers.iter().map(|c| (*c, resolver.policy_for(*c))).collect();
        let paused = crate::plans::paused_invoices(conn)?;
        Ok(Book { invoices, promises, policies, paused })
    }

    /// Runs the domain's agenda over the book.
    pub fn agenda(&self, as_of: NaiveDate) -> Agenda {
        let mut by_customer: HashMap<CustomerId, Vec<AgendaInvoice<'_>>> = HashMap::new();
        for (i, state) in &self.invoices {
            if self.paused.get(&i.id).is_some_and(|until| as_of < *until) {
                continue;
            }
            let inv = AgendaInvoice { id: i.id, due_date: i.due_date, remaining: i.remaining, state };
            by_customer.entry(i.customer).or_default().push(inv);
        }
        let none: Vec<Promise> = Vec::new();
        let no_invoices: Vec<AgendaInvoice<'_>> = Vec::new();
        let customers: Vec<AgendaCustomer<'_>> = self
            .policies
            .iter()
            .map(|(c, policy)| AgendaCustomer {
                id: *c,
                policy: policy.as_ref(),
                invoices: by_customer.get(c).unwrap_or(&no_invoices),
                promises: self.promises.get(c).unwrap_or(&none),
            })
            .collect();
        dunning::agenda(&customers, as_of)
    }
}

/// Who to chase on `as_of`, how, and for how much. Reads only: a broken
/// promise shows here until the user acts on the customer (see `actions`).
pub fn agenda(ctx: &impl Context, as_of: NaiveDate) -> AppResult<AgendaView> {
    let conn = ctx.store().conn();
    let book = Book::load(conn, None, as_of)?;
    let agenda = book.agenda(as_of);
    let mut customer_names = HashMap::new();
    for c in &agenda.customers {
        if let Some(found) = relance_store::customers::get(conn, c.customer)? {
            customer_names.insert(c.customer, found.data.name);
        }
    }
    let invoice_numbers = book.invoices.iter().map(|(i, _)| (i.id, i.number.clone())).collect();
    Ok(AgendaView { agenda, customer_names, invoice_numbers })
}
