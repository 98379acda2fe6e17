import {
  Alert,
  Button,
  Details,
  DetailsContent,
  DetailsSummary,
  Heading,
  Link,
  Paragraph,
  Tag,
} from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useParams } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { SelectField } from '../../components/fields';
import { FilterBar } from '../../components/filter-bar';
import { Title } from '../../components/guards';
import { LoadedView } from '../../components/loading';
import { Pager, pageOf } from '../../components/pager';
import { DateTime } from '../../components/time';
import { relativeDays } from '../../lib/format';
import { useSession } from '../../lib/session';
import { useApi } from '../../lib/use-api';
import { useQueryState } from '../../lib/use-query-state';
import { ApplicationAnswers, RoundState, kr } from './common';
import { asApplication, asReview, settingsOf, type Application } from './model';
import { RecusalForm, ScoreForm } from './score-forms';

const PAGE_SIZE = 10;
const shows = { mangler: 'Mangler min vurdering', vurdert: 'Vurdert av meg', inhabil: 'Inhabil' };

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
        const page = pageOf(
          apps.filter((a) => !show || status(a.id) === show),
          q.page,
          PAGE_SIZE,
        );
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
            <FilterBar label="Filtrer søknadene">
              <SelectField
                label="Vis"
                placeholder="Alle søknader"
                options={shows}
                value={show}
                onChange={(e) => q.set({ show: e.target.value })}
              />
            </FilterBar>
            {page.items.map((a) => (
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
              page={page.page}
              pageSize={page.pageSize}
              total={page.total}
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
          <ApplicationAnswers application={a} settings={s} />
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
