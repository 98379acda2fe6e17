import { Link } from '@digdir/designsystemet-react';
import { api, unwrap } from '../../api/client';
import { SelectField } from '../../components/fields';
import { FilterBar, SearchFilter } from '../../components/filter-bar';
import { Title } from '../../components/guards';
import { LoadedView } from '../../components/loading';
import { PagedTable } from '../../components/paged-table';
import { StateTag } from '../../components/state-tag';
import { DateTime } from '../../components/time';
import { usePagedList } from '../../lib/use-paged-list';
import { kindNames } from './dashboard';

/** Every process instance, filterable, each linking to its history. */
export function InstancesPage() {
  const list = usePagedList({ workflow: '', q: '' }, ({ workflow, q }, paging) =>
    unwrap(
      api.GET('/dashboard/instances', {
        params: { query: { workflow: workflow || undefined, q: q || undefined, ...paging } },
      }),
    ),
  );
  return (
    <>
      <Title>Prosesser</Title>
      <FilterBar label="Filtrer prosessene">
        <SelectField
          label="Type"
          placeholder="Alle"
          options={kindNames}
          value={list.filters.workflow}
          onChange={(e) => list.setFilters({ workflow: e.target.value })}
        />
        <SearchFilter
          label="Søk i tittel og saksnummer"
          defaultValue={list.filters.q}
          onSearch={(q) => list.setFilters({ q })}
        />
      </FilterBar>
      <LoadedView loaded={list.loaded}>
        {(data) => (
          <PagedTable
            caption="Prosesser, sist endret først"
            page={data}
            onPage={list.setPage}
            rowKey={(i) => i.id}
            columns={[
              {
                header: 'Tittel',
                cell: (i) => (
                  <>
                    <Link href={`/prosesser/${i.id}`}>{i.title}</Link>
                    {i.caseRef && ` (sak ${i.caseRef})`}
                  </>
                ),
              },
              { header: 'Type', cell: (i) => kindNames[i.workflow] ?? i.workflow },
              { header: 'Status', cell: (i) => <StateTag state={i.state} /> },
              { header: 'Sist endret', cell: (i) => <DateTime value={i.updatedAt} /> },
            ]}
          />
        )}
      </LoadedView>
    </>
  );
}
