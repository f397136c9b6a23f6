// Settings: the texts of the letters. Pick a letter and its language, edit
// each part (title, paragraphs, closing), insert placeholders at the cursor,
// save (checked by Rust, errors under each text) or go back to the original
// wording after a confirmation. The legal mentions of the mise en demeure are
// not editable and the section says they are always printed.
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useI18n } from "../i18n";
import {
  letterTemplateReset,
  letterTemplateSave,
  letterTemplatesList,
  toAppError,
  type LetterTemplateView,
} from "../platform";
import { useNav } from "../app/nav";
import { FormError, SelectField } from "../components/Field";
import { ConfirmDialog } from "../components/Dialog";
import { useLoad, useSubmit } from "../components/hooks";
import {
  braced,
  draftsOf,
  findTemplate,
  insertAt,
  PLACEHOLDERS,
  placeholderMeaning,
  templateKindLabel,
  templatePartLabel,
  TEMPLATE_KINDS,
  TEMPLATE_LANGS,
  type TemplateKind,
  type TemplateLang,
} from "../model/letterTemplates";

const PART_FIELDS = ["title", "before", "before_one", "after", "closing"].map((p) => `template_${p}`);

export function LetterTemplatesSection() {
  const { t, locale } = useI18n();
  const nav = useNav();
  const { state } = useLoad(() => letterTemplatesList(), []);
  // Every letter as saved; a save or a reset puts the letter it returns in place.
  const [list, setList] = useState<LetterTemplateView[]>([]);
  const [kind, setKind] = useState<TemplateKind>("friendly");
  const [lang, setLang] = useState<TemplateLang>(locale === "en" ? "en" : "fr");
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [confirming, setConfirming] = useState(false);
  const [confirmError, setConfirmError] = useState<string | null>(null);
  const [resetting, setResetting] = useState(false);
  const { saving, error, send, doneSaving, clearError } = useSubmit();
  const areas = useRef<Record<string, HTMLTextAreaElement | null>>({});

  useEffect(() => {
    if (state.kind === "ready") setList(state.value);
  }, [state]);
  const template = findTemplate(list, kind, lang);
  const put = (saved: LetterTemplateView) =>
    setList((l) => l.map((x) => (x.kind === saved.kind && x.lang === saved.lang ? saved : x)));

  // Another letter or language, or the letter just saved: the texts start from what is saved.
  useEffect(() => {
    setDrafts(draftsOf(template));
    clearError();
  }, [template, clearError]);

  // Texts typed and not saved: switching letter or language asks before dropping them.
  const dirty = template !== null && template.parts.some((p) => (drafts[p.part] ?? "") !== p.text);
  const [pending, setPending] = useState<{ kind: TemplateKind; lang: TemplateLang } | null>(null);
  const choose = (next: { kind: TemplateKind; lang: TemplateLang }) => {
    if (next.kind === kind && next.lang === lang) return;
    if (dirty) {
      setPending(next);
      return;
    }
    setKind(next.kind);
    setLang(next.lang);
  };

  const letterName = t(templateKindLabel(kind));
  const langName = t(lang === "fr" ? "templates.lang.fr" : "templates.lang.en");

  const insert = (part: string, placeholder: string) => {
    const area = areas.current[part];
    const text = drafts[part] ?? "";
    const { text: next, cursor } = insertAt(text, area?.selectionStart ?? null, area?.selectionEnd ?? null, braced(placeholder));
    setDrafts((d) => ({ ...d, [part]: next }));
    // Back to the text, the cursor after what was inserted. The text is just above the
    // buttons, so the page must not jump under the user's pointer.
    window.requestAnimationFrame(() => {
      area?.focus({ preventScroll: true });
      area?.setSelectionRange(cursor, cursor);
    });
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!template) return;
    void send(async () => {
      const saved = await letterTemplateSave({
        kind,
        lang,
        parts: template.parts.map((p) => ({ part: p.part, text: drafts[p.part] ?? "" })),
      });
      nav.toast(t("templates.saved_toast", { letter: letterName }));
      doneSaving();
      put(saved);
    });
  };

  const reset = async () => {
    if (resetting) return;
    setResetting(true);
    setConfirmError(null);
    try {
      const saved = await letterTemplateReset(kind, lang);
      setConfirming(false);
      nav.toast(t("templates.reset_toast", { letter: letterName }));
      put(saved);
    } catch (err) {
      setConfirmError(toAppError(err).message);
    } finally {
      setResetting(false);
    }
  };

  const errors = error?.fields;
  return (
    <section className="card stack" aria-labelledby="letter-templates-title" data-testid="letter-templates">
      <h2 className="card-title" id="letter-templates-title">
        {t("templates.title")}
      </h2>
      <p className="muted">{t("templates.intro")}</p>
      <div className="banner banner-warning" data-testid="letter-templates-legal">
        <p>{t("templates.legal")}</p>
      </div>
      <div className="form-grid">
        <SelectField
          label={t("templates.letter")}
          value={kind}
          onChange={(k) => choose({ kind: k, lang })}
          options={TEMPLATE_KINDS.map((k) => ({ value: k, label: t(templateKindLabel(k)) }))}
          testid="letter-templates-kind"
        />
        <SelectField
          label={t("templates.lang")}
          value={lang}
          onChange={(l) => choose({ kind, lang: l })}
          options={TEMPLATE_LANGS.map((l) => ({
            value: l,
            label: t(l === "fr" ? "templates.lang.fr" : "templates.lang.en"),
          }))}
          testid="letter-templates-lang"
        />
      </div>
      {state.kind === "failed" && <FormError error={state.error} shown={[]} />}
      {template && (
        <form className="form" onSubmit={submit} noValidate>
          <p data-testid="letter-templates-status">
            <span className={`badge ${template.is_default ? "badge-paid" : "badge-soon"}`}>
              {t(template.is_default ? "templates.status.default" : "templates.status.edited")}
            </span>
          </p>
          <FormError error={error} shown={PART_FIELDS} />
          {template.parts.map((p) => {
            const field = `template_${p.part}`;
            const message = errors?.[field];
            const id = `letter-template-${p.part}`;
            return (
              <div key={p.part} className={`field${message ? " field-invalid" : ""}`}>
                <label className="field-label" htmlFor={id}>
                  {t(templatePartLabel(p.part))}
                </label>
                <textarea
                  id={id}
                  ref={(el) => {
                    areas.current[p.part] = el;
                  }}
                  className={`input textarea${p.part === "title" ? " template-title" : ""}`}
                  rows={p.part === "title" ? 1 : 3}
                  value={drafts[p.part] ?? ""}
                  onChange={(e) => {
                    const value = e.target.value;
                    setDrafts((d) => ({ ...d, [p.part]: value }));
                  }}
                  aria-invalid={message !== undefined || undefined}
                  aria-describedby={message ? `${id}-error` : undefined}
                  data-testid={`letter-template-${p.part}`}
                  spellCheck
                />
                {message && (
                  <p className="field-error" id={`${id}-error`} role="alert" data-testid={`error-${field}`}>
                    {message}
                  </p>
                )}
                {!p.required && <p className="field-hint">{t("templates.optional")}</p>}
                <div className="template-placeholders">
                  <span className="field-hint">{t("templates.insert")}</span>
                  {p.placeholders.map((name) => (
                    <button
                      key={name}
                      type="button"
                      className="button placeholder-chip"
                      title={t(placeholderMeaning(name))}
                      aria-label={t("templates.insert_one", {
                        placeholder: braced(name),
                        meaning: t(placeholderMeaning(name)),
                      })}
                      onClick={() => insert(p.part, name)}
                      data-testid={`insert-${p.part}-${name}`}
                    >
                      {braced(name)}
                    </button>
                  ))}
                </div>
              </div>
            );
          })}
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={saving} data-testid="letter-templates-save">
              {saving ? t("common.saving") : t("common.save")}
            </button>
            <button
              type="button"
              className="button"
              disabled={template.is_default}
              onClick={() => {
                setConfirmError(null);
                setConfirming(true);
              }}
              data-testid="letter-templates-reset"
            >
              {t("templates.reset")}
            </button>
          </div>
          <details className="template-legend">
            <summary>{t("templates.legend")}</summary>
            <dl>
              {PLACEHOLDERS.map((name) => (
                <div key={name} className="template-legend-row">
                  <dt>
                    <code>{braced(name)}</code>
                  </dt>
                  <dd>{t(placeholderMeaning(name))}</dd>
                </div>
              ))}
            </dl>
          </details>
        </form>
      )}
      {pending && (
        <ConfirmDialog
          title={t("templates.discard.title")}
          body={t("templates.discard.body", { letter: letterName })}
          confirmLabel={t("templates.discard.confirm")}
          danger
          onConfirm={() => {
            setKind(pending.kind);
            setLang(pending.lang);
            setPending(null);
          }}
          onCancel={() => setPending(null)}
        />
      )}
      {confirming && (
        <ConfirmDialog
          title={t("templates.reset_confirm.title")}
          body={t("templates.reset_confirm.body", {
            letter: letterName,
            lang: locale === "fr" ? langName.toLowerCase() : langName,
          })}
          confirmLabel={t("templates.reset")}
          danger
          busy={resetting}
          error={confirmError}
          onConfirm={() => void reset()}
          onCancel={() => setConfirming(false)}
        />
      )}
    </section>
  );
}
