import { Fragment, useState, type FormEvent } from "react";
import { useI18n } from "../i18n";
import {
  policiesList,
  policyAssign,
  policyCreate,
  policyDelete,
  policyRestoreStandard,
  policyUpdate,
  toAppError,
  type AppError,
  type FieldMessages,
  type PoliciesView,
  type PolicyView,
} from "../platform";
import { useNav } from "../app/nav";
import { amountForInput } from "../format";
import { FormError, SelectField, TextField } from "../components/Field";
import { LoadError, Spinner } from "../components/Bits";
import { ConfirmDialog } from "../components/Dialog";
import { current, useLoad, useSubmit } from "../components/hooks";
import {
  CHANNELS,
  formOf,
  newRow,
  offsetLabel,
  policyChannelLabel,
  rowErrors,
  rowsOf,
  SEGMENTS,
  segmentLabel,
  sortRows,
  toneLabel,
  TONES,
  type LevelRow,
} from "../model/policies";

/** Where a policy is being edited: a new one, or a stored one by id. */
type Editing = { id: number | null; name: string; rows: LevelRow[] };

/**
 * Settings, "Barèmes de relance": which policy the default and each payment
 * profile follow, the list of policies, and the editor of one policy.
 */
export function PoliciesSection() {
  const { t, tn, locale } = useI18n();
  const nav = useNav();
  const { state, reload } = useLoad(() => policiesList(), []);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [assignError, setAssignError] = useState<AppError | null>(null);
  const [confirm, setConfirm] = useState<{ kind: "delete"; policy: PolicyView } | { kind: "restore" } | null>(null);
  const [confirmError, setConfirmError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const book: PoliciesView | null = current(state);

  const assign = async (scope: string, value: string) => {
    setAssignError(null);
    try {
      await policyAssign(scope, value === "" ? null : Number(value));
      nav.toast(t("policies.assigned_toast"));
      reload();
    } catch (e) {
      setAssignError(toAppError(e));
    }
  };

  const runConfirmed = async () => {
    if (!confirm || busy) return;
    setBusy(true);
    setConfirmError(null);
    try {
      if (confirm.kind === "delete") {
        await policyDelete(confirm.policy.id);
        nav.toast(t("policies.deleted_toast", { name: confirm.policy.name }));
        if (editing?.id === confirm.policy.id) setEditing(null);
      } else {
        await policyRestoreStandard();
        nav.toast(t("policies.restored_toast"));
        setEditing(null);
      }
      setConfirm(null);
      reload();
    } catch (e) {
      setConfirmError(toAppError(e).message);
    } finally {
      setBusy(false);
    }
  };

  const edit = (p: PolicyView) => setEditing({ id: p.id, name: p.name, rows: rowsOf(p, (f) => amountForInput(f, locale)) });
  const create = () => setEditing({ id: null, name: "", rows: [newRow([])] });

  const usedBy = (p: PolicyView): string => {
    const parts: string[] = [];
    if (p.is_default) parts.push(t("policies.used.default"));
    for (const s of p.segments) parts.push(t("policies.used.segment", { segment: t(segmentLabel(s)) }));
    if (p.customers > 0) parts.push(tn("policies.used.customers", p.customers));
    return parts.length === 0 ? t("policies.used.nobody") : parts.join(", ");
  };

  const policyOptions = (book?.policies ?? []).map((p) => ({ value: String(p.id), label: p.name }));

  return (
    <section className="card stack" aria-labelledby="policies-title" data-testid="policies-section">
      <div className="card-head">
        <h2 className="card-title" id="policies-title">
          {t("policies.title")}
        </h2>
        <div className="group-actions">
          <button type="button" className="button" onClick={create} data-testid="policy-new">
            {t("policies.new")}
          </button>
          <button
            type="button"
            className="button"
            onClick={() => setConfirm({ kind: "restore" })}
            data-testid="policy-restore"
          >
            {t("policies.restore")}
          </button>
        </div>
      </div>
      <p className="muted">{t("policies.intro")}</p>

      {state.kind === "failed" ? (
        <LoadError message={state.error.message} onRetry={reload} />
      ) : book === null ? (
        <Spinner />
      ) : (
        <>
          <fieldset className="form-section">
            <legend className="form-section-title">{t("policies.choice_title")}</legend>
            {assignError && <FormError error={assignError} shown={[]} />}
            <div className="form-grid">
              <SelectField
                label={t("policies.default")}
                value={String(book.default_id)}
                onChange={(v) => void assign("default", v)}
                options={policyOptions}
                testid="policy-default"
              />
              {SEGMENTS.map((s) => {
                const chosen = book.segments.find((x) => x.segment === s)?.policy_id ?? null;
                return (
                  <SelectField
                    key={s}
                    label={t("policies.for_segment", { segment: t(segmentLabel(s)) })}
                    value={chosen === null ? "" : String(chosen)}
                    onChange={(v) => void assign(s, v)}
                    options={[{ value: "", label: t("policies.follow_default") }, ...policyOptions]}
                    testid={`policy-segment-${s}`}
                  />
                );
              })}
            </div>
          </fieldset>

          <div className="table-wrap">
            <table className="table" data-testid="policies-list">
              <caption className="visually-hidden">{t("policies.title")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("policies.col.name")}</th>
                  <th scope="col">{t("policies.col.levels")}</th>
                  <th scope="col">{t("policies.col.used_by")}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t("policies.col.actions")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {book.policies.map((p) => (
                  <tr key={p.id} data-testid="policy-row">
                    <td className="strong">{p.name}</td>
                    <td>
                      {p.levels
                        .map((l) => `${offsetLabel(l.offset_days)} ${t(policyChannelLabel(l.channel)).toLowerCase()}`)
                        .join(" · ")}
                    </td>
                    <td>{usedBy(p)}</td>
                    <td className="num">
                      <button
                        type="button"
                        className="button button-small"
                        onClick={() => edit(p)}
                        data-testid={`policy-edit-${p.id}`}
                      >
                        {t("policies.edit")}
                      </button>{" "}
                      <button
                        type="button"
                        className="button button-small button-danger-quiet"
                        onClick={() => setConfirm({ kind: "delete", policy: p })}
                        data-testid={`policy-delete-${p.id}`}
                      >
                        {t("policies.delete")}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}

      {editing && (
        <PolicyEditor
          key={editing.id ?? "new"}
          editing={editing}
          onChange={setEditing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            reload();
          }}
        />
      )}

      {confirm && (
        <ConfirmDialog
          title={
            confirm.kind === "delete"
              ? t("policies.delete_confirm.title", { name: confirm.policy.name })
              : t("policies.restore_confirm.title")
          }
          body={confirm.kind === "delete" ? t("policies.delete_confirm.body") : t("policies.restore_confirm.body")}
          confirmLabel={confirm.kind === "delete" ? t("policies.delete") : t("policies.restore")}
          danger={confirm.kind === "delete"}
          busy={busy}
          error={confirmError}
          onConfirm={() => void runConfirmed()}
          onCancel={() => {
            setConfirm(null);
            setConfirmError(null);
          }}
        />
      )}
    </section>
  );
}

const EDITOR_FIELDS = ["policy_name", "dunning_levels"];

/** A policy's name and levels; rows are kept in schedule order when an offset is left. */
function PolicyEditor({
  editing,
  onChange,
  onClose,
  onSaved,
}: {
  editing: Editing;
  onChange: (e: Editing) => void;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const nav = useNav();
  const { saving, error, send, clearError } = useSubmit();
  const rows = editing.rows;
  const setRows = (next: LevelRow[]) => onChange({ ...editing, rows: next });
  const setRow = (i: number, patch: Partial<LevelRow>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const reorder = () => {
    const sorted = sortRows(rows);
    if (sorted.some((r, i) => r !== rows[i])) {
      clearError();
      setRows(sorted);
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (saving) return;
    const ordered = sortRows(rows);
    setRows(ordered);
    void send(async () => {
      const form = formOf(editing.name, ordered);
      if (editing.id === null) await policyCreate(form);
      else await policyUpdate(editing.id, form);
      nav.toast(t("policies.saved_toast", { name: editing.name.trim() }));
      onSaved();
    });
  };

  const fields: FieldMessages | undefined = error?.fields;
  const shown = [...EDITOR_FIELDS, ...rows.flatMap((_, i) => LEVEL_FIELDS.map((f) => `levels.${i}.${f}`))];
  return (
    <form className="form stack" onSubmit={submit} noValidate data-testid="policy-editor">
      <h3 className="form-section-title">
        {editing.id === null ? t("policies.editor.new_title") : t("policies.editor.edit_title", { name: editing.name })}
      </h3>
      <FormError error={error} shown={shown} />
      <div className="form-grid">
        <TextField
          label={t("policies.field.name")}
          value={editing.name}
          onChange={(v) => onChange({ ...editing, name: v })}
          testid="policy-name"
          field="policy_name"
          errors={fields}
          autoFocus
          className="span-2"
        />
      </div>
      <div className="table-wrap">
        <table className="table table-compact policy-levels" data-testid="policy-levels">
          <caption className="visually-hidden">{t("policies.editor.levels")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("policies.col.offset")}</th>
              <th scope="col">{t("policies.col.channel")}</th>
              <th scope="col">{t("policies.col.tone")}</th>
              <th scope="col">{t("policies.col.fee")}</th>
              <th scope="col">{t("policies.col.formal_notice")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("policies.col.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => {
              const errs = rowErrors(fields, i);
              const days = Number.parseInt(r.offset, 10);
              const n = i + 1;
              const messages = LEVEL_FIELDS.flatMap((f) => {
                const m = errs[f];
                return m === undefined ? [] : [[f, m] as const];
              });
              return (
                <Fragment key={r.rowId}>
                <tr data-testid="policy-level-row">
                  <td className="cell-offset">
                    <input
                      className={`input input-days${errs.level_offset ? " input-invalid" : ""}`}
                      value={r.offset}
                      onChange={(e) => setRow(i, { offset: e.target.value })}
                      onBlur={reorder}
                      inputMode="numeric"
                      aria-label={t("policies.aria.offset", { n })}
                      aria-invalid={errs.level_offset ? true : undefined}
                      data-testid={`level-offset-${i}`}
                    />{" "}
                    <span className="muted">{Number.isFinite(days) ? offsetLabel(days) : ""}</span>
                  </td>
                  <td>
                    <select
                      className="input select select-channel"
                      value={r.channel}
                      onChange={(e) => setRow(i, { channel: e.target.value })}
                      aria-label={t("policies.aria.channel", { n })}
                      data-testid={`level-channel-${i}`}
                    >
                      {CHANNELS.map((c) => (
                        <option key={c} value={c}>
                          {t(policyChannelLabel(c))}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <select
                      className="input select select-tone"
                      value={r.template}
                      onChange={(e) => setRow(i, { template: e.target.value })}
                      aria-label={t("policies.aria.tone", { n })}
                      data-testid={`level-tone-${i}`}
                    >
                      {(TONES as readonly string[]).includes(r.template) ? null : (
                        <option value={r.template}>{t(toneLabel(r.template))}</option>
                      )}
                      {TONES.map((tone) => (
                        <option key={tone} value={tone}>
                          {t(toneLabel(tone))}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <input
                      className={`input input-cell input-amount${errs.level_fee ? " input-invalid" : ""}`}
                      value={r.fee}
                      onChange={(e) => setRow(i, { fee: e.target.value })}
                      inputMode="decimal"
                      placeholder={t("policies.fee_none")}
                      aria-label={t("policies.aria.fee", { n })}
                      data-testid={`level-fee-${i}`}
                    />
                  </td>
                  <td>
                    <label className="check">
                      <input
                        type="checkbox"
                        checked={r.formalNotice}
                        onChange={(e) => setRow(i, { formalNotice: e.target.checked })}
                        data-testid={`level-notice-${i}`}
                      />
                      <span className="visually-hidden">{t("policies.aria.formal_notice", { n })}</span>
                    </label>
                  </td>
                  <td className="num">
                    <button
                      type="button"
                      className="button button-small button-danger-quiet"
                      onClick={() => {
                        clearError();
                        setRows(rows.filter((_, j) => j !== i));
                      }}
                      aria-label={t("policies.aria.remove", { n })}
                      data-testid={`level-remove-${i}`}
                    >
                      {t("policies.remove_level")}
                    </button>
                  </td>
                </tr>
                {messages.length > 0 && (
                  <tr className="row-errors">
                    <td colSpan={6}>
                      {messages.map(([f, m]) => (
                        <p key={f} className="field-error" role="alert" data-testid={`error-levels.${i}.${f}`}>
                          {m}
                        </p>
                      ))}
                    </td>
                  </tr>
                )}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      </div>
      {fields?.dunning_levels && (
        <p className="field-error" role="alert" data-testid="error-dunning_levels">
          {fields.dunning_levels}
        </p>
      )}
      <p className="muted">{t("policies.editor.hint")}</p>
      <div className="form-actions">
        <button
          type="button"
          className="button"
          onClick={() => setRows([...rows, newRow(rows)])}
          data-testid="policy-add-level"
        >
          {t("policies.add_level")}
        </button>
        <button type="submit" className="button button-primary" disabled={saving} data-testid="policy-save">
          {saving ? t("common.saving") : t("policies.save")}
        </button>
        <button type="button" className="button" onClick={onClose}>
          {t("common.cancel")}
        </button>
        {saving && <Spinner label={t("common.saving")} />}
      </div>
    </form>
  );
}

const LEVEL_FIELDS = ["level_offset", "level_key", "level_channel", "level_template", "level_fee", "formal_notice"];
