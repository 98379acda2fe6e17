import { Heading, Link, Paragraph } from '@digdir/designsystemet-react';
import { useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { SelectField } from '../../components/fields';
import { FilterBar } from '../../components/filter-bar';
import { Title } from '../../components/guards';
import { LoadedView } from '../../components/loading';
import { PagedTable } from '../../components/paged-table';
import { DateTime } from '../../components/time';
import { useApi } from '../../lib/use-api';
import { usePagedList } from '../../lib/use-paged-list';
import { ApplicationState, RoundState, applicationStateNames, kr, roundStateNames } from './common';
import { asApplication, settingsOf } from './model';
import { NextStep } from './next-step';

/** The secretariat's list of grant rounds, every state, filterable and paged. */
export function RoundsAdminPage() {
  const list = usePagedList({ state: '' }, ({ state }, paging) =>
    unwrap(api.GET('/grant-rounds', { params: { query: { state: state || undefined, ...paging } } })),
  );
  return (
    <>
      <Title>Tilskuddsordninger</Title>
      <Paragraph>
        <Link href="/sekretariat/tilskudd/ny">Sett opp en ny utlysning</Link>
      </Paragraph>
      <FilterBar label="Filtrer utlysningene">
        <SelectField
          label="Status"
          placeholder="Alle"
          options={roundStateNames}
          value={list.filters.state}
          onChange={(e) => list.setFilters({ state: e.target.value })}
        />
      </FilterBar>
      <LoadedView loaded={list.loaded}>
        {(data) => (
          <PagedTable
            caption="Utlysninger"
            page={data}
            onPage={list.setPage}
            rowKey={(r) => r.id}
            columns={[
              { header: 'Utlysning', cell: (r) => <Link href={`/sekretariat/tilskudd/${r.id}`}>{r.title}</Link> },
              { header: 'Status', cell: (r) => <RoundState state={r.state} /> },
              { header: 'Søknadsfrist', cell: (r) => <DateTime value={settingsOf(r).closesAt} /> },
              { header: 'Ramme', cell: (r) => kr(settingsOf(r).budget) },
            ]}
          />
        )}
      </LoadedView>
    </>
  );
}

/** One round for the secretariat: its set-up, the next step for its state, applications with the formal check, CSV. */
export function RoundAdminPage() {
  const { id = '' } = useParams();
  const loaded = useApi(() => unwrap(api.GET('/grant-rounds/{id}', { params: { path: { id } } })), [id]);
  const apps = usePagedList(
    { state: '' },
    ({ state }, paging) =>
      unwrap(
        api.GET('/grant-applications', { params: { query: { roundId: id, state: state || undefined, ...paging } } }),
      ),
    [id, loaded.data?.updatedAt],
  );
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
                <DateTime value={s.closesAt} />
              </dd>
              <dt>Frist for vurdering</dt>
              <dd>
                <DateTime value={s.scoringDeadline} />
              </dd>
              <dt>Ramme</dt>
              <dd>{kr(s.budget)}</dd>
              <dt>Godkjent</dt>
              <dd>{r.approval ? String(r.approval) : 'Ikke ennå'}</dd>
            </dl>
            <Paragraph>
              <Link href={`/utlysninger/${r.id}`}>Se utlysningen slik søkerne ser den</Link> ·{' '}
              <Link href={`/api/grant-rounds/${r.id}/export.csv`}>Last ned søknader og poeng (CSV)</Link> ·{' '}
              <Link href={`/prosesser/${r.instanceId}`}>Historikk</Link> ·{' '}
              <Link href={`/sekretariat/tilskudd/${r.id}/brevmaler`}>Brevmaler</Link>
              {['review', 'recommendation', 'decision', 'awarded', 'followUp', 'completed'].includes(r.state) && (
                <>
                  {' · '}
                  <Link href={`/vurdering/${r.id}/innstilling`}>Rangering og innstilling</Link>
                </>
              )}
            </Paragraph>
            <NextStep round={r} onDone={loaded.reload} />
            <section aria-labelledby="soknader">
              <Heading level={2} data-size="md" id="soknader">
                Søknader
              </Heading>
              <FilterBar label="Filtrer søknadene">
                <SelectField
                  label="Status"
                  placeholder="Alle"
                  options={applicationStateNames}
                  value={apps.filters.state}
                  onChange={(e) => apps.setFilters({ state: e.target.value })}
                />
              </FilterBar>
              <LoadedView loaded={apps.loaded}>
                {(data) => (
                  <PagedTable
                    caption="Søknader i utlysningen; formell kontroll gjøres på søknaden"
                    page={{ ...data, items: data.items.map(asApplication) }}
                    onPage={apps.setPage}
                    rowKey={(a) => a.id}
                    columns={[
                      {
                        header: 'Søknad',
                        cell: (a) => <Link href={`/soknader/${a.id}`}>{a.title || 'Uten tittel'}</Link>,
                      },
                      { header: 'Søker', cell: (a) => a.organisation.name },
                      { header: 'Beløp', cell: (a) => kr(a.requestedAmount) },
                      {
                        header: 'Status',
                        cell: (a) => (
                          <>
                            <ApplicationState state={a.state} />
                            {a.state === 'submitted' && ' – venter på formell kontroll'}
                          </>
                        ),
                      },
                      {
                        header: 'Sendt inn',
                        cell: (a) => (a.submittedAt ? <DateTime value={a.submittedAt} /> : '–'),
                      },
                    ]}
                  />
                )}
              </LoadedView>
            </section>
          </>
        );
      }}
    </LoadedView>
  );
}
