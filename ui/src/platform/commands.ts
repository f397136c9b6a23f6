// One typed function per Rust command listed in src-tauri/src/commands/mod.rs.
// The shapes come from ./bindings.ts, generated from crates/relance-wire.
// Argument keys are the Rust parameter names (Tauri maps snake_case to camelCase:
// most are single words; `passphrase_confirm` is `passphraseConfirm` here).
import type {
  AgendaJson,
  BackupContentsView,
  BackupDoneView,
  BackupKeyringView,
  BackupListedView,
  BackupProgressView,
  BackupSettingsForm,
  BackupStatusView,
  CreditWarningView,
  RestoredView,
  AllocationPreviewView,
  AppInfoView,
  CompanyForm,
  CompanyView,
  CreditNoteForm,
  CustomerCollectionsView,
  CustomerDetailView,
  CustomerForm,
  CustomerListQuery,
  CustomerPageView,
  CustomerSavedView,
  DashboardView,
  DrillView,
  BehindView,
  DayLettersView,
  DemoSummaryView,
  DocumentView,
  ImportForm,
  ImportProgressView,
  ImportRememberedView,
  ImportReportView,
  ExportForm,
  ExportedView,
  LogoView,
  DueInstallmentView,
  EmailSentView,
  EscalateForm,
  InvoiceCollectionView,
  InvoiceForm,
  InvoiceListQuery,
  InvoicePageView,
  InvoiceView,
  LetterTemplateForm,
  LetterTemplateView,
  LetterDueView,
  MailSettingsForm,
  MailSettingsView,
  PaymentForm,
  PaymentRecordedView,
  PenaltiesJson,
  PlanForm,
  PlanPreviewView,
  PlanSettingsView,
  PlanView,
  PoliciesView,
  PolicyForm,
  PromiseForm,
  RateEntryView,
  RateForm,
  RiskSettingsForm,
  RiskSettingsView,
  RiskView,
  SentLetterView,
  TodayView,
} from "./bindings";
import { call, progressChannel } from "./invoke";

export const appInfo = () => call<AppInfoView>("app_info");
export const loadDemo = () => call<DemoSummaryView>("load_demo");

export const companyGet = () => call<CompanyView>("company_get");
export const companySave = (form: CompanyForm) => call<CompanyView>("company_save", { form });
export const companyLogoGet = () => call<LogoView | null>("company_logo_get");
/** The chosen file's bytes, checked in Rust (PNG or JPEG, 1 MB, 16 to 4000 pixels a side). */
export const companyLogoSet = (bytes: number[]) => call<LogoView>("company_logo_set", { bytes });
export const companyLogoRemove = () => call<boolean>("company_logo_remove");

export const customersList = (query: CustomerListQuery) => call<CustomerPageView>("customers_list", { query });
export const customerGet = (id: number) => call<CustomerDetailView>("customer_get", { id });
export const customerCreate = (form: CustomerForm) => call<CustomerSavedView>("customer_create", { form });
export const customerUpdate = (id: number, form: CustomerForm) =>
  call<CustomerSavedView>("customer_update", { id, form });
export const customerSetArchived = (id: number, archived: boolean) =>
  call<null>("customer_set_archived", { id, archived });
/** Writes the customer's account statement in the documents folder and opens it. */
export const customerStatement = (customer: number) => call<DocumentView>("customer_statement", { customer });
/** Today's letters, before printing. */
export const lettersDue = () => call<LetterDueView[]>("letters_due");
/** Prints today's letters in one PDF and records each printed one as sent (one transaction). */
export const lettersPrintDay = () => call<DayLettersView>("letters_print_day");
/** Writes the kept copy of a sent letter in the documents folder and opens it. */
export const sentLetterOpen = (id: number) => call<DocumentView>("sent_letter_open", { id });
/** The customer's kept letters, most recent first. */
export const customerLetters = (customer: number) => call<SentLetterView[]>("customer_letters", { customer });
/** The installment plan's agreement, dated today. */
export const planAgreementPrint = (plan: number) => call<DocumentView>("plan_agreement_print", { plan });
/** The letter today's batch would print for the customer; records nothing. */
export const letterPreview = (customer: number) => call<DocumentView>("letter_preview", { customer });
/** Writes the customer's letter as an e-mail draft (.eml, PDF attached) and opens it in the mail program. */
export const emailDraft = (customer: number) => call<DocumentView>("email_draft", { customer });
/** Sends the customer's letter of today through the SMTP server and records the action done. */
export const emailSend = (customer: number) => call<EmailSentView>("email_send", { customer });
/** Sending is set up (no keyring query: the password is checked when sending). */
export const mailConfigured = () => call<boolean>("mail_configured");
export const mailSettingsGet = () => call<MailSettingsView>("mail_settings_get");
export const mailSettingsSave = (form: MailSettingsForm) => call<MailSettingsView>("mail_settings_save", { form });
/** Keeps the password in the system keyring only. */
export const mailPasswordSave = (password: string) => call<null>("mail_password_save", { password });
/** Connects and logs in with the saved settings; sends nothing. */
export const mailTest = () => call<null>("mail_test");
/** Writes the customer's injonction de payer dossier (after the mise en demeure) and opens it. */
export const injunctionDossierPrint = (customer: number) =>
  call<DocumentView>("injunction_dossier_print", { customer });

export const invoicesList = (query: InvoiceListQuery) => call<InvoicePageView>("invoices_list", { query });
export const invoiceGet = (id: number) => call<InvoiceView>("invoice_get", { id });
/** Credit control before saving a new invoice: the warning to show, or null. */
export const invoiceCreditCheck = (form: InvoiceForm) => call<CreditWarningView | null>("invoice_credit_check", { form });
export const invoiceCreate = (form: InvoiceForm) => call<InvoiceView>("invoice_create", { form });
export const invoiceUpdate = (id: number, form: InvoiceForm) => call<InvoiceView>("invoice_update", { id, form });
export const invoiceCancel = (id: number, reason: string) => call<InvoiceView>("invoice_cancel", { id, reason });

export const paymentPreview = (form: PaymentForm) => call<AllocationPreviewView>("payment_preview", { form });
export const paymentRecord = (form: PaymentForm) => call<PaymentRecordedView>("payment_record", { form });
export const creditNoteRecord = (form: CreditNoteForm) => call<PaymentRecordedView>("credit_note_record", { form });

/** One page (50 customers) of the Today screen, 0-based. */
export const today = (page: number) => call<TodayView>("today", { page });
/** Every receivables figure at `asOf` (JJ/MM/AAAA; today when null). */
export const dashboard = (asOf: string | null) => call<DashboardView>("dashboard", { asOf });
export const dashboardBehind = (asOf: string | null, drill: DrillView) =>
  call<BehindView>("dashboard_behind", { asOf, drill });

/** The day's reminder actions and broken promises, per customer. */
export const agenda = () => call<AgendaJson>("agenda");
export const actionDone = (customer: number, channel: string) => call<null>("action_done", { customer, channel });
/** Records the customer's past-due promises as seen, without chasing it. */
export const promisesAcknowledge = (customer: number) => call<null>("promises_acknowledge", { customer });
/** « Marquer comme déclaré »: the invoice declared to its customer's credit insurer today. */
export const insuranceDeclare = (invoice: number) => call<null>("insurance_declare", { invoice });
export const actionSkip = (customer: number, channel: string, reason: string) =>
  call<null>("action_skip", { customer, channel, reason });
/** `until` as typed: dd/mm/yyyy or yyyy-mm-dd. */
export const actionPostpone = (customer: number, channel: string, until: string) =>
  call<null>("action_postpone", { customer, channel, until });
export const promiseAdd = (form: PromiseForm) => call<null>("promise_add", { form });
export const disputeOpen = (invoice: number, reason: string) => call<null>("dispute_open", { invoice, reason });
export const disputeResolve = (invoice: number, note: string) => call<null>("dispute_resolve", { invoice, note });
export const promiseCancel = (id: number) => call<null>("promise_cancel", { id });
/** A customer's promises to pay with what became of them, and its written-off amount. */
export const customerCollections = (id: number) => call<CustomerCollectionsView>("customer_collections", { id });
export const riskSettingsGet = () => call<RiskSettingsView>("risk_settings_get");
export const riskSettingsSave = (form: RiskSettingsForm) => call<RiskSettingsView>("risk_settings_save", { form });
/** How the customer pays: score 0-100, segment and reasons, today. */
export const customerRisk = (id: number) => call<RiskView>("customer_risk", { id });
/** An invoice's disputes, its stage after the formal notice and the steps allowed now. */
export const invoiceCollection = (id: number) => call<InvoiceCollectionView>("invoice_collection", { id });
export const escalate = (form: EscalateForm) => call<null>("escalate", { form });
/** Late-payment interest and indemnity of one invoice as of today. */
export const invoicePenalties = (id: number) => call<PenaltiesJson>("invoice_penalties", { id });

/** The late-payment rates the user added (half-years the shipped tables do not know). */
export const ratesList = () => call<RateEntryView[]>("rates_list");
export const rateAdd = (form: RateForm) => call<null>("rate_add", { form });

/** The reminder policies (barèmes), the default and each payment profile's choice. */
export const policiesList = () => call<PoliciesView>("policies_list");
export const policyCreate = (form: PolicyForm) => call<number>("policy_create", { form });
export const policyUpdate = (id: number, form: PolicyForm) => call<null>("policy_update", { id, form });
/** Refused while a customer, a payment profile or the default uses it. */
export const policyDelete = (id: number) => call<null>("policy_delete", { id });
export const policyRestoreStandard = () => call<number>("policy_restore_standard");
/** `scope`: "default" or a segment code; `policy` null makes a segment follow the default. */
export const policyAssign = (scope: string, policy: number | null) => call<null>("policy_assign", { scope, policy });

/** The plan wizard's live schedule (nothing written). */
export const planPreview = (form: PlanForm) => call<PlanPreviewView>("plan_preview", { form });
export const planCreate = (form: PlanForm) => call<number>("plan_create", { form });
/** A new plan replaces plan `id`; both stay in the history. */
export const planRenegotiate = (id: number, form: PlanForm) => call<number>("plan_renegotiate", { id, form });
export const planGet = (id: number) => call<PlanView>("plan_get", { id });
export const customerPlans = (id: number) => call<PlanView[]>("customer_plans", { id });
/** Installments of running plans due this week, or late. */
export const plansDue = () => call<DueInstallmentView[]>("plans_due");
/** Records the default; reminders resume at `level` (null: the formal notice). */
export const planDefault = (id: number, level: string | null) => call<null>("plan_default", { id, level });
/** A payment for the plan, applied to its invoices oldest first. */
export const planPaymentRecord = (id: number, form: PaymentForm) =>
  call<number>("plan_payment_record", { id, form });
export const planSettingsGet = () => call<PlanSettingsView>("plan_settings_get");
export const planSettingsSave = (form: PlanSettingsView) => call<PlanSettingsView>("plan_settings_save", { form });
/** Today's notice (`kind` "notice") or reminder of a plan's installment, done by `channel`. */
export const installmentDone = (plan: number, number: number, kind: string, channel: string) =>
  call<null>("installment_done", { plan, number, kind, channel });
export const installmentSkip = (plan: number, number: number, kind: string, reason: string) =>
  call<null>("installment_skip", { plan, number, kind, reason });
/** `until` as typed: dd/mm/yyyy or yyyy-mm-dd. */
export const installmentPostpone = (plan: number, number: number, kind: string, until: string) =>
  call<null>("installment_postpone", { plan, number, kind, until });

/** The texts of the letters: each letter (pre_due, friendly, firm, notice) in fr and en. */
export const letterTemplatesList = () => call<LetterTemplateView[]>("letter_templates_list");
/** Saves one letter's texts in one language; errors come on `template_<part>`. */
export const letterTemplateSave = (form: LetterTemplateForm) =>
  call<LetterTemplateView>("letter_template_save", { form });
/** Puts the default wording back for one letter in one language. */
export const letterTemplateReset = (kind: string, lang: string) =>
  call<LetterTemplateView>("letter_template_reset", { kind, lang });

/** Backups: the settings, the last good backup and whether Today reminds. */
export const backupStatus = () => call<BackupStatusView>("backup_status");
/**
 * Saves the folder, the number kept, the reminder delay, « Chiffrer les sauvegardes » and, when asked, the
 * passphrase in the system keyring; errors on `backup_folder`, `backup_keep`, `backup_remind_days`,
 * `backup_passphrase`, `backup_passphrase_confirm`, `backup_remember`.
 */
export const backupSettingsSave = (form: BackupSettingsForm) =>
  call<BackupStatusView>("backup_settings_save", { form });
/** The backups found in the chosen folder, newest first, each verified. */
export const backupList = () => call<BackupListedView[]>("backup_list");
/** Opens the system's folder picker (from Rust); the folder chosen, or null when cancelled. */
export const backupChooseFolder = () => call<string | null>("backup_choose_folder");
/** Whether the system keyring keeps the backup passphrase (asked by Settings only). */
export const backupKeyring = () => call<BackupKeyringView>("backup_keyring");
/** Opens the system's file picker for a backup file (from Rust); the file chosen, or null when cancelled. */
export const backupChooseFile = () => call<string | null>("backup_choose_file");
/**
 * Backs up now into the chosen folder; `onProgress` gets the pages copied. When backups are encrypted, the
 * passphrase typed twice for this backup (empty: the one the keyring keeps).
 */
export const backupNow = (onProgress: (p: BackupProgressView) => void, passphrase = "", passphraseConfirm = "") =>
  call<BackupDoneView>("backup_now", { passphrase, passphraseConfirm, progress: progressChannel(onProgress) });
/** Checks a backup file and says what it holds (changes nothing). */
export const backupInspect = (path: string) => call<BackupContentsView>("backup_inspect", { path });
/**
 * Replaces the books with a checked backup (a safety copy of the current books is kept); an encrypted one
 * is opened with `passphrase` (empty: the one the keyring keeps).
 */
export const backupRestore = (path: string, passphrase: string, onProgress: (p: BackupProgressView) => void) =>
  call<RestoredView>("backup_restore", { path, passphrase, progress: progressChannel(onProgress) });

/** CSV import: reads the file and checks every row, writing nothing (the preview). */
export const importPreview = (form: ImportForm) => call<ImportReportView>("import_preview", { form });
/** Imports the file, all or nothing; `onProgress` gets the rows written. */
export const importRun = (form: ImportForm, onProgress: (p: ImportProgressView) => void) =>
  call<ImportReportView>("import_run", { form, progress: progressChannel(onProgress) });
/** The choices made last time for a file with the same header line, or null. */
export const importRemembered = (path: string) => call<ImportRememberedView | null>("import_remembered", { path });
/** Opens the system's file picker (from Rust); the file chosen, or null when cancelled. */
export const importChooseFile = () => call<string | null>("import_choose_file");
/**
 * Exports one list as CSV: the save dialog opens from Rust (the web view has no file access);
 * null when the user cancelled it. A bad date comes on `as_of`.
 */
export const exportCsv = (form: ExportForm) => call<ExportedView | null>("export_csv", { form });
/** Shows the last exported file in the system's file manager; false when it could not. */
export const exportShowFolder = () => call<boolean>("export_show_folder");

/** Every command name, as listed in src-tauri/src/commands/mod.rs (a test compares). */
export const COMMANDS = [
  "app_info",
  "load_demo",
  "company_get",
  "company_save",
  "company_logo_get",
  "company_logo_set",
  "company_logo_remove",
  "customers_list",
  "customer_get",
  "customer_create",
  "customer_update",
  "customer_set_archived",
  "customer_statement",
  "letters_due",
  "letters_print_day",
  "sent_letter_open",
  "customer_letters",
  "plan_agreement_print",
  "letter_preview",
  "email_draft",
  "email_send",
  "mail_configured",
  "mail_settings_get",
  "mail_settings_save",
  "mail_password_save",
  "mail_test",
  "injunction_dossier_print",
  "invoices_list",
  "invoice_get",
  "invoice_create",
  "invoice_credit_check",
  "invoice_update",
  "invoice_cancel",
  "payment_preview",
  "payment_record",
  "credit_note_record",
  "today",
  "dashboard",
  "dashboard_behind",
  "agenda",
  "action_done",
  "action_skip",
  "promises_acknowledge",
  "insurance_declare",
  "action_postpone",
  "promise_add",
  "dispute_open",
  "dispute_resolve",
  "promise_cancel",
  "customer_collections",
  "invoice_collection",
  "escalate",
  "invoice_penalties",
  "rates_list",
  "rate_add",
  "policies_list",
  "policy_create",
  "policy_update",
  "policy_delete",
  "policy_restore_standard",
  "policy_assign",
  "plan_preview",
  "plan_create",
  "plan_renegotiate",
  "plan_get",
  "customer_plans",
  "plans_due",
  "plan_default",
  "plan_payment_record",
  "plan_settings_get",
  "plan_settings_save",
  "installment_done",
  "installment_skip",
  "installment_postpone",
  "letter_templates_list",
  "letter_template_save",
  "letter_template_reset",
  "backup_status",
  "backup_settings_save",
  "backup_list",
  "backup_now",
  "backup_inspect",
  "backup_restore",
  "backup_choose_folder",
  "customer_risk",
  "risk_settings_get",
  "risk_settings_save",
  "import_preview",
  "import_run",
  "import_remembered",
  "import_choose_file",
  "export_csv",
  "export_show_folder",
  "backup_choose_file",
  "backup_keyring",
] as const;
