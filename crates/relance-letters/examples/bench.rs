//! The batch benchmark without the CLI: `cargo run --release -p relance-letters --example bench -- 500`.

use std::time::Instant;

use relance_letters::{sample, Document, ReminderLevel};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let n: u32 = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(500);
    let start = Instant::now();
    let levels = [ReminderLevel::PreDue, ReminderLevel::Friendly, ReminderLevel::Firm];
    let mut letters = Vec::new();
    for i in 0..n {
        let data = sample::reminder(&format!("Client n° {i} — Boulangerie Ménard & Fils"), levels[i as usize % 3]);
        letters.push(relance_letters::reminder(&data)?);
    }
    let doc = Document::batch("Relances", letters);
    let laid_out = start.elapsed();
    let pdf = relance_letters::to_pdf(&doc)?;
    let total = start.elapsed();
    println!(
        "{n} letters, {} pages: layout {} ms, total {} ms; {} bytes, {} bytes a page",
        doc.pages.len(),
        laid_out.as_millis(),
        total.as_millis(),
        pdf.len(),
        pdf.len() / doc.pages.len().max(1)
    );
    Ok(())
}
