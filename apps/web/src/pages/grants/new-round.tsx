import { Button, Checkbox, Fieldset, FieldsetLegend, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { api, idempotencyKey, unwrap } from '../../api/client';
import { FieldError, SelectField } from '../../components/fields';
import { Title } from '../../components/guards';
import { ProblemAlert } from '../../components/problem-alert';
import { useAction } from '../../lib/use-action';
import { useApi } from '../../lib/use-api';
import { useFieldErrors } from '../../lib/use-field-errors';
import { grantFieldErrors } from './common';
import { CriterionRows, FieldRows } from './new-round-rows';
import {
  emptyCriterion,
  emptyField,
  newRound,
  roundBody,
  validateRound,
  type CriterionRow,
  type FieldRow,
  type RoundDraft,
} from './round-setup';

const reportDues = {
  P6M: '6 måneder etter tilskuddsbrevet',
  P12M: '12 måneder etter tilskuddsbrevet',
  P18M: '18 måneder etter tilskuddsbrevet',
  P24M: '24 måneder etter tilskuddsbrevet',
};

/** Set-up of a grant round as a structured form: the call, the form's fields, the criteria, money and dates. */
export function NewRoundPage() {
  const navigate = useNavigate();
  const committees = useApi(() => unwrap(api.GET('/committees')), []);
  const [v, setV] = useState(newRound);
  const [fields, setFields] = useState<FieldRow[]>([emptyField()]);
  const [criteria, setCriteria] = useState<CriterionRow[]>([emptyCriterion()]);
  const { errors, setErrors, check } = useFieldErrors();
  const [key] = useState(idempotencyKey);
  const action = useAction();
  const set = (k: keyof RoundDraft, value: string | boolean) => setV((x) => ({ ...x, [k]: value }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!check(validateRound(v, fields, criteria))) return;
    void action.run(
      async () => {
        const created = await unwrap(
          api.POST('/grant-rounds', {
            params: { header: { 'Idempotency-Key': key } },
            body: roundBody(v, fields, criteria) as never,
          }),
        );
        navigate(`/sekretariat/tilskudd/${created.id}`);
      },
      (problem) => setErrors(grantFieldErrors(problem)),
    );
  };

  const text = (k: keyof RoundDraft, label: string, extra: Record<string, unknown> = {}) => (
    <Textfield
      label={label}
      value={String(v[k])}
      onChange={(e) => set(k, e.target.value)}
      error={errors[k]}
      {...extra}
    />
  );
  const committeeOptions = Object.fromEntries((committees.data ?? []).map((c) => [c.code, `${c.code} – ${c.name}`]));
  return (
    <>
      <Title>Ny utlysning</Title>
      <Paragraph>
        Utlysningen lagres som utkast. Den blir offentlig når du registrerer at ASU har godkjent den, og åpner for
        søknader på tidspunktet du setter. Tidspunkter er norsk tid. Felt merket med * må fylles ut.
      </Paragraph>
      <form onSubmit={submit} noValidate style={{ display: 'grid', gap: 'var(--ds-size-6)', maxWidth: '48rem' }}>
        <ProblemAlert problem={action.problem} />
        <Fieldset>
          <FieldsetLegend>Utlysningen</FieldsetLegend>
          {text('title', 'Tittel *')}
          {text('callText', 'Utlysningstekst *', {
            multiline: true,
            rows: 6,
            description: 'Avsnitt skilles med en tom linje',
          })}
          {text('conditions', 'Vilkår i tilskuddsbrevet *', { multiline: true, rows: 3 })}
        </Fieldset>
        <Fieldset>
          <FieldsetLegend>Penger</FieldsetLegend>
          {text('budget', 'Samlet ramme (kroner) *', { type: 'number' })}
          {text('minAmount', 'Minste beløp per søknad (kroner) *', { type: 'number' })}
          {text('maxAmount', 'Største beløp per søknad (kroner) *', { type: 'number' })}
          {text('qualityThreshold', 'Kvalitetsterskel (0–100, valgfritt)', {
            type: 'number',
            description: 'Søknader under terskelen får ikke tilskudd',
          })}
        </Fieldset>
        <Fieldset>
          <FieldsetLegend>Frister</FieldsetLegend>
          {text('opensAt', 'Åpner for søknader *', { type: 'datetime-local' })}
          {text('closesAt', 'Søknadsfrist *', { type: 'datetime-local' })}
          {text('scoringDeadline', 'Frist for AUs vurdering *', { type: 'datetime-local' })}
        </Fieldset>
        <Fieldset>
          <FieldsetLegend>Utvalg og klage</FieldsetLegend>
          <SelectField
            label="Utvalget som vurderer og innstiller *"
            options={committeeOptions}
            value={v.reviewingCommittee}
            onChange={(e) => set('reviewingCommittee', e.target.value)}
          />
          <SelectField
            label="Utvalget som vedtar *"
            options={committeeOptions}
            value={v.decidingCommittee}
            onChange={(e) => set('decidingCommittee', e.target.value)}
          />
          <FieldError error={errors.decidingCommittee} />
          <Checkbox
            label="Vedtakene kan påklages (3 ukers klagefrist)"
            checked={v.appealable}
            onChange={(e) => set('appealable', e.target.checked)}
          />
        </Fieldset>
        <Fieldset>
          <FieldsetLegend>Søknadsskjemaet</FieldsetLegend>
          <FieldRows rows={fields} onChange={setFields} errors={errors} />
        </Fieldset>
        <Fieldset>
          <FieldsetLegend>Kriterier for vurderingen</FieldsetLegend>
          <CriterionRows rows={criteria} onChange={setCriteria} errors={errors} />
        </Fieldset>
        <Fieldset>
          <FieldsetLegend>Rapportering</FieldsetLegend>
          {text('reportTitle', 'Rapport (tom: ingen rapport)')}
          <SelectField
            label="Frist for rapporten"
            options={reportDues}
            value={v.reportDue}
            onChange={(e) => set('reportDue', e.target.value)}
          />
        </Fieldset>
        <div>
          <Button type="submit">Lagre utkast til utlysning</Button>
        </div>
      </form>
    </>
  );
}
