import { Button, Fieldset, FieldsetDescription, FieldsetLegend, Textfield } from '@digdir/designsystemet-react';
import { useState, type FormEvent } from 'react';
import type { FieldErrors } from '../api/problem';

/** The part of JSON Schema the API's zod schemas produce (`GET /workflows` inputSchema, event payloads). */
export interface JsonSchema {
  type?: string | string[];
  title?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  default?: unknown;
}

/** Norwegian labels and help for field names the processes use; phase 2 adds the round's own form fields. */
export const fieldTexts: Record<string, { label: string; help?: string }> = {
  title: { label: 'Tittel' },
  description: { label: 'Beskrivelse' },
  caseRef: { label: 'Saksnummer', help: 'NN/ÅÅ, for eksempel 30/24' },
  caseId: { label: 'Sak-id', help: 'Valgfritt: id-en til saken i samflyt' },
  body: { label: 'Organ', help: 'For eksempel «Utvidet AU»' },
  assignee: { label: 'Ansvarlig' },
  owner: { label: 'Eier', help: 'Valgfritt: sekretariatet som følger opp' },
  id: { label: 'Person-id' },
  name: { label: 'Navn' },
  email: { label: 'E-post' },
  dueAt: { label: 'Frist', help: 'Dato (ÅÅÅÅ-MM-DD) betyr slutten av dagen; eller dato og klokkeslett' },
  reminderOffsets: {
    label: 'Påminnelser før fristen',
    help: 'Én per linje, ISO 8601-varighet: P7D = 7 dager, PT12H = 12 timer',
  },
  reason: { label: 'Begrunnelse' },
  note: { label: 'Merknad' },
};

const labelOf = (name: string, s: JsonSchema) => s.title ?? fieldTexts[name]?.label ?? name;
const nonNull = (s: JsonSchema): JsonSchema => s.anyOf?.find((a) => a.type !== 'null') ?? s;

/** Checks the schema's own rules before sending, so most mistakes are named at once, in Norwegian. */
export function validate(schema: JsonSchema, value: Record<string, unknown>, prefix = ''): FieldErrors {
  const errors: FieldErrors = {};
  for (const [name, raw] of Object.entries(schema.properties ?? {})) {
    const s = nonNull(raw);
    const path = prefix + name;
    const v = value[name];
    const required = schema.required?.includes(name) ?? false;
    if (s.type === 'object') {
      const inner = (v ?? {}) as Record<string, unknown>;
      if (required || Object.values(inner).some((x) => x !== undefined && x !== ''))
        Object.assign(errors, validate(s, inner, `${path}.`));
      continue;
    }
    if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) {
      if (required) errors[path] = 'må fylles ut';
      continue;
    }
    if (typeof v === 'string') {
      if (s.minLength && v.length < s.minLength) errors[path] = `må ha minst ${s.minLength} tegn`;
      else if (s.maxLength && v.length > s.maxLength) errors[path] = `kan ha høyst ${s.maxLength} tegn`;
      else if (s.format === 'email' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v))
        errors[path] = 'må være en gyldig e-postadresse';
      else if (s.pattern && s.format !== 'email' && !new RegExp(s.pattern).test(v)) errors[path] = 'har feil format';
    }
  }
  return errors;
}

/**
 * A form rendered from a JSON Schema: text, dates, numbers, choices, lists (one per line) and nested objects as
 * fieldsets, each with its validation message. The application form of a grant round (phase 2) is rendered the same
 * way from the round's definition.
 */
export function SchemaForm({
  schema,
  submitLabel,
  onSubmit,
  serverErrors = {},
  busy = false,
}: {
  schema: JsonSchema;
  submitLabel: string;
  onSubmit: (value: Record<string, unknown>) => void;
  serverErrors?: FieldErrors;
  busy?: boolean;
}) {
  const [value, setValue] = useState<Record<string, unknown>>({});
  const [errors, setErrors] = useState<FieldErrors>({});
  const shown = { ...serverErrors, ...errors };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found = validate(schema, value);
    setErrors(found);
    if (Object.keys(found).length === 0) onSubmit(toPayload(schema, value));
  };
  return (
    <form onSubmit={submit} noValidate>
      <Fields schema={schema} value={value} onChange={setValue} errors={shown} prefix="" />
      <Button type="submit" disabled={busy} style={{ marginTop: 'var(--ds-size-6)' }}>
        {submitLabel}
      </Button>
    </form>
  );
}

function Fields({
  schema,
  value,
  onChange,
  errors,
  prefix,
}: {
  schema: JsonSchema;
  value: Record<string, unknown>;
  onChange: (v: Record<string, unknown>) => void;
  errors: FieldErrors;
  prefix: string;
}) {
  return (
    <div style={{ display: 'grid', gap: 'var(--ds-size-5)' }}>
      {Object.entries(schema.properties ?? {}).map(([name, raw]) => {
        const s = nonNull(raw);
        const path = prefix + name;
        const required = schema.required?.includes(name) ?? false;
        const label = `${labelOf(name, s)}${required ? '' : ' (valgfritt)'}`;
        const help = s.description ?? fieldTexts[name]?.help;
        const set = (v: unknown) => onChange({ ...value, [name]: v });
        if (s.type === 'object') {
          return (
            <Fieldset key={path}>
              <FieldsetLegend>{label}</FieldsetLegend>
              {help && <FieldsetDescription>{help}</FieldsetDescription>}
              <Fields
                schema={s}
                value={(value[name] ?? {}) as Record<string, unknown>}
                onChange={set}
                errors={errors}
                prefix={`${path}.`}
              />
            </Fieldset>
          );
        }
        if (s.type === 'array') {
          const lines = (value[name] as string | undefined) ?? '';
          return (
            <Textfield
              key={path}
              multiline
              rows={3}
              name={path}
              label={label}
              description={help}
              error={errors[path]}
              value={lines}
              onChange={(e) => set(e.target.value)}
            />
          );
        }
        const long = s.type === 'string' && (s.maxLength ?? 0) > 1000;
        const common = {
          label,
          description: help,
          name: path,
          error: errors[path],
          value: (value[name] as string | undefined) ?? '',
          onChange: (e: { target: { value: string } }) =>
            set(
              s.type === 'integer' || s.type === 'number'
                ? e.target.value === ''
                  ? undefined
                  : Number(e.target.value)
                : e.target.value,
            ),
        };
        return long ? (
          <Textfield key={path} multiline rows={4} {...common} />
        ) : (
          <Textfield
            key={path}
            type={s.type === 'integer' || s.type === 'number' ? 'number' : s.format === 'email' ? 'email' : 'text'}
            autoComplete="off"
            {...common}
          />
        );
      })}
    </div>
  );
}

/** The form's text as the schema's types: lists one per line; empty fields left out so they take their defaults. */
export function toPayload(schema: JsonSchema, value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries(schema.properties ?? {})) {
    const s = nonNull(raw);
    const v = value[name];
    if (v === undefined || v === '') continue;
    if (s.type === 'object') {
      const inner = toPayload(s, v as Record<string, unknown>);
      if (Object.keys(inner).length > 0) out[name] = inner;
    } else if (s.type === 'array') {
      const list = String(v)
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean);
      if (list.length > 0) out[name] = list;
    } else out[name] = v;
  }
  return out;
}
