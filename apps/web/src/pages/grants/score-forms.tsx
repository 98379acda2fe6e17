import { Button, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useState, type FormEvent } from 'react';
import { api, idempotencyKey, unwrap, type Schemas } from '../../api/client';
import { SelectField } from '../../components/fields';
import { ProblemAlert } from '../../components/problem-alert';
import { useAction } from '../../lib/use-action';
import { useFieldErrors } from '../../lib/use-field-errors';
import { grantFieldErrors } from './common';
import { settingsOf, type Application } from './model';

/** A member's scores of one application, one per criterion, with a reason. */
export function ScoreForm({ a, round, onDone }: { a: Application; round: Schemas['RoundDto']; onDone: () => void }) {
  const s = settingsOf(round);
  const [scores, setScores] = useState<Record<string, string>>({});
  const [comment, setComment] = useState('');
  const { errors, setErrors, check } = useFieldErrors();
  const [key] = useState(idempotencyKey);
  const action = useAction(onDone);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const valid = check({
      ...Object.fromEntries(
        s.criteria.map((c) => [c.key, !scores[c.key] && `Gi poeng fra ${c.scaleMin} til ${c.scaleMax}`]),
      ),
      comment: !comment.trim() && 'Skriv en kort begrunnelse',
    });
    if (!valid) return;
    void action.run(
      () =>
        unwrap(
          api.POST('/grant-rounds/{id}/scores', {
            params: { path: { id: round.id }, header: { 'Idempotency-Key': key } },
            body: {
              applicationId: a.id,
              scores: Object.fromEntries(s.criteria.map((c) => [c.key, Number(scores[c.key])])) as never,
              comment: comment.trim(),
            },
          }),
        ),
      (problem) => setErrors(grantFieldErrors(problem)),
    );
  };
  return (
    <form
      onSubmit={submit}
      noValidate
      aria-label={`Vurdering av ${a.title}`}
      style={{ display: 'grid', gap: 'var(--ds-size-4)', maxWidth: '44rem', marginTop: 'var(--ds-size-4)' }}
    >
      <ProblemAlert problem={action.problem} fieldLabels={{ scores: 'Poeng', comment: 'Begrunnelse' }} />
      {s.criteria.map((c) => (
        <SelectField
          key={c.key}
          label={`${c.title} (${c.scaleMin}–${c.scaleMax}) *`}
          description={`${c.description} Vekt ${c.weight}.`}
          placeholder="Velg poeng"
          value={scores[c.key] ?? ''}
          onChange={(e) => setScores((x) => ({ ...x, [c.key]: e.target.value }))}
          error={errors[c.key]}
        >
          {Array.from({ length: c.scaleMax - c.scaleMin + 1 }, (_, i) => c.scaleMin + i).map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </SelectField>
      ))}
      <Textfield
        multiline
        rows={3}
        label="Begrunnelse *"
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        error={errors.comment}
      />
      <div>
        <Button type="submit">Lagre vurderingen</Button>
      </div>
    </form>
  );
}

const grounds = [
  'Jeg er eller har vært ansatt i søkerorganisasjonen eller i prosjektet',
  'Jeg har verv i søkerorganisasjonen (styre, ledelse)',
  'Nær familie eller nær venn er part i søknaden',
  'Andre særegne forhold som svekker tilliten til min upartiskhet',
];

/** A member declares themself inhabil for one application (forvaltningsloven § 6). */
export function RecusalForm({ a, round, onDone }: { a: Application; round: Schemas['RoundDto']; onDone: () => void }) {
  const [ground, setGround] = useState('');
  const [details, setDetails] = useState('');
  const { errors, check } = useFieldErrors();
  const [key] = useState(idempotencyKey);
  const action = useAction(onDone);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!check({ ground: !ground && 'Velg grunnlaget for inhabiliteten' })) return;
    void action.run(() =>
      unwrap(
        api.POST('/grant-rounds/{id}/recusals', {
          params: { path: { id: round.id }, header: { 'Idempotency-Key': key } },
          body: { applicationId: a.id, reason: details.trim() ? `${ground}: ${details.trim()}` : ground },
        }),
      ),
    );
  };
  return (
    <form
      onSubmit={submit}
      noValidate
      aria-label={`Inhabilitet for ${a.title}`}
      style={{ display: 'grid', gap: 'var(--ds-size-4)', maxWidth: '44rem', marginTop: 'var(--ds-size-4)' }}
    >
      <ProblemAlert problem={action.problem} />
      <Paragraph data-size="sm">
        Når du melder deg inhabil (forvaltningsloven § 6), kan du ikke vurdere søknaden, og en vurdering du har gitt
        strykes.
      </Paragraph>
      <SelectField
        label="Grunnlag *"
        placeholder="Velg grunnlag"
        value={ground}
        onChange={(e) => setGround(e.target.value)}
        error={errors.ground}
      >
        {grounds.map((g) => (
          <option key={g} value={g}>
            {g}
          </option>
        ))}
      </SelectField>
      <Textfield
        multiline
        rows={2}
        label="Utdyping (valgfritt)"
        value={details}
        onChange={(e) => setDetails(e.target.value)}
      />
      <div>
        <Button type="submit" data-color="danger">
          Meld meg inhabil
        </Button>
      </div>
    </form>
  );
}
