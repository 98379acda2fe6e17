import {
  Alert,
  Button,
  Details,
  DetailsContent,
  DetailsSummary,
  Field,
  Fieldset,
  FieldsetLegend,
  Heading,
  Label,
  Link,
  Paragraph,
  Radio,
  Select,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeaderCell,
  TableRow,
  Textfield,
} from '@digdir/designsystemet-react';
import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import { api, idempotencyKey, unwrap } from '../../api/client';
import { ApiProblem, type Problem } from '../../api/problem';
import { Title } from '../../components/guards';
import { LoadedView } from '../../components/loading';
import { Pager } from '../../components/pager';
import { ProblemAlert } from '../../components/problem-alert';
import { DateTime } from '../../components/time';
import { relativeDays } from '../../lib/format';
import { can, useSession } from '../../lib/session';
import { useApi } from '../../lib/use-api';
import { useQueryState } from '../../lib/use-query-state';
import { ApplicationForm } from './application-form';
import {
  ApplicationState,
  CallText,
  asApplication,
  type Application,
  applicationStateNames,
  grantEventNames,
  grantFieldErrors,
  kr,
} from './common';
import { settingsOf, type RoundSettings } from './public';

const PAGE_SIZE = 20;

/** Round titles by id, for lists of applications (the rounds the caller may see). */
export function useRoundTitles() {
  return useApi(
    async () =>
      Object.fromEntries(
        (await unwrap(api.GET('/grant-rounds', { params: { query: { pageSize: 100 } } }))).items.map((r) => [
          r.id,
          r.title,
        ]),
      ) as Record<string, string>,
    [],
  );
}

/** «Mine søknader»: the applicant's own applications (the secretariat sees all), filterable by state, paged. */
export function MyApplicationsPage() {
  const q = useQueryState({ state: '' });
  const state = q.value('state');
  const rounds = useRoundTitles();
  const loaded = useApi(
    () =>
      unwrap(
        api.GET('/grant-applications', {
          params: { query: { state: state || undefined, page: q.page, pageSize: PAGE_SIZE } },
        }),
      ),
    [state, q.page],
  );
  return (
    <>
      <Title>Mine søknader</Title>
      <Paragraph>
        Søknadene dine om tilskudd, hvor de står, og brev du har fått. Nye søknader starter du fra en{' '}
        <Link href="/#utlysninger">åpen utlysning</Link>.
      </Paragraph>
      <div className="filters" role="group" aria-label="Filtrer søknadene">
        <Field>
          <Label>Status</Label>
          <Select value={state} onChange={(e) => q.set({ state: e.target.value })}>
            <option value="">Alle</option>
            {Object.entries(applicationStateNames).map(([k, name]) => (
              <option key={k} value={k}>
                {name}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <LoadedView loaded={loaded}>
        {(p) => (
          <>
            {p.items.length === 0 ? (
              <Paragraph>Du har ingen søknader{state ? ' med denne statusen' : ''}.</Paragraph>
            ) : (
              <div className="table-wrap">
                <Table>
                  <caption>Søknader</caption>
                  <TableHead>
                    <TableRow>
                      <TableHeaderCell>Søknad</TableHeaderCell>
                      <TableHeaderCell>Utlysning</TableHeaderCell>
                      <TableHeaderCell>Beløp</TableHeaderCell>
                      <TableHeaderCell>Status</TableHeaderCell>
                      <TableHeaderCell>Sendt inn</TableHeaderCell>
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {p.items.map(asApplication).map((a) => (
                      <TableRow key={a.id}>
                        <TableCell>
                          <Link href={`/soknader/${a.id}`}>{a.title || 'Uten tittel'}</Link>
                        </TableCell>
                        <TableCell>{rounds.data?.[a.roundId] ?? ''}</TableCell>
                        <TableCell>{kr(a.requestedAmount)}</TableCell>
                        <TableCell>
                          <ApplicationState state={a.state} />
                        </TableCell>
                        <TableCell>{a.submittedAt ? <DateTime value={a.submittedAt} /> : 'Ikke sendt'}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </div>
            )}
            <Pager
              page={q.page}
              pageSize={PAGE_SIZE}
              total={p.total}
              onChange={(n) => q.set({ page: String(n) }, false)}
            />
          </>
        )}
      </LoadedView>
    </>
  );
}

/** One application: status, answers, the form while a draft, requests for information, letters, reports, history. */
export function ApplicationPage() {
  const { id = '' } = useParams();
  const { roles, me } = useSession();
  const loaded = useApi(async () => {
    const a = asApplication(await unwrap(api.GET('/grant-applications/{id}', { params: { path: { id } } })));
    const round = await unwrap(api.GET('/grant-rounds/{id}', { params: { path: { id: a.roundId } } }));
    return { a, round };
  }, [id]);
  return (
    <LoadedView loaded={loaded}>
      {({ a, round }) => {
        const s = settingsOf(round);
        const mine = a.applicant.personId === me?.person.id;
        return (
          <>
            <Title>{`Søknad: ${a.title || 'uten tittel'}`}</Title>
            <dl className="facts">
              <dt>Utlysning</dt>
              <dd>
                <Link href={`/utlysninger/${round.id}`}>{round.title}</Link>
              </dd>
              <dt>Status</dt>
              <dd>
                <ApplicationState state={a.state} />
              </dd>
              <dt>Søker</dt>
              <dd>
                {a.applicant.name}, {a.organisation.name}
              </dd>
              <dt>Beløp søkt</dt>
              <dd>{kr(a.requestedAmount)}</dd>
              {a.grantedAmount !== null && (
                <>
                  <dt>Innvilget</dt>
                  <dd>{kr(a.grantedAmount)}</dd>
                </>
              )}
              <dt>Søknadsfrist</dt>
              <dd>
                <DateTime value={s.closesAt} /> ({relativeDays(s.closesAt)})
              </dd>
              <dt>Sendt inn</dt>
              <dd>{a.submittedAt ? <DateTime value={a.submittedAt} /> : 'Ikke sendt'}</dd>
              {a.rejectionReason && (
                <>
                  <dt>Begrunnelse for avvisning</dt>
                  <dd>{a.rejectionReason}</dd>
                </>
              )}
            </dl>
            {a.state === 'draft' && mine && round.state === 'open' && (
              <section aria-labelledby="skjema">
                <Heading level={2} data-size="md" id="skjema">
                  Søknadsskjema
                </Heading>
                <ApplicationForm application={a} settings={s} onChanged={loaded.reload} />
              </section>
            )}
            {((a.state === 'draft' && round.state !== 'open') || a.state === 'notSubmitted') && (
              <Alert data-color="warning" data-testid="too-late">
                <Paragraph>
                  Søknaden ble ikke sendt inn før søknadsfristen <DateTime value={s.closesAt} />. Utlysningen tar ikke
                  imot flere søknader.
                </Paragraph>
              </Alert>
            )}
            {a.state === 'submitted' && mine && (
              <Alert data-color="success" data-testid="submitted">
                <Paragraph>
                  Søknaden er sendt inn <DateTime value={a.submittedAt} />. Du har fått en kvittering på e-post.
                  Sekretariatet gjør en formell kontroll før AU vurderer søknaden.
                </Paragraph>
              </Alert>
            )}
            {a.state !== 'draft' && <Answers a={a} s={s} />}
            <InfoRequests a={a} mine={mine} onDone={loaded.reload} />
            {can.secretariat(roles) && a.state === 'submitted' && <FormalCheck a={a} onDone={loaded.reload} />}
            <Letters id={a.id} />
            <Reports a={a} mine={mine} onDone={loaded.reload} />
            <History a={a} />
          </>
        );
      }}
    </LoadedView>
  );
}

function Answers({ a, s }: { a: Application; s: RoundSettings }) {
  return (
    <section aria-labelledby="svar">
      <Heading level={2} data-size="md" id="svar">
        Svar i søknaden
      </Heading>
      <dl className="facts">
        {s.form.map((f) => {
          const v = a.answers[f.key] as unknown;
          const att = typeof v === 'object' && v !== null ? (v as { attachmentId: string; filename: string }) : null;
          return (
            <div key={f.key} style={{ display: 'contents' }}>
              <dt>{f.label}</dt>
              <dd>
                {att ? (
                  <Link href={`/api/grant-applications/${a.id}/attachments/${att.attachmentId}`}>{att.filename}</Link>
                ) : v === undefined || v === '' ? (
                  '–'
                ) : (
                  String(v)
                )}
              </dd>
            </div>
          );
        })}
      </dl>
    </section>
  );
}

function InfoRequests({ a, mine, onDone }: { a: Application; mine: boolean; onDone: () => void }) {
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
  const [message, setMessage] = useState('');
  const [error, setError] = useState<string>();
  const [problem, setProblem] = useState<Problem>();
  const [key] = useState(idempotencyKey);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!message.trim()) return setError('Svaret må fylles ut');
    setError(undefined);
    try {
      await unwrap(
        api.POST('/grant-applications/{id}/information', {
          params: { path: { id: a.id }, header: { 'Idempotency-Key': key } },
          body: { message: message.trim() },
        }),
      );
      onDone();
    } catch (err) {
      if (err instanceof ApiProblem) setProblem(err.problem);
    }
  };
  return (
    <form onSubmit={submit} noValidate style={{ display: 'grid', gap: 'var(--ds-size-4)', maxWidth: '44rem' }}>
      {problem && <ProblemAlert problem={problem} />}
      <Textfield
        multiline
        rows={4}
        label="Ditt svar til sekretariatet *"
        description={`Svar innen ${relativeDays(deadline)}.`}
        value={message}
        onChange={(e) => setMessage(e.target.value)}
        error={error}
      />
      <div>
        <Button type="submit">Send svar</Button>
      </div>
    </form>
  );
}

const outcomes = {
  complete: 'Formelt i orden – går videre til vurdering',
  'info-requested': 'Be om mer informasjon (med frist)',
  rejected: 'Avvis søknaden (med begrunnelse)',
} as const;

/** The secretariat's formal check of a submitted application. */
function FormalCheck({ a, onDone }: { a: Application; onDone: () => void }) {
  const [outcome, setOutcome] = useState<keyof typeof outcomes>('complete');
  const [message, setMessage] = useState('');
  const [deadline, setDeadline] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<Problem>();
  const [key] = useState(idempotencyKey);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found: Record<string, string> = {};
    if (outcome !== 'complete' && !message.trim())
      found.message = outcome === 'rejected' ? 'Skriv begrunnelsen' : 'Skriv hva som mangler';
    if (outcome === 'info-requested' && !deadline) found.deadline = 'Velg en frist';
    setErrors(found);
    if (Object.keys(found).length) return;
    try {
      await unwrap(
        api.POST('/grant-applications/{id}/formal-check', {
          params: { path: { id: a.id }, header: { 'Idempotency-Key': key } },
          body: {
            outcome,
            message: outcome === 'complete' ? undefined : message.trim(),
            deadline: outcome === 'info-requested' ? deadline : undefined,
          },
        }),
      );
      onDone();
    } catch (err) {
      if (err instanceof ApiProblem) {
        setProblem(err.problem);
        setErrors(grantFieldErrors(err.problem));
      }
    }
  };
  return (
    <section aria-labelledby="kontroll">
      <Heading level={2} data-size="md" id="kontroll">
        Formell kontroll
      </Heading>
      <form onSubmit={submit} noValidate style={{ display: 'grid', gap: 'var(--ds-size-4)', maxWidth: '44rem' }}>
        {problem && <ProblemAlert problem={problem} fieldLabels={{ message: 'Melding', deadline: 'Frist' }} />}
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

const letterKinds: Record<string, string> = {
  tilskuddsbrev: 'Tilskuddsbrev',
  avslag: 'Avslag',
  avvisning: 'Avvisning',
  klagevedtak: 'Klagevedtak',
};

function Letters({ id }: { id: string }) {
  const loaded = useApi(() => unwrap(api.GET('/grant-applications/{id}/letters', { params: { path: { id } } })), [id]);
  if (!loaded.data || loaded.data.length === 0) return null;
  return (
    <section aria-labelledby="brev" data-testid="letters">
      <Heading level={2} data-size="md" id="brev">
        Brev
      </Heading>
      {loaded.data.map((l) => (
        <Details key={l.id}>
          <DetailsSummary>
            {letterKinds[l.kind] ?? l.kind}: {l.subject} ({new Date(l.createdAt).toLocaleDateString('nb-NO')})
          </DetailsSummary>
          <DetailsContent>
            <Paragraph data-size="sm">
              Sendt <DateTime value={l.createdAt} /> til {l.recipient}
            </Paragraph>
            <CallText text={l.body} />
          </DetailsContent>
        </Details>
      ))}
    </section>
  );
}

function Reports({ a, mine, onDone }: { a: Application; mine: boolean; onDone: () => void }) {
  const loaded = useApi(
    () => unwrap(api.GET('/grant-applications/{id}/reports', { params: { path: { id: a.id } } })),
    [a.id, a.updatedAt],
  );
  const { roles } = useSession();
  if (!loaded.data || loaded.data.length === 0) return null;
  return (
    <section aria-labelledby="rapporter">
      <Heading level={2} data-size="md" id="rapporter">
        Rapporter
      </Heading>
      {loaded.data.map((r) => (
        <div key={r.key} style={{ marginBottom: 'var(--ds-size-6)' }}>
          <Heading level={3} data-size="xs">
            {r.title}
          </Heading>
          <Paragraph>
            Frist <DateTime value={r.dueAt} /> ({relativeDays(r.dueAt)}).{' '}
            {r.accepted
              ? 'Godkjent av sekretariatet.'
              : r.submittedAt
                ? 'Sendt inn, venter på godkjenning.'
                : new Date(r.dueAt) < new Date()
                  ? 'Forfalt – ikke sendt inn.'
                  : 'Ikke sendt inn ennå.'}
          </Paragraph>
          {r.text && <CallText text={String(r.text)} />}
          {mine && !r.submittedAt && a.state === 'funded' && (
            <SubmitReport appId={a.id} reportKey={r.key} title={r.title} onDone={onDone} />
          )}
          {can.secretariat(roles) && r.submittedAt && !r.accepted && (
            <Button
              variant="secondary"
              onClick={() =>
                void unwrap(
                  api.POST('/grant-applications/{id}/reports/{key}/accept', {
                    params: { path: { id: a.id, key: r.key } },
                  }),
                ).then(onDone)
              }
            >
              Godkjenn rapporten
            </Button>
          )}
        </div>
      ))}
    </section>
  );
}

function SubmitReport({
  appId,
  reportKey,
  title,
  onDone,
}: {
  appId: string;
  reportKey: string;
  title: string;
  onDone: () => void;
}) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string>();
  const [problem, setProblem] = useState<Problem>();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return setError('Rapporten må fylles ut');
    setError(undefined);
    try {
      await unwrap(
        api.PUT('/grant-applications/{id}/reports/{key}', {
          params: { path: { id: appId, key: reportKey } },
          body: { text: text.trim() },
        }),
      );
      onDone();
    } catch (err) {
      if (err instanceof ApiProblem) setProblem(err.problem);
    }
  };
  return (
    <form onSubmit={submit} noValidate style={{ display: 'grid', gap: 'var(--ds-size-4)', maxWidth: '44rem' }}>
      {problem && <ProblemAlert problem={problem} />}
      <Textfield
        multiline
        rows={6}
        label={`${title} *`}
        value={text}
        onChange={(e) => setText(e.target.value)}
        error={error}
      />
      <div>
        <Button type="submit">Send rapporten</Button>
      </div>
    </form>
  );
}

/** The status timeline: the process' journal, oldest first. */
export function History({ a }: { a: Application }) {
  const history = useApi(
    () => unwrap(api.GET('/grant-applications/{id}/history', { params: { path: { id: a.id } } })),
    [a.id, a.updatedAt],
  );
  if (!history.data) return null;
  return (
    <section aria-labelledby="historikk">
      <Heading level={2} data-size="md" id="historikk">
        Historikk
      </Heading>
      <ol className="timeline" data-testid="timeline" aria-label="Historikk, eldste først">
        {history.data.map((e) => (
          <li key={e.seq}>
            <Paragraph>
              <strong>{grantEventNames[e.event] ?? e.event}</strong>
              {e.fromState !== e.toState && applicationStateNames[e.toState]
                ? ` – ${applicationStateNames[e.toState]}`
                : ''}
            </Paragraph>
            <Paragraph data-size="sm">
              <DateTime value={e.at} />, av {e.actor.name}
            </Paragraph>
          </li>
        ))}
      </ol>
    </section>
  );
}
