import { Link, Paragraph } from '@digdir/designsystemet-react';
import { api, unwrap } from '../../api/client';
import { SelectField } from '../../components/fields';
import { FilterBar } from '../../components/filter-bar';
import { Title } from '../../components/guards';
import { LoadedView } from '../../components/loading';
import { PagedTable } from '../../components/paged-table';
import { DateTime } from '../../components/time';
import { useApi } from '../../lib/use-api';
import { usePagedList } from '../../lib/use-paged-list';
import { ApplicationState, applicationStateNames, kr } from './common';
import { asApplication } from './model';

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
  const rounds = useRoundTitles();
  const list = usePagedList({ state: '' }, ({ state }, paging) =>
    unwrap(api.GET('/grant-applications', { params: { query: { state: state || undefined, ...paging } } })),
  );
  const { state } = list.filters;
  return (
    <>
      <Title>Mine søknader</Title>
      <Paragraph>
        Søknadene dine om tilskudd, hvor de står, og brev du har fått. Nye søknader starter du fra en{' '}
        <Link href="/#utlysninger">åpen utlysning</Link>.
      </Paragraph>
      <FilterBar label="Filtrer søknadene">
        <SelectField
          label="Status"
          placeholder="Alle"
          options={applicationStateNames}
          value={state}
          onChange={(e) => list.setFilters({ state: e.target.value })}
        />
      </FilterBar>
      <LoadedView loaded={list.loaded}>
        {(data) => (
          <PagedTable
            caption="Søknader"
            page={{ ...data, items: data.items.map(asApplication) }}
            onPage={list.setPage}
            empty={<Paragraph>Du har ingen søknader{state ? ' med denne statusen' : ''}.</Paragraph>}
            rowKey={(a) => a.id}
            columns={[
              { header: 'Søknad', cell: (a) => <Link href={`/soknader/${a.id}`}>{a.title || 'Uten tittel'}</Link> },
              { header: 'Utlysning', cell: (a) => rounds.data?.[a.roundId] ?? '' },
              { header: 'Beløp', cell: (a) => kr(a.requestedAmount) },
              { header: 'Status', cell: (a) => <ApplicationState state={a.state} /> },
              {
                header: 'Sendt inn',
                cell: (a) => (a.submittedAt ? <DateTime value={a.submittedAt} /> : 'Ikke sendt'),
              },
            ]}
          />
        )}
      </LoadedView>
    </>
  );
}
