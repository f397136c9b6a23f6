//! Writes sample letters to a folder: `cargo run -p relance-letters --example letters -- DIR`.

use relance_letters::{sample, to_pdf, ReminderLevel};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args().nth(1).unwrap_or_else(|| ".".into());
    let hostile = format!(
        "<b>Société Ωmega</b> {} שלום עולם 😀 \u{202E}evil{}",
        "Très-Longue-Raison-Sociale-Sans-Espace-".repeat(6),
        "\u{0007}"
    );
    let mut english = sample::notice("Acme Trading Ltd");
    english.lang = relance_letters::Lang::En;
    let mut long = sample::reminder("Grossiste du Marché", ReminderLevel::Firm);
    let first = long.invoices[0].clone();
    long.invoices =
        (1..=70).map(|n| relance_letters::InvoiceLine { number: format!("F-2025-{n:04}"), ..first.clone() }).collect();
    let mut with_fee_and_logo = sample::reminder("Boulangerie Ménard & Fils", ReminderLevel::Firm);
    with_fee_and_logo.fee = Some(relance_domain::money::Money::from_cents(1500));
    with_fee_and_logo.creditor.logo =
        Some(std::sync::Arc::new(relance_letters::Logo::check(&relance_letters::logo::sample_png(300, 100))?));
    for (name, doc) in [
        ("notice-en", relance_letters::notice(&english)?),
        ("reminder-long", relance_letters::reminder(&long)?),
        (
            "reminder-friendly",
            relance_letters::reminder(&sample::reminder("Boulangerie Ménard & Fils", ReminderLevel::Friendly))?,
        ),
        (
            "reminder-firm",
            relance_letters::reminder(&sample::reminder("Boulangerie Ménard & Fils", ReminderLevel::Firm))?,
        ),
        ("reminder-hostile", relance_letters::reminder(&sample::reminder(&hostile, ReminderLevel::PreDue))?),
        ("notice", relance_letters::notice(&sample::notice("Boulangerie Ménard & Fils"))?),
        ("statement", relance_letters::statement(&sample::statement("Boulangerie Ménard & Fils"))?),
        ("agreement", relance_letters::agreement(&sample::agreement("Boulangerie Ménard & Fils"))?),
        ("dossier", relance_letters::dossier(&sample::dossier("Boulangerie Ménard & Fils"))?),
        ("reminder-fee-logo", relance_letters::reminder(&with_fee_and_logo)?),
    ] {
        let bytes = to_pdf(&doc)?;
        std::fs::write(format!("{dir}/{name}.pdf"), &bytes)?;
        println!("{name}.pdf: {} pages, {} bytes", doc.pages.len(), bytes.len());
    }
    Ok(())
}
