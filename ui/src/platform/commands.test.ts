import { afterEach, describe, expect, it } from "vitest";
import * as commands from "./commands";
import { setBackendForTests } from "./invoke";

// The Rust list of commands, read as text.
const modRs = import.meta.glob<string>("../../../src-tauri/src/commands/mod.rs", {
  query: "?raw",
  import: "default",
  eager: true,
});

describe("commands", () => {
  afterEach(() => setBackendForTests(() => Promise.reject("no backend")));

  it("lists exactly the commands registered in src-tauri/src/commands/mod.rs", () => {
    const text = Object.values(modRs)[0] ?? "";
    const handler = text.slice(text.indexOf("generate_handler!"));
    const rust = [...handler.matchAll(/\w+::(\w+),/g)].map((m) => m[1]).sort();
    expect(rust.length).toBeGreaterThan(10);
    expect([...commands.COMMANDS].sort()).toEqual(rust);
  });

  it("each typed function calls its command with the Rust argument names", async () => {
    const seen: Array<[string, string[]]> = [];
    setBackendForTests(async (cmd, args) => {
      seen.push([cmd, Object.keys(args ?? {}).sort()]);
      return null;
    });
    const form = {} as never;
    await commands.appInfo();
    await commands.loadDemo();
    await commands.companyGet();
    await commands.companySave(form);
    await commands.companyLogoGet();
    await commands.companyLogoSet([1, 2]);
    await commands.companyLogoRemove();
    await commands.customersList(form);
    await commands.customerGet(1);
    await commands.customerCreate(form);
    await commands.customerUpdate(1, form);
    await commands.customerSetArchived(1, true);
    await commands.customerStatement(1);
    await commands.lettersDue();
    await commands.lettersPrintDay();
    await commands.sentLetterOpen(1);
    await commands.customerLetters(1);
    await commands.planAgreementPrint(1);
    await commands.letterPreview(1);
    await commands.emailDraft(1);
    await commands.emailSend(1);
    await commands.mailConfigured();
    await commands.mailSettingsGet();
    await commands.mailSettingsSave(form);
    await commands.mailPasswordSave("x");
    await commands.mailTest();
    await commands.injunctionDossierPrint(1);
    await commands.invoicesList(form);
    await commands.invoiceGet(1);
    await commands.invoiceCreate(form);
    await commands.invoiceCreditCheck(form);
    await commands.invoiceUpdate(1, form);
    await commands.invoiceCancel(1, "");
    await commands.paymentPreview(form);
    await commands.paymentRecord(form);
    await commands.creditNoteRecord(form);
    await commands.today(0);
    await commands.dashboard(null);
    await commands.dashboardBehind(null, {
      open: true,
      overdue: false,
      customer_id: null,
      due_from: null,
      due_to: null,
      issued_from: null,
      issued_to: null,
      paid_from: null,
      paid_to: null,
      written_off_from: null,
      written_off_to: null,
      disputed: false,
    });
    await commands.agenda();
    await commands.actionDone(1, "email");
    await commands.actionSkip(1, "email", "r");
    await commands.promisesAcknowledge(1);
    await commands.insuranceDeclare(1);
    await commands.actionPostpone(1, "email", "01/01/2027");
    await commands.promiseAdd(form);
    await commands.disputeOpen(1, "r");
    await commands.disputeResolve(1, "n");
    await commands.promiseCancel(1);
    await commands.customerCollections(1);
    await commands.customerRisk(1);
    await commands.riskSettingsGet();
    await commands.riskSettingsSave(form);
    await commands.invoiceCollection(1);
    await commands.escalate(form);
    await commands.invoicePenalties(1);
    await commands.ratesList();
    await commands.rateAdd(form);
    await commands.policiesList();
    await commands.policyCreate(form);
    await commands.policyUpdate(1, form);
    await commands.policyDelete(1);
    await commands.policyRestoreStandard();
    await commands.policyAssign("late", null);
    await commands.planPreview(form);
    await commands.planCreate(form);
    await commands.planRenegotiate(1, form);
    await commands.planGet(1);
    await commands.customerPlans(1);
    await commands.plansDue();
    await commands.planDefault(1, null);
    await commands.planPaymentRecord(1, form);
    await commands.planSettingsGet();
    await commands.planSettingsSave(form);
    await commands.installmentDone(1, 2, "notice", "email");
    await commands.installmentSkip(1, 2, "reminder", "Appel reçu");
    await commands.installmentPostpone(1, 2, "notice", "2026-12-01");
    await commands.letterTemplatesList();
    await commands.letterTemplateSave(form);
    await commands.letterTemplateReset("friendly", "fr");
    await commands.backupStatus();
    await commands.backupSettingsSave(form);
    await commands.backupList();
    await commands.backupNow(() => {});
    await commands.backupInspect("/media/usb/relance-2026-11-24-0930.sqlite3");
    await commands.backupRestore("/media/usb/relance-2026-11-24-0930.sqlite3.age", "Douze caractères", () => {});
    await commands.backupChooseFolder();
    const importForm = { path: "/home/marie/factures.csv", kind: "invoices", preset: "generic", dates: null };
    await commands.importPreview(importForm);
    await commands.importRun(importForm, () => {});
    await commands.importRemembered("/home/marie/factures.csv");
    await commands.importChooseFile();
    await commands.exportCsv({ kind: "aging", format: "fr", as_of: "24/11/2026" });
    await commands.exportShowFolder();
    await commands.backupChooseFile();
    await commands.backupKeyring();
    expect(seen.map(([cmd]) => cmd).sort()).toEqual([...commands.COMMANDS].sort());
    expect(Object.fromEntries(seen)).toMatchObject({
      app_info: [],
      company_save: ["form"],
      company_logo_set: ["bytes"],
      customers_list: ["query"],
      customer_update: ["form", "id"],
      customer_set_archived: ["archived", "id"],
      customer_statement: ["customer"],
      letters_due: [],
      letters_print_day: [],
      sent_letter_open: ["id"],
      customer_letters: ["customer"],
      plan_agreement_print: ["plan"],
      letter_preview: ["customer"],
      email_draft: ["customer"],
      email_send: ["customer"],
      mail_settings_save: ["form"],
      mail_password_save: ["password"],
      injunction_dossier_print: ["customer"],
      invoice_cancel: ["id", "reason"],
      payment_preview: ["form"],
      today: ["page"],
      dashboard: ["asOf"],
      dashboard_behind: ["asOf", "drill"],
      agenda: [],
      action_done: ["channel", "customer"],
      action_skip: ["channel", "customer", "reason"],
      promises_acknowledge: ["customer"],
      insurance_declare: ["invoice"],
      action_postpone: ["channel", "customer", "until"],
      promise_add: ["form"],
      dispute_open: ["invoice", "reason"],
      dispute_resolve: ["invoice", "note"],
      promise_cancel: ["id"],
      customer_collections: ["id"],
      invoice_collection: ["id"],
      escalate: ["form"],
      invoice_penalties: ["id"],
      rates_list: [],
      rate_add: ["form"],
      policies_list: [],
      policy_create: ["form"],
      policy_update: ["form", "id"],
      policy_delete: ["id"],
      policy_restore_standard: [],
      policy_assign: ["policy", "scope"],
      plan_preview: ["form"],
      plan_create: ["form"],
      plan_renegotiate: ["form", "id"],
      plan_get: ["id"],
      customer_plans: ["id"],
      plans_due: [],
      plan_default: ["id", "level"],
      plan_payment_record: ["form", "id"],
      plan_settings_get: [],
      plan_settings_save: ["form"],
      installment_done: ["channel", "kind", "number", "plan"],
      installment_skip: ["kind", "number", "plan", "reason"],
      installment_postpone: ["kind", "number", "plan", "until"],
      letter_templates_list: [],
      letter_template_save: ["form"],
      letter_template_reset: ["kind", "lang"],
      backup_status: [],
      backup_settings_save: ["form"],
      backup_list: [],
      backup_now: ["passphrase", "passphraseConfirm", "progress"],
      backup_inspect: ["path"],
      backup_restore: ["passphrase", "path", "progress"],
      backup_choose_folder: [],
      import_preview: ["form"],
      import_run: ["form", "progress"],
      import_remembered: ["path"],
      import_choose_file: [],
      export_csv: ["form"],
      export_show_folder: [],
      backup_choose_file: [],
      backup_keyring: [],
    });
  });
});
