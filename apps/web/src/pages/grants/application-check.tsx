import { Button, Fieldset, FieldsetLegend, Heading, Paragraph, Radio, Textfield } from '@digdir/designsystemet-react';
import { useState, type FormEvent } from 'react';
import { api, idempotencyKey, unwrap } from '../../api/client';
import { ProblemAlert } from '../../components/problem-alert';
import { TextForm } from '../../components/text-form';
import { DateTime } from '../../components/time';
import { relativeDays } from '../../lib/format';
import { useAction } from '../../lib/use-action';
import { useApi } from '../../lib/use-api';
import { useFieldErrors } from '../../lib/use-field-errors';
import { grantFieldErrors } from './common';
import type { Application } from './model';

/** The secretariat's requests for more information, with the applicant's replies; the applicant answers the open one. */
export function InfoRequests({ a, mine, onDone }: { a: Application; mine: boolean; onDone: () => void }) {
  const history = useApi(
    () => unwrap(api.GET('/grant-applications/{id}/history', { params: { path: { id: a.id } } })),
    [a.id, a.updatedAt],
  );
  // Each request and its answer, from the history (the secretariat's message and deadline, the applicant's reply).
  const requests: { message: string; deadline: string; answer: string | null }[] = [];
  for (const e of history.data ?? []) {
    const p = e.payload as { message?: string; deadline?: string };
    if (e.event === 'check.infoRequested')
      requests.push({ message: p.message ?? '', deadline: p.deadline ?? '', answer: null });
    if (e.event === 'info.provided' && requests.length) requests[requests.length - 1].answer = p.message ?? '';
  }
  if (requests.length === 0) return null;
  const open = a.state === 'infoRequested' ? requests[requests.length - 1] : undefined;
  return (
    <section aria-labelledby="info">
      <Heading level={2} data-size="md" id="info">
        Forespørsler om mer informasjon
      </Heading>
      <ul>
        {requests.map((r, i) => (
          <li key={i}>
            <Paragraph>
              <strong>Sekretariatet spør:</strong> {r.message} (frist <DateTime value={r.deadline} />)
            </Paragraph>
            {r.answer && (
              <Paragraph>
                <strong>Svar:</strong> {r.answer}
              </Paragraph>
            )}
          </li>
        ))}
      </ul>
      {open && mine && <ProvideInfo a={a} deadline={open.deadline} onDone={onDone} />}
    </section>
  );
}

function ProvideInfo({ a, deadline, onDone }: { a: Application; deadline: string; onDone: () => void }) {
  const [key] = useState(idempotencyKey);
  return (
    <TextForm
      label="Ditt svar til sekretariatet *"
      description={`Svar innen ${relativeDays(deadline)}.`}
      rows={4}
      required="Svaret må fylles ut"
      submit="Send svar"
      maxWidth="44rem"
      send={(message) =>
        unwrap(
          api.POST('/grant-applications/{id}/information', {
            params: { path: { id: a.id }, header: { 'Idempotency-Key': key } },
            body: { message },
          }),
        )
      }
      onDone={onDone}
    />
  );
}

const outcomes = {
  complete: 'Formelt i orden – går videre til vurdering',
  'info-requested': 'Be om mer informasjon (med frist)',
  rejected: 'Avvis søknaden (med begrunnelse)',
} as const;

/** The secretariat's formal check of a submitted application. */
export function FormalCheck({ a, onDone }: { a: Application; onDone: () => void }) {
  const [outcome, setOutcome] = useState<keyof typeof outcomes>('complete');
  const [message, setMessage] = useState('');
  const [deadline, setDeadline] = useState('');
  const { errors, setErrors, check } = useFieldErrors();
  const [key] = useState(idempotencyKey);
  const action = useAction(onDone);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const valid = check({
      message:
        outcome !== 'complete' &&
        !message.trim() &&
        (outcome === 'rejected' ? 'Skriv begrunnelsen' : 'Skriv hva som mangler'),
      deadline: outcome === 'info-requested' && !deadline && 'Velg en frist',
    });
    if (!valid) return;
    void action.run(
      () =>
        unwrap(
          api.POST('/grant-applications/{id}/formal-check', {
            params: { path: { id: a.id }, header: { 'Idempotency-Key': key } },
            body: {
              outcome,
              message: outcome === 'complete' ? undefined : message.trim(),
              deadline: outcome === 'info-requested' ? deadline : undefined,
            },
          }),
        ),
      (problem) => setErrors(grantFieldErrors(problem)),
    );
  };
  return (
    <section aria-labelledby="kontroll">
      <Heading level={2} data-size="md" id="kontroll">
        Formell kontroll
      </Heading>
      <form onSubmit={submit} noValidate style={{ display: 'grid', gap: 'var(--ds-size-4)', maxWidth: '44rem' }}>
        <ProblemAlert problem={action.problem} fieldLabels={{ message: 'Melding', deadline: 'Frist' }} />
        <Fieldset>
          <FieldsetLegend>Resultat</FieldsetLegend>
          {(Object.keys(outcomes) as (keyof typeof outcomes)[]).map((o) => (
            <Radio
              key={o}
              name="outcome"
              value={o}
              label={outcomes[o]}
              checked={outcome === o}
              onChange={() => setOutcome(o)}
            />
          ))}
        </Fieldset>
        {outcome !== 'complete' && (
          <Textfield
            multiline
            rows={3}
            label={outcome === 'rejected' ? 'Begrunnelse *' : 'Hva mangler? *'}
            value={message}
            onChange={(e) => setMessage(e.target.value)}
            error={errors.message}
          />
        )}
        {outcome === 'info-requested' && (
          <Textfield
            type="date"
            label="Frist for svar *"
            value={deadline}
            onChange={(e) => setDeadline(e.target.value)}
            error={errors.deadline}
          />
        )}
        <div>
          <Button type="submit">Registrer kontrollen</Button>
        </div>
      </form>
    </section>
  );
}
