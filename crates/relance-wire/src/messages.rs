//! Every sentence the core says to the user, in French and English.
//! The one place where a `Field` or `Problem` becomes words.

use relance_domain::company::Language;
use relance_domain::penalties::PenaltyError;
use relance_domain::rates::{HalfYear, Percent, UnknownRate};
use relance_domain::validation::{Field, Issue, Problem};

/// The label of a field as printed next to its input.
pub fn field_label(field: Field, lang: Language) -> &'static str {
    use Field::*;
    let (fr, en) = match field {
        CompanyName => ("Nom de l’entreprise", "Company name"),
        LegalForm => ("Forme juridique", "Legal form"),
        Siren => ("SIREN", "SIREN"),
        Siret => ("SIRET", "SIRET"),
        VatNumber => ("N° de TVA intracommunautaire", "VAT number"),
        Iban => ("IBAN", "IBAN"),
        Bic => ("BIC", "BIC"),
        Currency => ("Devise", "Currency"),
        DefaultTerms => ("Conditions de paiement par défaut", "Default payment terms"),
        Language => ("Langue", "Language"),
        CustomerName => ("Nom", "Name"),
        CustomerKind => ("Type de client", "Customer type"),
        Email => ("E-mail", "Email"),
        Phone => ("Téléphone", "Phone"),
        Terms => ("Conditions de paiement", "Payment terms"),
        CreditLimit => ("Plafond de crédit", "Credit limit"),
        Notes => ("Notes", "Notes"),
        Address => ("Adresse", "Address"),
        Customer => ("Client", "Customer"),
        InvoiceNumber => ("Numéro de facture", "Invoice number"),
        IssueDate => ("Date de facture", "Invoice date"),
        DueDate => ("Date d’échéance", "Due date"),
        AmountExclTax => ("Montant HT", "Amount excl. tax"),
        TaxAmount => ("TVA", "Tax"),
        Total => ("Montant TTC", "Total incl. tax"),
        PaymentDate => ("Date du paiement", "Payment date"),
        Amount => ("Montant", "Amount"),
        Method => ("Moyen de paiement", "Payment method"),
        Reference => ("Référence", "Reference"),
        Allocation => ("Répartition", "Allocation"),
        Invoice => ("Facture", "Invoice"),
        CreditNoteNumber => ("Numéro d’avoir", "Credit note number"),
        AsOf => ("Date", "Date"),
        Page => ("Page", "Page"),
        DunningLevels => ("Niveaux de relance", "Reminder levels"),
        LevelKey => ("Code du niveau", "Level code"),
        LevelOffset => ("Délai en jours", "Delay in days"),
        LevelChannel => ("Canal", "Channel"),
        LevelTemplate => ("Modèle", "Template"),
        LevelFee => ("Frais", "Fee"),
        FormalNotice => ("Mise en demeure", "Formal notice"),
        PolicyName => ("Nom du barème", "Policy name"),
        Policy => ("Barème de relance", "Reminder policy"),
        Segment => ("Profil de paiement", "Payment profile"),
        ContractualRate => ("Taux de pénalités contractuel", "Contractual penalty rate"),
        DunningLevel => ("Niveau de relance", "Reminder level"),
        ActionDate => ("Date", "Date"),
        PostponedUntil => ("Reporter au", "Postpone until"),
        Reason => ("Motif", "Reason"),
        Dispute => ("Litige", "Dispute"),
        Promise => ("Promesse de paiement", "Promise to pay"),
        PromiseDate => ("Date promise", "Promised date"),
        EscalationStage => ("Étape de recouvrement", "Collection stage"),
        Rate => ("Taux", "Rate"),
        RateHalfYear => ("Semestre", "Half-year"),
        RateSource => ("Source du taux", "Rate source"),
        SmtpServer => ("Serveur d’envoi (SMTP)", "Outgoing server (SMTP)"),
        SmtpPort => ("Port", "Port"),
        SmtpSecurity => ("Sécurité de la connexion", "Connection security"),
        SmtpUsername => ("Identifiant", "User name"),
        SmtpSender => ("Adresse d’expédition", "Sender address"),
        SmtpPassword => ("Mot de passe", "Password"),
        Logo => ("Logo", "Logo"),
        Plan => ("Échéancier", "Installment plan"),
        PlanInvoices => ("Factures de l’échéancier", "Invoices of the plan"),
        PlanInstallments => ("Nombre d’échéances", "Number of installments"),
        PlanInstallmentAmount => ("Montant par échéance", "Amount per installment"),
        PlanFirstDate => ("Première échéance", "First installment"),
        PlanFrequency => ("Fréquence", "Frequency"),
        PlanDayOfMonth => ("Jour du mois", "Day of the month"),
        PlanDownPayment => ("Acompte", "Down payment"),
        PlanPenalties => ("Pénalités et indemnité", "Penalties and indemnity"),
        PlanGraceDays => ("Délai de grâce", "Grace days"),
        PlanNoticeDays => ("Préavis avant échéance", "Notice before an installment"),
        PlanReminderDays => ("Relance après échéance", "Reminder after an installment"),
        TemplateLetter => ("Lettre", "Letter"),
        TemplateTitle => ("Titre", "Title"),
        TemplateBefore => ("Paragraphe avant le tableau", "Paragraph before the table"),
        TemplateBeforeOne => {
            ("Paragraphe avant le tableau (une seule facture)", "Paragraph before the table (one invoice)")
        }
        TemplateAfter => ("Paragraphe après le tableau", "Paragraph after the table"),
        TemplateClosing => ("Formule de politesse", "Closing"),
        BackupFolder => ("Dossier des sauvegardes", "Backup folder"),
        BackupKeep => ("Sauvegardes conservées", "Backups kept"),
        BackupRemindDays => ("Rappel après (jours)", "Remind after (days)"),
        BackupFile => ("Fichier de sauvegarde", "Backup file"),
        RiskGraceDays => ("Tolérance avant « en retard » (jours)", "Grace before “late” (days)"),
        RiskMinHistory => ("Factures réglées pour juger", "Paid invoices needed to judge"),
        RiskPunctualDays => {
            ("Retard moyen d’un client ponctuel (jours)", "Average delay of a punctual customer (days)")
        }
        RiskLateShare => {
            ("Part de factures en retard d’un client tardif (%)", "Share of late invoices of a late payer (%)")
        }
        RiskSpreadDays => ("Écart des retards d’un client tardif (jours)", "Spread of a late payer’s delays (days)"),
        RiskBrokenPromises => ("Promesses non tenues pour « à risque »", "Broken promises for “at risk”"),
        RiskOverdueDays => ("Retard d’une facture pour « à risque » (jours)", "Days overdue for “at risk”"),
        RiskScore => ("Note en dessous de laquelle un client est à risque", "Score under which a customer is at risk"),
        BackupPassphrase => ("Phrase de passe", "Passphrase"),
        BackupPassphraseConfirm => ("Confirmation de la phrase de passe", "Passphrase again"),
        BackupRemember => ("Mémoriser dans le trousseau du système", "Remember in the system keyring"),
        Insurer => ("Assureur-crédit", "Credit insurer"),
        CoveredAmount => ("Montant garanti", "Covered amount"),
        DeclarationDays => ("Délai de déclaration", "Declaration deadline"),
    };
    pick(lang, fr, en)
}

fn pick(lang: Language, fr: &'static str, en: &'static str) -> &'static str {
    match lang {
        Language::Fr => fr,
        Language::En => en,
    }
}

/// What is wrong, as a sentence without the field's name.
pub fn problem(p: &Problem, lang: Language) -> String {
    use Problem::*;
    let fr_en = |fr: &str, en: &str| if lang == Language::Fr { fr.to_string() } else { en.to_string() };
    match p {
        Required => fr_en("à remplir", "required"),
        TooLong { max } => match lang {
            Language::Fr => format!("{max} caractères au plus"),
            Language::En => format!("at most {max} characters"),
        },
        InvalidAmount => {
            fr_en("ce n’est pas un montant valide (exemple : 1 234,56)", "not a valid amount (example: 1,234.56)")
        }
        NegativeAmount => fr_en("le montant ne peut pas être négatif", "the amount cannot be negative"),
        ZeroAmount => fr_en("le montant doit être supérieur à zéro", "the amount must be greater than zero"),
        TooManyDecimals => fr_en("deux décimales au plus (centimes)", "at most two decimals (cents)"),
        AmountTooLarge => fr_en("montant trop élevé", "amount too large"),
        InvalidDate => {
            fr_en("ce n’est pas une date valide (exemple : 31/03/2026)", "not a valid date (example: 2026-03-31)")
        }
        DateBeforeIssue => fr_en(
            "l’échéance ne peut pas précéder la date de facture",
            "the due date cannot be before the invoice date",
        ),
        InvalidFormat { expected } => match lang {
            Language::Fr => format!("format non reconnu (attendu : {expected})"),
            Language::En => format!("format not recognised (expected: {expected})"),
        },
        InvalidChecksum => fr_en(
            "la clé de contrôle ne correspond pas : vérifiez la saisie",
            "the check digits do not match: please check for a typo",
        ),
        Unknown => fr_en("introuvable", "not found"),
        Duplicate => fr_en("ce numéro existe déjà", "this number already exists"),
        TotalMismatch { expected } => match lang {
            Language::Fr => format!("HT + TVA donne {}, pas le TTC saisi", french_amount(expected)),
            Language::En => format!("excl. tax + tax gives {expected}, not the total typed"),
        },
        ExceedsDue { remaining } => match lang {
            Language::Fr => format!("dépasse ce qui reste dû ({} €)", french_amount(remaining)),
            Language::En => format!("more than what is left to pay (€{remaining})"),
        },
        ExceedsPayment => {
            fr_en("la répartition dépasse le montant du paiement", "the allocation is more than the payment")
        }
        NotOpen => fr_en("cette facture n’a plus rien à payer", "this invoice has nothing left to pay"),
        Cancelled => fr_en("cette facture est annulée", "this invoice is cancelled"),
        AlreadySettled => fr_en(
            "des paiements y sont déjà imputés : faites un avoir",
            "payments are already applied to it: issue a credit note",
        ),
        CurrencyMismatch => fr_en("devise différente de celle du dossier", "currency differs from the books"),
        Archived => fr_en("ce client est archivé", "this customer is archived"),
        NotEmpty => fr_en(
            "le dossier contient déjà des clients : l’exemple ne se charge que dans un dossier vide",
            "the file already has customers: the example only loads into an empty file",
        ),
        NotAfterPrevious => {
            fr_en("doit être plus grand que celui du niveau précédent", "must be greater than the previous level's")
        }
        OnlyOneAllowed => fr_en("un seul niveau peut l’être", "only one level may be"),
        AlreadyUsed => fr_en("déjà utilisé", "already used"),
        StepNotAllowed => fr_en("impossible à ce stade", "not possible at this stage"),
        NeedsFormalNotice => {
            fr_en("il faut d’abord envoyer la mise en demeure", "the formal notice must be sent first")
        }
        TooEarly => fr_en("trop tôt : choisissez une date plus tardive", "too early: choose a later date"),
        TooManyInstallments { max } => match lang {
            Language::Fr => format!("{max} échéances au plus"),
            Language::En => format!("at most {max} installments"),
        },
        OutOfRange { min, max } => match lang {
            Language::Fr => format!("entre {min} et {max}"),
            Language::En => format!("between {min} and {max}"),
        },
        TooLate => fr_en("trop lointain : un an au plus", "too far ahead: one year at most"),
        InPlan { plan } => match lang {
            Language::Fr => format!("cette facture fait partie de l’échéancier n° {plan} : renégociez-le d’abord"),
            Language::En => format!("this invoice is part of installment plan no. {plan}: renegotiate it first"),
        },
        InUse { customers, segments, default } => in_use(*customers, *segments, *default, lang),
        UnknownPlaceholder { name, allowed } => {
            let allowed = allowed.iter().map(|a| format!("{{{a}}}")).collect::<Vec<_>>().join(", ");
            match lang {
                Language::Fr => format!("contient {{{name}}} : ce repère n’existe pas. Repères possibles : {allowed}"),
                Language::En => format!("contains {{{name}}}: there is no such placeholder. Possible ones: {allowed}"),
            }
        }
        UnbalancedBraces => fr_en(
            "contient une accolade { ou } seule : écrivez chaque repère entre deux accolades, comme {customer_name}",
            "has a lone { or }: write each placeholder between two braces, like {customer_name}",
        ),
        FileTooLarge { max_kb } => match lang {
            Language::Fr => format!("fichier trop lourd : {} Mo au plus", max_kb / 1024),
            Language::En => format!("file too large: {} MB at most", max_kb / 1024),
        },
        TooShort { min } => match lang {
            Language::Fr => format!("{min} caractères au moins"),
            Language::En => format!("at least {min} characters"),
        },
        NotSame => fr_en("différente de la première saisie", "does not match the first entry"),
        NotAnImage => fr_en(
            "ce fichier n’est pas une image PNG ou JPEG lisible",
            "this file is not a PNG or JPEG image that can be read",
        ),
        ImageSize { min, max } => match lang {
            Language::Fr => format!("l’image doit mesurer entre {min} et {max} pixels de côté"),
            Language::En => format!("the image must be between {min} and {max} pixels a side"),
        },
        BelowLegalFloor { floor, year, half } => match lang {
            Language::Fr => format!(
                "inférieur au minimum légal de {} % du {} semestre {year} (trois fois le taux de l’intérêt légal, \
                 article L441-10 du Code de commerce) ; laissez vide pour le taux légal (BCE + 10 points)",
                floor.replace('.', ","),
                if *half == 1 { "premier" } else { "second" },
            ),
            Language::En => format!(
                "below the legal minimum of {floor} % for the {} half of {year} (three times the legal interest \
                 rate, Code de commerce L441-10); leave it empty for the legal rate (ECB + 10 points)",
                if *half == 1 { "first" } else { "second" },
            ),
        },
    }
}

/// Who still uses a policy that cannot be deleted.
fn in_use(customers: u32, segments: u32, default: bool, lang: Language) -> String {
    let mut users = Vec::new();
    match lang {
        Language::Fr => {
            if default {
                users.push("c’est le barème par défaut".to_string());
            }
            match customers {
                0 => {}
                1 => users.push("1 client le suit".to_string()),
                n => users.push(format!("{n} clients le suivent")),
            }
            match segments {
                0 => {}
                1 => users.push("1 profil de paiement le suit".to_string()),
                n => users.push(format!("{n} profils de paiement le suivent")),
            }
            format!("impossible de le supprimer : {} ; choisissez-leur d’abord un autre barème", users.join(", "))
        }
        Language::En => {
            if default {
                users.push("it is the default policy".to_string());
            }
            match customers {
                0 => {}
                1 => users.push("1 customer follows it".to_string()),
                n => users.push(format!("{n} customers follow it")),
            }
            match segments {
                0 => {}
                1 => users.push("1 payment profile follows it".to_string()),
                n => users.push(format!("{n} payment profiles follow it")),
            }
            format!("cannot be deleted: {}; choose another policy for them first", users.join(", "))
        }
    }
}

/// "Montant : ce n’est pas un montant valide." / "Amount: not a valid amount."
pub fn issue(i: &Issue, lang: Language) -> String {
    let label = field_label(i.field, lang);
    let text = problem(&i.problem, lang);
    // A letter's text: « Le texte « Titre » contient {montant} : ce repère n’existe pas. … »
    if matches!(i.problem, Problem::UnknownPlaceholder { .. } | Problem::UnbalancedBraces) {
        return match lang {
            Language::Fr => format!("Le texte « {label} » {text}."),
            Language::En => format!("The text “{label}” {text}."),
        };
    }
    match (lang, i.row) {
        (Language::Fr, None) => format!("{label} : {text}."),
        (Language::En, None) => format!("{label}: {text}."),
        (Language::Fr, Some(row)) => format!("Niveau {} – {label} : {text}.", row + 1),
        (Language::En, Some(row)) => format!("Level {} – {label}: {text}.", row + 1),
    }
}

/// The wire name of an issue's field: its key, or for a field of a table row
/// `levels.<row>.<key>` (the only table with rows today is a policy's levels).
pub fn field_name(i: &Issue) -> String {
    match i.row {
        None => i.field.key().to_string(),
        Some(row) => format!("levels.{row}.{}", i.field.key()),
    }
}

pub fn not_found(what: &str, lang: Language) -> String {
    let (fr, en) = match what {
        "customer" => ("Ce client n’existe plus.", "This customer no longer exists."),
        "invoice" => ("Cette facture n’existe plus.", "This invoice no longer exists."),
        "promise" => ("Cette promesse de paiement n’existe plus.", "This promise to pay no longer exists."),
        "plan" => ("Cet échéancier n’existe pas.", "This installment plan does not exist."),
        _ => ("Cet élément n’existe plus.", "This item no longer exists."),
    };
    pick(lang, fr, en).to_string()
}

pub fn newer_database(lang: Language) -> String {
    pick(
        lang,
        "Ce dossier a été enregistré par une version plus récente de Relance. Installez la dernière version pour l’ouvrir ; rien n’a été modifié.",
        "This file was saved by a newer version of Relance. Install the latest version to open it; nothing was changed.",
    )
    .to_string()
}

/// A letter asked for a customer with nothing to claim.
pub fn nothing_to_claim(lang: Language) -> String {
    match lang {
        Language::Fr => "Ce client ne doit rien à cette date : il n’y a pas de lettre à faire.".into(),
        Language::En => "This customer owes nothing at that date: there is no letter to make.".into(),
    }
}

/// An injonction de payer dossier asked before any mise en demeure was sent.
pub fn dossier_needs_notice(lang: Language) -> String {
    match lang {
        Language::Fr => "Aucune mise en demeure n’a été envoyée à ce client : envoyez-la d’abord, le dossier d’injonction de payer la suit.".into(),
        Language::En => "No formal notice was sent to this customer: send it first, the order for payment file follows it.".into(),
    }
}

/// A document could not be laid out (should not happen: a font or layout fault).
pub fn document_not_made(detail: &str, lang: Language) -> String {
    match lang {
        Language::Fr => format!("Le document n’a pas pu être préparé ; rien n’a été enregistré. Détail : {detail}"),
        Language::En => format!("The document could not be prepared; nothing was saved. Detail: {detail}"),
    }
}

/// A document could not be written in the documents folder.
pub fn document_not_saved(detail: &str, lang: Language) -> String {
    match lang {
        Language::Fr => format!(
            "Le document n’a pas pu être enregistré dans le dossier des documents ; vérifiez la place libre sur le disque. Détail : {detail}"
        ),
        Language::En => {
            format!("The document could not be saved in the documents folder; check the free disk space. Detail: {detail}")
        }
    }
}

/// The day's letters could not be written in the documents folder: nothing was recorded.
pub fn day_letters_not_saved(detail: &str, lang: Language) -> String {
    match lang {
        Language::Fr => format!(
            "Les lettres du jour n’ont pas pu être enregistrées dans le dossier des documents ; aucune lettre n’a été \
             notée comme envoyée. Vérifiez la place libre sur le disque puis réessayez. Détail : {detail}"
        ),
        Language::En => format!(
            "Today's letters could not be saved in the documents folder; no letter was recorded as sent. \
             Check the free disk space, then try again. Detail: {detail}"
        ),
    }
}

/// An export could not be laid out as CSV (should not happen).
pub fn export_not_made(detail: &str, lang: Language) -> String {
    match lang {
        Language::Fr => format!("L’export n’a pas pu être préparé ; aucun fichier n’a été écrit. Détail : {detail}"),
        Language::En => format!("The export could not be prepared; no file was written. Detail: {detail}"),
    }
}

/// An export could not be written where the user chose; nothing incomplete was left there.
pub fn export_not_saved(file: &str, detail: &str, lang: Language) -> String {
    match lang {
        Language::Fr => format!(
            "Le fichier « {file} » n’a pas pu être enregistré ; vérifiez le dossier choisi et la place libre sur le \
             disque. Aucun fichier incomplet n’a été laissé. Détail : {detail}"
        ),
        Language::En => format!(
            "The file “{file}” could not be saved; check the chosen folder and the free disk space. \
             No incomplete file was left behind. Detail: {detail}"
        ),
    }
}

pub fn storage(detail: &str, lang: Language) -> String {
    match lang {
        Language::Fr => {
            format!("Le dossier n’a pas pu être lu ou enregistré ; rien n’a été modifié. Détail : {detail}")
        }
        Language::En => format!("The file could not be read or saved; nothing was changed. Detail: {detail}"),
    }
}

/// "1234.50" -> "1 234,50" (no-break space as thousands separator).
pub fn french_amount(canonical: &str) -> String {
    let (sign, body) = canonical.strip_prefix('-').map_or(("", canonical), |b| ("-", b));
    let (int, frac) = body.split_once('.').unwrap_or((body, "00"));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push('\u{a0}');
        }
        grouped.push(c);
    }
    format!("{sign}{grouped},{frac}")
}

/// Why late-payment penalties could not be computed. Nothing was written.
pub fn penalty(err: &PenaltyError, lang: Language) -> String {
    let fr_half = |h: HalfYear| format!("{} semestre {}", if h.half() == 1 { "premier" } else { "second" }, h.year());
    let en_half = |h: HalfYear| format!("{} half of {}", if h.half() == 1 { "first" } else { "second" }, h.year());
    let fr_pct = |p: Percent| p.to_string().replace('.', ",");
    match (err, lang) {
        (PenaltyError::UnknownRate(UnknownRate::Ecb { on }), Language::Fr) => format!(
            "Le taux de refinancement de la BCE en vigueur le {} n’est pas connu. Ajoutez-le dans Réglages, \
             « Taux de pénalités de retard », d’après la décision de la BCE ; aucune pénalité n’a été calculée.",
            on.format("%d/%m/%Y")
        ),
        (PenaltyError::UnknownRate(UnknownRate::Ecb { on }), Language::En) => format!(
            "The ECB main refinancing rate in force on {} is not known. Add it in Settings, \
             “Late-payment penalty rates”, from the ECB's decision; no penalty was computed.",
            on.format("%d/%m/%Y")
        ),
        (PenaltyError::UnknownRate(UnknownRate::Legal { half_year, .. }), Language::Fr) => format!(
            "Le taux de l’intérêt légal du {} n’est pas connu. Ajoutez-le dans Réglages, \
             « Taux de pénalités de retard », d’après l’arrêté publié au Journal officiel ; aucune pénalité n’a été calculée.",
            fr_half(*half_year)
        ),
        (PenaltyError::UnknownRate(UnknownRate::Legal { half_year, .. }), Language::En) => format!(
            "The French legal interest rate for the {} is not known. Add it in Settings, \
             “Late-payment penalty rates”, from the arrêté published in the Journal officiel; no penalty was computed.",
            en_half(*half_year)
        ),
        (PenaltyError::ContractualRateBelowFloor { half_year, contractual, floor, legal_rate }, Language::Fr) => {
            format!(
                "Le taux contractuel de {} % est refusé pour le {} : il est inférieur au minimum légal de {} % \
                 (trois fois le taux de l’intérêt légal de {} %, article L441-10 du Code de commerce).",
                fr_pct(*contractual),
                fr_half(*half_year),
                fr_pct(*floor),
                fr_pct(*legal_rate)
            )
        }
        (PenaltyError::ContractualRateBelowFloor { half_year, contractual, floor, legal_rate }, Language::En) => {
            format!(
                "The contractual rate of {contractual} % is refused for the {}: it is below the legal minimum of \
                 {floor} % (three times the legal interest rate of {legal_rate} %, Code de commerce L441-10).",
                en_half(*half_year)
            )
        }
        (PenaltyError::NegativeSettlement { .. } | PenaltyError::TooLarge, _) => storage(&err.to_string(), lang),
    }
}

// E-mail (drafts and sending).

/// The customer has no e-mail address.
pub fn no_customer_email(lang: Language) -> String {
    pick(
        lang,
        "Ajoutez l’adresse e-mail du client sur sa fiche pour lui écrire par e-mail.",
        "Add the customer’s e-mail address on their page to write to them by e-mail.",
    )
    .to_string()
}

/// The customer's e-mail address cannot be used.
pub fn bad_customer_email(address: &str, lang: Language) -> String {
    match lang {
        Language::Fr => {
            format!("L’adresse e-mail du client « {address} » n’est pas valide : corrigez-la sur sa fiche.")
        }
        Language::En => format!("The customer’s e-mail address “{address}” is not valid: correct it on their page."),
    }
}

/// The company has no e-mail address: it is the sender.
pub fn no_company_email(lang: Language) -> String {
    pick(
        lang,
        "Ajoutez l’adresse e-mail de votre entreprise dans les Réglages : c’est l’expéditeur des e-mails.",
        "Add your company’s e-mail address in Settings: it is the sender of the e-mails.",
    )
    .to_string()
}

/// The company's e-mail address cannot be used.
pub fn bad_company_email(address: &str, lang: Language) -> String {
    match lang {
        Language::Fr => format!(
            "L’adresse e-mail de votre entreprise « {address} » n’est pas valide : corrigez-la dans les Réglages."
        ),
        Language::En => format!("Your company’s e-mail address “{address}” is not valid: correct it in Settings."),
    }
}

/// The message could not be put together (should not happen).
pub fn mail_not_built(detail: &str, lang: Language) -> String {
    match lang {
        Language::Fr => format!("L’e-mail n’a pas pu être préparé ; rien n’a été enregistré. Détail : {detail}"),
        Language::En => format!("The e-mail could not be prepared; nothing was saved. Detail: {detail}"),
    }
}

/// Sending is not set up.
pub fn mail_not_configured(lang: Language) -> String {
    pick(
        lang,
        "L’envoi direct des e-mails n’est pas configuré : renseignez le serveur dans les Réglages, ou préparez l’e-mail en brouillon.",
        "Direct sending is not set up: fill in the server in Settings, or prepare the e-mail as a draft.",
    )
    .to_string()
}

/// No password kept for the SMTP login.
pub fn no_smtp_password(lang: Language) -> String {
    pick(
        lang,
        "Aucun mot de passe n’est enregistré pour ce serveur : saisissez-le dans les Réglages, section « Envoi des e-mails ».",
        "No password is kept for this server: type it in Settings, “Sending e-mails” section.",
    )
    .to_string()
}

/// No keyring service: the password cannot be kept, sending is off.
pub fn keyring_unavailable(lang: Language) -> String {
    pick(
        lang,
        "Le trousseau de mots de passe du système n’est pas disponible : Relance ne peut pas garder le mot de passe, l’envoi direct est désactivé. Préparez les e-mails en brouillon.",
        "The system’s password keyring is not available: Relance cannot keep the password, so direct sending is off. Prepare the e-mails as drafts.",
    )
    .to_string()
}

/// The keyring answered with an error.
pub fn keyring_failed(detail: &str, lang: Language) -> String {
    match lang {
        Language::Fr => format!("Le trousseau de mots de passe du système a refusé l’opération. Détail : {detail}"),
        Language::En => format!("The system’s password keyring refused. Detail: {detail}"),
    }
}

/// Nothing to send this customer by e-mail today.
pub fn no_email_action(lang: Language) -> String {
    pick(
        lang,
        "Rien n’est à envoyer par e-mail à ce client aujourd’hui : aucun e-mail n’a été envoyé.",
        "Nothing is to be sent to this customer by e-mail today: no e-mail was sent.",
    )
    .to_string()
}

pub fn smtp_unreachable(detail: &str, lang: Language) -> String {
    match lang {
        Language::Fr => format!("Le serveur d’envoi ne répond pas : vérifiez son nom, son port et votre connexion. Rien n’a été envoyé ni enregistré. Détail : {detail}"),
        Language::En => format!("The outgoing server does not answer: check its name, its port and your connection. Nothing was sent or recorded. Detail: {detail}"),
    }
}

pub fn smtp_tls(detail: &str, lang: Language) -> String {
    match lang {
        Language::Fr => format!("La connexion sécurisée au serveur d’envoi a échoué : vérifiez la sécurité choisie pour ce port. Rien n’a été envoyé ni enregistré. Détail : {detail}"),
        Language::En => format!("The secure connection to the outgoing server failed: check the security chosen for this port. Nothing was sent or recorded. Detail: {detail}"),
    }
}

pub fn smtp_login_refused(detail: &str, lang: Language) -> String {
    match lang {
        Language::Fr => format!("Le serveur d’envoi a refusé l’identifiant ou le mot de passe. Rien n’a été envoyé ni enregistré. Détail : {detail}"),
        Language::En => format!("The outgoing server refused the user name or password. Nothing was sent or recorded. Detail: {detail}"),
    }
}

pub fn smtp_rejected(detail: &str, lang: Language) -> String {
    match lang {
        Language::Fr => format!("Le serveur d’envoi a refusé le message. Rien n’a été enregistré. Détail : {detail}"),
        Language::En => format!("The outgoing server refused the message. Nothing was recorded. Detail: {detail}"),
    }
}

pub fn smtp_timeout(lang: Language) -> String {
    pick(
        lang,
        "Le serveur d’envoi n’a pas répondu à temps. Rien n’a été envoyé ni enregistré.",
        "The outgoing server did not answer in time. Nothing was sent or recorded.",
    )
    .to_string()
}

// ---- Backups (`relance_app::backup`) ------------------------------------

pub fn backup_no_folder(lang: Language) -> String {
    pick(
        lang,
        "Choisissez d’abord le dossier des sauvegardes (une clé USB, par exemple).",
        "Choose the backup folder first (a USB drive, for example).",
    )
    .to_string()
}

pub fn backup_folder_not_found(folder: &str, lang: Language) -> String {
    match lang {
        Language::Fr => format!("Le dossier « {folder} » est introuvable : la clé USB est-elle branchée ?"),
        Language::En => format!("The folder « {folder} » cannot be found: is the USB drive plugged in?"),
    }
}

pub fn backup_write_failed(folder: &str, lang: Language) -> String {
    match lang {
        Language::Fr => format!(
            "La sauvegarde n’a pas pu être écrite sur « {folder} » (le support a-t-il été retiré ?). Vos sauvegardes précédentes sont intactes."
        ),
        Language::En => format!(
            "The backup could not be written to « {folder} » (was the drive removed?). Your previous backups are intact."
        ),
    }
}

pub fn backup_file_not_found(file: &str, lang: Language) -> String {
    match lang {
        Language::Fr => format!("Le fichier « {file} » est introuvable."),
        Language::En => format!("The file « {file} » cannot be found."),
    }
}

/// A few words for the list of backups.
pub fn backup_damage_short(d: &relance_app::backup::Damage, lang: Language) -> &'static str {
    use relance_app::backup::Damage::*;
    match d {
        ManifestMissing => pick(lang, "incomplète (interrompue)", "incomplete (interrupted)"),
        ManifestInvalid => pick(lang, "fiche de contrôle illisible", "unreadable check file"),
        ChecksumMismatch | Integrity => pick(lang, "endommagée", "damaged"),
        NotSqlite | NotRelance => pick(lang, "pas une sauvegarde de Relance", "not a Relance backup"),
    }
}

pub fn backup_damaged(d: &relance_app::backup::Damage, lang: Language) -> String {
    use relance_app::backup::Damage::*;
    let (fr, en) = match d {
        ManifestMissing => (
            "Cette sauvegarde est incomplète : sa fiche de contrôle (.manifest.json) manque, elle a sans doute été interrompue.",
            "This backup is incomplete: its check file (.manifest.json) is missing; it was probably interrupted.",
        ),
        ManifestInvalid => (
            "La fiche de contrôle de cette sauvegarde (.manifest.json) est illisible.",
            "This backup’s check file (.manifest.json) cannot be read.",
        ),
        ChecksumMismatch => (
            "Cette sauvegarde est endommagée : son contenu ne correspond plus à sa somme de contrôle.",
            "This backup is damaged: its content no longer matches its checksum.",
        ),
        NotSqlite | NotRelance => {
            ("Ce fichier n’est pas une sauvegarde de Relance lisible.", "This file is not a readable Relance backup.")
        }
        Integrity => (
            "Cette sauvegarde est endommagée : le contrôle d’intégrité de la base a échoué.",
            "This backup is damaged: the database integrity check failed.",
        ),
    };
    match lang {
        Language::Fr => format!("{fr} Rien n’a été modifié."),
        Language::En => format!("{en} Nothing was changed."),
    }
}

pub fn backup_newer(found: i64, known: i64, lang: Language) -> String {
    match lang {
        Language::Fr => format!(
            "Cette sauvegarde a été faite par une version plus récente de Relance (schéma {found}, cette version connaît le schéma {known}). Installez la dernière version pour la restaurer ; rien n’a été modifié."
        ),
        Language::En => format!(
            "This backup was made by a newer version of Relance (schema {found}, this version knows schema {known}). Install the latest version to restore it; nothing was changed."
        ),
    }
}

/// Backups are encrypted (or this one is) and no passphrase was typed or remembered.
pub fn backup_passphrase_needed(lang: Language) -> String {
    pick(
        lang,
        "Saisissez la phrase de passe des sauvegardes chiffrées.",
        "Type the passphrase of the encrypted backups.",
    )
    .to_string()
}

/// The passphrase does not open the backup.
pub fn backup_wrong_passphrase(lang: Language) -> String {
    pick(
        lang,
        "Phrase de passe incorrecte : elle n’ouvre pas cette sauvegarde. Rien n’a été modifié.",
        "Wrong passphrase: it does not open this backup. Nothing was changed.",
    )
    .to_string()
}

/// No keyring service: the passphrase cannot be remembered (one sentence).
pub fn backup_keyring_unavailable(lang: Language) -> String {
    pick(
        lang,
        "Le trousseau du système n’est pas disponible sur cet ordinateur : la phrase de passe ne peut pas y être mémorisée, vous la saisirez à chaque sauvegarde.",
        "The system keyring is not available on this computer: the passphrase cannot be remembered, you will type it at each backup.",
    )
    .to_string()
}

pub fn backup_restore_failed(detail: &str, lang: Language) -> String {
    match lang {
        Language::Fr => {
            format!("La restauration n’a pas pu se faire ; vos données actuelles sont inchangées. Détail : {detail}")
        }
        Language::En => format!("The restore could not be done; your current books are unchanged. Detail: {detail}"),
    }
}

/// What is wrong with a CSV file's line or column, without the line.
pub fn import_problem(p: &relance_app::import::ImportProblem, lang: Language) -> String {
    use relance_app::import::ImportProblem::*;
    let fr = lang == Language::Fr;
    match p {
        NotText => pick(
            lang,
            "ce n’est pas du texte CSV (données binaires ou caractères de contrôle) : exportez le tableau en CSV",
            "this is not CSV text (binary data or control characters): export the sheet as CSV",
        )
        .to_string(),
        Unreadable => pick(
            lang,
            "le fichier est mal formé à partir de cette ligne (un guillemet n’est pas refermé ?)",
            "the file is malformed from this line on (an unclosed quote?)",
        )
        .to_string(),
        NoRows => pick(
            lang,
            "aucune ligne à importer : il faut une ligne d’en-têtes puis une ligne par facture",
            "nothing to import: the file needs a header line, then one line per invoice",
        )
        .to_string(),
        LineTooLong { max } => {
            if fr {
                format!("ligne trop longue (plus de {max} octets) : ce n’est pas une ligne de tableau")
            } else {
                format!("line too long (over {max} bytes): this is not a spreadsheet line")
            }
        }
        CellCount { expected, found } => {
            if fr {
                format!("{found} colonne(s) au lieu de {expected} (ligne tronquée, ou séparateur différent de celui des en-têtes ?)")
            } else {
                format!("{found} column(s) instead of {expected} (a truncated line, or another separator than the header’s?)")
            }
        }
        TooLong { max } => {
            if fr {
                format!("valeur trop longue ({max} caractères au plus)")
            } else {
                format!("value too long (at most {max} characters)")
            }
        }
        MissingColumn { found } => {
            let list = found.iter().map(|h| format!("« {h} »")).collect::<Vec<_>>().join(", ");
            if fr {
                format!("colonne absente des en-têtes (colonnes trouvées : {list})")
            } else {
                format!("column missing from the header (columns found: {list})")
            }
        }
        AmbiguousDates => pick(
            lang,
            "dates ambiguës (jour/mois ou mois/jour ?) : choisissez le format",
            "ambiguous dates (day/month or month/day?): choose the format",
        )
        .to_string(),
        AmbiguousAmounts => pick(
            lang,
            "montants ambigus (« 1,234 » : milliers ou décimales ?) : écrivez les centimes dans le fichier (1 234,00)",
            "ambiguous amounts (« 1,234 »: thousands or decimals?): write the cents in the file (1,234.00)",
        )
        .to_string(),
        Value { problem: pr, value } => {
            let what = problem(pr, lang);
            if value.is_empty() {
                what
            } else {
                format!("{what} (« {value} »)")
            }
        }
        DuplicateInFile { first_line } => {
            if fr {
                format!("ce numéro de facture figure déjà à la ligne {first_line}")
            } else {
                format!("this invoice number is already on line {first_line}")
            }
        }
        ConflictsWithBooks => pick(
            lang,
            "ce numéro existe déjà dans Relance avec un autre client, d’autres dates ou un autre montant",
            "this number is already in Relance with another customer, other dates or another amount",
        )
        .to_string(),
        OtherPayments => pick(
            lang,
            "cette facture a déjà dans Relance d’autres règlements que celui du fichier",
            "this invoice already has other payments in Relance than the file’s",
        )
        .to_string(),
        DuplicateRow { first_line } => {
            if fr {
                format!("la même ligne figure déjà à la ligne {first_line} du fichier")
            } else {
                format!("the same row is already on line {first_line} of the file")
            }
        }
        UnknownInvoice => pick(
            lang,
            "aucune facture de ce numéro dans Relance : importez d’abord les factures",
            "no invoice with this number in Relance: import the invoices first",
        )
        .to_string(),
        UnknownCustomer => pick(
            lang,
            "aucun client de ce nom ou de ce code dans Relance",
            "no customer with this name or code in Relance",
        )
        .to_string(),
        OtherCustomer => pick(
            lang,
            "cette facture appartient à un autre client dans Relance",
            "this invoice belongs to another customer in Relance",
        )
        .to_string(),
        Overpays { remaining } => {
            if fr {
                format!(
                    "le règlement dépasse ce qui reste dû sur la facture ({} €)",
                    french_amount(&remaining.to_string())
                )
            } else {
                format!("the payment is more than what the invoice still owes (€{remaining})")
            }
        }
    }
}

/// « Choisissez … » for a choice of the import screen that is not one of the list.
pub fn import_choice(lang: Language, fr: &str, en: &str) -> String {
    match lang {
        Language::Fr => format!("Choisissez {fr} dans la liste."),
        Language::En => format!("Choose {en} from the list."),
    }
}

pub fn import_no_file(lang: Language) -> String {
    pick(lang, "Indiquez le fichier CSV à importer.", "Give the CSV file to import.").to_string()
}

pub fn import_unreadable(path: &str, e: &std::io::Error, lang: Language) -> String {
    let why = match e.kind() {
        std::io::ErrorKind::NotFound => pick(lang, "ce fichier n’existe pas", "this file does not exist"),
        std::io::ErrorKind::PermissionDenied => {
            pick(lang, "Relance n’a pas le droit de le lire", "Relance is not allowed to read it")
        }
        _ => pick(lang, "c’est un dossier ou un fichier illisible", "it is a folder or an unreadable file"),
    };
    match lang {
        Language::Fr => format!("Impossible de lire « {path} » : {why}."),
        Language::En => format!("Cannot read « {path} »: {why}."),
    }
}

/// A CSV problem as one sentence: « Ligne 3, colonne « Date » : … ».
pub fn import_row_error(e: &relance_app::import::RowError, lang: Language) -> String {
    use relance_app::import::ImportProblem::AmbiguousDates;
    let fr = lang == Language::Fr;
    if let (AmbiguousDates, Some(col), None) = (&e.problem, &e.column, e.line) {
        return if fr {
            format!(
                "Les dates de la colonne « {col} » sont ambiguës (jour/mois ou mois/jour ?) : choisissez le format."
            )
        } else {
            format!("The dates of column « {col} » are ambiguous (day/month or month/day?): choose the format.")
        };
    }
    let what = import_problem(&e.problem, lang);
    let sep = if fr { " : " } else { ": " };
    let place = match (e.line, &e.column) {
        (Some(l), Some(c)) => {
            if fr {
                format!("Ligne {l}, colonne « {c} »")
            } else {
                format!("Line {l}, column « {c} »")
            }
        }
        (Some(l), None) => {
            if fr {
                format!("Ligne {l}")
            } else {
                format!("Line {l}")
            }
        }
        (None, Some(c)) => {
            if fr {
                format!("Colonne « {c} »")
            } else {
                format!("Column « {c} »")
            }
        }
        (None, None) => {
            let mut s = what;
            if let Some(first) = s.get(..1) {
                s = first.to_uppercase() + &s[1..];
            }
            return format!("{s}.");
        }
    };
    format!("{place}{sep}{what}.")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_amounts() {
        assert_eq!(french_amount("1234.50"), "1\u{a0}234,50");
        assert_eq!(french_amount("-1234567.00"), "-1\u{a0}234\u{a0}567,00");
        assert_eq!(french_amount("12.00"), "12,00");
    }

    #[test]
    fn an_unknown_placeholder_names_the_text_and_what_is_possible() {
        let i = Issue::new(
            Field::TemplateBefore,
            Problem::UnknownPlaceholder { name: "montant".into(), allowed: vec!["customer_name", "total_due"] },
        );
        assert_eq!(
            issue(&i, Language::Fr),
            "Le texte « Paragraphe avant le tableau » contient {montant} : ce repère n’existe pas. \
             Repères possibles : {customer_name}, {total_due}."
        );
        assert_eq!(
            issue(&i, Language::En),
            "The text “Paragraph before the table” contains {montant}: there is no such placeholder. \
             Possible ones: {customer_name}, {total_due}."
        );
    }

    #[test]
    fn every_problem_has_words_in_both_languages() {
        let problems = [
            Problem::Required,
            Problem::InvalidAmount,
            Problem::ExceedsDue { remaining: "10.00".into() },
            Problem::Archived,
            Problem::NotAfterPrevious,
            Problem::OnlyOneAllowed,
            Problem::AlreadyUsed,
            Problem::StepNotAllowed,
            Problem::NeedsFormalNotice,
            Problem::TooEarly,
            Problem::TooLate,
            Problem::InPlan { plan: 3 },
            Problem::TooManyInstallments { max: 60 },
            Problem::OutOfRange { min: 0, max: 90 },
            Problem::InUse { customers: 2, segments: 1, default: true },
            Problem::BelowLegalFloor { floor: "19.86".into(), year: 2026, half: 1 },
            Problem::UnknownPlaceholder { name: "montant".into(), allowed: vec!["customer_name"] },
            Problem::UnbalancedBraces,
        ];
        for p in problems {
            assert!(!problem(&p, Language::Fr).is_empty());
            assert!(!problem(&p, Language::En).is_empty());
            assert_ne!(problem(&p, Language::Fr), problem(&p, Language::En));
        }
    }
}

/// "1 jour", "23 jours" / "1 day", "23 days".
fn days_words(n: u32, lang: Language) -> String {
    match (lang, n) {
        (Language::Fr, 0 | 1) => format!("{n} jour"),
        (Language::Fr, _) => format!("{n} jours"),
        (Language::En, 1) => "1 day".to_string(),
        (Language::En, _) => format!("{n} days"),
    }
}

/// One reason of a customer's score, as the customer page says it.
pub fn risk_reason(r: &relance_domain::risk::Reason, lang: Language) -> String {
    use relance_domain::risk::Reason;
    let euros = |m: &relance_domain::Money| match lang {
        Language::Fr => format!("{} €", french_amount(&m.to_string())),
        Language::En => format!("€{m}"),
    };
    // French agreement for the counted events: "1 promesse non tenue", "2 promesses non tenues".
    let counted = |n: usize, one: &str, many: &str| if n == 1 { format!("1 {one}") } else { format!("{n} {many}") };
    match (r, lang) {
        (Reason::LittleHistory { paid: 0 }, Language::Fr) => {
            "Aucune facture réglée pour l’instant : pas encore d’historique de paiement.".into()
        }
        (Reason::LittleHistory { paid: 0 }, Language::En) => "No invoice paid yet: no payment history so far.".into(),
        (Reason::LittleHistory { paid: 1 }, Language::Fr) => "Une seule facture réglée : trop peu pour juger.".into(),
        (Reason::LittleHistory { paid: 1 }, Language::En) => "Only one invoice paid: too few to judge.".into(),
        (Reason::LittleHistory { paid }, Language::Fr) => {
            format!("Seulement {paid} factures réglées : trop peu pour juger.")
        }
        (Reason::LittleHistory { paid }, Language::En) => format!("Only {paid} invoices paid: too few to judge."),
        (Reason::PaidOnTime { of }, Language::Fr) => format!("A réglé ses {of} dernières factures à l’heure."),
        (Reason::PaidOnTime { of }, Language::En) => format!("Paid the last {of} invoices on time."),
        (Reason::PaidLate { late, of, average_days }, Language::Fr) if late == of => {
            format!("A réglé ses {of} dernières factures en retard, {} en moyenne.", days_words(*average_days, lang))
        }
        (Reason::PaidLate { late: 1, of, average_days }, Language::Fr) => {
            format!("A réglé en retard 1 de ses {of} dernières factures, de {}.", days_words(*average_days, lang))
        }
        (Reason::PaidLate { late, of, average_days }, Language::Fr) => format!(
            "A réglé en retard {late} de ses {of} dernières factures, {} en moyenne.",
            days_words(*average_days, lang)
        ),
        (Reason::PaidLate { late, of, average_days }, Language::En) => {
            format!("Paid {late} of the last {of} invoices late, {} on average.", days_words(*average_days, lang))
        }
        (Reason::Irregular { min_days, max_days }, Language::Fr) => {
            format!("Des retards irréguliers : de {min_days} à {}.", days_words(*max_days, lang))
        }
        (Reason::Irregular { min_days, max_days }, Language::En) => {
            format!("Irregular delays: from {min_days} to {}.", days_words(*max_days, lang))
        }
        (Reason::Worsening { recent_days, previous_days }, Language::Fr) => format!(
            "Les retards s’allongent : {} en moyenne ces 6 derniers mois, contre {} les 6 mois précédents.",
            days_words(*recent_days, lang),
            days_words(*previous_days, lang)
        ),
        (Reason::Worsening { recent_days, previous_days }, Language::En) => format!(
            "Delays are growing: {} on average over the last 6 months, against {} the 6 months before.",
            days_words(*recent_days, lang),
            days_words(*previous_days, lang)
        ),
        (Reason::Improving { recent_days, previous_days }, Language::Fr) => format!(
            "Les retards diminuent : {} en moyenne ces 6 derniers mois, contre {} les 6 mois précédents.",
            days_words(*recent_days, lang),
            days_words(*previous_days, lang)
        ),
        (Reason::Improving { recent_days, previous_days }, Language::En) => format!(
            "Delays are shrinking: {} on average over the last 6 months, against {} the 6 months before.",
            days_words(*recent_days, lang),
            days_words(*previous_days, lang)
        ),
        (Reason::BrokenPromises { count }, Language::Fr) => format!(
            "{} en 12 mois.",
            counted(*count, "promesse de paiement non tenue", "promesses de paiement non tenues")
        ),
        (Reason::BrokenPromises { count }, Language::En) => {
            format!("{} in 12 months.", counted(*count, "broken promise to pay", "broken promises to pay"))
        }
        (Reason::DefaultedPlans { count }, Language::Fr) => {
            format!("{} en 12 mois.", counted(*count, "échéancier non respecté", "échéanciers non respectés"))
        }
        (Reason::DefaultedPlans { count }, Language::En) => {
            format!("{} in 12 months.", counted(*count, "installment plan defaulted", "installment plans defaulted"))
        }
        (Reason::FormalNotices { count }, Language::Fr) => {
            format!("{} en 12 mois.", counted(*count, "mise en demeure envoyée", "mises en demeure envoyées"))
        }
        (Reason::FormalNotices { count }, Language::En) => {
            format!("{} in 12 months.", counted(*count, "formal notice sent", "formal notices sent"))
        }
        (Reason::Disputes { count }, Language::Fr) => {
            format!("{} en 12 mois.", counted(*count, "litige ouvert", "litiges ouverts"))
        }
        (Reason::Disputes { count }, Language::En) => {
            format!("{} in 12 months.", counted(*count, "dispute", "disputes"))
        }
        (Reason::OverLimit { exposure, limit }, Language::Fr) => {
            format!("Doit {}, au-delà de son plafond de crédit de {}.", euros(exposure), euros(limit))
        }
        (Reason::OverLimit { exposure, limit }, Language::En) => {
            format!("Owes {}, above its credit limit of {}.", euros(exposure), euros(limit))
        }
        (Reason::LongOverdue { days, amount }, Language::Fr) => {
            format!("{} toujours impayés {} après l’échéance.", euros(amount), days_words(*days, lang))
        }
        (Reason::LongOverdue { days, amount }, Language::En) => {
            format!("{} still unpaid {} after the due date.", euros(amount), days_words(*days, lang))
        }
    }
}

/// Why the new invoice needs a decision: the limit crossed, the customer at risk, or both.
/// Credit control's sentence for an insured customer taken above its covered amount.
pub fn above_cover(insurer: &str, above: relance_domain::Money, lang: Language) -> String {
    match lang {
        Language::Fr => format!(
            "La part au-delà du montant garanti par {insurer}, soit {} €, ne serait pas couverte par l’assurance-crédit.",
            french_amount(&above.to_string())
        ),
        Language::En => format!("The part above the amount covered by {insurer}, €{above}, would not be insured."),
    }
}

pub fn credit_warning(c: &relance_domain::risk::CreditCheck, lang: Language) -> String {
    let euros = |m: &relance_domain::Money| match lang {
        Language::Fr => format!("{} €", french_amount(&m.to_string())),
        Language::En => format!("€{m}"),
    };
    let limit = c.limit.filter(|_| c.over_limit);
    match (limit, c.at_risk, lang) {
        (Some(l), false, Language::Fr) => format!(
            "Avec cette facture, le client devrait {} pour un plafond de crédit de {}.",
            euros(&c.after),
            euros(&l)
        ),
        (Some(l), false, Language::En) => {
            format!(
                "With this invoice the customer would owe {}, above its credit limit of {}.",
                euros(&c.after),
                euros(&l)
            )
        }
        (Some(l), true, Language::Fr) => format!(
            "Ce client est à risque (note {}/100) et, avec cette facture, devrait {} pour un plafond de crédit de {}.",
            c.score,
            euros(&c.after),
            euros(&l)
        ),
        (Some(l), true, Language::En) => format!(
            "This customer is at risk (score {}/100) and with this invoice would owe {}, above its credit limit of {}.",
            c.score,
            euros(&c.after),
            euros(&l)
        ),
        (None, _, Language::Fr) => format!(
            "Ce client est à risque (note {}/100) : il devrait {} avec cette facture.",
            c.score,
            euros(&c.after)
        ),
        (None, _, Language::En) => {
            format!(
                "This customer is at risk (score {}/100): it would owe {} with this invoice.",
                c.score,
                euros(&c.after)
            )
        }
    }
}

#[cfg(test)]
mod risk_reason_tests {
    use super::*;
    use relance_domain::risk::Reason;
    use relance_domain::Money;

    #[test]
    fn the_reasons_read_naturally_with_their_agreements() {
        let fr = |r: Reason| risk_reason(&r, Language::Fr);
        assert_eq!(
            fr(Reason::PaidLate { late: 8, of: 10, average_days: 23 }),
            "A réglé en retard 8 de ses 10 dernières factures, 23 jours en moyenne."
        );
        assert_eq!(
            fr(Reason::PaidLate { late: 1, of: 10, average_days: 1 }),
            "A réglé en retard 1 de ses 10 dernières factures, de 1 jour."
        );
        assert_eq!(
            fr(Reason::PaidLate { late: 4, of: 4, average_days: 27 }),
            "A réglé ses 4 dernières factures en retard, 27 jours en moyenne."
        );
        assert_eq!(fr(Reason::BrokenPromises { count: 1 }), "1 promesse de paiement non tenue en 12 mois.");
        assert_eq!(fr(Reason::FormalNotices { count: 2 }), "2 mises en demeure envoyées en 12 mois.");
        assert_eq!(
            fr(Reason::OverLimit { exposure: Money::from_cents(1_230_000), limit: Money::from_cents(1_000_000) }),
            "Doit 12\u{a0}300,00 €, au-delà de son plafond de crédit de 10\u{a0}000,00 €."
        );
        assert_eq!(
            fr(Reason::LongOverdue { days: 95, amount: Money::from_cents(420_000) }),
            "4\u{a0}200,00 € toujours impayés 95 jours après l’échéance."
        );
        assert_eq!(
            risk_reason(&Reason::PaidLate { late: 8, of: 10, average_days: 23 }, Language::En),
            "Paid 8 of the last 10 invoices late, 23 days on average."
        );
    }

    #[test]
    fn the_credit_warning_says_the_limit_the_risk_or_both() {
        use relance_domain::risk::CreditCheck;
        let mut c = CreditCheck {
            exposure: Money::from_cents(100_000),
            after: Money::from_cents(100_001),
            limit: Some(Money::from_cents(100_000)),
            over_limit: true,
            at_risk: false,
            score: 35,
        };
        assert_eq!(
            credit_warning(&c, Language::Fr),
            "Avec cette facture, le client devrait 1\u{a0}000,01 € pour un plafond de crédit de 1\u{a0}000,00 €."
        );
        c.at_risk = true;
        assert_eq!(
            credit_warning(&c, Language::Fr),
            "Ce client est à risque (note 35/100) et, avec cette facture, devrait 1\u{a0}000,01 € pour un plafond de crédit de 1\u{a0}000,00 €."
        );
        c.over_limit = false;
        assert_eq!(
            credit_warning(&c, Language::Fr),
            "Ce client est à risque (note 35/100) : il devrait 1\u{a0}000,01 € avec cette facture."
        );
    }
}
