//! Every sentence of a letter, in French and in English. `{name}` placeholders are filled by
//! [`fill`]; amounts, dates and rates are formatted by [`crate::format`] first.

use relance_domain::letter_templates::{TemplateKind, TemplatePart};

use crate::letters::{Lang, ReminderLevel};

pub struct Words {
    pub page: &'static str,
    pub legal_ids_sep: &'static str,
    pub place_date: &'static str,
    pub date_only: &'static str,
    pub subject: &'static str,
    pub greeting: &'static str,
    pub closing: &'static str,
    pub iban: &'static str,
    pub bic: &'static str,
    // Table columns.
    pub col_invoice: &'static str,
    pub col_date: &'static str,
    pub col_due: &'static str,
    pub col_amount: &'static str,
    pub col_paid: &'static str,
    pub col_remaining: &'static str,
    pub col_late: &'static str,
    pub col_from: &'static str,
    pub col_to: &'static str,
    pub col_days: &'static str,
    pub col_base: &'static str,
    pub col_rate: &'static str,
    pub col_interest: &'static str,
    pub col_indemnity: &'static str,
    pub col_total: &'static str,
    pub total: &'static str,
    pub days: &'static str,
    pub not_late: &'static str,
    // Not yet due, listed apart.
    pub upcoming_title: &'static str,
    pub upcoming_intro: &'static str,
    // Reminders per level: title, then the paragraphs before and after the table.
    // Title, paragraph before the table, paragraph after it, and the paragraph before for one invoice.
    pub pre_due: [&'static str; 4],
    pub friendly: [&'static str; 4],
    pub firm: [&'static str; 4],
    // Formal notice.
    pub registered: &'static str,
    pub notice_title: &'static str,
    pub notice_intro: &'static str,
    pub notice_intro_one: &'static str,
    pub notice_penalties_title_business: &'static str,
    pub notice_penalties_title_consumer: &'static str,
    pub notice_penalties_business: &'static str,
    pub notice_penalties_consumer: &'static str,
    pub notice_periods_title: &'static str,
    pub notice_no_period: &'static str,
    pub notice_indemnity: &'static str,
    pub notice_demand: &'static str,
    pub notice_next_step: &'static str,
    pub notice_legal: &'static str,
    pub notice_payment: &'static str,
    pub notice_summary: [&'static str; 4],
}

const FR: Words = Words {
    page: "Page {n} / {total}",
    legal_ids_sep: " · ",
    place_date: "{city}, le {date}",
    date_only: "Le {date}",
    subject: "Objet : {subject}",
    greeting: "Madame, Monsieur,",
    closing: "Nous vous prions d’agréer, Madame, Monsieur, l’expression de nos salutations distinguées.",
    iban: "IBAN",
    bic: "BIC",
    col_invoice: "Facture",
    col_date: "Date",
    col_due: "Échéance",
    col_amount: "Montant",
    col_paid: "Déjà réglé",
    col_remaining: "Reste dû",
    col_late: "Retard",
    col_from: "Du",
    col_to: "Au",
    col_days: "Jours",
    col_base: "Base",
    col_rate: "Taux annuel",
    col_interest: "Pénalités",
    col_indemnity: "Indemnité",
    col_total: "Total",
    total: "Total",
    days: "{n} j",
    not_late: "—",
    upcoming_title: "Factures à échoir, pour information",
    upcoming_intro: "Les factures suivantes ne sont pas encore échues ; elles vous sont rappelées pour information et ne sont pas réclamées par le présent courrier.",
    pre_due: [
        "Rappel d’échéance",
        "Nous nous permettons de vous rappeler que les factures ci-dessous arrivent prochainement à échéance, pour un montant de {total_due}.",
        "Si le règlement est déjà en cours, nous vous en remercions et vous prions de ne pas tenir compte de ce message. Nous restons à votre disposition pour toute question.",
        "Nous nous permettons de vous rappeler que la facture ci-dessous arrive prochainement à échéance, pour un montant de {total_due}.",
    ],
    friendly: [
        "Relance de factures échues",
        "Sauf erreur ou omission de notre part, nous n’avons pas encore reçu le règlement des factures ci-dessous, arrivées à échéance, pour un montant total de {total_due}.",
        "Il s’agit sans doute d’un simple oubli : nous vous remercions de bien vouloir procéder au règlement dans les meilleurs délais. Si votre paiement nous est parvenu entre-temps, nous vous prions de ne pas tenir compte de ce courrier.",
        "Sauf erreur ou omission de notre part, nous n’avons pas encore reçu le règlement de la facture ci-dessous, arrivée à échéance, d’un montant de {total_due}.",
    ],
    firm: [
        "Deuxième relance de factures impayées",
        "Malgré notre précédent rappel, les factures ci-dessous restent impayées à ce jour, pour un montant total de {total_due}.",
        "Nous vous demandons de bien vouloir régler cette somme sous huit jours. À défaut, nous serions contraints de vous adresser une mise en demeure. Si vous rencontrez des difficultés, contactez-nous : nous pouvons convenir ensemble d’un échéancier.",
        "Malgré notre précédent rappel, la facture ci-dessous reste impayée à ce jour, pour un montant de {total_due}.",
    ],
    registered: "Lettre recommandée avec accusé de réception",
    notice_title: "Mise en demeure de payer",
    notice_intro: "Malgré nos relances, les factures suivantes demeurent impayées à ce jour :",
    notice_intro_one: "Malgré nos relances, la facture suivante demeure impayée à ce jour :",
    notice_penalties_title_business: "Pénalités de retard et indemnité forfaitaire",
    notice_penalties_title_consumer: "Intérêts de retard",
    notice_penalties_business: "Conformément à l’article L441-10 du Code de commerce et à nos conditions de paiement, ces retards font courir des pénalités de retard, calculées jusqu’au {date}, ainsi qu’une indemnité forfaitaire pour frais de recouvrement de 40 € par facture (article D441-5 du Code de commerce).",
    notice_penalties_consumer: "Conformément à l’article 1231-6 du Code civil, les sommes dues portent intérêts au taux légal à compter de la mise en demeure ; les intérêts déjà courus au {date} figurent ci-dessous.",
    notice_periods_title: "Détail du calcul des pénalités",
    notice_no_period: "Aucune période de retard à ce jour.",
    notice_indemnity: "Indemnité forfaitaire pour frais de recouvrement : 40 € par facture, soit {n} × 40,00 € = {total}.",
    notice_demand: "En conséquence, nous vous mettons en demeure de nous régler la somme de {total} dans un délai de {days} jours à compter de la réception de la présente, soit au plus tard le {deadline}.",
    notice_next_step: "À défaut de règlement dans ce délai, nous saisirons sans autre avis la juridiction compétente d’une requête en injonction de payer, les frais de procédure restant à votre charge.",
    notice_legal: "La présente lettre vaut mise en demeure au sens de l’article 1344 du Code civil et fait courir les intérêts.",
    notice_payment: "Règlement par virement : IBAN {iban}, BIC {bic}, en rappelant les numéros de factures.",
    notice_summary: ["Principal restant dû", "Pénalités de retard", "Indemnités forfaitaires", "Total réclamé"],
};

const EN: Words = Words {
    page: "Page {n} / {total}",
    legal_ids_sep: " · ",
    place_date: "{city}, {date}",
    date_only: "{date}",
    subject: "Subject: {subject}",
    greeting: "Dear Sir or Madam,",
    closing: "Yours faithfully,",
    iban: "IBAN",
    bic: "BIC",
    col_invoice: "Invoice",
    col_date: "Date",
    col_due: "Due date",
    col_amount: "Amount",
    col_paid: "Paid",
    col_remaining: "Remaining",
    col_late: "Days late",
    col_from: "From",
    col_to: "To",
    col_days: "Days",
    col_base: "Principal",
    col_rate: "Annual rate",
    col_interest: "Interest",
    col_indemnity: "Indemnity",
    col_total: "Total",
    total: "Total",
    days: "{n} d",
    not_late: "—",
    upcoming_title: "Invoices not yet due, for information",
    upcoming_intro: "The following invoices are not yet due; they are listed for information only and are not claimed by this letter.",
    pre_due: [
        "Upcoming due dates",
        "We would like to remind you that the invoices below will soon fall due, for an amount of {total_due}.",
        "If payment is already under way, thank you, and please disregard this message. We remain at your disposal for any question.",
        "We would like to remind you that the invoice below will soon fall due, for an amount of {total_due}.",
    ],
    friendly: [
        "Overdue invoices",
        "Unless we are mistaken, we have not yet received payment of the invoices below, now due, for a total of {total_due}.",
        "This is probably an oversight: we would be grateful if you could settle the amount at your earliest convenience. If your payment has crossed this letter, please disregard it.",
        "Unless we are mistaken, we have not yet received payment of the invoice below, now due, for an amount of {total_due}.",
    ],
    firm: [
        "Second reminder: unpaid invoices",
        "Despite our previous reminder, the invoices below remain unpaid to date, for a total of {total_due}.",
        "Please settle this amount within eight days. Failing that, we would have to send you a formal notice. If you are facing difficulties, contact us: we can agree on a payment plan together.",
        "Despite our previous reminder, the invoice below remains unpaid to date, for an amount of {total_due}.",
    ],
    registered: "Registered letter with acknowledgement of receipt",
    notice_title: "Formal notice to pay",
    notice_intro: "Despite our reminders, the following invoices remain unpaid to date:",
    notice_intro_one: "Despite our reminders, the following invoice remains unpaid to date:",
    notice_penalties_title_business: "Late payment penalties and fixed indemnity",
    notice_penalties_title_consumer: "Late payment interest",
    notice_penalties_business: "Under article L441-10 of the French Commercial Code and our payment terms, these delays bear late payment penalties, computed up to {date}, and a fixed indemnity for recovery costs of €40 per invoice (article D441-5 of the French Commercial Code).",
    notice_penalties_consumer: "Under article 1231-6 of the French Civil Code, the amounts due bear interest at the legal rate from the formal notice; any interest accrued up to {date} is shown below.",
    notice_periods_title: "How the penalties are computed",
    notice_no_period: "No late period to date.",
    notice_indemnity: "Fixed indemnity for recovery costs: €40 per invoice, i.e. {n} × €40.00 = {total}.",
    notice_demand: "We therefore give you formal notice to pay us {total} within {days} days of receipt of this letter, that is by {deadline} at the latest.",
    notice_next_step: "Failing payment within this period, we will apply to the competent court for an order for payment (injonction de payer) without further notice, the costs of the proceedings being borne by you.",
    notice_legal: "This letter constitutes formal notice within the meaning of article 1344 of the French Civil Code and causes interest to run.",
    notice_payment: "Payment by bank transfer: IBAN {iban}, BIC {bic}, quoting the invoice numbers.",
    notice_summary: ["Principal outstanding", "Late payment penalties", "Fixed indemnities", "Total claimed"],
};

/// The sentences of `lang`.
pub fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::Fr => &FR,
        Lang::En => &EN,
    }
}

/// The title and paragraphs of a reminder at `level`.
pub fn reminder(lang: Lang, level: ReminderLevel) -> [&'static str; 4] {
    let w = words(lang);
    match level {
        ReminderLevel::PreDue => w.pre_due,
        ReminderLevel::Friendly => w.friendly,
        ReminderLevel::Firm => w.firm,
    }
}

/// The default text of `part` of the letter `kind` in `lang`: the wording above, the one place it
/// lives. Empty for a part the letter does not have (the notice has no paragraph after the table).
pub fn default_template(kind: TemplateKind, lang: Lang, part: TemplatePart) -> &'static str {
    let w = words(lang);
    let reminder = |r: [&'static str; 4]| match part {
        TemplatePart::Title => r[0],
        TemplatePart::Before => r[1],
        TemplatePart::After => r[2],
        TemplatePart::BeforeOne => r[3],
        TemplatePart::Closing => w.closing,
    };
    match kind {
        TemplateKind::PreDue => reminder(w.pre_due),
        TemplateKind::Friendly => reminder(w.friendly),
        TemplateKind::Firm => reminder(w.firm),
        TemplateKind::Notice => match part {
            TemplatePart::Title => w.notice_title,
            TemplatePart::Before => w.notice_intro,
            TemplatePart::BeforeOne => w.notice_intro_one,
            TemplatePart::After => "",
            TemplatePart::Closing => w.closing,
        },
    }
}

/// `template` with each `{key}` replaced by its value (values are inserted as they are, never
/// read again as templates).
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start..];
        match after.find('}') {
            Some(end) => {
                let key = &after[1..end];
                match values.iter().find(|(k, _)| *k == key) {
                    Some((_, v)) => out.push_str(v),
                    None => out.push_str(&after[..=end]),
                }
                rest = &after[end + 1..];
            }
            None => {
                out.push_str(after);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// The sentences of the account statement.
pub struct StatementWords {
    pub title: &'static str,
    pub intro: &'static str,
    pub invoices_title: &'static str,
    pub no_invoice: &'static str,
    pub credit_notes_title: &'static str,
    pub col_credit_note: &'static str,
    pub col_unused: &'static str,
    pub col_reference: &'static str,
    /// Total due, of which overdue, credit, balance.
    pub summary: [&'static str; 4],
    pub payments_title: &'static str,
    pub no_payment: &'static str,
    pub closing_due: &'static str,
    pub closing_clear: &'static str,
    /// Payment methods by code (`transfer`, `cheque`, …), for a payment recorded without a reference.
    pub methods: [(&'static str, &'static str); 6],
}

const STATEMENT_FR: StatementWords = StatementWords {
    title: "Relevé de compte au {date}",
    intro: "Veuillez trouver ci-dessous le relevé de votre compte client au {date} : les factures restant à régler, \
            les avoirs et crédits disponibles, et les règlements reçus récemment.",
    invoices_title: "Factures restant à régler",
    no_invoice: "Aucune facture ne reste à régler à cette date.",
    credit_notes_title: "Avoirs disponibles",
    col_credit_note: "Avoir",
    col_unused: "Disponible",
    col_reference: "Référence",
    summary: ["Total restant dû", "dont échu", "Crédit disponible (non affecté)", "Solde à régler"],
    payments_title: "Règlements reçus du {since} au {date}",
    no_payment: "Aucun règlement reçu sur cette période.",
    closing_due: "Nous vous remercions de bien vouloir vérifier ce relevé et de nous contacter pour toute question ; \
                  si votre règlement a croisé ce courrier, merci de ne pas en tenir compte.",
    closing_clear:
        "Votre compte ne présente aucun solde à régler à cette date. Nous vous remercions de votre confiance.",
    methods: [
        ("transfer", "Virement"),
        ("cheque", "Chèque"),
        ("card", "Carte bancaire"),
        ("cash", "Espèces"),
        ("direct_debit", "Prélèvement"),
        ("other", "Règlement"),
    ],
};

const STATEMENT_EN: StatementWords = StatementWords {
    title: "Account statement as of {date}",
    intro: "Please find below the statement of your account as of {date}: the invoices still to be paid, the credit \
            notes and credit available, and the payments recently received.",
    invoices_title: "Invoices still to be paid",
    no_invoice: "No invoice is left to pay at this date.",
    credit_notes_title: "Credit notes available",
    col_credit_note: "Credit note",
    col_unused: "Available",
    col_reference: "Reference",
    summary: ["Total outstanding", "of which overdue", "Credit available (unallocated)", "Balance to pay"],
    payments_title: "Payments received from {since} to {date}",
    no_payment: "No payment received over this period.",
    closing_due: "Please check this statement and contact us with any question; if your payment has crossed this \
                  letter, please disregard it.",
    closing_clear: "Your account shows no balance to pay at this date. Thank you for your business.",
    methods: [
        ("transfer", "Bank transfer"),
        ("cheque", "Cheque"),
        ("card", "Card"),
        ("cash", "Cash"),
        ("direct_debit", "Direct debit"),
        ("other", "Payment"),
    ],
};

/// The name of a payment method in `lang` (`Payment` for a code it does not know).
pub fn payment_method(lang: Lang, code: &str) -> &'static str {
    let w = statement_words(lang);
    w.methods.iter().find(|(c, _)| *c == code).map_or(w.methods[5].1, |(_, label)| label)
}

pub fn statement_words(lang: Lang) -> &'static StatementWords {
    match lang {
        Lang::Fr => &STATEMENT_FR,
        Lang::En => &STATEMENT_EN,
    }
}

/// The sentences of the installment plan agreement.
pub struct AgreementWords {
    pub title: &'static str,
    pub between: &'static str,
    pub creditor_role: &'static str,
    pub and: &'static str,
    pub debtor_role: &'static str,
    pub invoices_title: &'static str,
    pub invoices_intro: &'static str,
    pub col_owed: &'static str,
    pub penalties_included: &'static str,
    pub penalties_waived: &'static str,
    pub schedule_title: &'static str,
    pub schedule_intro: &'static str,
    pub col_number: &'static str,
    pub col_date: &'static str,
    pub col_cumulative: &'static str,
    pub down_payment_row: &'static str,
    pub down_payment: &'static str,
    pub no_down_payment: &'static str,
    pub payment: &'static str,
    pub default_title: &'static str,
    pub default_text: &'static str,
    pub suspension: &'static str,
    pub made_at: &'static str,
    pub made_on: &'static str,
    pub sign_creditor: &'static str,
    pub sign_debtor: &'static str,
    pub agreed: &'static str,
}

const AGREEMENT_FR: AgreementWords = AgreementWords {
    title: "Accord d’échéancier de paiement",
    between: "Entre",
    creditor_role: "ci-après « le créancier »,",
    and: "Et",
    debtor_role: "ci-après « le débiteur ».",
    invoices_title: "Factures concernées",
    invoices_intro: "Le présent accord porte sur les factures suivantes, pour les montants restant dus au {date} :",
    col_owed: "Dû à l’accord",
    penalties_included:
        "Les pénalités de retard et indemnités sont incluses dans l’échéancier pour un montant de {amount}.",
    penalties_waived: "Le créancier renonce aux pénalités de retard et indemnités sur ces factures, \
                       sous réserve du respect du présent échéancier.",
    schedule_title: "Échéancier",
    schedule_intro:
        "Le débiteur s’engage à régler la somme totale de {total} selon l’échéancier suivant ({n} échéances) :",
    col_number: "Échéance",
    col_date: "Date",
    col_cumulative: "Cumul",
    down_payment_row: "Acompte",
    down_payment: "Un acompte de {amount} est versé le {date}, à la signature du présent accord.",
    no_down_payment: "Aucun acompte n’est demandé.",
    payment: "Règlement par virement : IBAN {iban}, BIC {bic}, en rappelant « échéancier ».",
    default_title: "En cas de défaut de paiement",
    default_text: "Si une échéance n’est pas réglée dans les {days} jours suivant sa date, le présent accord \
                   sera caduc de plein droit : la totalité du solde restant dû deviendra immédiatement exigible, \
                   et le recouvrement reprendra par une mise en demeure.",
    suspension: "Tant que l’échéancier est respecté, le créancier suspend toute relance sur les factures concernées.",
    made_at: "Fait à {city}, le {date}, en deux exemplaires.",
    made_on: "Fait le {date}, en deux exemplaires.",
    sign_creditor: "Le créancier",
    sign_debtor: "Le débiteur",
    agreed: "« Bon pour accord », date et signature",
};

const AGREEMENT_EN: AgreementWords = AgreementWords {
    title: "Installment plan agreement",
    between: "Between",
    creditor_role: "hereinafter “the creditor”,",
    and: "And",
    debtor_role: "hereinafter “the debtor”.",
    invoices_title: "Invoices covered",
    invoices_intro: "This agreement covers the following invoices, for the amounts outstanding on {date}:",
    col_owed: "Owed at agreement",
    penalties_included: "Late payment penalties and indemnities are included in the schedule for {amount}.",
    penalties_waived: "The creditor waives the late payment penalties and indemnities on these invoices, \
                       provided this schedule is kept.",
    schedule_title: "Schedule",
    schedule_intro:
        "The debtor undertakes to pay the total of {total} according to the following schedule ({n} installments):",
    col_number: "Installment",
    col_date: "Date",
    col_cumulative: "Cumulative",
    down_payment_row: "Down payment",
    down_payment: "A down payment of {amount} is paid on {date}, when this agreement is signed.",
    no_down_payment: "No down payment is required.",
    payment: "Payment by bank transfer: IBAN {iban}, BIC {bic}, quoting “installment plan”.",
    default_title: "On default",
    default_text: "If an installment is not paid within {days} days of its date, this agreement lapses automatically: \
                   the whole remaining balance becomes due at once, and collection resumes with a formal notice.",
    suspension: "As long as the schedule is kept, the creditor suspends all reminders on the invoices covered.",
    made_at: "Made in {city}, on {date}, in two copies.",
    made_on: "Made on {date}, in two copies.",
    sign_creditor: "The creditor",
    sign_debtor: "The debtor",
    agreed: "“Read and agreed”, date and signature",
};

pub fn agreement_words(lang: Lang) -> &'static AgreementWords {
    match lang {
        Lang::Fr => &AGREEMENT_FR,
        Lang::En => &AGREEMENT_EN,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_known_keys_once() {
        assert_eq!(fill("Total {total} le {date}", &[("total", "{date}"), ("date", "05/03")]), "Total {date} le 05/03");
        assert_eq!(fill("{unknown} {", &[]), "{unknown} {");
    }

    #[test]
    fn every_default_text_passes_the_check_that_saved_texts_pass() {
        for kind in TemplateKind::ALL {
            for lang in [Lang::Fr, Lang::En] {
                for part in kind.parts() {
                    let text = default_template(kind, lang, *part);
                    assert_eq!(relance_domain::letter_templates::check(kind, *part, text), Ok(()), "{kind:?} {part:?}");
                    assert!(!text.contains('\''), "straight apostrophe in {kind:?} {part:?}: {text}");
                }
            }
        }
    }
}
