//! `relance import`: the real binary on a temporary data folder, with the
//! IBM sample and a broken file (counts printed, errors by line, nothing
//! written, exit codes).

mod common;

use std::path::Path;

use common::{fixture, relance, text};

use relance_store::counts::row_counts;
use relance_store::Store;
use serde_json::Value;

fn counts(dir: &Path) -> (u64, u64, u64) {
    let store = Store::open(&dir.join("relance.sqlite3")).unwrap();
    let c = row_counts(store.conn()).unwrap();
    (c.customers, c.invoices, c.payments)
}

#[test]
fn the_ibm_sample_imports_once_then_is_up_to_date() {
    let dir = tempfile::tempdir().unwrap();
    let ibm = fixture("ibm_ar.csv");
    let args = ["import", "--kind", "invoices", "--file", ibm.as_str(), "--mapping", "ibm"];

    let dry = relance("fr_FR.UTF-8", dir.path(), &[&args[..], &["--dry-run"]].concat());
    assert!(dry.status.success(), "{}", text(&dry.stderr));
    assert!(text(&dry.stdout).starts_with("Essai sans rien écrire, l’import ferait : 100 client(s) créé(s), 2466 facture(s) créée(s), 2466 règlement(s) enregistré(s)"), "{}", text(&dry.stdout));
    assert_eq!(counts(dir.path()), (0, 0, 0));

    let done = relance("fr_FR.UTF-8", dir.path(), &args);
    assert!(done.status.success(), "{}", text(&done.stderr));
    assert!(text(&done.stdout).starts_with("Import terminé : 100 client(s) créé(s), 2466 facture(s) créée(s), 2466 règlement(s) enregistré(s), 0 ligne(s) déjà à jour."));
    assert!(text(&done.stdout).contains("561 facture(s) marquée(s) en litige"));
    assert_eq!(counts(dir.path()), (100, 2466, 2466));

    let again = relance("en_GB.UTF-8", dir.path(), &[&args[..], &["--json"]].concat());
    assert!(again.status.success());
    let v: Value = serde_json::from_slice(&again.stdout).unwrap();
    assert_eq!(v["invoices_created"], 0);
    assert_eq!(v["unchanged"], 2466);
    assert_eq!(v["written"], true);
    assert_eq!(v["delimiter"], ",");
    assert_eq!(counts(dir.path()), (100, 2466, 2466));
}

#[test]
fn a_broken_file_lists_its_rows_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let bad = fixture("bad_date.csv");
    let o = relance("fr_FR.UTF-8", dir.path(), &["import", "--kind", "invoices", "--file", bad.as_str()]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        text(&o.stderr),
        "Import refusé, rien n’a été écrit : 1 problème(s) à corriger dans le fichier.\n  Ligne 3, colonne « Date » : ce n’est pas une date valide (exemple : 31/03/2026) (« 32/01/2026 »).\n"
    );
    assert_eq!(counts(dir.path()), (0, 0, 0));

    let amb = fixture("ambiguous_dates.csv");
    let o = relance("en_GB.UTF-8", dir.path(), &["import", "--kind", "invoices", "--file", amb.as_str(), "--json"]);
    assert_eq!(o.status.code(), Some(2));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["written"], false);
    assert_eq!(v["errors"][0]["code"], "ambiguous_dates");
    assert_eq!(v["errors"][0]["column"], "Date");
    assert_eq!(counts(dir.path()), (0, 0, 0));
    // The answer to the question imports the file.
    let o = relance(
        "fr_FR.UTF-8",
        dir.path(),
        &["import", "--kind", "invoices", "--file", amb.as_str(), "--dates", "jj/mm"],
    );
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert_eq!(counts(dir.path()), (2, 2, 0));
}

#[test]
fn customers_then_payments_import_once_and_a_broken_payment_names_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let write = |name: &str, body: &str| {
        let p = files.path().join(name);
        std::fs::write(&p, body).unwrap();
        p.display().to_string()
    };
    let customers = write("clients.csv", "Code;Nom;E-mail\nC1;Atelier Roux;compta@roux.fr\nC2;Garage Vidal;\n");
    let invoices = write(
        "factures.csv",
        "Client;N° facture;Date;Échéance;Montant TTC\nAtelier Roux;R-1;15/01/2026;14/02/2026;120,00\n\
         Garage Vidal;V-1;20/01/2026;19/02/2026;45,50\n",
    );
    let payments = write(
        "reglements.csv",
        "N° facture;Date;Montant;Référence\nR-1;20/02/2026;120,00;VIR 12\nV-1;25/02/2026;20,00;\n",
    );
    let broken = write("casse.csv", "N° facture;Date;Montant\nR-1;21/02/2026;1,00\nX-9;21/02/2026;1,00\n");

    let c = ["import", "--kind", "customers", "--file", customers.as_str()];
    let done = relance("fr_FR.UTF-8", dir.path(), &c);
    assert!(done.status.success(), "{}", text(&done.stderr));
    assert!(text(&done.stdout).starts_with("Import terminé : 2 client(s) créé(s)"), "{}", text(&done.stdout));
    assert_eq!(counts(dir.path()), (2, 0, 0));
    let again = relance("fr_FR.UTF-8", dir.path(), &c);
    assert!(
        text(&again.stdout).contains("0 client(s) créé(s)") && text(&again.stdout).contains("2 ligne(s) déjà à jour")
    );

    let i = relance("fr_FR.UTF-8", dir.path(), &["import", "--kind", "invoices", "--file", invoices.as_str()]);
    assert!(i.status.success(), "{}", text(&i.stderr));
    assert_eq!(counts(dir.path()), (2, 2, 0), "the invoices found the imported customers by name");

    let p = ["import", "--kind", "payments", "--file", payments.as_str(), "--json"];
    let done = relance("en_GB.UTF-8", dir.path(), &p);
    assert!(done.status.success(), "{}", text(&done.stderr));
    let v: Value = serde_json::from_slice(&done.stdout).unwrap();
    assert_eq!((v["payments_created"].as_u64(), v["written"].as_bool()), (Some(2), Some(true)));
    assert_eq!(counts(dir.path()), (2, 2, 2));
    let again = relance("en_GB.UTF-8", dir.path(), &p);
    let v: Value = serde_json::from_slice(&again.stdout).unwrap();
    assert_eq!((v["payments_created"].as_u64(), v["unchanged"].as_u64()), (Some(0), Some(2)));
    assert_eq!(counts(dir.path()), (2, 2, 2));

    let refused = relance("fr_FR.UTF-8", dir.path(), &["import", "--kind", "payments", "--file", broken.as_str()]);
    assert_eq!(refused.status.code(), Some(2));
    let err = text(&refused.stderr);
    assert!(err.contains("Ligne 3, colonne « N° facture » : aucune facture de ce numéro dans Relance"), "{err}");
    assert_eq!(counts(dir.path()), (2, 2, 2), "nothing written");
}
