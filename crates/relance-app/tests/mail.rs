//! E-mail drafts on a real SQLite file with the example business: the .eml parsed back (headers,
//! body, the attached PDF byte for byte), a notice's legal mentions in the body, and the errors that
//! name a missing address, with nothing written.

use chrono::NaiveDate;
use mailparse::{MailHeaderMap, ParsedMail};
use relance_app::demo::{self, DemoOptions};
use relance_app::letters::{self, LetterKind};
use relance_app::mail::{self, MailError};
use relance_app::{collections, Context, FixedClock, LocalContext};
use relance_domain::dunning::Channel;
use relance_domain::ids::CustomerId;
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

/// Customers of the day's agenda whose message goes by e-mail and who have an address, with
/// whether the message is the mise en demeure.
fn email_customers(ctx: &LocalContext, as_of: NaiveDate) -> Vec<(CustomerId, bool)> {
    let view = collections::agenda(ctx, as_of).unwrap_or_else(|e| panic!("{e}"));
    view.agenda
        .customers
        .iter()
        .filter_map(|c| {
            let a = c.actions.iter().find(|a| !a.is_decision())?;
            let found = relance_store::customers::get(ctx.store().conn(), c.customer).ok().flatten()?;
            found.data.email.as_ref()?;
            (a.channel == Channel::Email || a.lead.is_formal_notice).then_some((c.customer, a.lead.is_formal_notice))
        })
        .collect()
}

fn parse(eml: &[u8]) -> ParsedMail<'_> {
    mailparse::parse_mail(eml).unwrap_or_else(|e| panic!("the draft parses: {e}"))
}

fn header(mail: &ParsedMail<'_>, name: &str) -> String {
    mail.headers.get_first_value(name).unwrap_or_default()
}

fn body_and_attachment(mail: &ParsedMail<'_>) -> (String, Vec<u8>, String) {
    assert_eq!(mail.ctype.mimetype, "multipart/mixed");
    assert_eq!(mail.subparts.len(), 2);
    let text = &mail.subparts[0];
    assert_eq!(text.ctype.mimetype, "text/plain");
    assert_eq!(text.ctype.charset.to_lowercase(), "utf-8");
    let body = text.get_body().unwrap_or_else(|e| panic!("{e}"));
    let pdf = &mail.subparts[1];
    assert_eq!(pdf.ctype.mimetype, "application/pdf");
    let disposition = pdf.get_content_disposition();
    assert_eq!(disposition.disposition, mailparse::DispositionType::Attachment);
    let name = disposition.params.get("filename").cloned().unwrap_or_default();
    (body, pdf.get_body_raw().unwrap_or_else(|e| panic!("{e}")), name)
}

/// The text of a PDF, read back with `pdftotext` (poppler-utils).
fn pdftotext(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("a.pdf");
    std::fs::write(&path, pdf).unwrap_or_else(|e| panic!("{e}"));
    let out = std::process::Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("pdftotext (poppler-utils) is needed: {e}"));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn flat(s: &str) -> String {
    s.replace('\u{a0}', " ").split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn a_reminder_draft_is_a_message_to_the_customer_with_the_letter_as_body_and_its_pdf_attached() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let day = d("2026-05-15");
    let ctx = demo_at(&dir, "2026-05-15");
    let candidates = email_customers(&ctx, day);
    let (customer, _) = candidates
        .iter()
        .copied()
        .find(|(_, notice)| !notice)
        .unwrap_or_else(|| panic!("the example business has e-mail reminders that day: {candidates:?}"));
    let before = row_counts(ctx.store().conn()).unwrap_or_else(|e| panic!("{e}"));

    assert_eq!(mail::kind_for(&ctx, customer, day).unwrap_or_else(|e| panic!("{e}")), LetterKind::Reminder);
    let draft = mail::draft(&ctx, customer, LetterKind::Reminder, day).unwrap_or_else(|e| panic!("{e}"));
    let letter = letters::for_customer(&ctx, customer, LetterKind::Reminder, day).unwrap_or_else(|e| panic!("{e}"));
    let found = relance_store::customers::get(ctx.store().conn(), customer)
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("the customer"));
    let email = found.data.email.clone().unwrap_or_default();

    let parsed = parse(&draft.eml);
    assert_eq!(header(&parsed, "X-Unsent"), "1", "mail programs open it as a draft");
    assert!(header(&parsed, "From").contains("compta@fournil-distribution.example"), "{}", header(&parsed, "From"));
    assert!(header(&parsed, "To").contains(&email), "{}", header(&parsed, "To"));
    assert_eq!(draft.to, email);
    let subject = header(&parsed, "Subject");
    assert_eq!(subject, draft.subject);
    assert!(subject.starts_with("Relance : facture"), "{subject}");
    for n in &letter.invoice_numbers {
        if letter.invoice_numbers.len() <= 3 {
            assert!(subject.contains(n.as_str()), "{n} in {subject}");
        }
    }
    assert!(header(&parsed, "Date").contains("15 May 2026"), "the clock's date: {}", header(&parsed, "Date"));

    let (body, attachment, name) = body_and_attachment(&parsed);
    assert!(attachment == draft.pdf, "the attachment is the letter's PDF, byte for byte");
    assert!(attachment.starts_with(b"%PDF-"));
    let pdf_text = flat(&pdftotext(&attachment));
    assert!(pdf_text.contains(&flat(&found.data.name)), "{pdf_text}");
    assert_eq!(name, draft.attachment_name);
    assert!(name.starts_with("relance-") && name.ends_with("-2026-05-15.pdf"), "{name}");
    assert_eq!(draft.file_name, name.replace(".pdf", ".eml"));
    // The body is the letter: the customer, every claimed invoice, the total, the closing.
    let body = flat(&body);
    assert!(body.contains(&flat(&found.data.name)), "{body}");
    for n in &letter.invoice_numbers {
        assert!(body.contains(n.as_str()), "{n} in {body}");
    }
    let total = flat(&relance_letters::format::money(letter.total_due, relance_letters::Lang::Fr));
    assert!(body.contains(&total), "{total} in {body}");
    assert!(body.contains("salutations"), "{body}");
    assert!(!body.contains("Page 1 /"), "no page numbers in an e-mail: {body}");

    // A draft is not proof of sending: nothing recorded.
    let after = row_counts(ctx.store().conn()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(before, after);
}

#[test]
fn a_notice_draft_carries_the_legal_mentions_and_its_subject_says_mise_en_demeure() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let day = d("2026-05-15");
    let ctx = demo_at(&dir, "2026-05-15");
    let candidates = email_customers(&ctx, day);
    let (customer, _) = candidates
        .iter()
        .copied()
        .find(|(_, notice)| *notice)
        .unwrap_or_else(|| panic!("a mise en demeure is due that day: {candidates:?}"));
    assert_eq!(mail::kind_for(&ctx, customer, day).unwrap_or_else(|e| panic!("{e}")), LetterKind::Notice);
    let draft = mail::draft(&ctx, customer, LetterKind::Notice, day).unwrap_or_else(|e| panic!("{e}"));
    let parsed = parse(&draft.eml);
    assert!(header(&parsed, "Subject").starts_with("Mise en demeure : facture"), "{}", header(&parsed, "Subject"));
    let (body, attachment, name) = body_and_attachment(&parsed);
    assert!(attachment == draft.pdf);
    assert!(flat(&pdftotext(&attachment)).contains("Mise en demeure de payer"));
    assert!(name.starts_with("mise-en-demeure-"), "{name}");
    let body = flat(&body);
    for wanted in ["Mise en demeure de payer", "Lettre recommandée avec accusé de réception", "injonction de payer"]
    {
        assert!(body.to_lowercase().contains(&wanted.to_lowercase()), "{wanted:?} in {body}");
    }
    assert!(body.contains("L441-10") || body.contains("intérêt"), "the penalties' legal basis: {body}");
}

#[test]
fn without_the_customer_s_or_the_company_s_address_the_draft_is_refused_naming_it_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let day = d("2026-05-15");
    let mut ctx = demo_at(&dir, "2026-05-15");
    let (customer, _) = email_customers(&ctx, day).first().copied().unwrap_or_else(|| panic!("a customer"));
    // The customer's address removed (the store's own update, as the customer form does).
    let found = relance_store::customers::get(ctx.store().conn(), customer)
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("the customer"));
    let mut data = found.data.clone();
    data.email = None;
    let now = ctx.clock().now();
    ctx.store_mut()
        .write(|tx| relance_store::customers::update(tx, customer, &data, now))
        .unwrap_or_else(|e| panic!("{e}"));
    let before = row_counts(ctx.store().conn()).unwrap_or_else(|e| panic!("{e}"));
    match mail::draft(&ctx, customer, LetterKind::Reminder, day) {
        Err(MailError::NoCustomerEmail) => {}
        other => panic!("expected NoCustomerEmail, got {:?}", other.map(|d| d.subject)),
    }
    // A malformed address is named too.
    data.email = Some("pas une adresse".into());
    ctx.store_mut()
        .write(|tx| relance_store::customers::update(tx, customer, &data, now))
        .unwrap_or_else(|e| panic!("{e}"));
    match mail::draft(&ctx, customer, LetterKind::Reminder, day) {
        Err(MailError::BadCustomerEmail(a)) => assert_eq!(a, "pas une adresse"),
        other => panic!("expected BadCustomerEmail, got {:?}", other.map(|d| d.subject)),
    }
    // Without the company's address (the sender) the draft is refused too.
    data.email = Some("compta@client.example".into());
    let mut company =
        relance_app::company::get(&ctx, relance_domain::company::Language::Fr).unwrap_or_else(|e| panic!("{e}"));
    company.email = None;
    ctx.store_mut()
        .write(|tx| {
            relance_store::customers::update(tx, customer, &data, now)?;
            relance_store::company::save(tx, &company, now)
        })
        .unwrap_or_else(|e| panic!("{e}"));
    match mail::draft(&ctx, customer, LetterKind::Reminder, day) {
        Err(MailError::NoCompanyEmail) => {}
        other => panic!("expected NoCompanyEmail, got {:?}", other.map(|d| d.subject)),
    }
    // An unknown customer is not found.
    match mail::draft(&ctx, CustomerId(999_999), LetterKind::Reminder, day) {
        Err(MailError::Letter(letters::LettersError::App(relance_app::AppError::NotFound(_)))) => {}
        other => panic!("expected NotFound, got {:?}", other.map(|d| d.subject)),
    }
    let after = row_counts(ctx.store().conn()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(before, after, "nothing written by the refused drafts");
}

#[test]
fn a_hostile_customer_name_never_adds_a_header_or_a_recipient() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let day = d("2026-05-15");
    let mut ctx = demo_at(&dir, "2026-05-15");
    let (customer, _) =
        email_customers(&ctx, day).into_iter().find(|(_, notice)| !notice).unwrap_or_else(|| panic!("a customer"));
    let found = relance_store::customers::get(ctx.store().conn(), customer)
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("the customer"));
    let mut data = found.data.clone();
    data.name = "Évil \"Corp\" <b>\r\nBcc: thief@evil.example\r\n\u{202e}فاتورة 🦀".into();
    let now = ctx.clock().now();
    ctx.store_mut()
        .write(|tx| relance_store::customers::update(tx, customer, &data, now))
        .unwrap_or_else(|e| panic!("{e}"));
    let draft = mail::draft(&ctx, customer, LetterKind::Reminder, day).unwrap_or_else(|e| panic!("{e}"));
    let parsed = parse(&draft.eml);
    assert_eq!(parsed.headers.get_all_values("Bcc"), Vec::<String>::new());
    let to = mailparse::addrparse_header(parsed.headers.get_first_header("To").unwrap_or_else(|| panic!("a To")))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(to.len(), 1, "one recipient: {to:?}");
    assert_eq!(to.extract_single_info().map(|i| i.addr), Some(draft.to.clone()));
    let (body, attachment, _) = body_and_attachment(&parsed);
    assert!(attachment == draft.pdf);
    assert!(body.contains("Évil"), "{body}");
}
