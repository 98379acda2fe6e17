import { Button, Checkbox, Textfield } from '@digdir/designsystemet-react';
import type { ReactNode } from 'react';
import { SelectField } from '../../components/fields';
import { emptyCriterion, emptyField, fieldTypes, type CriterionRow, type FieldRow } from './round-setup';

/** Rows the secretariat adds and removes (at least one is kept), each a group named «Felt 1», «Kriterium 2». */
function RowList<T>({
  rows,
  onChange,
  name,
  addText,
  empty,
  children,
}: {
  rows: T[];
  onChange: (rows: T[]) => void;
  /** «Felt», «Kriterium»: the group's name and the remove button's. */
  name: string;
  addText: string;
  empty: () => T;
  children: (row: T, n: number, update: (change: Partial<T>) => void) => ReactNode;
}) {
  return (
    <>
      {rows.map((row, i) => (
        <div key={i} className="setup-row" role="group" aria-label={`${name} ${i + 1}`}>
          {children(row, i + 1, (change) => onChange(rows.map((x, j) => (j === i ? { ...x, ...change } : x))))}
          {rows.length > 1 && (
            <Button variant="tertiary" type="button" onClick={() => onChange(rows.filter((_, j) => j !== i))}>
              Fjern {name.toLowerCase()} {i + 1}
            </Button>
          )}
        </div>
      ))}
      <div>
        <Button variant="secondary" type="button" onClick={() => onChange([...rows, empty()])}>
          {addText}
        </Button>
      </div>
    </>
  );
}

/** The fields of the application form: name, type, whether required, help, and the type's own limits. */
export function FieldRows({
  rows,
  onChange,
  errors,
}: {
  rows: FieldRow[];
  onChange: (rows: FieldRow[]) => void;
  errors: Record<string, string>;
}) {
  return (
    <RowList rows={rows} onChange={onChange} name="Felt" addText="Legg til felt" empty={emptyField}>
      {(f, n, update) => (
        <>
          <Textfield
            label={`Felt ${n}: navn *`}
            value={f.label}
            onChange={(e) => update({ label: e.target.value })}
            error={errors[`form.${n - 1}.label`]}
          />
          <SelectField
            label={`Felt ${n}: type`}
            options={fieldTypes}
            value={f.type}
            onChange={(e) => update({ type: e.target.value as FieldRow['type'] })}
          />
          <Checkbox
            label="Må fylles ut"
            checked={f.required}
            onChange={(e) => update({ required: e.target.checked })}
          />
          <Textfield
            label={`Felt ${n}: hjelpetekst (valgfritt)`}
            value={f.help}
            onChange={(e) => update({ help: e.target.value })}
          />
          {f.type === 'choice' && (
            <Textfield
              multiline
              rows={3}
              label={`Felt ${n}: alternativer, ett per linje *`}
              value={f.options}
              onChange={(e) => update({ options: e.target.value })}
              error={errors[`form.${n - 1}.options`]}
            />
          )}
          {f.type === 'number' && (
            <>
              <Textfield
                type="number"
                label={`Felt ${n}: minst (valgfritt)`}
                value={f.min}
                onChange={(e) => update({ min: e.target.value })}
              />
              <Textfield
                type="number"
                label={`Felt ${n}: høyst (valgfritt)`}
                value={f.max}
                onChange={(e) => update({ max: e.target.value })}
              />
            </>
          )}
          {f.type === 'text' && (
            <Textfield
              type="number"
              label={`Felt ${n}: høyst antall tegn (valgfritt, 5000 ellers)`}
              value={f.maxLength}
              onChange={(e) => update({ maxLength: e.target.value })}
            />
          )}
        </>
      )}
    </RowList>
  );
}

/** The scoring criteria: name, description, weight and scale. */
export function CriterionRows({
  rows,
  onChange,
  errors,
}: {
  rows: CriterionRow[];
  onChange: (rows: CriterionRow[]) => void;
  errors: Record<string, string>;
}) {
  return (
    <RowList rows={rows} onChange={onChange} name="Kriterium" addText="Legg til kriterium" empty={emptyCriterion}>
      {(c, n, update) => (
        <>
          <Textfield
            label={`Kriterium ${n}: navn *`}
            value={c.title}
            onChange={(e) => update({ title: e.target.value })}
            error={errors[`criteria.${n - 1}.title`]}
          />
          <Textfield
            label={`Kriterium ${n}: beskrivelse *`}
            value={c.description}
            onChange={(e) => update({ description: e.target.value })}
            error={errors[`criteria.${n - 1}.description`]}
          />
          <Textfield
            type="number"
            label={`Kriterium ${n}: vekt *`}
            value={c.weight}
            onChange={(e) => update({ weight: e.target.value })}
          />
          <Textfield
            type="number"
            label={`Kriterium ${n}: skala fra *`}
            value={c.scaleMin}
            onChange={(e) => update({ scaleMin: e.target.value })}
          />
          <Textfield
            type="number"
            label={`Kriterium ${n}: skala til *`}
            value={c.scaleMax}
            onChange={(e) => update({ scaleMax: e.target.value })}
            error={errors[`criteria.${n - 1}.scaleMax`]}
          />
        </>
      )}
    </RowList>
  );
}
