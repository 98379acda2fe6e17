import { Alert, Button, Heading, Link, Paragraph, Tag, Textfield } from '@digdir/designsystemet-react';
import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import { api, idempotencyKey, unwrap, type Schemas } from '../../api/client';
import { DataTable } from '../../components/data-table';
import { SelectField } from '../../components/fields';
import { Title } from '../../components/guards';
import { LoadedView } from '../../components/loading';
import { ProblemAlert } from '../../components/problem-alert';
import { can, useSession } from '../../lib/session';
import { useAction } from '../../lib/use-action';
import { useApi } from '../../lib/use-api';
import { useFieldErrors } from '../../lib/use-field-errors';
import { RoundState, allocationReasons, grantFieldErrors, isWholeKroner, kr } from './common';
import { asReview, type InnstillingLine } from './model';

/** «12,5», or «–» for no number. */
const decimal = (n: number | null): string =>
  n === null ? '–' : n.toLocaleString('nb-NO', { maximumFractionDigits: 1 });

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
                <DataTable
                  zebra
                  caption="Rangering, poeng (0–100), spredning mellom vurdererne og foreslått tildeling"
                  rows={lines}
                  rowKey={(l) => l.applicationId}
                  rowProps={() => ({ 'data-testid': 'ranking-row' })}
                  columns={[
                    { header: 'Plass', cell: (l) => l.rank },
                    {
                      header: 'Søknad',
                      cell: (l) => (
                        <>
                          {l.title}
                          <br />
                          <span className="muted">{l.organisation}</span>
                        </>
                      ),
                    },
                    { header: 'Søkt', cell: (l) => kr(l.requested) },
                    { header: 'Poeng', cell: (l) => decimal(l.score) },
                    {
                      header: 'Spredning',
                      cell: (l) => (
                        <>
                          {decimal(l.spread)}
                          {l.disagreement && (
                            <>
                              {' '}
                              <Tag data-color="danger" data-size="sm" data-testid="disagreement">
                                Stor uenighet
                              </Tag>
                            </>
                          )}
                        </>
                      ),
                    },
                    { header: 'Beregnet', cell: (l) => kr(l.proposedAmount) },
                    { header: 'Innstilt', cell: (l) => <strong>{kr(l.amount)}</strong> },
                    {
                      header: 'Grunnlag',
                      cell: (l) => (
                        <>
                          {allocationReasons[l.reason] ?? l.reason}
                          {l.adjustment?.reason && (
                            <Paragraph data-size="sm" data-testid="adjustment-reason">
                              Endret av AU: {l.adjustment.reason}
                              {l.adjustment.by ? ` (${l.adjustment.by.name})` : ''}
                            </Paragraph>
                          )}
                        </>
                      ),
                    },
                  ]}
                />
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
  const { errors, setErrors, check } = useFieldErrors();
  const [done, setDone] = useState(false);
  const action = useAction(() => {
    setDone(true);
    onDone();
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(false);
    const valid = check({
      applicationId: !appId && 'Velg søknaden',
      amount: !isWholeKroner(amount) && 'Beløp må være et helt antall kroner (0 = ikke innstilt)',
      rank: rank !== '' && !(Number.isInteger(Number(rank)) && Number(rank) >= 1) && 'Plass må være 1 eller mer',
      reason: !reason.trim() && 'Begrunnelsen må fylles ut',
    });
    if (!valid) return;
    void action.run(
      () =>
        unwrap(
          api.POST('/grant-rounds/{id}/adjustments', {
            params: { path: { id: round.id }, header: { 'Idempotency-Key': idempotencyKey() } },
            body: {
              applicationId: appId,
              amount: Number(amount),
              rank: (rank === '' ? undefined : Number(rank)) as never,
              reason: reason.trim(),
            },
          }),
        ),
      (problem) => setErrors(grantFieldErrors(problem)),
    );
  };
  return (
    <section aria-labelledby="endre">
      <Heading level={2} data-size="md" id="endre">
        Endre innstillingen
      </Heading>
      <Paragraph>Endringer i beløp eller plass krever en skriftlig begrunnelse, som står i innstillingen.</Paragraph>
      <form onSubmit={submit} noValidate style={{ display: 'grid', gap: 'var(--ds-size-4)', maxWidth: '44rem' }}>
        <ProblemAlert
          problem={action.problem}
          fieldLabels={{ applicationId: 'Søknad', amount: 'Beløp', rank: 'Plass', reason: 'Begrunnelse' }}
        />
        {done && <Paragraph role="status">Endringen er lagret.</Paragraph>}
        <SelectField
          label="Søknad *"
          placeholder="Velg søknad"
          value={appId}
          onChange={(e) => {
            setAppId(e.target.value);
            const l = lines.find((x) => x.applicationId === e.target.value);
            if (l) setAmount(String(l.amount));
          }}
          error={errors.applicationId}
        >
          {lines.map((l) => (
            <option key={l.applicationId} value={l.applicationId}>
              {l.rank}. {l.title}
            </option>
          ))}
        </SelectField>
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
