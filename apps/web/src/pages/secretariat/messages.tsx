import { Details, DetailsContent, DetailsSummary, Link, Paragraph } from '@digdir/designsystemet-react';
import { api, unwrap } from '../../api/client';
import { SelectField } from '../../components/fields';
import { FilterBar, SearchFilter } from '../../components/filter-bar';
import { Title } from '../../components/guards';
import { LoadedView } from '../../components/loading';
import { PagedTable } from '../../components/paged-table';
import { StateTag } from '../../components/state-tag';
import { DateTime } from '../../components/time';
import { usePagedList } from '../../lib/use-paged-list';

const statusNames: Record<string, string> = { pending: 'Venter', sent: 'Sendt', failed: 'Feilet' };

/** Every e-mail and reminder the system has sent or will send, with its delivery status. */
export function MessagesPage() {
  const list = usePagedList({ status: '', q: '', instanceId: '' }, ({ status, q, instanceId }, paging) =>
    unwrap(
      api.GET('/dashboard/messages', {
        params: {
          query: {
            status: (status || undefined) as 'pending' | 'sent' | 'failed' | undefined,
            q: q || undefined,
            instanceId: instanceId || undefined,
            ...paging,
          },
        },
      }),
    ),
  );
  const { status, q, instanceId } = list.filters;
  return (
    <>
      <Title>E-post og påminnelser</Title>
      <FilterBar label="Filtrer utsendelsene">
        <SelectField
          label="Status"
          placeholder="Alle"
          options={statusNames}
          value={status}
          onChange={(e) => list.setFilters({ status: e.target.value })}
        />
        <SearchFilter
          label="Søk i mottaker og emne"
          defaultValue={q}
          onSearch={(text) => list.setFilters({ q: text })}
        />
      </FilterBar>
      {instanceId && (
        <Paragraph>
          Viser e-post fra én prosess. <Link href={`/prosesser/${instanceId}`}>Til prosessen</Link> ·{' '}
          <Link href="/sekretariat/utsendelser">Vis alle</Link>
        </Paragraph>
      )}
      <LoadedView loaded={list.loaded}>
        {(data) => (
          <PagedTable
            caption="Utsendelser, nyeste først"
            page={data}
            onPage={list.setPage}
            rowKey={(m) => m.id}
            columns={[
              { header: 'Opprettet', cell: (m) => <DateTime value={m.createdAt} /> },
              { header: 'Mottaker', cell: (m) => `${m.recipientName ?? ''} <${m.recipient}>` },
              {
                header: 'Emne og innhold',
                cell: (m) => (
                  <Details>
                    <DetailsSummary>{m.subject}</DetailsSummary>
                    <DetailsContent>
                      <pre style={{ whiteSpace: 'pre-wrap', fontFamily: 'inherit' }}>{m.body}</pre>
                      {m.instanceId && <Link href={`/prosesser/${m.instanceId}`}>Til prosessen</Link>}
                    </DetailsContent>
                  </Details>
                ),
              },
              {
                header: 'Status',
                cell: (m) => (
                  <>
                    <StateTag state={m.status} label={statusNames[m.status] ?? m.status} />
                    {m.sentAt && (
                      <Paragraph data-size="xs">
                        <DateTime value={m.sentAt} />
                      </Paragraph>
                    )}
                    {m.status !== 'sent' && m.attempts > 0 && <Paragraph data-size="xs">{m.attempts} forsøk</Paragraph>}
                    {m.lastError && (
                      <Paragraph data-size="xs" lang="en">
                        {m.lastError}
                      </Paragraph>
                    )}
                  </>
                ),
              },
            ]}
          />
        )}
      </LoadedView>
    </>
  );
}
