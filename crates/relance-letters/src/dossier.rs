//! The injonction de payer dossier: a summary of the claim to attach to the court request, after the
//! mise en demeure. The parties with their legal ids and addresses; each invoice with what remains, its
//! penalties to date (per period, from the collections engine) and, for a business debtor, the 40 EUR
//! indemnity; the totals (principal, accessories, claimed); the mise en demeure and its date, the
//! reminders sent before it, the promises and plans not kept; the numbered list of the pieces to attach.
//!
//! Which court and form (checked against the forms' own titles and public guides, November 2026): a
//! claim between professionals goes to the president of the tribunal de commerce (renamed « tribunal des
//! activités économiques » in twelve pilot courts since 1 January 2025) on Cerfa n° 12946; a claim on a
//! consumer goes to the tribunal judiciaire on Cerfa n° 12948. The dossier says « à joindre à la requête »:
//! it is not the request itself.

use chrono::NaiveDate;
use relance_domain::money::Money;

use crate::{
    font::{Fonts, Weight},
    format,
    layout::{Column, Document, Flow, Table, BODY, SMALL},
    letters::{days_cell, frame, Creditor, Lang, NoticeInvoice, Party},
    text::{self, fill},
    LetterError,
};

/// Something done before the dossier: a reminder sent, the mise en demeure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub on: NaiveDate,
    /// `letter`, `email` or `phone_call` (a channel's code).
    pub channel: String,
    /// The invoices it was about.
    pub invoice_numbers: Vec<String>,
}

/// A promise to pay or an installment plan the debtor did not keep.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Broken {
    /// A plan (échéancier) rather than a promise.
    pub plan: bool,
    /// When it was made.
    pub made_on: NaiveDate,
    /// When it broke: the promised date, or the plan's default.
    pub broke_on: Option<NaiveDate>,
    pub invoice_numbers: Vec<String>,
}

/// The dossier of one debtor at `date`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dossier {
    pub lang: Lang,
    pub date: NaiveDate,
    pub creditor: Creditor,
    pub debtor: Party,
    pub business_debtor: bool,
    /// The claimed invoices, each with its penalties to date and indemnity.
    pub invoices: Vec<NoticeInvoice>,
    /// The mise en demeure (the first one, when the invoices had several).
    pub notice: Step,
    /// The reminders before it, oldest first.
    pub reminders: Vec<Step>,
    pub broken: Vec<Broken>,
}

impl Dossier {
    pub fn principal(&self) -> Money {
        self.invoices.iter().map(|i| i.line.remaining).fold(Money::from_cents(0), |a, b| a + b)
    }
    pub fn interest(&self) -> Money {
        self.invoices.iter().map(|i| i.interest).fold(Money::from_cents(0), |a, b| a + b)
    }
    pub fn indemnity(&self) -> Money {
        self.invoices.iter().map(|i| i.indemnity).fold(Money::from_cents(0), |a, b| a + b)
    }
    /// Penalties and indemnities.
    pub fn accessories(&self) -> Money {
        self.interest() + self.indemnity()
    }
    pub fn claimed(&self) -> Money {
        self.principal() + self.accessories()
    }
}

/// Every sentence of the dossier, per language (kept here, apart from the letters' `Words`).
pub struct DossierWords {
    pub title: &'static str,
    pub attach_business: &'static str,
    pub attach_consumer: &'static str,
    pub creditor: &'static str,
    pub debtor: &'static str,
    pub debtor_business: &'static str,
    pub debtor_consumer: &'static str,
    pub claim: &'static str,
    pub penalties_business: &'static str,
    pub penalties_consumer: &'static str,
    pub periods: &'static str,
    pub no_period: &'static str,
    /// Principal, penalties or interest, indemnities, accessories, total claimed.
    pub summary: [&'static str; 5],
    pub interest_consumer: &'static str,
    pub history: &'static str,
    pub notice_sent: &'static str,
    pub reminder_sent: &'static str,
    pub no_reminder: &'static str,
    pub promise_broken: &'static str,
    pub plan_broken: &'static str,
    pub broke_on: &'static str,
    pub pieces: &'static str,
    pub piece_invoice: &'static str,
    pub piece_terms: &'static str,
    pub piece_notice: &'static str,
    pub piece_receipt: &'static str,
    pub piece_reminders: &'static str,
    pub piece_promise: &'static str,
    pub piece_plan: &'static str,
    pub piece_account: &'static str,
    pub channel_letter: &'static str,
    pub channel_email: &'static str,
    pub channel_phone: &'static str,
}

const FR: DossierWords = DossierWords {
    title: "Dossier de demande en injonction de payer",
    attach_business: "Récapitulatif de la créance, à joindre à la requête en injonction de payer adressée au président du tribunal de commerce (ou du tribunal des activités économiques, là où il a remplacé le tribunal de commerce) dont relève le débiteur (formulaire Cerfa n° 12946).",
    attach_consumer: "Récapitulatif de la créance, à joindre à la requête en injonction de payer adressée au tribunal judiciaire dont relève le débiteur (formulaire Cerfa n° 12948).",
    creditor: "Créancier",
    debtor: "Débiteur",
    debtor_business: "Professionnel",
    debtor_consumer: "Particulier (consommateur)",
    claim: "Détail de la créance",
    penalties_business: "Pénalités de retard (article L441-10 du Code de commerce) calculées au {date}, et indemnité forfaitaire pour frais de recouvrement de 40 € par facture (article D441-5 du Code de commerce).",
    penalties_consumer: "Intérêts au taux légal (article 1231-6 du Code civil) calculés au {date}.",
    periods: "Détail du calcul",
    no_period: "Aucune période de retard à ce jour.",
    summary: [
        "Principal (restant dû)",
        "Pénalités de retard",
        "Indemnités forfaitaires",
        "Total des accessoires",
        "Total réclamé",
    ],
    interest_consumer: "Intérêts de retard",
    history: "Démarches amiables",
    notice_sent: "Mise en demeure envoyée le {date} ({channel}) pour les factures {numbers}.",
    reminder_sent: "Relance du {date} ({channel}) : factures {numbers}.",
    no_reminder: "Aucune relance enregistrée avant la mise en demeure.",
    promise_broken: "Promesse de paiement du {date} non tenue (factures {numbers}){broke}.",
    plan_broken: "Échéancier accordé le {date} non respecté (factures {numbers}){broke}.",
    broke_on: ", défaillance constatée le {date}",
    pieces: "Pièces à joindre",
    piece_invoice: "Facture n° {number} du {date}",
    piece_terms: "Conditions générales de vente, contrat, devis ou bon de commande accepté",
    piece_notice: "Mise en demeure du {date}",
    piece_receipt: "Avis de réception de la mise en demeure",
    piece_reminders: "Lettres et courriels de relance ({dates})",
    piece_promise: "Promesse de paiement du débiteur (écrit ou courriel) du {date}",
    piece_plan: "Échéancier signé du {date}",
    piece_account: "Relevé de compte du débiteur au {date}",
    channel_letter: "courrier",
    channel_email: "courriel",
    channel_phone: "appel téléphonique",
};

const EN: DossierWords = DossierWords {
    title: "Order for payment application file",
    attach_business: "Summary of the claim, to attach to the application for an order for payment (injonction de payer) to the president of the commercial court (or of the economic activities court where it replaced it) of the debtor's district (form Cerfa no. 12946).",
    attach_consumer: "Summary of the claim, to attach to the application for an order for payment (injonction de payer) to the judicial court of the debtor's district (form Cerfa no. 12948).",
    creditor: "Creditor",
    debtor: "Debtor",
    debtor_business: "Business",
    debtor_consumer: "Private individual (consumer)",
    claim: "The claim",
    penalties_business: "Late-payment penalties (article L441-10 of the French Commercial Code) computed to {date}, and the fixed recovery indemnity of €40 per invoice (article D441-5).",
    penalties_consumer: "Interest at the legal rate (article 1231-6 of the French Civil Code) computed to {date}.",
    periods: "Computation",
    no_period: "No late period to date.",
    summary: ["Principal (remaining)", "Late-payment penalties", "Fixed indemnities", "Total ancillary amounts", "Total claimed"],
    interest_consumer: "Late interest",
    history: "Amicable steps",
    notice_sent: "Formal notice sent on {date} ({channel}) for invoices {numbers}.",
    reminder_sent: "Reminder of {date} ({channel}): invoices {numbers}.",
    no_reminder: "No reminder recorded before the formal notice.",
    promise_broken: "Promise to pay of {date} not kept (invoices {numbers}){broke}.",
    plan_broken: "Installment plan agreed on {date} not kept (invoices {numbers}){broke}.",
    broke_on: ", default noted on {date}",
    pieces: "Documents to attach",
    piece_invoice: "Invoice no. {number} of {date}",
    piece_terms: "Terms of sale, contract, quote or accepted purchase order",
    piece_notice: "Formal notice of {date}",
    piece_receipt: "Acknowledgement of receipt of the formal notice",
    piece_reminders: "Reminder letters and e-mails ({dates})",
    piece_promise: "The debtor's promise to pay (letter or e-mail) of {date}",
    piece_plan: "Signed installment plan of {date}",
    piece_account: "The debtor's account statement at {date}",
    channel_letter: "letter",
    channel_email: "e-mail",
    channel_phone: "phone call",
};

pub fn words(lang: Lang) -> &'static DossierWords {
    match lang {
        Lang::Fr => &FR,
        Lang::En => &EN,
    }
}

fn channel<'w>(code: &str, d: &'w DossierWords) -> &'w str {
    match code {
        "email" => d.channel_email,
        "phone_call" => d.channel_phone,
        _ => d.channel_letter,
    }
}

fn party_block(flow: &mut Flow<'_>, title: &str, party: &Party, extra: Option<&str>, sep: &str) {
    flow.paragraph(title, SMALL, Weight::Bold);
    flow.paragraph(&party.name, BODY, Weight::Bold);
    if !party.legal_ids.is_empty() {
        flow.paragraph(&party.legal_ids.join(sep), SMALL, Weight::Regular);
    }
    if !party.address.is_empty() {
        flow.paragraph(&party.address.join(", "), SMALL, Weight::Regular);
    }
    if let Some(extra) = extra {
        flow.paragraph(extra, SMALL, Weight::Regular);
    }
    flow.space(8_000);
}

/// The dossier as a laid-out document.
pub fn dossier(d: &Dossier) -> Result<Document, LetterError> {
    if d.invoices.is_empty() {
        return Err(LetterError::NoInvoice);
    }
    let fonts = Fonts::get()?;
    let lang = d.lang;
    let w = text::words(lang);
    let dw = words(lang);
    let date = format::date(d.date, lang);
    let mut flow = Flow::new(fonts);
    flow.paragraph(dw.title, BODY, Weight::Bold);
    flow.space(4_000);
    flow.paragraph(if d.business_debtor { dw.attach_business } else { dw.attach_consumer }, SMALL, Weight::Regular);
    flow.space(10_000);

    let mut creditor = d.creditor.party.clone();
    creditor.address.extend(d.creditor.contact.iter().cloned());
    party_block(&mut flow, dw.creditor, &creditor, None, w.legal_ids_sep);
    let kind = if d.business_debtor { dw.debtor_business } else { dw.debtor_consumer };
    party_block(&mut flow, dw.debtor, &d.debtor, Some(kind), w.legal_ids_sep);

    flow.ensure(80_000);
    flow.paragraph(dw.claim, BODY, Weight::Bold);
    flow.space(4_000);
    let lines: Vec<_> = d.invoices.iter().map(|i| i.line.clone()).collect();
    flow.table(&crate::letters::invoice_table(&lines, lang, w, true), SMALL);

    flow.space(10_000);
    flow.ensure(60_000);
    let why = if d.business_debtor { dw.penalties_business } else { dw.penalties_consumer };
    flow.paragraph(&fill(why, &[("date", &date)]), SMALL, Weight::Regular);
    flow.space(4_000);
    let mut columns = vec![
        Column::left(w.col_invoice, 100_000),
        Column::right(w.col_remaining, 90_000),
        Column::right(w.col_late, 70_000),
        Column::right(w.col_interest, 80_000),
    ];
    if d.business_debtor {
        columns.push(Column::right(w.col_indemnity, 70_000));
    }
    columns.push(Column::right(w.col_total, 68_000));
    let rows = d
        .invoices
        .iter()
        .map(|i| {
            let mut row = vec![
                i.line.number.clone(),
                format::money(i.line.remaining, lang),
                days_cell(i.line.days_late, w),
                format::money(i.interest, lang),
            ];
            if d.business_debtor {
                row.push(format::money(i.indemnity, lang));
            }
            row.push(format::money(i.line.remaining + i.interest + i.indemnity, lang));
            row
        })
        .collect();
    let mut total =
        vec![w.total.to_string(), format::money(d.principal(), lang), String::new(), format::money(d.interest(), lang)];
    if d.business_debtor {
        total.push(format::money(d.indemnity(), lang));
    }
    total.push(format::money(d.claimed(), lang));
    flow.table(&Table { columns, rows, total: Some(total) }, SMALL);

    flow.space(8_000);
    flow.ensure(50_000);
    flow.paragraph(dw.periods, SMALL, Weight::Bold);
    flow.space(3_000);
    crate::letters::periods_table(&mut flow, &d.invoices, w, lang, dw.no_period);

    flow.space(10_000);
    let mut rows = vec![vec![dw.summary[0].to_string(), format::money(d.principal(), lang)]];
    let interest_label = if d.business_debtor { dw.summary[1] } else { dw.interest_consumer };
    rows.push(vec![interest_label.to_string(), format::money(d.interest(), lang)]);
    if d.business_debtor {
        rows.push(vec![dw.summary[2].to_string(), format::money(d.indemnity(), lang)]);
    }
    rows.push(vec![dw.summary[3].to_string(), format::money(d.accessories(), lang)]);
    let summary = Table {
        columns: vec![Column::left("", 220_000), Column::right("", 100_000)],
        rows,
        total: Some(vec![dw.summary[4].to_string(), format::money(d.claimed(), lang)]),
    };
    flow.table(&summary, BODY);

    flow.space(12_000);
    flow.ensure(60_000);
    flow.paragraph(dw.history, BODY, Weight::Bold);
    flow.space(4_000);
    if d.reminders.is_empty() {
        flow.paragraph(dw.no_reminder, SMALL, Weight::Regular);
    }
    for r in &d.reminders {
        let text = fill(
            dw.reminder_sent,
            &[
                ("date", &format::short_date(r.on)),
                ("channel", channel(&r.channel, dw)),
                ("numbers", &r.invoice_numbers.join(", ")),
            ],
        );
        flow.paragraph(&format!("• {text}"), SMALL, Weight::Regular);
    }
    let notice = fill(
        dw.notice_sent,
        &[
            ("date", &format::date(d.notice.on, lang)),
            ("channel", channel(&d.notice.channel, dw)),
            ("numbers", &d.notice.invoice_numbers.join(", ")),
        ],
    );
    flow.paragraph(&format!("• {notice}"), SMALL, Weight::Bold);
    for b in &d.broken {
        let broke = b.broke_on.map(|on| fill(dw.broke_on, &[("date", &format::short_date(on))])).unwrap_or_default();
        let text = fill(
            if b.plan { dw.plan_broken } else { dw.promise_broken },
            &[("date", &format::short_date(b.made_on)), ("numbers", &b.invoice_numbers.join(", ")), ("broke", &broke)],
        );
        flow.paragraph(&format!("• {text}"), SMALL, Weight::Regular);
    }

    flow.space(12_000);
    flow.ensure(60_000);
    flow.paragraph(dw.pieces, BODY, Weight::Bold);
    flow.space(4_000);
    let mut pieces: Vec<String> = d
        .invoices
        .iter()
        .map(|i| {
            fill(dw.piece_invoice, &[("number", &i.line.number), ("date", &format::short_date(i.line.issue_date))])
        })
        .collect();
    pieces.push(dw.piece_terms.to_string());
    let written: Vec<&Step> = d.reminders.iter().filter(|r| r.channel != "phone_call").collect();
    if !written.is_empty() {
        let mut dates: Vec<NaiveDate> = written.iter().map(|r| r.on).collect();
        dates.dedup();
        let dates = dates.into_iter().map(format::short_date).collect::<Vec<_>>().join(", ");
        pieces.push(fill(dw.piece_reminders, &[("dates", &dates)]));
    }
    pieces.push(fill(dw.piece_notice, &[("date", &format::short_date(d.notice.on))]));
    pieces.push(dw.piece_receipt.to_string());
    for b in &d.broken {
        let tpl = if b.plan { dw.piece_plan } else { dw.piece_promise };
        pieces.push(fill(tpl, &[("date", &format::short_date(b.made_on))]));
    }
    pieces.push(fill(dw.piece_account, &[("date", &format::short_date(d.date))]));
    for (n, piece) in pieces.iter().enumerate() {
        flow.paragraph(&format!("{}. {piece}", n + 1), SMALL, Weight::Regular);
    }

    flow.space(12_000);
    let place = match &d.creditor.city {
        Some(city) if !city.trim().is_empty() => fill(w.place_date, &[("city", city), ("date", &date)]),
        _ => fill(w.date_only, &[("date", &date)]),
    };
    flow.paragraph(&place, SMALL, Weight::Regular);
    flow.space(16_000);
    flow.ensure(30_000);
    flow.paragraph(&d.creditor.party.name, BODY, Weight::Bold);
    Ok(Document { date: Some(d.date), ..flow.finish(dw.title, &frame(&d.creditor, w)) })
}
