import { Field, Label, Paragraph, Select } from '@digdir/designsystemet-react';
import type { ComponentProps, ReactNode } from 'react';

/**
 * A field's own message, under it, for fields the designsystem does not mark itself (selects, radio groups);
 * `alert` announces it at once.
 */
export function FieldError({ error, alert = false }: { error: string | undefined; alert?: boolean }) {
  if (!error) return null;
  return (
    <Paragraph data-size="sm" className="field-error" role={alert ? 'alert' : undefined}>
      {error}
    </Paragraph>
  );
}

/**
 * A labelled select with its message. `options` (value → name) are listed after an empty first option named
 * `placeholder` (e.g. «Alle» in a filter, «Velg …» in a form); other options come as children.
 */
export function SelectField({
  label,
  description,
  error,
  options = {},
  placeholder,
  children,
  ...select
}: ComponentProps<typeof Select> & {
  label: string;
  description?: ReactNode;
  error?: string;
  options?: Record<string, string>;
  placeholder?: string;
}) {
  return (
    <Field>
      <Label>{label}</Label>
      {description && <Paragraph data-size="sm">{description}</Paragraph>}
      <Select {...select} aria-invalid={error ? true : undefined}>
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {Object.entries(options).map(([value, name]) => (
          <option key={value} value={value}>
            {name}
          </option>
        ))}
        {children}
      </Select>
      <FieldError error={error} />
    </Field>
  );
}
