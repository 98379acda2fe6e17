import {
  Alert,
  Heading,
  Link,
  Paragraph,
  Select,
  Switch,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeaderCell,
  TableRow,
  Field,
  Label,
} from '@digdir/designsystemet-react';
import { api, unwrap } from '../../api/client';
import { Title } from '../../components/guards';
import { LoadedView } from '../../components/loading';
import { Pager } from '../../components/pager';
import { StateTag } from '../../components/state-tag';
import { DateTime } from '../../components/time';
import { relativeDays } from '../../lib/format';
import { useApi } from '../../lib/use-api';
import { useQueryState } from '../../lib/use-query-state';

export const kindNames: Record<string, string> = {
  assignment: 'Oppdrag',
  vote: 'Skriftlig avstemning',
  meeting: 'Møte',
  case: 'Sak',
  'grant-round': 'Tilskuddsutlysning',
  'grant-application': 'Søknad om tilskudd',
  hearing: 'Høring',
};

const PAGE_SIZE = 20;

/** What is due in the next days and what is overdue, across assignments, votes and meetings (and grants and hearings in phase 2). */
export function DashboardPage() {
  const q = useQueryState({ days: '30', kind: '', overdue: '' });
  const days = q.value('days');
  const kind = q.value('kind');
  const overdue = q.value('overdue') === 'true';
  const loaded = useApi(
    () =>
      unwrap(
        api.GET('/dashboard/deadlines', {
          params: {
            query: {
              days: Number(days),
              kind: kind || undefined,
              overdue: overdue ? 'true' : undefined,
              page: q.page,
              pageSize: PAGE_SIZE,
            },
          },
        }),
      ),
    [days, kind, overdue, q.page],
  );
  return (
    <>
      <Title>Frister</Title>
      <Paragraph>
        Det som forfaller, og det som er forfalt, i oppdrag, skriftlige avstemninger og møter. Se også{' '}
        <Link href="/sekretariat/utsendelser">e-post og påminnelser</Link> og{' '}
        <Link href="/sekretariat/nytt-oppdrag">opprett et oppdrag</Link>.
      </Paragraph>
      <div className="filters" role="group" aria-label="Filtrer fristene">
        <Field>
          <Label>Periode</Label>
          <Select value={days} onChange={(e) => q.set({ days: e.target.value })}>
            <option value="7">Neste 7 dager</option>
            <option value="30">Neste 30 dager</option>
            <option value="90">Neste 90 dager</option>
          </Select>
        </Field>
        <Field>
          <Label>Type</Label>
          <Select value={kind} onChange={(e) => q.set({ kind: e.target.value })}>
            <option value="">Alle</option>
            {Object.entries(kindNames).map(([k, name]) => (
              <option key={k} value={k}>
                {name}
              </option>
            ))}
          </Select>
        </Field>
        <Switch
          label="Bare forfalte"
          checked={overdue}
          onChange={(e) => q.set({ overdue: e.target.checked ? 'true' : '' })}
        />
      </div>
      <LoadedView loaded={loaded}>
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
            {data.items.length === 0 ? (
              <Paragraph>Ingen frister i perioden.</Paragraph>
            ) : (
              <div className="table-wrap">
                <Table>
                  <caption>Frister, forfalte først</caption>
                  <TableHead>
                    <TableRow>
                      <TableHeaderCell>Frist</TableHeaderCell>
                      <TableHeaderCell>Hva</TableHeaderCell>
                      <TableHeaderCell>Type</TableHeaderCell>
                      <TableHeaderCell>Ansvarlig</TableHeaderCell>
                      <TableHeaderCell>Status</TableHeaderCell>
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {data.items.map((item) => (
                      <TableRow
                        key={`${item.kind}:${item.instanceId ?? item.meetingId}:${item.dueAt}`}
                        data-overdue={item.overdue}
                      >
                        <TableCell>
                          <DateTime value={item.dueAt} />
                          <br />
                          <span style={{ fontSize: '0.875em' }}>{relativeDays(item.dueAt)}</span>
                        </TableCell>
                        <TableCell>
                          {item.meetingId ? (
                            <Link href={`/moter/${item.meetingId}`}>{item.title}</Link>
                          ) : item.instanceId ? (
                            <Link href={`/prosesser/${item.instanceId}`}>{item.title}</Link>
                          ) : (
                            item.title
                          )}
                          {item.caseRef && ` (sak ${item.caseRef})`}
                        </TableCell>
                        <TableCell>{kindNames[item.kind] ?? item.kind}</TableCell>
                        <TableCell>{item.responsible ?? '–'}</TableCell>
                        <TableCell>
                          {item.overdue ? (
                            <StateTag state="overdue" label="Forfalt" />
                          ) : (
                            <StateTag state={item.state} />
                          )}
                        </TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </div>
            )}
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
