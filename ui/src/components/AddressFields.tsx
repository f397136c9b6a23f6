import { useI18n, type MessageKey } from "../i18n";
import type { AddressForm, FieldMessages } from "../platform";
import { FieldErrorLine, TextField } from "./Field";

interface Line {
  key: keyof AddressForm;
  label: MessageKey;
  /** The end of the input's test id. */
  testid: string;
  /** Takes two columns of the form grid. */
  wide?: true;
  placeholder?: MessageKey;
}

/** In the order shown. */
const LINES: readonly Line[] = [
  { key: "line1", label: "address.line1", testid: "line1", wide: true },
  { key: "line2", label: "address.line2", testid: "line2" },
  { key: "postal_code", label: "address.postal_code", testid: "postal-code" },
  { key: "city", label: "address.city", testid: "city" },
  { key: "country", label: "address.country", testid: "country", placeholder: "address.country_placeholder" },
];

/**
 * The five address lines of a customer or of the company, with the back end's
 * one "address" message under them (it judges the address as a whole).
 * `testidPrefix`: the inputs are "<prefix>-address-line1" … "<prefix>-address-country".
 */
export function AddressFields({
  value,
  onChange,
  testidPrefix,
  errors,
}: {
  value: AddressForm;
  onChange: (key: keyof AddressForm, value: string) => void;
  testidPrefix: string;
  errors?: FieldMessages | undefined;
}) {
  const { t } = useI18n();
  return (
    <>
      <div className="form-grid">
        {LINES.map((line) => (
          <TextField
            key={line.key}
            label={t(line.label)}
            value={value[line.key]}
            onChange={(v) => onChange(line.key, v)}
            testid={`${testidPrefix}-address-${line.testid}`}
            className={line.wide ? "span-2" : undefined}
            placeholder={line.placeholder && t(line.placeholder)}
          />
        ))}
      </div>
      <FieldErrorLine field="address" errors={errors} />
    </>
  );
}
