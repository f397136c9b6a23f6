//! The company logo on a real SQLite file: a bad file is refused on the field `logo` with nothing
//! written; a good one goes on every page of the day's letters, embedded once (`pdfimages -list`), and
//! on the other documents; removing it leaves documents without image.

use std::process::Command;

use chrono::NaiveDate;
use relance_app::day_letters;
use relance_app::demo::{self, DemoOptions};
use relance_app::{company, AppError, FixedClock, LocalContext};
use relance_domain::validation::{Field, Problem};
use relance_letters::logo::sample_png;
use relance_store::counts::row_counts;
use relance_store::Store;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap_or_default()
}

fn images(pdf: &[u8]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("b.pdf");
    std::fs::write(&path, pdf).unwrap_or_else(|e| panic!("{e}"));
    let out = Command::new("pdfimages")
        .arg("-list")
        .arg(&path)
        .output()
        .unwrap_or_else(|e| panic!("pdfimages (poppler-utils) is needed: {e}"));
    String::from_utf8_lossy(&out.stdout).lines().skip(2).map(str::to_string).collect()
}

#[test]
fn a_bad_logo_is_refused_on_its_field_and_a_good_one_is_on_every_page_once() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let store = Store::open(&dir.path().join("relance.sqlite3")).unwrap_or_else(|e| panic!("{e}"));
    let mut ctx = LocalContext::new(store, Box::new(FixedClock(d("2026-05-15"))));
    demo::load(&mut ctx, &DemoOptions::default()).unwrap_or_else(|e| panic!("{e}"));

    let before = row_counts(ctx.store.conn()).unwrap_or_else(|e| panic!("{e}"));
    let mut cut = sample_png(200, 60);
    cut.truncate(cut.len() / 2);
    for (bytes, problem) in [
        (b"GIF89a....".to_vec(), Problem::NotAnImage),
        (cut, Problem::NotAnImage),
        (vec![0u8; 1024 * 1024 + 1], Problem::FileTooLarge { max_kb: 1024 }),
        (sample_png(10, 60), Problem::ImageSize { min: 16, max: 4000 }),
    ] {
        match company::set_logo(&mut ctx, &bytes) {
            Err(AppError::Invalid(v)) => {
                let issues: Vec<_> = v.issues.iter().map(|i| (i.field, i.problem.clone())).collect();
                assert_eq!(issues, vec![(Field::Logo, problem)]);
            }
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(row_counts(ctx.store.conn()).unwrap_or_else(|e| panic!("{e}")), before, "nothing written");
    assert!(company::logo(&ctx).unwrap_or_else(|e| panic!("{e}")).is_none());

    let stored = company::set_logo(&mut ctx, &sample_png(200, 60)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((stored.media_type.as_str(), stored.width, stored.height), ("image/png", 200, 60));
    assert_eq!(company::logo(&ctx).unwrap_or_else(|e| panic!("{e}")), Some(stored));

    let batch = day_letters::print_day(&mut ctx, d("2026-05-15"), |_| Ok(())).unwrap_or_else(|e| panic!("{e}"));
    assert!(batch.printed.len() > 5 && batch.pages > batch.printed.len());
    let list = images(&batch.pdf);
    assert_eq!(list.len(), batch.pages, "the logo on every page:\n{}", list.join("\n"));
    let objects: std::collections::BTreeSet<String> =
        list.iter().filter_map(|l| l.split_whitespace().nth(10).map(str::to_string)).collect();
    assert_eq!(objects.len(), 1, "embedded once:\n{}", list.join("\n"));

    let first = batch.printed[0].customer;
    let statement = relance_app::letters::statement(&ctx, first, d("2026-05-15")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(images(&statement.pdf).len(), statement.pages);

    assert!(company::remove_logo(&mut ctx).unwrap_or_else(|e| panic!("{e}")));
    let statement = relance_app::letters::statement(&ctx, first, d("2026-05-15")).unwrap_or_else(|e| panic!("{e}"));
    assert!(images(&statement.pdf).is_empty());
}
