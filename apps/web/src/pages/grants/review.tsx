import {
  Alert,
  Button,
  Details,
  DetailsContent,
  DetailsSummary,
  Field,
  Heading,
  Label,
  Link,
  Paragraph,
  Select,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeaderCell,
  TableRow,
  Tag,
  Textfield,
} from '@digdir/designsystemet-react';
import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import { api, idempotencyKey, unwrap, type Schemas } from '../../api/client';
import { ApiProblem, type Problem } from '../../api/problem';
import { Title } from '../../components/guards';
import { LoadedView } from '../../components/loading';
import { Pager, pageOf } from '../../components/pager';
import { ProblemAlert } from '../../components/problem-alert';
import { DateTime } from '../../components/time';
import { relativeDays } from '../../lib/format';
import { can, useSession } from '../../lib/session';
import { useApi } from '../../lib/use-api';
import { useQueryState } from '../../lib/use-query-state';
import {
  asApplication,
  asReview,
  type Application,
  type InnstillingLine,
  type Review,
  RoundState,
  allocationReasons,
  grantFieldErrors,
  kr,
} from './common';
import { settingsOf } from './public';

/** «Min vurderingskø»: the rounds under review where the member scores, what is missing and by when. */
export function ReviewQueuePage() {
  const { me } = useSession();
  const loaded = useApi(async () => {
    const rounds = (await unwrap(api.GET('/grant-rounds', { params: { query: { pageSize: 100 } } }))).items.filter(
      (r) => ['review', 'recommendation', 'decision'].includes(r.state),
    );
    const out: { round: Schemas['RoundDto']; review: Review | null }[] = [];
    for (const round of rounds) {
      const review = await unwrap(api.GET('/grant-rounds/{id}/review', { params: { path: { id: round.id } } }))
        .then(asReview)
        .catch(() => null);
      out.push({ round, review });
    }
    return out;
  }, []);
  return (
    <>
      <Title>Min vurderingskø</Title>
      <Paragraph>
        Søknader du skal vurdere i utlysninger der utvalget ditt innstiller, og innstillingene når vurderingen er
        ferdig.
      </Paragraph>
      <LoadedView loaded={loaded}>
        {(list) => {
          const rows = list.filter((x) => x.review);
          if (rows.length === 0) return <Paragraph>Du har ingen søknader å vurdere nå.</Paragraph>;
          return (
            <div className="table-wrap">
              <Table>
                <caption>Utlysninger til vurdering</caption>
                <TableHead>
                  <TableRow>
                    <TableHeaderCell>Utlysning</TableHeaderCell>
                    <TableHeaderCell>Status</TableHeaderCell>
                    <TableHeaderCell>Gjenstår for deg</TableHeaderCell>
                    <TableHeaderCell>Frist for vurdering</TableHeaderCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {rows.map(({ round, review }) => {
                    const missing = review!.missing.find((m) => m.personId === me?.person.id)?.missing ?? [];
                    const s = settingsOf(round);
                    return (
                      <TableRow key={round.id}>
                        <TableCell>
                          <Link href={`/vurdering/${round.id}`}>{round.title}</Link>
                          {round.state !== 'review' && (
                            <>
                              {' · '}
                              <Link href={`/vurdering/${round.id}/innstilling`}>Innstilling</Link>
                            </>
                          )}
                        </TableCell>
                        <TableCell>
                          <RoundState state={round.state} />
                        </TableCell>
                        <TableCell data-testid="missing-count">
                          {round.state === 'review'
                            ? missing.length === 0
                              ? 'Ingen – du er ferdig'
                              : `${missing.length} ${missing.length === 1 ? 'søknad' : 'søknader'}`
                            : 'Vurderingen er avsluttet'}
                        </TableCell>
                        <TableCell>
                          <DateTime value={s.scoringDeadline} /> ({relativeDays(s.scoringDeadline)})
                        </TableCell>
                      </TableRow>
                    );
                  })}
                </TableBody>
              </Table>
            </div>
          );
        }}
      </LoadedView>
    </>
  );
}

const PAGE_SIZE = 10;

/** A round under review: each application with the member's status, the scoring form and the inhabilitet form. */
export function RoundReviewPage() {
  const { id = '' } = useParams();
  const { me } = useSession();
  const q = useQueryState({ show: '' });
  const show = q.value('show');
  const loaded = useApi(async () => {
    const round = await unwrap(api.GET('/grant-rounds/{id}', { params: { path: { id } } }));
    const review = asReview(await unwrap(api.GET('/grant-rounds/{id}/review', { params: { path: { id } } })));
    const apps = await unwrap(api.GET('/grant-applications', { params: { query: { roundId: id, pageSize: 100 } } }));
    return {
      round,
      review,
      apps: apps.items.map(asApplication).filter((a) => !['draft', 'notSubmitted', 'withdrawn'].includes(a.state)),
    };
  }, [id]);
  return (
    <LoadedView loaded={loaded}>
      {({ round, review, apps }) => {
        const s = settingsOf(round);
        const myId = me?.person.id;
        const scorer = review.scorers.some((x) => x.personId === myId);
        const missing = new Set(review.missing.find((m) => m.personId === myId)?.missing ?? []);
        const recused = new Map(review.recusals.filter((r) => r.personId === myId).map((r) => [r.applicationId, r]));
        const status = (appId: string) => (recused.has(appId) ? 'inhabil' : missing.has(appId) ? 'mangler' : 'vurdert');
        const shown = apps.filter((a) => !show || status(a.id) === show);
        return (
          <>
            <Title>{`Vurdering: ${round.title}`}</Title>
            <dl className="facts">
              <dt>Status</dt>
              <dd>
                <RoundState state={round.state} />
              </dd>
              <dt>Frist for vurdering</dt>
              <dd>
                <DateTime value={s.scoringDeadline} /> ({relativeDays(s.scoringDeadline)})
              </dd>
              {scorer && round.state === 'review' && (
                <>
                  <dt>Gjenstår for deg</dt>
                  <dd data-testid="my-missing">{missing.size}</dd>
                </>
              )}
            </dl>
            {round.state !== 'review' && round.state !== 'closed' && (
              <Paragraph>
                <Link href={`/vurdering/${round.id}/innstilling`}>Se rangering og innstilling</Link>
              </Paragraph>
            )}
            {!scorer && (
              <Alert data-color="info" data-testid="not-scorer">
                <Paragraph>
                  Du er ikke blant dem som vurderer søknadene i denne utlysningen. Du kan lese søknadene, men ikke gi
                  poeng.
                </Paragraph>
              </Alert>
            )}
            <details className="criteria-help">
              <summary>Kriteriene</summary>
              <ul>
                {s.criteria.map((c) => (
                  <li key={c.key}>
                    <strong>{c.title}</strong> (vekt {c.weight}, skala {c.scaleMin}–{c.scaleMax}): {c.description}
                  </li>
                ))}
              </ul>
            </details>
            <div className="filters" role="group" aria-label="Filtrer søknadene">
              <Field>
                <Label>Vis</Label>
                <Select value={show} onChange={(e) => q.set({ show: e.target.value })}>
                  <option value="">Alle søknader</option>
                  <option value="mangler">Mangler min vurdering</option>
                  <option value="vurdert">Vurdert av meg</option>
                  <option value="inhabil">Inhabil</option>
                </Select>
              </Field>
            </div>
            {pageOf(shown, q.page, PAGE_SIZE).map((a) => (
              <ApplicationToScore
                key={a.id}
                a={a}
                round={round}
                scorer={scorer && round.state === 'review'}
                status={status(a.id)}
                recusal={recused.get(a.id)?.reason}
                onDone={loaded.reload}
              />
            ))}
            <Pager
              page={q.page}
              pageSize={PAGE_SIZE}
              total={shown.length}
              onChange={(n) => q.set({ page: String(n) }, false)}
            />
          </>
        );
      }}
    </LoadedView>
  );
}

function ApplicationToScore({
  a,
  round,
  scorer,
  status,
  recusal,
  onDone,
}: {
  a: Application;
  round: Schemas['RoundDto'];
  scorer: boolean;
  status: 'inhabil' | 'mangler' | 'vurdert';
  recusal?: string;
  onDone: () => void;
}) {
  const s = settingsOf(round);
  const [mode, setMode] = useState<'' | 'score' | 'inhabil'>('');
  const headingId = `soknad-${a.id}`;
  return (
    <article aria-labelledby={headingId} className="review-item" data-testid="review-item">
      <Heading level={2} data-size="sm" id={headingId}>
        {a.title}
      </Heading>
      <Paragraph>
        {a.organisation.name} · søker {kr(a.requestedAmount)} ·{' '}
        {status === 'inhabil' ? (
          <Tag data-color="neutral" data-size="sm">
            Du er inhabil
          </Tag>
        ) : status === 'mangler' ? (
          <Tag data-color="warning" data-size="sm">
            Mangler din vurdering
          </Tag>
        ) : (
          <Tag data-color="success" data-size="sm">
            Vurdert
          </Tag>
        )}
      </Paragraph>
      <Details>
        <DetailsSummary>Les søknaden</DetailsSummary>
        <DetailsContent>
          <dl className="facts">
            {s.form.map((f) => {
              const v = a.answers[f.key] as unknown;
              const att =
                typeof v === 'object' && v !== null ? (v as { attachmentId: string; filename: string }) : null;
              return (
                <div key={f.key} style={{ display: 'contents' }}>
                  <dt>{f.label}</dt>
                  <dd>
                    {att ? (
                      <Link href={`/api/grant-applications/${a.id}/attachments/${att.attachmentId}`}>
                        {att.filename}
                      </Link>
                    ) : v === undefined ? (
                      '–'
                    ) : (
                      String(v)
                    )}
                  </dd>
                </div>
              );
            })}
          </dl>
        </DetailsContent>
      </Details>
      {status === 'inhabil' && (
        <Paragraph data-testid="recused">
          Du har meldt deg inhabil: {recusal}. Du kan ikke vurdere denne søknaden.
        </Paragraph>
      )}
      {scorer && status !== 'inhabil' && (
        <div style={{ display: 'flex', gap: 'var(--ds-size-3)', flexWrap: 'wrap', marginTop: 'var(--ds-size-3)' }}>
          <Button
            variant={mode === 'score' ? 'primary' : 'secondary'}
            onClick={() => setMode(mode === 'score' ? '' : 'score')}
          >
            {status === 'vurdert' ? 'Endre vurderingen' : 'Vurder søknaden'}
          </Button>
          <Button variant="tertiary" onClick={() => setMode(mode === 'inhabil' ? '' : 'inhabil')}>
            Meld inhabilitet
          </Button>
        </div>
      )}
      {scorer && status !== 'inhabil' && mode === 'score' && <ScoreForm a={a} round={round} onDone={onDone} />}
      {scorer && status !== 'inhabil' && mode === 'inhabil' && <RecusalForm a={a} round={round} onDone={onDone} />}
    </article>
  );
}

function ScoreForm({ a, round, onDone }: { a: Application; round: Schemas['RoundDto']; onDone: () => void }) {
  const s = settingsOf(round);
  const [scores, setScores] = useState<Record<string, string>>({});
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<Problem>();
  const [key] = useState(idempotencyKey);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found: Record<string, string> = {};
    for (const c of s.criteria) {
      const v = scores[c.key];
      if (v === undefined || v === '') found[c.key] = `Gi poeng fra ${c.scaleMin} til ${c.scaleMax}`;
    }
    if (!comment.trim()) found.comment = 'Skriv en kort begrunnelse';
    setErrors(found);
    if (Object.keys(found).length) return;
    try {
      await unwrap(
        api.POST('/grant-rounds/{id}/scores', {
          params: { path: { id: round.id }, header: { 'Idempotency-Key': key } },
          body: {
            applicationId: a.id,
            scores: Object.fromEntries(s.criteria.map((c) => [c.key, Number(scores[c.key])])) as never,
            comment: comment.trim(),
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
    <form
      onSubmit={submit}
      noValidate
      aria-label={`Vurdering av ${a.title}`}
      style={{ display: 'grid', gap: 'var(--ds-size-4)', maxWidth: '44rem', marginTop: 'var(--ds-size-4)' }}
    >
      {problem && <ProblemAlert problem={problem} fieldLabels={{ scores: 'Poeng', comment: 'Begrunnelse' }} />}
      {s.criteria.map((c) => (
        <Field key={c.key}>
          <Label>{`${c.title} (${c.scaleMin}–${c.scaleMax}) *`}</Label>
          <Paragraph data-size="sm">
            {c.description} Vekt {c.weight}.
          </Paragraph>
          <Select
            value={scores[c.key] ?? ''}
            onChange={(e) => setScores((x) => ({ ...x, [c.key]: e.target.value }))}
            aria-invalid={!!errors[c.key]}
          >
            <option value="">Velg poeng</option>
            {Array.from({ length: c.scaleMax - c.scaleMin + 1 }, (_, i) => c.scaleMin + i).map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </Select>
          {errors[c.key] && (
            <Paragraph data-size="sm" className="field-error">
              {errors[c.key]}
            </Paragraph>
          )}
        </Field>
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

function RecusalForm({ a, round, onDone }: { a: Application; round: Schemas['RoundDto']; onDone: () => void }) {
  const [ground, setGround] = useState('');
  const [details, setDetails] = useState('');
  const [error, setError] = useState<string>();
  const [problem, setProblem] = useState<Problem>();
  const [key] = useState(idempotencyKey);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!ground) return setError('Velg grunnlaget for inhabiliteten');
    setError(undefined);
    try {
      await unwrap(
        api.POST('/grant-rounds/{id}/recusals', {
          params: { path: { id: round.id }, header: { 'Idempotency-Key': key } },
          body: { applicationId: a.id, reason: details.trim() ? `${ground}: ${details.trim()}` : ground },
        }),
      );
      onDone();
    } catch (err) {
      if (err instanceof ApiProblem) setProblem(err.problem);
    }
  };
  return (
    <form
      onSubmit={submit}
      noValidate
      aria-label={`Inhabilitet for ${a.title}`}
      style={{ display: 'grid', gap: 'var(--ds-size-4)', maxWidth: '44rem', marginTop: 'var(--ds-size-4)' }}
    >
      {problem && <ProblemAlert problem={problem} />}
      <Paragraph data-size="sm">
        Når du melder deg inhabil (forvaltningsloven § 6), kan du ikke vurdere søknaden, og en vurdering du har gitt
        strykes.
      </Paragraph>
      <Field>
        <Label>Grunnlag *</Label>
        <Select value={ground} onChange={(e) => setGround(e.target.value)} aria-invalid={!!error}>
          <option value="">Velg grunnlag</option>
          {grounds.map((g) => (
            <option key={g} value={g}>
              {g}
            </option>
          ))}
        </Select>
        {error && (
          <Paragraph data-size="sm" className="field-error">
            {error}
          </Paragraph>
        )}
      </Field>
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

/** The ranking with scores and spread, the proposed allocation, AU's adjustments with reasons, and the documents. */
export function RankingPage() {
  const { id = '' } = useParams();
  const { roles } = useSession();
  const loaded = useApi(async () => {
    const round = await unwrap(api.GET('/grant-rounds/{id}', { params: { path: { id } } }));
    const review = asReview(await unwrap(api.GET('/grant-rounds/{id}/review', { params: { path: { id } } })));
    return { round, review };
  }, [id]);
  return (
    <LoadedView loaded={loaded}>
      {({ round, review }) => {
        const lines = review.innstilling;
        return (
          <>
            <Title>{`Innstilling: ${round.title}`}</Title>
            <dl className="facts">
              <dt>Status</dt>
              <dd>
                <RoundState state={round.state} />
              </dd>
              <dt>Ramme</dt>
              <dd>{kr(review.budget)}</dd>
              <dt>Foreslått fordelt</dt>
              <dd data-testid="total">{kr(review.total)}</dd>
            </dl>
            {lines.length === 0 ? (
              <Alert data-color="info">
                <Paragraph>Rangeringen lages når vurderingen er avsluttet.</Paragraph>
              </Alert>
            ) : (
              <>
                <Paragraph>
                  Last ned innstillingen som <Link href={`/api/grant-rounds/${round.id}/innstilling.pdf`}>PDF</Link>{' '}
                  eller <Link href={`/api/grant-rounds/${round.id}/innstilling.md`}>Markdown</Link>.
                  {can.secretariat(roles) && (
                    <>
                      {' '}
                      <Link href={`/sekretariat/tilskudd/${round.id}`}>Til utlysningen i sekretariatet</Link>.
                    </>
                  )}
                </Paragraph>
                <div className="table-wrap">
                  <Table zebra>
                    <caption>Rangering, poeng (0–100), spredning mellom vurdererne og foreslått tildeling</caption>
                    <TableHead>
                      <TableRow>
                        <TableHeaderCell>Plass</TableHeaderCell>
                        <TableHeaderCell>Søknad</TableHeaderCell>
                        <TableHeaderCell>Søkt</TableHeaderCell>
                        <TableHeaderCell>Poeng</TableHeaderCell>
                        <TableHeaderCell>Spredning</TableHeaderCell>
                        <TableHeaderCell>Beregnet</TableHeaderCell>
                        <TableHeaderCell>Innstilt</TableHeaderCell>
                        <TableHeaderCell>Grunnlag</TableHeaderCell>
                      </TableRow>
                    </TableHead>
                    <TableBody>
                      {lines.map((l) => {
                        const adj = l.adjustment;
                        return (
                          <TableRow key={l.applicationId} data-testid="ranking-row">
                            <TableCell>{l.rank}</TableCell>
                            <TableCell>
                              {l.title}
                              <br />
                              <span className="muted">{l.organisation}</span>
                            </TableCell>
                            <TableCell>{kr(l.requested)}</TableCell>
                            <TableCell>
                              {l.score === null ? '–' : l.score.toLocaleString('nb-NO', { maximumFractionDigits: 1 })}
                            </TableCell>
                            <TableCell>
                              {l.spread === null ? '–' : l.spread.toLocaleString('nb-NO', { maximumFractionDigits: 1 })}
                              {l.disagreement && (
                                <>
                                  {' '}
                                  <Tag data-color="danger" data-size="sm" data-testid="disagreement">
                                    Stor uenighet
                                  </Tag>
                                </>
                              )}
                            </TableCell>
                            <TableCell>{kr(l.proposedAmount)}</TableCell>
                            <TableCell>
                              <strong>{kr(l.amount)}</strong>
                            </TableCell>
                            <TableCell>
                              {allocationReasons[l.reason] ?? l.reason}
                              {adj?.reason && (
                                <Paragraph data-size="sm" data-testid="adjustment-reason">
                                  Endret av AU: {adj.reason}
                                  {adj.by ? ` (${adj.by.name})` : ''}
                                </Paragraph>
                              )}
                            </TableCell>
                          </TableRow>
                        );
                      })}
                    </TableBody>
                  </Table>
                </div>
                {review.nonScorers.length > 0 && (
                  <Paragraph>Vurderte ikke alle søknader: {review.nonScorers.map((n) => n.name).join(', ')}.</Paragraph>
                )}
                {review.recusals.length > 0 && (
                  <Paragraph>
                    Inhabile:{' '}
                    {review.recusals
                      .map(
                        (r) =>
                          `${r.name} (${lines.find((l) => l.applicationId === r.applicationId)?.title ?? 'søknad'})`,
                      )
                      .join(', ')}
                    .
                  </Paragraph>
                )}
                {round.state === 'recommendation' && (
                  <AdjustmentForm round={round} lines={lines} onDone={loaded.reload} />
                )}
              </>
            )}
          </>
        );
      }}
    </LoadedView>
  );
}

function AdjustmentForm({
  round,
  lines,
  onDone,
}: {
  round: Schemas['RoundDto'];
  lines: InnstillingLine[];
  onDone: () => void;
}) {
  const [appId, setAppId] = useState('');
  const [amount, setAmount] = useState('');
  const [rank, setRank] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<Problem>();
  const [done, setDone] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setDone(false);
    const found: Record<string, string> = {};
    if (!appId) found.applicationId = 'Velg søknaden';
    if (amount === '' || !Number.isInteger(Number(amount)) || Number(amount) < 0)
      found.amount = 'Beløp må være et helt antall kroner (0 = ikke innstilt)';
    if (rank !== '' && !(Number.isInteger(Number(rank)) && Number(rank) >= 1)) found.rank = 'Plass må være 1 eller mer';
    if (!reason.trim()) found.reason = 'Begrunnelsen må fylles ut';
    setErrors(found);
    if (Object.keys(found).length) return;
    try {
      await unwrap(
        api.POST('/grant-rounds/{id}/adjustments', {
          params: { path: { id: round.id }, header: { 'Idempotency-Key': idempotencyKey() } },
          body: {
            applicationId: appId,
            amount: Number(amount),
            rank: (rank === '' ? undefined : Number(rank)) as never,
            reason: reason.trim(),
          },
        }),
      );
      setDone(true);
      onDone();
    } catch (err) {
      if (err instanceof ApiProblem) {
        setProblem(err.problem);
        setErrors(grantFieldErrors(err.problem));
      }
    }
  };
  return (
    <section aria-labelledby="endre">
      <Heading level={2} data-size="md" id="endre">
        Endre innstillingen
      </Heading>
      <Paragraph>Endringer i beløp eller plass krever en skriftlig begrunnelse, som står i innstillingen.</Paragraph>
      <form onSubmit={submit} noValidate style={{ display: 'grid', gap: 'var(--ds-size-4)', maxWidth: '44rem' }}>
        {problem && (
          <ProblemAlert
            problem={problem}
            fieldLabels={{ applicationId: 'Søknad', amount: 'Beløp', rank: 'Plass', reason: 'Begrunnelse' }}
          />
        )}
        {done && <Paragraph role="status">Endringen er lagret.</Paragraph>}
        <Field>
          <Label>Søknad *</Label>
          <Select
            value={appId}
            onChange={(e) => {
              setAppId(e.target.value);
              const l = lines.find((x) => x.applicationId === e.target.value);
              if (l) setAmount(String(l.amount));
            }}
            aria-invalid={!!errors.applicationId}
          >
            <option value="">Velg søknad</option>
            {lines.map((l) => (
              <option key={l.applicationId} value={l.applicationId}>
                {l.rank}. {l.title}
              </option>
            ))}
          </Select>
          {errors.applicationId && (
            <Paragraph data-size="sm" className="field-error">
              {errors.applicationId}
            </Paragraph>
          )}
        </Field>
        <Textfield
          type="number"
          label="Nytt beløp (kroner) *"
          description="0 betyr at søknaden ikke innstilles"
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
          error={errors.amount}
        />
        <Textfield
          type="number"
          label="Ny plass (valgfritt)"
          value={rank}
          onChange={(e) => setRank(e.target.value)}
          error={errors.rank}
        />
        <Textfield
          multiline
          rows={3}
          label="Begrunnelse *"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          error={errors.reason}
        />
        <div>
          <Button type="submit">Lagre endringen</Button>
        </div>
      </form>
    </section>
  );
}
