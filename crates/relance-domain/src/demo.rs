//! An example business to try Relance on: a wholesaler of bakery supplies
//! near Lyon, with its customers, invoices and payments over the last months.
//!
//! Pure and deterministic: the same options and `today` give the same book
//! (a ChaCha stream seeded from `DemoOptions::seed`; no hash-map order leaks
//! into the output). Amounts are built as integer cents, never through
//! floating point. Names, streets and cities are invented from common French
//! parts; e-mail addresses use the reserved `.example` top-level domain
//! (RFC 2606) and telephone numbers the ranges ARCEP keeps for fiction, so
//! no reminder written on demo data can reach a real person.

use std::collections::HashSet;

use chrono::{Datelike, Months, NaiveDate, TimeDelta, Weekday};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::company::{Address, AddressInput, CompanyInput};
use crate::customer::{CustomerData, CustomerKind};
use crate::invoice::InvoiceData;
use crate::money::Money;
use crate::payment::PaymentMethod;
use crate::terms::PaymentTerms;

/// The size and seed of the example book.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoOptions {
    pub customers: u32,
    pub invoices: u32,
    /// How far back the first invoices go.
    pub months: u32,
    pub seed: u64,
}

impl Default for DemoOptions {
    fn default() -> Self {
        DemoOptions { customers: 40, invoices: 400, months: 18, seed: 2026 }
    }
}

/// How a customer pays; drives when its invoices are settled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PayerProfile {
    /// Within terms or a few days late.
    Punctual,
    /// 10 to 45 days late.
    Late,
    /// 60 to 150 days late, and some invoices never.
    VeryLate,
    /// Sometimes on time, sometimes very late.
    Erratic,
}

/// A payment of the example book. Invoice indexes point into `DemoBook::invoices`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoPayment {
    pub customer_index: usize,
    pub date: NaiveDate,
    pub amount: Money,
    pub method: PaymentMethod,
    pub reference: Option<String>,
    /// (invoice index, amount applied to it). Their sum may be below
    /// `amount`: the rest stays on the customer's account as a credit.
    pub allocations: Vec<(usize, Money)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoBook {
    pub customers: Vec<CustomerData>,
    /// How each customer pays, parallel to `customers`.
    pub profiles: Vec<PayerProfile>,
    /// (customer index, invoice), in issue-date order, numbered in that order.
    pub invoices: Vec<(usize, InvoiceData)>,
    /// In date order.
    pub payments: Vec<DemoPayment>,
}

/// The demo company's default terms; customers without terms of their own get them.
pub const DEFAULT_TERMS: PaymentTerms = PaymentTerms::Net(30);

/// The demo company. Its identifiers pass the checksums: the SIREN is the
/// textbook Luhn example 123 456 782 (not a real company), the IBAN the
/// textbook French example.
pub fn company() -> CompanyInput {
    CompanyInput {
        name: "Fournil Distribution".into(),
        legal_form: "SARL".into(),
        siren: "123 456 782".into(),
        siret: "123 456 782 00010".into(),
        vat_number: "FR 11 123456782".into(),
        address: AddressInput {
            line1: "18 rue de la Villette".into(),
            line2: String::new(),
            postal_code: "69003".into(),
            city: "Lyon".into(),
            country: "France".into(),
        },
        email: "compta@fournil-distribution.example".into(),
        phone: "04 65 71 20 26".into(),
        iban: "FR76 3000 6000 0112 3456 7890 189".into(),
        bic: "AGRIFRPP".into(),
        currency: "EUR".into(),
        default_terms: DEFAULT_TERMS.code(),
        language: "fr".into(),
    }
}

/// Builds the example book as it stands on `today`: every invoice is issued
/// on or before `today`, every payment dated on or before it.
pub fn generate(opts: &DemoOptions, today: NaiveDate) -> DemoBook {
    let mut rng = ChaCha8Rng::seed_from_u64(opts.seed);
    let buyers: Vec<Buyer> = (0..opts.customers).map(|_| Buyer::draw(&mut rng)).collect();
    let customers = name_customers(&mut rng, &buyers);
    let start = today.checked_sub_months(Months::new(opts.months.min(1200))).unwrap_or(today);
    let plans = plan_invoices(&mut rng, opts.invoices, &buyers, start, today);
    let invoices = number_invoices(&plans, &buyers);
    let payments = settle(&mut rng, &plans, &invoices, &buyers, today);
    DemoBook { customers, profiles: buyers.iter().map(|b| b.profile).collect(), invoices, payments }
}

// ---------------------------------------------------------------------------
// Random helpers (integers only)

fn percent(rng: &mut ChaCha8Rng, p: u32) -> bool {
    rng.random_range(0..100u32) < p
}

fn pick<'a, T>(rng: &mut ChaCha8Rng, items: &'a [T]) -> &'a T {
    &items[rng.random_range(0..items.len())]
}

/// Picks from a table of (weight, value); weights need not add up to 100.
fn weighted<T: Copy>(rng: &mut ChaCha8Rng, table: &[(u32, T)]) -> T {
    let total: u32 = table.iter().map(|(w, _)| w).sum();
    let mut r = rng.random_range(0..total.max(1));
    for (w, v) in table {
        if r < *w {
            return *v;
        }
        r -= w;
    }
    table[table.len() - 1].1
}

fn shift(d: NaiveDate, days: i64) -> NaiveDate {
    TimeDelta::try_days(days).and_then(|t| d.checked_add_signed(t)).unwrap_or(d)
}

fn days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    (to - from).num_days()
}

/// A uniformly drawn date in `[from, to]` (`from` when the range is empty).
fn date_in(rng: &mut ChaCha8Rng, from: NaiveDate, to: NaiveDate) -> NaiveDate {
    let span = days_between(from, to);
    if span <= 0 {
        from
    } else {
        shift(from, rng.random_range(0..=span))
    }
}

/// Invoices are written on working days: a weekend date moves to the
/// nearest weekday inside `[start, today]`.
fn working_day(d: NaiveDate, start: NaiveDate, today: NaiveDate) -> NaiveDate {
    let moved = match d.weekday() {
        Weekday::Sat => shift(d, -1),
        Weekday::Sun => shift(d, 1),
        _ => d,
    };
    if moved > today {
        shift(d, -2)
    } else if moved < start {
        shift(d, 2)
    } else {
        moved
    }
    .clamp(start.min(today), today)
}

// ---------------------------------------------------------------------------
// Customers

/// What the generator knows about a customer beyond its record.
#[derive(Debug, Clone, Copy)]
struct Buyer {
    kind: CustomerKind,
    profile: PayerProfile,
    /// Share of the invoices: big accounts buy far more than a corner café.
    weight: u32,
    terms: Option<PaymentTerms>,
    method: PaymentMethod,
}

impl Buyer {
    fn draw(rng: &mut ChaCha8Rng) -> Buyer {
        let consumer = percent(rng, 15);
        let profile = weighted(
            rng,
            &[
                (50, PayerProfile::Punctual),
                (30, PayerProfile::Late),
                (10, PayerProfile::VeryLate),
                (10, PayerProfile::Erratic),
            ],
        );
        if consumer {
            let method = weighted(
                rng,
                &[
                    (50, PaymentMethod::Card),
                    (25, PaymentMethod::Cheque),
                    (15, PaymentMethod::Cash),
                    (10, PaymentMethod::Transfer),
                ],
            );
            return Buyer {
                kind: CustomerKind::Consumer,
                profile,
                weight: 1,
                terms: Some(PaymentTerms::OnReceipt),
                method,
            };
        }
        let terms = weighted(
            rng,
            &[
                (55, Some(PaymentTerms::Net(30))),
                (10, None),
                (15, Some(PaymentTerms::NetEndOfMonth(45))),
                (12, Some(PaymentTerms::EndOfMonthPlus(10))),
                (8, Some(PaymentTerms::Net(60))),
            ],
        );
        let method = weighted(
            rng,
            &[
                (55, PaymentMethod::Transfer),
                (25, PaymentMethod::Cheque),
                (12, PaymentMethod::DirectDebit),
                (8, PaymentMethod::Card),
            ],
        );
        let weight = weighted(rng, &[(12, 10), (38, 4), (50, 1)]);
        Buyer { kind: CustomerKind::Business, profile, weight, terms, method }
    }

    fn effective_terms(&self) -> PaymentTerms {
        self.terms.unwrap_or(DEFAULT_TERMS)
    }

    fn consumer(&self) -> bool {
        self.kind == CustomerKind::Consumer
    }
}

const TRADES: &[&str] = &[
    "Boulangerie",
    "Boulangerie",
    "Boulangerie",
    "Pâtisserie",
    "Pâtisserie",
    "Boulangerie-Pâtisserie",
    "Café",
    "Brasserie",
    "Restaurant",
    "Hôtel-Restaurant",
    "Épicerie fine",
    "Traiteur",
    "Salon de thé",
    "Chocolaterie",
    "Crêperie",
    "Pizzeria",
    "Biscuiterie",
    "Sandwicherie",
];

const PLACES: &[&str] = &[
    "des Halles",
    "du Marché",
    "de la Gare",
    "du Port",
    "de la Place",
    "du Centre",
    "des Arts",
    "du Théâtre",
    "de la Mairie",
    "du Parc",
    "Saint-Jean",
    "Saint-Paul",
    "de la Croix-Rousse",
    "des Brotteaux",
    "de la Fontaine",
    "du Moulin",
    "des Tilleuls",
    "du Lycée",
];

const FANCY: &[&str] = &[
    "Au Bon Croissant",
    "La Mie Dorée",
    "Le Pétrin d’Antan",
    "Aux Délices du Palais",
    "La Fournée Gourmande",
    "Le Grain de Blé",
    "La Petite Brioche",
    "Au Pain Doré",
    "L’Atelier du Macaron",
    "Le Comptoir Sucré",
    "La Tartine Lyonnaise",
    "Les Saveurs d’Autrefois",
];

const LEGAL_FORMS: &[&str] = &["SARL", "SARL", "SAS", "EURL", "SNC"];

const SURNAMES: &[&str] = &[
    "Martin",
    "Bernard",
    "Dubois",
    "Thomas",
    "Robert",
    "Richard",
    "Petit",
    "Durand",
    "Leroy",
    "Moreau",
    "Simon",
    "Laurent",
    "Lefèvre",
    "Michel",
    "Garcia",
    "David",
    "Bertrand",
    "Roux",
    "Vincent",
    "Fournier",
    "Morel",
    "Girard",
    "André",
    "Mercier",
    "Dupont",
    "Lambert",
    "Bonnet",
    "François",
    "Martinez",
    "Legrand",
    "Garnier",
    "Faure",
    "Rousseau",
    "Blanc",
    "Guérin",
    "Muller",
    "Henry",
    "Roussel",
    "Nicolas",
    "Perrin",
    "Morin",
    "Mathieu",
    "Clément",
    "Gauthier",
    "Dumont",
    "Lopez",
    "Fontaine",
    "Chevalier",
    "Robin",
    "Masson",
    "Gérard",
    "Nguyen",
    "Boyer",
    "Denis",
    "Lemaire",
    "Duval",
    "Joly",
    "Roche",
    "Noël",
    "Meyer",
    "Lucas",
    "Meunier",
    "Marchand",
    "Dufour",
    "Blanchard",
    "Barbier",
    "Brun",
    "Dumas",
    "Brunet",
    "Schmitt",
    "Leroux",
    "Colin",
    "Renard",
    "Arnaud",
    "Rolland",
    "Caron",
    "Aubert",
    "Giraud",
    "Leclerc",
    "Vidal",
    "Bourgeois",
    "Renaud",
    "Lemoine",
    "Picard",
    "Gaillard",
    "Lacroix",
    "Fabre",
    "Dupuis",
    "Olivier",
    "Da Silva",
    "Hubert",
    "Rivière",
    "Le Gall",
    "Guillaume",
    "Moulin",
    "Berger",
    "Lecomte",
    "Fleury",
    "Deschamps",
    "Carpentier",
    "Benoît",
    "Maillard",
    "Aubry",
    "Prévost",
    "Poirier",
    "Charpentier",
    "Huet",
    "Baron",
    "Dupuy",
    "Pons",
    "Carré",
    "Breton",
    "Rémy",
    "Perrot",
    "Guyot",
    "Marty",
    "Cousin",
    "Chauvin",
    "Besson",
    "Vasseur",
];

const FIRST_NAMES_F: &[&str] = &[
    "Claire", "Sophie", "Camille", "Julie", "Marie", "Isabelle", "Nathalie", "Émilie", "Léa", "Manon", "Chloé", "Inès",
    "Céline", "Hélène", "Anne", "Élodie", "Margaux", "Juliette", "Louise", "Agnès",
];

const FIRST_NAMES_M: &[&str] = &[
    "Julien",
    "Thomas",
    "Nicolas",
    "Pierre",
    "Antoine",
    "Lucas",
    "Hugo",
    "Émile",
    "Mathieu",
    "Olivier",
    "Laurent",
    "François",
    "Guillaume",
    "Sébastien",
    "Jérôme",
    "Bastien",
    "Théo",
    "Louis",
    "Raphaël",
    "Yannick",
];

const STREETS: &[&str] = &[
    "rue de la République",
    "rue Victor Hugo",
    "avenue Jean Jaurès",
    "boulevard Gambetta",
    "place du Marché",
    "rue du Général de Gaulle",
    "rue Pasteur",
    "rue de la Gare",
    "avenue de la Libération",
    "rue des Écoles",
    "quai de Saône",
    "cours Émile Zola",
    "rue Jules Ferry",
    "rue Nationale",
    "place de l’Église",
    "rue du Commerce",
    "avenue Foch",
    "rue Saint-Antoine",
    "rue des Tanneurs",
    "chemin des Vignes",
];

/// (postal code, city, telephone zone 1-5).
const REGIONAL_CITIES: &[(&str, &str, u8)] = &[
    ("69001", "Lyon", 4),
    ("69002", "Lyon", 4),
    ("69003", "Lyon", 4),
    ("69004", "Lyon", 4),
    ("69005", "Lyon", 4),
    ("69006", "Lyon", 4),
    ("69007", "Lyon", 4),
    ("69008", "Lyon", 4),
    ("69009", "Lyon", 4),
    ("69100", "Villeurbanne", 4),
    ("69200", "Vénissieux", 4),
    ("69300", "Caluire-et-Cuire", 4),
    ("69500", "Bron", 4),
    ("69800", "Saint-Priest", 4),
    ("69120", "Vaulx-en-Velin", 4),
    ("69600", "Oullins", 4),
    ("69400", "Villefranche-sur-Saône", 4),
    ("69700", "Givors", 4),
    ("38200", "Vienne", 4),
    ("38300", "Bourgoin-Jallieu", 4),
    ("38000", "Grenoble", 4),
    ("42000", "Saint-Étienne", 4),
    ("42300", "Roanne", 4),
    ("01000", "Bourg-en-Bresse", 4),
    ("71000", "Mâcon", 3),
    ("73000", "Chambéry", 4),
    ("74000", "Annecy", 4),
    ("26000", "Valence", 4),
    ("26200", "Montélimar", 4),
    ("63000", "Clermont-Ferrand", 4),
];

const NATIONAL_CITIES: &[(&str, &str, u8)] = &[
    ("75011", "Paris", 1),
    ("75015", "Paris", 1),
    ("75018", "Paris", 1),
    ("92100", "Boulogne-Billancourt", 1),
    ("93100", "Montreuil", 1),
    ("13001", "Marseille", 4),
    ("13100", "Aix-en-Provence", 4),
    ("06000", "Nice", 4),
    ("34000", "Montpellier", 4),
    ("30000", "Nîmes", 4),
    ("84000", "Avignon", 4),
    ("21000", "Dijon", 3),
    ("25000", "Besançon", 3),
    ("67000", "Strasbourg", 3),
    ("68000", "Colmar", 3),
    ("51100", "Reims", 3),
    ("59000", "Lille", 3),
    ("54000", "Nancy", 3),
    ("57000", "Metz", 3),
    ("44000", "Nantes", 2),
    ("35000", "Rennes", 2),
    ("49000", "Angers", 2),
    ("37000", "Tours", 2),
    ("45000", "Orléans", 2),
    ("14000", "Caen", 2),
    ("76000", "Rouen", 2),
    ("29200", "Brest", 2),
    ("33000", "Bordeaux", 5),
    ("31000", "Toulouse", 5),
    ("64000", "Pau", 5),
    ("87000", "Limoges", 5),
    ("17000", "La Rochelle", 5),
    ("86000", "Poitiers", 5),
];

/// Per telephone zone, the block ARCEP reserves for fiction (01 99 00, ...).
fn fiction_phone(rng: &mut ChaCha8Rng, zone: u8) -> String {
    let block = match zone {
        1 => "01 99 00",
        2 => "02 61 91",
        3 => "03 53 01",
        5 => "05 36 49",
        6 => "06 39 98",
        _ => "04 65 71",
    };
    format!("{block} {:02} {:02}", rng.random_range(0..100u32), rng.random_range(0..100u32))
}

const NOTES: &[&str] = &[
    "Livraison le mardi matin avant 7 h.",
    "Préfère être contacté par e-mail.",
    "Fermeture annuelle en août.",
    "Commande par téléphone, confirmer par écrit.",
    "Interlocuteur comptable : le gérant, le lundi uniquement.",
    "Paiement souvent groupé en fin de mois.",
];

/// Lower-case ASCII words joined by `sep`, for e-mail addresses.
fn slug(s: &str, sep: char) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let folded: &str = match c {
            'à' | 'â' | 'ä' | 'À' | 'Â' => "a",
            'ç' | 'Ç' => "c",
            'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' => "e",
            'î' | 'ï' | 'Î' => "i",
            'ô' | 'ö' | 'Ô' => "o",
            'ù' | 'û' | 'ü' => "u",
            'œ' => "oe",
            _ => "",
        };
        if !folded.is_empty() {
            out.push_str(folded);
        } else if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with(sep) {
            out.push(sep);
        }
    }
    out.trim_end_matches(sep).to_string()
}

fn business_name(rng: &mut ChaCha8Rng) -> String {
    let surname = *pick(rng, SURNAMES);
    match weighted(rng, &[(35, 0u8), (8, 1), (15, 2), (15, 3), (7, 4), (8, 5), (12, 6)]) {
        0 => format!("{} {surname}", pick(rng, TRADES)),
        1 => {
            let first = if percent(rng, 50) { pick(rng, FIRST_NAMES_F) } else { pick(rng, FIRST_NAMES_M) };
            format!("{} {first}", pick(rng, TRADES))
        }
        2 => format!("{} {}", pick(rng, TRADES), pick(rng, PLACES)),
        3 => {
            let form = pick(rng, LEGAL_FORMS);
            match rng.random_range(0..4u8) {
                0 => format!("{form} {surname} & Fils"),
                1 => format!("{form} {surname} Frères"),
                2 => format!("{form} {surname} et Associés"),
                _ => format!("{form} {surname}-{}", pick(rng, SURNAMES)),
            }
        }
        4 => format!("Maison {surname}"),
        5 => {
            let first = if percent(rng, 50) { pick(rng, FIRST_NAMES_F) } else { pick(rng, FIRST_NAMES_M) };
            let lead = pick(rng, &["Le Fournil de", "Les Délices de", "L’Atelier de", "Chez"]);
            format!("{lead} {first}")
        }
        _ => pick(rng, FANCY).to_string(),
    }
}

/// Gives every buyer a record: a unique name, an address, contacts, terms.
fn name_customers(rng: &mut ChaCha8Rng, buyers: &[Buyer]) -> Vec<CustomerData> {
    let mut taken: HashSet<String> = HashSet::with_capacity(buyers.len());
    buyers
        .iter()
        .map(|b| {
            let (postal, city, zone) =
                if percent(rng, 70) { *pick(rng, REGIONAL_CITIES) } else { *pick(rng, NATIONAL_CITIES) };
            let mut name = String::new();
            let (mut first, mut surname) = ("", "");
            for _ in 0..4 {
                // For a consumer the name is the person; for a business, the
                // person is its contact.
                let female = percent(rng, 50);
                first = if female { *pick(rng, FIRST_NAMES_F) } else { *pick(rng, FIRST_NAMES_M) };
                surname = *pick(rng, SURNAMES);
                let person = format!("{first} {surname}");
                name = match b.kind {
                    CustomerKind::Consumer => {
                        format!("{} {}", if female { "Mme" } else { "M." }, person)
                    }
                    CustomerKind::Business => business_name(rng),
                };
                if !taken.contains(&name) {
                    break;
                }
            }
            // Two shops with one name are told apart by their town, as people do.
            if taken.contains(&name) {
                name = format!("{name} – {city}");
            }
            let base = name.clone();
            let mut n = 2;
            while taken.contains(&name) {
                name = format!("{base} ({n})");
                n += 1;
            }
            taken.insert(name.clone());

            let (email, phone, contact_name) = match b.kind {
                CustomerKind::Consumer => (
                    format!("{}.{}@courriel.example", slug(first, '-'), slug(surname, '-')),
                    fiction_phone(rng, 6),
                    None,
                ),
                CustomerKind::Business => {
                    let local = pick(rng, &["contact", "compta", "comptabilite", "facturation", "direction"]);
                    let contact = percent(rng, 75).then(|| format!("{first} {surname}"));
                    let phone = if percent(rng, 80) { fiction_phone(rng, zone) } else { fiction_phone(rng, 6) };
                    (format!("{local}@{}.example", slug(&name, '-')), phone, contact)
                }
            };
            let address = Address {
                line1: Some(format!("{} {}", rng.random_range(1..=180u32), pick(rng, STREETS))),
                line2: percent(rng, 5).then(|| pick(rng, &["Bâtiment B", "Zone artisanale", "Local 3"]).to_string()),
                postal_code: Some(postal.to_string()),
                city: Some(city.to_string()),
                country: Some("France".to_string()),
            };
            let credit_limit = (b.kind == CustomerKind::Business && percent(rng, 25)).then(|| {
                let euros = *pick(rng, &[2_000i64, 3_000, 5_000, 8_000, 10_000, 15_000, 20_000]);
                Money::from_cents(euros * 100)
            });
            CustomerData {
                kind: b.kind,
                name,
                siren: None,
                siret: None,
                vat_number: None,
                contact_name,
                email: percent(rng, 95).then_some(email),
                phone: percent(rng, 90).then_some(phone),
                address,
                terms: b.terms,
                credit_limit,
                notes: percent(rng, 10).then(|| pick(rng, NOTES).to_string()),
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Invoices

/// What the generator decided about an invoice before numbering it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fate {
    /// Paid (or not) as the customer's profile says.
    Natural,
    /// Falls due within the week, unpaid: Today always has something coming.
    DueSoon,
    /// Past due and untouched.
    Overdue,
    /// A deposit was paid, the rest is still owed.
    Deposit,
}

#[derive(Debug, Clone, Copy)]
struct Plan {
    customer: usize,
    issue: NaiveDate,
    fate: Fate,
    excl_cents: i64,
}

/// Amount excluding tax, in cents, such that the total with 20 % VAT stays
/// between 50 and 8,000 EUR (41.67 x 1.2 = 50.00; 6,666.66 x 1.2 = 7,999.99).
fn amount_excl_cents(rng: &mut ChaCha8Rng, consumer: bool) -> i64 {
    let (lo, hi) = if consumer {
        weighted(rng, &[(75, (4_167i64, 20_833i64)), (25, (20_834, 75_000))])
    } else {
        weighted(
            rng,
            &[(40, (4_167i64, 33_333i64)), (32, (33_334, 125_000)), (20, (125_001, 333_333)), (8, (333_334, 666_666))],
        )
    };
    let cents = rng.random_range(lo..=hi);
    // Price lists are in whole euros more often than not.
    if percent(rng, 40) {
        (cents / 100 * 100).clamp(4_200, 666_600)
    } else {
        cents
    }
}

/// VAT at 20 %, rounded half up to the cent (amounts are positive).
fn vat_cents(excl: i64) -> i64 {
    (excl * 20 + 50) / 100
}

fn plan_invoices(rng: &mut ChaCha8Rng, count: u32, buyers: &[Buyer], start: NaiveDate, today: NaiveDate) -> Vec<Plan> {
    if buyers.is_empty() {
        return Vec::new();
    }
    let cumulative: Vec<u64> = buyers
        .iter()
        .scan(0u64, |acc, b| {
            *acc += u64::from(b.weight);
            Some(*acc)
        })
        .collect();
    let total_weight = cumulative.last().copied().unwrap_or(1).max(1);
    let draw_customer = |rng: &mut ChaCha8Rng| {
        let r = rng.random_range(0..total_weight);
        cumulative.partition_point(|&c| c <= r).min(buyers.len() - 1)
    };
    // A few invoices are given their fate up front so that every book, even
    // a small one, shows something due soon, overdue and partly paid.
    let n = count as usize;
    let due_soon = if n >= 20 { (n / 50).max(2) } else { 0 };
    let overdue = if n >= 20 { (n / 40).max(2) } else { 0 };
    let deposit = if n >= 20 { (n / 100).max(2) } else { 0 };
    let mut plans = Vec::with_capacity(n);
    for i in 0..n {
        let mut fate = if i < due_soon {
            Fate::DueSoon
        } else if i < due_soon + overdue {
            Fate::Overdue
        } else if i < due_soon + overdue + deposit {
            Fate::Deposit
        } else {
            Fate::Natural
        };
        let mut customer = draw_customer(rng);
        let mut issue = working_day(date_in(rng, start, today), start, today);
        match fate {
            Fate::DueSoon => {
                // Needs a "net N days" customer to place the due date exactly.
                let found = (0..64).map(|_| draw_customer(rng)).find_map(|c| match buyers[c].effective_terms() {
                    PaymentTerms::Net(d) if d >= 8 => Some((c, d)),
                    _ => None,
                });
                match found {
                    Some((c, d)) => {
                        customer = c;
                        let due = shift(today, rng.random_range(1..=7));
                        issue = shift(due, -i64::from(d));
                        if issue < start {
                            fate = Fate::Natural;
                            issue = working_day(date_in(rng, start, today), start, today);
                        }
                    }
                    None => fate = Fate::Natural,
                }
            }
            Fate::Overdue => {
                // Every term used here is due within 80 days of the invoice.
                let latest = shift(today, -80);
                if latest >= start {
                    issue = date_in(rng, start, latest);
                } else {
                    fate = Fate::Natural;
                }
            }
            Fate::Deposit | Fate::Natural => {}
        }
        let excl_cents = amount_excl_cents(rng, buyers[customer].consumer());
        plans.push(Plan { customer, issue, fate, excl_cents });
    }
    // Numbers follow issue dates, as the law on invoice numbering requires.
    plans.sort_by_key(|p| (p.issue, p.customer));
    plans
}

/// Numbers the invoices "FA-YYYY-NNNNN", a sequence per calendar year.
fn number_invoices(plans: &[Plan], buyers: &[Buyer]) -> Vec<(usize, InvoiceData)> {
    let mut year = i32::MIN;
    let mut seq = 0u32;
    plans
        .iter()
        .map(|p| {
            if p.issue.year() != year {
                year = p.issue.year();
                seq = 0;
            }
            seq += 1;
            let tax = vat_cents(p.excl_cents);
            let data = InvoiceData {
                number: format!("FA-{year}-{seq:05}"),
                issue_date: p.issue,
                due_date: buyers[p.customer].effective_terms().due_date(p.issue),
                due_date_set_by_hand: false,
                amount_excl_tax: Money::from_cents(p.excl_cents),
                tax_amount: Money::from_cents(tax),
                total: Money::from_cents(p.excl_cents + tax),
            };
            (p.customer, data)
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Payments

/// Days after the due date the customer pays; `None` for never.
fn delay(rng: &mut ChaCha8Rng, profile: PayerProfile) -> Option<i64> {
    match profile {
        PayerProfile::Punctual => {
            Some(if percent(rng, 70) { rng.random_range(-7..=0) } else { rng.random_range(1..=7) })
        }
        PayerProfile::Late => Some(rng.random_range(10..=45)),
        PayerProfile::VeryLate => (!percent(rng, 20)).then(|| rng.random_range(60..=150)),
        PayerProfile::Erratic => match rng.random_range(0..10u32) {
            0..=3 => Some(rng.random_range(-3..=5)),
            4..=6 => Some(rng.random_range(15..=60)),
            7..=8 => Some(rng.random_range(61..=200)),
            _ => None,
        },
    }
}

/// One settlement of one invoice, before payments are grouped.
#[derive(Debug, Clone, Copy)]
struct Settlement {
    invoice: usize,
    date: NaiveDate,
    cents: i64,
    /// Paid above what was due (kept on account as a credit).
    extra_cents: i64,
    /// Only whole, exact settlements may share a payment with another invoice.
    groupable: bool,
}

fn settle(
    rng: &mut ChaCha8Rng,
    plans: &[Plan],
    invoices: &[(usize, InvoiceData)],
    buyers: &[Buyer],
    today: NaiveDate,
) -> Vec<DemoPayment> {
    let mut singles: Vec<Settlement> = Vec::new();
    let mut by_customer: Vec<Vec<Settlement>> = vec![Vec::new(); buyers.len()];
    for (idx, (plan, (customer, inv))) in plans.iter().zip(invoices).enumerate() {
        let total = inv.total.cents();
        let part =
            |rng: &mut ChaCha8Rng, lo: i64, hi: i64| (total * rng.random_range(lo..=hi) / 100).clamp(1, total - 1);
        match plan.fate {
            Fate::DueSoon | Fate::Overdue => {}
            Fate::Deposit => {
                if total > 1 {
                    let date = date_in(rng, inv.issue_date, today.min(inv.due_date.max(inv.issue_date)));
                    singles.push(Settlement {
                        invoice: idx,
                        date,
                        cents: part(rng, 20, 60),
                        extra_cents: 0,
                        groupable: false,
                    });
                }
            }
            Fate::Natural => {
                let buyer = &buyers[*customer];
                let paid = delay(rng, buyer.profile).map(|d| shift(inv.due_date, d).max(inv.issue_date));
                match paid {
                    Some(date) if date <= today => {
                        if total > 1 && percent(rng, 6) {
                            // Paid in two goes: a first part, then the rest.
                            let first = part(rng, 30, 70);
                            let first_date = date_in(rng, inv.issue_date, date);
                            singles.push(Settlement {
                                invoice: idx,
                                date: first_date,
                                cents: first,
                                extra_cents: 0,
                                groupable: false,
                            });
                            singles.push(Settlement {
                                invoice: idx,
                                date,
                                cents: total - first,
                                extra_cents: 0,
                                groupable: false,
                            });
                        } else if buyer.profile == PayerProfile::Punctual && percent(rng, 1) {
                            // Rounded up by the customer: the surplus stays on account.
                            let extra = rng.random_range(1..=2_000);
                            singles.push(Settlement {
                                invoice: idx,
                                date,
                                cents: total,
                                extra_cents: extra,
                                groupable: false,
                            });
                        } else {
                            by_customer[*customer].push(Settlement {
                                invoice: idx,
                                date,
                                cents: total,
                                extra_cents: 0,
                                groupable: true,
                            });
                        }
                    }
                    _ => {
                        // Still owed today; some customers sent a deposit already.
                        if total > 1 && inv.issue_date < today && percent(rng, 8) {
                            let date = date_in(rng, inv.issue_date, today);
                            singles.push(Settlement {
                                invoice: idx,
                                date,
                                cents: part(rng, 20, 50),
                                extra_cents: 0,
                                groupable: false,
                            });
                        }
                    }
                }
            }
        }
    }

    let mut payments: Vec<DemoPayment> = Vec::with_capacity(invoices.len());
    for s in singles {
        let customer = invoices[s.invoice].0;
        payments.push(payment(
            rng,
            buyers,
            invoices,
            customer,
            s.date,
            s.cents + s.extra_cents,
            &[(s.invoice, s.cents)],
        ));
    }
    for (customer, mut list) in by_customer.into_iter().enumerate() {
        list.sort_by_key(|s| (s.date, s.invoice));
        let mut i = 0;
        while i < list.len() {
            let s = list[i];
            let next = list.get(i + 1).copied();
            match next {
                // One transfer or cheque for two invoices, at the later date.
                Some(n) if s.groupable && n.groupable && days_between(s.date, n.date) <= 21 && percent(rng, 20) => {
                    let lines = [(s.invoice, s.cents), (n.invoice, n.cents)];
                    payments.push(payment(rng, buyers, invoices, customer, n.date, s.cents + n.cents, &lines));
                    i += 2;
                }
                _ => {
                    payments.push(payment(rng, buyers, invoices, customer, s.date, s.cents, &[(s.invoice, s.cents)]));
                    i += 1;
                }
            }
        }
    }
    payments.sort_by_key(|p| (p.date, p.customer_index));
    payments
}

fn payment(
    rng: &mut ChaCha8Rng,
    buyers: &[Buyer],
    invoices: &[(usize, InvoiceData)],
    customer: usize,
    date: NaiveDate,
    cents: i64,
    lines: &[(usize, i64)],
) -> DemoPayment {
    let buyer = &buyers[customer];
    let method = if percent(rng, 85) {
        buyer.method
    } else if buyer.consumer() {
        *pick(rng, &[PaymentMethod::Card, PaymentMethod::Cheque, PaymentMethod::Cash])
    } else {
        *pick(rng, &[PaymentMethod::Transfer, PaymentMethod::Cheque])
    };
    let numbers = || lines.iter().map(|(i, _)| invoices[*i].1.number.as_str()).collect::<Vec<_>>().join(" ");
    let reference = match method {
        PaymentMethod::Transfer => Some(format!("VIR SEPA {}", numbers())),
        PaymentMethod::DirectDebit => Some(format!("PRLV SEPA {}", numbers())),
        PaymentMethod::Cheque => Some(format!("Chèque n° {:07}", rng.random_range(1..10_000_000u32))),
        PaymentMethod::Card => Some(format!("CB ****{:04}", rng.random_range(0..10_000u32))),
        PaymentMethod::Cash | PaymentMethod::Other => None,
    };
    DemoPayment {
        customer_index: customer,
        date,
        amount: Money::from_cents(cents),
        method,
        reference,
        allocations: lines.iter().map(|(i, c)| (*i, Money::from_cents(*c))).collect(),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::{HashMap, HashSet};

    use super::*;
    use crate::legal_ids;
    use crate::status::{InvoiceFacts, InvoiceStatus};
    use crate::validation::Field;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 16).unwrap()
    }

    /// What each invoice has received, by invoice index.
    fn settled(book: &DemoBook) -> Vec<Money> {
        let mut s = vec![Money::ZERO; book.invoices.len()];
        for p in &book.payments {
            for (i, m) in &p.allocations {
                s[*i] += *m;
            }
        }
        s
    }

    #[test]
    fn same_seed_same_book_other_seed_other_book() {
        let opts = DemoOptions::default();
        let a = generate(&opts, today());
        assert_eq!(a, generate(&opts, today()));
        let b = generate(&DemoOptions { seed: 7, ..opts }, today());
        assert_ne!(a.customers, b.customers);
        assert_eq!((a.customers.len(), a.invoices.len()), (40, 400));
    }

    #[test]
    fn invariants_hold_for_several_seeds_and_sizes() {
        for (customers, invoices, months, seed) in
            [(40, 400, 18, 2026), (3, 25, 2, 1), (300, 5000, 36, 99), (1, 1, 1, 5)]
        {
            let book = generate(&DemoOptions { customers, invoices, months, seed }, today());
            check_invariants(&book);
        }
    }

    fn check_invariants(book: &DemoBook) {
        let t = today();
        let mut numbers = HashSet::new();
        for (c, inv) in &book.invoices {
            assert!(*c < book.customers.len());
            assert!(inv.issue_date <= inv.due_date, "{inv:?}");
            assert!(inv.issue_date <= t);
            assert_eq!(inv.amount_excl_tax + inv.tax_amount, inv.total);
            assert!(inv.total >= Money::from_cents(5_000) && inv.total <= Money::from_cents(800_000), "{inv:?}");
            assert!(numbers.insert(inv.number.clone()), "duplicate {}", inv.number);
            let year = inv.issue_date.year().to_string();
            assert!(inv.number.starts_with(&format!("FA-{year}-")) && inv.number.len() == 13, "{}", inv.number);
        }
        for w in book.invoices.windows(2) {
            assert!(w[0].1.issue_date <= w[1].1.issue_date);
        }
        let settled = settled(book);
        for (i, (_, inv)) in book.invoices.iter().enumerate() {
            assert!(settled[i] <= inv.total, "invoice {} over-settled", inv.number);
        }
        for p in &book.payments {
            assert!(p.date <= t);
            assert!(p.amount.is_positive());
            let applied: Money = p.allocations.iter().map(|(_, m)| *m).sum();
            assert!(applied <= p.amount);
            for (i, m) in &p.allocations {
                let (c, inv) = &book.invoices[*i];
                assert_eq!(*c, p.customer_index);
                assert!(m.is_positive());
                assert!(inv.issue_date <= p.date, "paid before issued: {}", inv.number);
            }
        }
        for c in &book.customers {
            assert!(!c.name.trim().is_empty() && c.name.chars().count() <= 200);
            if let Some(e) = &c.email {
                assert_eq!(legal_ids::email(Field::Email, e).unwrap().as_deref(), Some(e.as_str()));
                assert!(e.ends_with(".example"), "{e}");
            }
        }
        let names: HashSet<&str> = book.customers.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names.len(), book.customers.len(), "customer names are unique");
    }

    #[test]
    fn the_default_book_has_every_situation_today() {
        let book = generate(&DemoOptions::default(), today());
        let settled = settled(&book);
        let mut seen: HashMap<&str, usize> = HashMap::new();
        let mut due_soon = 0;
        let mut partly = 0;
        for (i, (_, inv)) in book.invoices.iter().enumerate() {
            let facts =
                InvoiceFacts { total: inv.total, settled: settled[i], due_date: inv.due_date, cancelled: false };
            let status = facts.status(today());
            *seen.entry(status.code()).or_default() += 1;
            if status != InvoiceStatus::Paid {
                if inv.due_date > today() && inv.due_date <= shift(today(), 7) {
                    due_soon += 1;
                }
                if settled[i].is_positive() {
                    partly += 1;
                }
            }
        }
        for code in ["paid", "overdue", "open"] {
            assert!(seen.get(code).copied().unwrap_or(0) > 0, "no {code} invoice: {seen:?}");
        }
        assert!(seen["paid"] > seen["overdue"], "most invoices are paid: {seen:?}");
        assert!(due_soon >= 2, "due soon: {due_soon}");
        assert!(partly >= 2, "partly paid: {partly}");
        // Payments grouping two invoices, and payments split in two, both occur.
        assert!(book.payments.iter().any(|p| p.allocations.len() == 2));
        let mut per_invoice: HashMap<usize, usize> = HashMap::new();
        for p in &book.payments {
            for (i, _) in &p.allocations {
                *per_invoice.entry(*i).or_default() += 1;
            }
        }
        assert!(per_invoice.values().any(|n| *n >= 2));
    }

    #[test]
    fn customers_look_like_a_french_clientele() {
        let book = generate(&DemoOptions { customers: 2000, invoices: 100, ..Default::default() }, today());
        let consumers = book.customers.iter().filter(|c| c.kind == CustomerKind::Consumer).count();
        assert!((200..=400).contains(&consumers), "{consumers} consumers of 2000");
        for c in book.customers.iter().filter(|c| c.kind == CustomerKind::Consumer) {
            assert!(c.name.starts_with("Mme ") || c.name.starts_with("M. "), "{}", c.name);
            assert_eq!(c.terms, Some(PaymentTerms::OnReceipt));
            assert_eq!(c.credit_limit, None);
        }
        let punctual = book.profiles.iter().filter(|p| **p == PayerProfile::Punctual).count();
        assert!((850..=1150).contains(&punctual), "{punctual} punctual of 2000");
        assert!(book.customers.iter().any(|c| c.credit_limit.is_some()));
        assert!(book.customers.iter().any(|c| c.terms == Some(PaymentTerms::NetEndOfMonth(45))));
        assert!(book.customers.iter().any(|c| c.terms == Some(PaymentTerms::EndOfMonthPlus(10))));
        for c in &book.customers {
            let pc = c.address.postal_code.as_deref().unwrap_or_default();
            assert!(pc.len() == 5 && pc.chars().all(|ch| ch.is_ascii_digit()), "{pc}");
        }
    }

    #[test]
    fn the_demo_company_passes_every_check() {
        let profile = company().validate().expect("valid demo company");
        assert_eq!(profile.default_terms, DEFAULT_TERMS);
        assert_eq!(profile.siret.as_deref(), Some("12345678200010"));
    }

    #[test]
    fn empty_options_give_an_empty_book() {
        let none = generate(&DemoOptions { customers: 0, invoices: 100, ..Default::default() }, today());
        assert!(none.invoices.is_empty() && none.payments.is_empty());
        let zero = generate(&DemoOptions { invoices: 0, months: 0, ..Default::default() }, today());
        assert_eq!(zero.customers.len(), 40);
        assert!(zero.invoices.is_empty());
    }

    #[test]
    fn slugs_are_plain_ascii() {
        assert_eq!(slug("SARL Lefèvre & Fils", '-'), "sarl-lefevre-fils");
        assert_eq!(slug("Le Pétrin d’Antan – Lyon", '-'), "le-petrin-d-antan-lyon");
        assert_eq!(slug("Émilie", '-'), "emilie");
    }
}
