import {
  Details,
  DetailsContent,
  DetailsSummary,
  Field,
  Label,
  Link,
  Paragraph,
  Search,
  SearchClear,
  SearchInput,
  Select,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeaderCell,
  TableRow,
} from '@digdir/designsystemet-react';
import { api, unwrap } from '../../api/client';
import { Title } from '../../components/guards';
import { LoadedView } from '../../components/loading';
import { Pager } from '../../components/pager';
import { StateTag } from '../../components/state-tag';
import { DateTime } from '../../components/time';
import { useApi } from '../../lib/use-api';
import { useQueryState } from '../../lib/use-query-state';

const statusNames: Record<string, string> = { pending: 'Venter', sent: 'Sendt', failed: 'Feilet' };
const PAGE_SIZE = 20;

/** Every e-mail and reminder the system has sent or will send, with its delivery status. */
export function MessagesPage() {
  const q = useQueryState({ status: '', q: '', instanceId: '' });
  const status = q.value('status');
  const search = q.value('q');
  const instanceId = q.value('instanceId');
  const loaded = useApi(
    () =>
      unwrap(
        api.GET('/dashboard/messages', {
          params: {
            query: {
              status: (status || undefined) as 'pending' | 'sent' | 'failed' | undefined,
              q: search || undefined,
              instanceId: instanceId || undefined,
              page: q.page,
              pageSize: PAGE_SIZE,
            },
          },
        }),
      ),
    [status, search, instanceId, q.page],
  );
  return (
    <>
      <Title>E-post og påminnelser</Title>
      <div className="filters" role="group" aria-label="Filtrer utsendelsene">
        <Field>
          <Label>Status</Label>
          <Select value={status} onChange={(e) => q.set({ status: e.target.value })}>
            <option value="">Alle</option>
            {Object.entries(statusNames).map(([k, name]) => (
              <option key={k} value={k}>
                {name}
              </option>
            ))}
          </Select>
        </Field>
        <Search>
          <SearchInput
            aria-label="Søk i mottaker og emne"
            defaultValue={search}
            onChange={(e) => q.set({ q: e.target.value })}
          />
          <SearchClear onClick={() => q.set({ q: '' })} />
        </Search>
      </div>
      {instanceId && (
        <Paragraph>
          Viser e-post fra én prosess. <Link href={`/prosesser/${instanceId}`}>Til prosessen</Link> ·{' '}
          <Link href="/sekretariat/utsendelser">Vis alle</Link>
        </Paragraph>
      )}
      <LoadedView loaded={loaded}>
        {(data) => (
          <>
            <div className="table-wrap">
              <Table>
                <caption>Utsendelser, nyeste først</caption>
                <TableHead>
                  <TableRow>
                    <TableHeaderCell>Opprettet</TableHeaderCell>
                    <TableHeaderCell>Mottaker</TableHeaderCell>
                    <TableHeaderCell>Emne og innhold</TableHeaderCell>
                    <TableHeaderCell>Status</TableHeaderCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {data.items.map((m) => (
                    <TableRow key={m.id}>
                      <TableCell>
                        <DateTime value={m.createdAt} />
                      </TableCell>
                      <TableCell>
                        {m.recipientName ?? ''} {`<${m.recipient}>`}
                      </TableCell>
                      <TableCell>
                        <Details>
                          <DetailsSummary>{m.subject}</DetailsSummary>
                          <DetailsContent>
                            <pre style={{ whiteSpace: 'pre-wrap', fontFamily: 'inherit' }}>{m.body}</pre>
                            {m.instanceId && <Link href={`/prosesser/${m.instanceId}`}>Til prosessen</Link>}
                          </DetailsContent>
                        </Details>
                      </TableCell>
                      <TableCell>
                        <StateTag state={m.status} label={statusNames[m.status] ?? m.status} />
                        {m.sentAt && (
                          <Paragraph data-size="xs">
                            <DateTime value={m.sentAt} />
                          </Paragraph>
                        )}
                        {m.status !== 'sent' && m.attempts > 0 && (
                          <Paragraph data-size="xs">{m.attempts} forsøk</Paragraph>
                        )}
                        {m.lastError && (
                          <Paragraph data-size="xs" lang="en">
                            {m.lastError}
                          </Paragraph>
                        )}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
            <Pager
              page={data.page}
              pageSize={data.pageSize}
              total={data.total}
              onChange={(p) => q.set({ page: String(p) }, false)}
            />
          </>
        )}
      </LoadedView>
    </>
  );
}
