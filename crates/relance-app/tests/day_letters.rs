//! "Print today's letters" on a real SQLite file with the example business: one PDF, each printed
//! letter's action recorded done once, a copy kept with its SHA-256, letters that cannot be made
//! reported and left in the agenda, nothing written when the batch fails.

use std::process::Command;

use chrono::NaiveDate;
use relance_app::day_letters::{self, DayLettersError, Unprintable};
use relance_app::demo::{self, DemoOptions};
use relance_app::letters::LetterKind;
use relance_app::{collections, Context, FixedClock, LocalContext};
use relance_domain::dunning::Channel;
use relance_store::counts::row_counts;
use relance_store::Store;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap_or_default()
}

fn demo_at(dir: &tempfile::TempDir, day: &str) -> LocalContext {
    let store = Store::open(&dir.path().join("relance.sqlite3")).unwrap_or_else(|e| panic!("{e}"));
    let mut ctx = LocalContext::new(store, Box::new(FixedClock(d(day))));
    demo::load(&mut ctx, &DemoOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    ctx
}

fn pdf_pages(pdf: &[u8]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("b.pdf");
    std::fs::write(&path, pdf).unwrap_or_else(|e| panic!("{e}"));
    let out = Command::new("pdftotext")
        .arg("-layout")
        .arg(&path)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("pdftotext (poppler-utils) is needed: {e}"));
    let text = String::from_utf8_lossy(&out.stdout).replace('\u{a0}', " ");
    // pdftotext ends every page with a form feed.
    let mut pages: Vec<String> =
        text.split('\u{c}').map(|p| p.split_whitespace().collect::<Vec<_>>().join(" ")).collect();
    if pages.last().is_some_and(|p| p.is_empty()) {
        pages.pop();
    }
    pages
}

fn letter_customers(ctx: &LocalContext, as_of: NaiveDate) -> Vec<relance_domain::ids::CustomerId> {
    let view = collections::agenda(ctx, as_of).unwrap_or_else(|e| panic!("{e}"));
    view.agenda
        .customers
        .iter()
        .filter(|c| c.actions.iter().any(|a| a.channel == Channel::Letter))
        .map(|c| c.customer)
        .collect()
}

#[test]
fn the_day_s_letters_print_in_one_pdf_are_recorded_once_and_kept_with_their_hash() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let day = d("2026-05-15");
    let mut ctx = demo_at(&dir, "2026-05-15");
    let due = day_letters::due(&ctx, day).unwrap_or_else(|e| panic!("{e}"));
    assert!(due.len() >= 3, "the example business has letters to print: {due:?}");
    let before = row_counts(ctx.store().conn()).unwrap_or_else(|e| panic!("{e}"));

    let out = dir.path().join("lettres.pdf");
    let batch =
        day_letters::print_day(&mut ctx, day, |pdf| std::fs::write(&out, pdf)).unwrap_or_else(|e| panic!("{e}"));
    eprintln!(
        "printed {} letters, {} pages, {} bytes; not printed: {:?}",
        batch.printed.len(),
        batch.pages,
        batch.pdf.len(),
        batch.not_printed
    );
    assert!(batch.not_printed.is_empty(), "inside 2026-S1 every letter computes: {:?}", batch.not_printed);
    assert_eq!(batch.printed.len(), due.len());
    assert!(batch.printed.iter().any(|p| p.kind == LetterKind::Notice), "a mise en demeure in the batch");
    assert!(batch.printed.iter().any(|p| p.kind == LetterKind::Reminder), "a reminder in the batch");
    assert_eq!(std::fs::read(&out).unwrap_or_default(), batch.pdf, "the batch was saved");

    // One PDF: its pages are the letters' pages, each letter starting on its own page with its name.
    let pages = pdf_pages(&batch.pdf);
    assert_eq!(pages.len(), batch.pages);
    assert_eq!(batch.pages, batch.printed.iter().map(|p| p.pages).sum::<usize>());
    for p in &batch.printed {
        let first = &pages[p.first_page - 1];
        assert!(first.contains(&p.customer_name), "page {} starts {}'s letter: {first}", p.first_page, p.customer_name);
        assert!(first.contains(&format!("Page 1 / {}", p.pages)), "numbered per letter: {first}");
        for n in &p.invoice_numbers {
            let letter = pages[p.first_page - 1..p.first_page - 1 + p.pages].join(" ");
            assert!(letter.contains(n.as_str()), "{n} in {}'s letter", p.customer_name);
        }
    }

    // Recorded once: a copy per letter with its hash, a timeline entry linking it, the actions done.
    let after = row_counts(ctx.store().conn()).unwrap_or_else(|e| panic!("{e}"));
    assert!(after.activity > before.activity);
    for p in &batch.printed {
        let (kept, pdf) = day_letters::copy(&ctx, p.copy_id).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(kept.customer, p.customer);
        assert_eq!(kept.on, day);
        assert_eq!(kept.sha256, day_letters::sha256_hex(&pdf));
        assert_eq!(kept.sha256, p.sha256);
        assert_eq!(kept.sha256.len(), 64);
        assert_eq!(kept.total, p.total_due);
        assert_eq!(kept.invoice_numbers, p.invoice_numbers);
        let text = pdf_pages(&pdf).join(" ");
        assert!(text.contains(&p.customer_name), "the copy is {}'s letter", p.customer_name);
        let sent = day_letters::sent_for_customer(&ctx, p.customer).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(sent.len(), 1, "{} has one kept letter", p.customer_name);
        let timeline = relance_store::activity::for_customer(ctx.store().conn(), p.customer, 100)
            .unwrap_or_else(|e| panic!("{e}"));
        let entries: Vec<_> = timeline.iter().filter(|a| a.kind == "letter_sent").collect();
        assert_eq!(entries.len(), 1);
        assert!(entries[0].details.contains(&("letter".to_string(), p.copy_id.to_string())));
        assert!(timeline
            .iter()
            .any(|a| a.kind == "reminder_done" && a.details.contains(&("channel".to_string(), "letter".to_string()))));
    }
    // Not proposed again: no letter left that day, and printing again prints nothing.
    assert!(day_letters::due(&ctx, day).unwrap_or_else(|e| panic!("{e}")).is_empty());
    let printed: Vec<_> = batch.printed.iter().map(|p| p.customer).collect();
    assert!(letter_customers(&ctx, day).iter().all(|c| !printed.contains(c)));
    let again = day_letters::print_day(&mut ctx, day, |_| panic!("nothing to save")).unwrap_or_else(|e| panic!("{e}"));
    assert!(again.printed.is_empty() && again.pdf.is_empty());
    let counts = row_counts(ctx.store().conn()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(counts.activity, after.activity);
    assert_eq!(ctx.store.check_invariants().unwrap_or_else(|e| panic!("{e}")), Vec::<String>::new());
}

#[test]
fn a_notice_needing_an_unknown_rate_is_reported_and_left_in_the_agenda_while_the_others_print() {
    // 2026-S2: the shipped ECB table ends in 2026-S1, so a mise en demeure cannot compute its penalties.
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let day = d("2026-11-24");
    let mut ctx = demo_at(&dir, "2026-11-24");
    let batch = day_letters::print_day(&mut ctx, day, |_| Ok(())).unwrap_or_else(|e| panic!("{e}"));
    eprintln!("printed {}, not printed {:?}", batch.printed.len(), batch.not_printed);
    assert!(!batch.not_printed.is_empty(), "a notice lacks its rate");
    assert!(!batch.printed.is_empty(), "the reminders still print");
    let left = day_letters::due(&ctx, day).unwrap_or_else(|e| panic!("{e}"));
    for np in &batch.not_printed {
        assert_eq!(np.kind, LetterKind::Notice);
        assert!(matches!(np.reason, Unprintable::Penalty(_)), "{:?}", np.reason);
        assert!(left.iter().any(|(c, _, _)| *c == np.customer), "{} stays in the agenda", np.customer_name);
        let sent = day_letters::sent_for_customer(&ctx, np.customer).unwrap_or_else(|e| panic!("{e}"));
        assert!(sent.is_empty(), "no copy for a letter not printed");
    }
    assert_eq!(left.len(), batch.not_printed.len());
}

#[test]
fn nothing_is_recorded_when_the_batch_cannot_be_saved() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let day = d("2026-05-15");
    let mut ctx = demo_at(&dir, "2026-05-15");
    let due = day_letters::due(&ctx, day).unwrap_or_else(|e| panic!("{e}"));
    let before = row_counts(ctx.store().conn()).unwrap_or_else(|e| panic!("{e}"));
    let failed = day_letters::print_day(&mut ctx, day, |_| Err(std::io::Error::other("disk full")));
    assert!(matches!(failed, Err(DayLettersError::Save(_))), "{failed:?}");
    assert_eq!(row_counts(ctx.store().conn()).unwrap_or_else(|e| panic!("{e}")), before);
    assert_eq!(day_letters::due(&ctx, day).unwrap_or_else(|e| panic!("{e}")).len(), due.len());
    for (c, _, _) in &due {
        assert!(day_letters::sent_for_customer(&ctx, *c).unwrap_or_else(|e| panic!("{e}")).is_empty());
    }
}
