//! What a use case may reach: the database and the clock. Nothing else.

use chrono::{DateTime, Local, NaiveDate, Utc};
use relance_store::Store;

pub trait Clock: Send {
    /// Today's date where the user is: the business date of every action.
    fn today(&self) -> NaiveDate;
    /// The instant, for the activity log.
    fn now(&self) -> DateTime<Utc>;
}

/// The computer's clock and time zone.
pub struct SystemClock;

impl Clock for SystemClock {
    fn today(&self) -> NaiveDate {
        Local::now().date_naive()
    }
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock stopped at a date, for tests, the CLI's `--as-of` and demos.
pub struct FixedClock(pub NaiveDate);

impl Clock for FixedClock {
    fn today(&self) -> NaiveDate {
        self.0
    }
    fn now(&self) -> DateTime<Utc> {
        self.0.and_hms_opt(9, 0, 0).unwrap_or_default().and_utc()
    }
}

/// The context every use case takes.
pub trait Context {
    fn store(&self) -> &Store;
    fn store_mut(&mut self) -> &mut Store;
    fn clock(&self) -> &dyn Clock;
}

/// A store and a clock: what the shells and the tests use.
pub struct LocalContext {
    pub store: Store,
    pub clock: Box<dyn Clock>,
}

impl LocalContext {
    pub fn new(store: Store, clock: Box<dyn Clock>) -> Self {
        Self { store, clock }
    }
}

impl Context for LocalContext {
    fn store(&self) -> &Store {
        &self.store
    }
    fn store_mut(&mut self) -> &mut Store {
        &mut self.store
    }
    fn clock(&self) -> &dyn Clock {
        self.clock.as_ref()
    }
}
