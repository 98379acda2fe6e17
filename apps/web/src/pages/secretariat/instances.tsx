import {
  Field,
  Label,
  Link,
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
import { kindNames } from './dashboard';

/** Every process instance, filterable, each linking to its history. */
export function InstancesPage() {
  const q = useQueryState({ workflow: '', q: '' });
  const workflow = q.value('workflow');
  const search = q.value('q');
  const loaded = useApi(
    () =>
      unwrap(
        api.GET('/dashboard/instances', {
          params: { query: { workflow: workflow || undefined, q: search || undefined, page: q.page, pageSize: 20 } },
        }),
      ),
    [workflow, search, q.page],
  );
  return (
    <>
      <Title>Prosesser</Title>
      <div className="filters" role="group" aria-label="Filtrer prosessene">
        <Field>
          <Label>Type</Label>
          <Select value={workflow} onChange={(e) => q.set({ workflow: e.target.value })}>
            <option value="">Alle</option>
            {Object.entries(kindNames).map(([k, name]) => (
              <option key={k} value={k}>
                {name}
              </option>
            ))}
          </Select>
        </Field>
        <Search>
          <SearchInput
            aria-label="Søk i tittel og saksnummer"
            defaultValue={search}
            onChange={(e) => q.set({ q: e.target.value })}
          />
          <SearchClear onClick={() => q.set({ q: '' })} />
        </Search>
      </div>
      <LoadedView loaded={loaded}>
        {(data) => (
          <>
            <div className="table-wrap">
              <Table>
                <caption>Prosesser, sist endret først</caption>
                <TableHead>
                  <TableRow>
                    <TableHeaderCell>Tittel</TableHeaderCell>
                    <TableHeaderCell>Type</TableHeaderCell>
                    <TableHeaderCell>Status</TableHeaderCell>
                    <TableHeaderCell>Sist endret</TableHeaderCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {data.items.map((i) => (
                    <TableRow key={i.id}>
                      <TableCell>
                        <Link href={`/prosesser/${i.id}`}>{i.title}</Link>
                        {i.caseRef && ` (sak ${i.caseRef})`}
                      </TableCell>
                      <TableCell>{kindNames[i.workflow] ?? i.workflow}</TableCell>
                      <TableCell>
                        <StateTag state={i.state} />
                      </TableCell>
                      <TableCell>
                        <DateTime value={i.updatedAt} />
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
