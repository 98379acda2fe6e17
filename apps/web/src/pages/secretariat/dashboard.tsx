import { Alert, Heading, Link, Paragraph, Switch } from '@digdir/designsystemet-react';
import { api, unwrap } from '../../api/client';
import { SelectField } from '../../components/fields';
import { FilterBar } from '../../components/filter-bar';
import { Title } from '../../components/guards';
import { LoadedView } from '../../components/loading';
import { PagedTable } from '../../components/paged-table';
import { StateTag } from '../../components/state-tag';
import { DateTime } from '../../components/time';
import { relativeDays } from '../../lib/format';
import { usePagedList } from '../../lib/use-paged-list';

const periods = { '7': 'Neste 7 dager', '30': 'Neste 30 dager', '90': 'Neste 90 dager' };

export const kindNames: Record<string, string> = {
  assignment: 'Oppdrag',
  vote: 'Skriftlig avstemning',
  meeting: 'Møte',
  case: 'Sak',
  'grant-round': 'Tilskuddsutlysning',
  'grant-application': 'Søknad om tilskudd',
  hearing: 'Høring',
};

/** What is due in the next days and what is overdue, across assignments, votes and meetings (and grants and hearings in phase 2). */
export function DashboardPage() {
  const list = usePagedList({ days: '30', kind: '', overdue: '' }, ({ days, kind, overdue }, paging) =>
    unwrap(
      api.GET('/dashboard/deadlines', {
        params: {
          query: {
            days: Number(days),
            kind: kind || undefined,
            overdue: overdue === 'true' ? 'true' : undefined,
            ...paging,
          },
        },
      }),
    ),
  );
  const { days, kind, overdue } = list.filters;
  return (
    <>
      <Title>Frister</Title>
      <Paragraph>
        Det som forfaller, og det som er forfalt, i oppdrag, skriftlige avstemninger og møter. Se også{' '}
        <Link href="/sekretariat/utsendelser">e-post og påminnelser</Link> og{' '}
        <Link href="/sekretariat/nytt-oppdrag">opprett et oppdrag</Link>.
      </Paragraph>
      <FilterBar label="Filtrer fristene">
        <SelectField
          label="Periode"
          options={periods}
          value={days}
          onChange={(e) => list.setFilters({ days: e.target.value })}
        />
        <SelectField
          label="Type"
          placeholder="Alle"
          options={kindNames}
          value={kind}
          onChange={(e) => list.setFilters({ kind: e.target.value })}
        />
        <Switch
          label="Bare forfalte"
          checked={overdue === 'true'}
          onChange={(e) => list.setFilters({ overdue: e.target.checked ? 'true' : '' })}
        />
      </FilterBar>
      <LoadedView loaded={list.loaded}>
        {(data) => (
          <>
            {data.overdueCount > 0 ? (
              <Alert data-color="danger" data-testid="overdue-summary">
                <Heading level={2} data-size="xs">
                  {data.overdueCount === 1 ? '1 frist er overskredet' : `${data.overdueCount} frister er overskredet`}
                </Heading>
              </Alert>
            ) : (
              <Alert data-color="success">
                <Paragraph>Ingen frister er overskredet.</Paragraph>
              </Alert>
            )}
            <PagedTable
              caption="Frister, forfalte først"
              page={data}
              onPage={list.setPage}
              empty={<Paragraph>Ingen frister i perioden.</Paragraph>}
              rowKey={(item) => `${item.kind}:${item.instanceId ?? item.meetingId}:${item.dueAt}`}
              rowProps={(item) => ({ 'data-overdue': item.overdue })}
              columns={[
                {
                  header: 'Frist',
                  cell: (item) => (
                    <>
                      <DateTime value={item.dueAt} />
                      <br />
                      <span style={{ fontSize: '0.875em' }}>{relativeDays(item.dueAt)}</span>
                    </>
                  ),
                },
                {
                  header: 'Hva',
                  cell: (item) => (
                    <>
                      {item.meetingId ? (
                        <Link href={`/moter/${item.meetingId}`}>{item.title}</Link>
                      ) : item.instanceId ? (
                        <Link href={`/prosesser/${item.instanceId}`}>{item.title}</Link>
                      ) : (
                        item.title
                      )}
                      {item.caseRef && ` (sak ${item.caseRef})`}
                    </>
                  ),
                },
                { header: 'Type', cell: (item) => kindNames[item.kind] ?? item.kind },
                { header: 'Ansvarlig', cell: (item) => item.responsible ?? '–' },
                {
                  header: 'Status',
                  cell: (item) =>
                    item.overdue ? <StateTag state="overdue" label="Forfalt" /> : <StateTag state={item.state} />,
                },
              ]}
            />
          </>
        )}
      </LoadedView>
    </>
  );
}
