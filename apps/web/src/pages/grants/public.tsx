import { Alert, Button, Card, CardBlock, Heading, Link, Paragraph } from '@digdir/designsystemet-react';
import { useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api, idempotencyKey, unwrap, type Schemas } from '../../api/client';
import { DataTable } from '../../components/data-table';
import { Title } from '../../components/guards';
import { LoadedView } from '../../components/loading';
import { ProblemAlert } from '../../components/problem-alert';
import { DateTime } from '../../components/time';
import { relativeDays } from '../../lib/format';
import { can, useSession } from '../../lib/session';
import { useAction } from '../../lib/use-action';
import { useApi } from '../../lib/use-api';
import { useFieldErrors } from '../../lib/use-field-errors';
import { TitleAndAmount } from './application-form';
import { CallText, RoundState, grantFieldErrors, isWholeKroner, kr } from './common';
import { settingsOf } from './model';

const fieldTypeNames = { text: 'Tekst', number: 'Tall', choice: 'Valg', attachment: 'Vedlegg' };

/** Front page section: the calls open for applications now, readable without login. */
export function OpenCalls() {
  const loaded = useApi(
    () => unwrap(api.GET('/grant-rounds', { params: { query: { state: 'open', pageSize: 20 } } })),
    [],
  );
  return (
    <LoadedView loaded={loaded}>
      {(p) =>
        p.items.length === 0 ? (
          <Alert data-color="info" style={{ marginTop: 'var(--ds-size-4)' }}>
            <Paragraph>Det er ingen åpne utlysninger av tilskudd akkurat nå.</Paragraph>
          </Alert>
        ) : (
          <div className="cards" data-testid="open-calls">
            {p.items.map((r) => {
              const s = settingsOf(r);
              return (
                <Card key={r.id} data-color="neutral">
                  <CardBlock>
                    <Heading level={3} data-size="xs">
                      <Link href={`/utlysninger/${r.id}`}>{r.title}</Link>
                    </Heading>
                    <Paragraph data-size="sm">
                      Søknadsfrist <DateTime value={s.closesAt} /> ({relativeDays(s.closesAt)}). Ramme {kr(s.budget)}.
                    </Paragraph>
                  </CardBlock>
                </Card>
              );
            })}
          </div>
        )
      }
    </LoadedView>
  );
}

/** A call: its text, criteria, budget and deadlines; public once approved. Logged-in applicants start a søknad here. */
export function CallPage() {
  const { id = '' } = useParams();
  const { session, roles } = useSession();
  const loaded = useApi(() => unwrap(api.GET('/grant-rounds/{id}', { params: { path: { id } } })), [id]);
  return (
    <LoadedView loaded={loaded}>
      {(r) => {
        const s = settingsOf(r);
        return (
          <>
            <Title>{r.title}</Title>
            <dl className="facts">
              <dt>Status</dt>
              <dd>
                <RoundState state={r.state} />
              </dd>
              <dt>Åpner</dt>
              <dd>
                <DateTime value={s.opensAt} />
              </dd>
              <dt>Søknadsfrist</dt>
              <dd>
                <DateTime value={s.closesAt} /> ({relativeDays(s.closesAt)})
              </dd>
              <dt>Samlet ramme</dt>
              <dd>{kr(s.budget)}</dd>
              <dt>Beløp per søknad</dt>
              <dd>
                {kr(s.minAmount)} – {kr(s.maxAmount)}
              </dd>
              <dt>Vurderes av</dt>
              <dd>{s.reviewingCommittee}</dd>
              <dt>Vedtas av</dt>
              <dd>{s.decidingCommittee}</dd>
              {r.approval && (
                <>
                  <dt>Vedtatt utlyst</dt>
                  <dd>{String(r.approval)}</dd>
                </>
              )}
            </dl>
            {can.secretariat(roles) && (
              <Paragraph>
                <Link href={`/sekretariat/tilskudd/${r.id}`}>Følg opp utlysningen (sekretariatet)</Link>
              </Paragraph>
            )}
            <section aria-labelledby="utlysningstekst">
              <Heading level={2} data-size="md" id="utlysningstekst">
                Utlysningstekst
              </Heading>
              <CallText text={s.callText} />
            </section>
            <section aria-labelledby="kriterier">
              <Heading level={2} data-size="md" id="kriterier">
                Slik vurderes søknadene
              </Heading>
              <DataTable
                caption="Kriterier, vekt og skala"
                rows={s.criteria}
                rowKey={(c) => c.key}
                columns={[
                  { header: 'Kriterium', cell: (c) => c.title },
                  { header: 'Beskrivelse', cell: (c) => c.description },
                  { header: 'Vekt', cell: (c) => c.weight },
                  { header: 'Skala', cell: (c) => `${c.scaleMin}–${c.scaleMax}` },
                ]}
              />
              {s.qualityThreshold != null && (
                <Paragraph>
                  Søknader under {s.qualityThreshold} av 100 poeng får ikke tilskudd, uansett rammen.
                </Paragraph>
              )}
            </section>
            <section aria-labelledby="skjema">
              <Heading level={2} data-size="md" id="skjema">
                Dette spør søknadsskjemaet om
              </Heading>
              <ul>
                {s.form.map((f) => (
                  <li key={f.key}>
                    {f.label} ({fieldTypeNames[f.type].toLowerCase()}
                    {f.required ? ', må fylles ut' : ', valgfritt'})
                  </li>
                ))}
              </ul>
            </section>
            <section aria-labelledby="vilkar">
              <Heading level={2} data-size="md" id="vilkar">
                Vilkår og rapportering
              </Heading>
              <CallText text={s.conditions} />
              {(s.reporting ?? []).length > 0 && (
                <Paragraph>Rapporter: {(s.reporting ?? []).map((x) => x.title).join(', ')}.</Paragraph>
              )}
              <Paragraph>
                {s.appealable === false
                  ? 'Vedtakene kan ikke påklages.'
                  : 'Vedtaket kan påklages. Fristen står i brevet du får.'}
              </Paragraph>
            </section>
            {r.state === 'open' && (
              <section aria-labelledby="sok">
                <Heading level={2} data-size="md" id="sok">
                  Søk
                </Heading>
                {session.authenticated ? (
                  <StartApplication round={r} />
                ) : (
                  <Alert data-color="info">
                    <Paragraph>
                      <Link href={`/logg-inn?returnTo=${encodeURIComponent(`/utlysninger/${r.id}`)}`}>Logg inn</Link>{' '}
                      for å søke. Kommuner og helseforetaket kan søke.
                    </Paragraph>
                  </Alert>
                )}
              </section>
            )}
          </>
        );
      }}
    </LoadedView>
  );
}

function StartApplication({ round }: { round: Schemas['RoundDto'] }) {
  const navigate = useNavigate();
  const [title, setTitle] = useState('');
  const [amount, setAmount] = useState('');
  const { errors, setErrors, check } = useFieldErrors();
  const [key] = useState(idempotencyKey);
  const action = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const valid = check({
      title: !title.trim() && 'Prosjekttittel må fylles ut',
      requestedAmount: !isWholeKroner(amount) && 'Beløp må være et helt antall kroner',
    });
    if (!valid) return;
    void action.run(
      async () => {
        const created = await unwrap(
          api.POST('/grant-rounds/{id}/applications', {
            params: { path: { id: round.id }, header: { 'Idempotency-Key': key } },
            body: { title: title.trim(), requestedAmount: Number(amount) },
          }),
        );
        navigate(`/soknader/${created.id}`);
      },
      (problem) => setErrors(grantFieldErrors(problem)),
    );
  };
  return (
    <form onSubmit={submit} noValidate style={{ display: 'grid', gap: 'var(--ds-size-4)', maxWidth: '40rem' }}>
      <ProblemAlert problem={action.problem} fieldLabels={{ title: 'Prosjekttittel', requestedAmount: 'Beløp' }} />
      {action.problem?.status === 403 && (
        <Paragraph data-testid="not-applicant">
          Bare personer i en kommune eller i helseforetaket kan søke på denne utlysningen.
        </Paragraph>
      )}
      <TitleAndAmount
        title={title}
        amount={amount}
        onTitle={setTitle}
        onAmount={setAmount}
        errors={errors}
        settings={settingsOf(round)}
      />
      <div>
        <Button type="submit" disabled={action.busy}>
          Start søknad
        </Button>
      </div>
    </form>
  );
}
