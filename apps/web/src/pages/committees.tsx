import {
  Button,
  Heading,
  Link,
  Paragraph,
  Search,
  SearchClear,
  SearchInput,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeaderCell,
  TableRow,
} from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useParams } from 'react-router';
import { api, unwrap } from '../api/client';
import { Title } from '../components/guards';
import { LoadedView } from '../components/loading';
import { Pager, pageOf } from '../components/pager';
import { StateTag } from '../components/state-tag';
import { DateTime } from '../components/time';
import { can, useSession } from '../lib/session';
import { useApi } from '../lib/use-api';

const kinds: Record<string, string> = {
  asu: 'Administrativt samarbeidsutvalg',
  au: 'Arbeidsutvalg',
  'au-utvidet': 'Utvidet arbeidsutvalg',
  fagrad: 'Fagråd',
  forhandlingsutvalg: 'Forhandlingsutvalg',
  psu: 'Politisk samarbeidsutvalg',
  annet: 'Annet',
};
export const ruleNames: Record<string, string> = {
  consensus: 'konsensus',
  'simple-majority': 'simpelt flertall',
  'party-majority': 'flertall på begge sider',
};

export function CommitteesPage() {
  const loaded = useApi(() => unwrap(api.GET('/committees')), []);
  const { roles } = useSession();
  return (
    <>
      <Title>Utvalg og møter</Title>
      {can.secretariat(roles) && (
        <Paragraph>
          <Link href="/sekretariat/importer-utvalg">Sett opp eller oppdater et utvalg (importer YAML/JSON)</Link>
        </Paragraph>
      )}
      <LoadedView loaded={loaded}>
        {(committees) => (
          <div className="table-wrap">
            <Table zebra>
              <caption>Utvalgene i helsefellesskapet</caption>
              <TableHead>
                <TableRow>
                  <TableHeaderCell>Utvalg</TableHeaderCell>
                  <TableHeaderCell>Type</TableHeaderCell>
                  <TableHeaderCell>Beslutningsregel</TableHeaderCell>
                  <TableHeaderCell>Medlemmer</TableHeaderCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {committees.map((c) => (
                  <TableRow key={c.code}>
                    <TableCell>
                      <Link href={`/utvalg/${c.code}`}>
                        {c.name} ({c.code})
                      </Link>
                    </TableCell>
                    <TableCell>{kinds[c.kind] ?? c.kind}</TableCell>
                    <TableCell>{ruleNames[c.decisionRule] ?? c.decisionRule}</TableCell>
                    <TableCell>{c.memberCount}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
      </LoadedView>
    </>
  );
}

export function CommitteePage() {
  const { code = '' } = useParams();
  const { roles } = useSession();
  const committee = useApi(() => unwrap(api.GET('/committees/{code}', { params: { path: { code } } })), [code]);
  const meetings = useApi(() => unwrap(api.GET('/committees/{code}/meetings', { params: { path: { code } } })), [code]);
  const cases = useApi(() => unwrap(api.GET('/committees/{code}/cases', { params: { path: { code } } })), [code]);
  const [filter, setFilter] = useState('');
  const [page, setPage] = useState(1);
  const [casePage, setCasePage] = useState(1);
  return (
    <LoadedView loaded={committee}>
      {(c) => {
        const members = c.members.filter((m) =>
          `${m.name} ${m.role} ${m.represents ?? ''} ${m.organisation?.name ?? ''}`
            .toLowerCase()
            .includes(filter.toLowerCase()),
        );
        return (
          <>
            <Title>{`${c.name} (${c.code})`}</Title>
            <Paragraph>
              {kinds[c.kind] ?? c.kind}. Beslutningsregel: {ruleNames[c.decisionRule] ?? c.decisionRule}. Innkalling{' '}
              {c.noticeDays} dager før møtet.
            </Paragraph>
            <section aria-labelledby="moter">
              <Heading level={2} data-size="md" id="moter">
                Møter
              </Heading>
              {can.secretariat(roles) && (
                <Paragraph>
                  <Link href={`/utvalg/${c.code}/nytt-mote`}>Planlegg et nytt møte</Link>
                </Paragraph>
              )}
              <LoadedView loaded={meetings}>
                {(list) =>
                  list.length === 0 ? (
                    <Paragraph>Ingen møter er planlagt.</Paragraph>
                  ) : (
                    <div className="table-wrap">
                      <Table>
                        <caption>Møter i {c.code}, eldste først</caption>
                        <TableHead>
                          <TableRow>
                            <TableHeaderCell>Tidspunkt</TableHeaderCell>
                            <TableHeaderCell>Sted</TableHeaderCell>
                            <TableHeaderCell>Status</TableHeaderCell>
                          </TableRow>
                        </TableHead>
                        <TableBody>
                          {list.map((m) => (
                            <TableRow key={m.id}>
                              <TableCell>
                                <Link href={`/moter/${m.id}`}>
                                  <DateTime value={m.startsAt} />
                                </Link>
                              </TableCell>
                              <TableCell>{m.place}</TableCell>
                              <TableCell>
                                <StateTag state={m.state} />
                              </TableCell>
                            </TableRow>
                          ))}
                        </TableBody>
                      </Table>
                    </div>
                  )
                }
              </LoadedView>
            </section>
            <section aria-labelledby="saker">
              <Heading level={2} data-size="md" id="saker">
                Saker
              </Heading>
              <LoadedView loaded={cases}>
                {(list) =>
                  list.length === 0 ? (
                    <Paragraph>Ingen saker.</Paragraph>
                  ) : (
                    <>
                      <div className="table-wrap">
                        <Table>
                          <caption>Saker i {c.code}</caption>
                          <TableHead>
                            <TableRow>
                              <TableHeaderCell>Sak</TableHeaderCell>
                              <TableHeaderCell>Tittel</TableHeaderCell>
                              <TableHeaderCell>Status</TableHeaderCell>
                            </TableRow>
                          </TableHead>
                          <TableBody>
                            {pageOf(list, casePage, 20).map((s) => (
                              <TableRow key={s.id}>
                                <TableCell>{s.ref}</TableCell>
                                <TableCell>
                                  <Link href={`/saker/${s.id}`}>{s.title}</Link>
                                </TableCell>
                                <TableCell>
                                  <StateTag state={s.state} />
                                </TableCell>
                              </TableRow>
                            ))}
                          </TableBody>
                        </Table>
                      </div>
                      <Pager
                        page={casePage}
                        pageSize={20}
                        total={list.length}
                        onChange={setCasePage}
                        label="Sider med saker"
                      />
                    </>
                  )
                }
              </LoadedView>
            </section>
            <section aria-labelledby="medlemmer">
              <Heading level={2} data-size="md" id="medlemmer">
                Medlemmer
              </Heading>
              <div className="filters" style={{ margin: 'var(--ds-size-4) 0' }}>
                <Search>
                  <SearchInput
                    aria-label="Søk blant medlemmene"
                    value={filter}
                    onChange={(e) => {
                      setFilter(e.target.value);
                      setPage(1);
                    }}
                  />
                  <SearchClear onClick={() => setFilter('')} />
                </Search>
              </div>
              <div className="table-wrap">
                <Table zebra>
                  <caption>Medlemmer {c.at ? `per ${c.at.split('-').reverse().join('.')}` : ''}</caption>
                  <TableHead>
                    <TableRow>
                      <TableHeaderCell>Navn</TableHeaderCell>
                      <TableHeaderCell>Verv</TableHeaderCell>
                      <TableHeaderCell>Representerer</TableHeaderCell>
                      <TableHeaderCell>Stemmerett</TableHeaderCell>
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {pageOf(members, page, 15).map((m) => (
                      <TableRow key={`${m.personId}:${m.from}`}>
                        <TableCell>
                          {m.name}
                          {m.varaFor ? ` (vara for ${m.varaFor.name})` : ''}
                        </TableCell>
                        <TableCell>{m.role}</TableCell>
                        <TableCell>{m.represents ?? m.organisation?.name ?? '–'}</TableCell>
                        <TableCell>{m.vote ? 'Ja' : 'Nei'}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </div>
              <Pager page={page} pageSize={15} total={members.length} onChange={setPage} label="Sider med medlemmer" />
            </section>
            {can.secretariat(roles) && (
              <Paragraph data-size="sm">
                Medlemmer legges inn eller endres ved import av utvalget (YAML/JSON).{' '}
                <Button asChild variant="tertiary" data-size="sm">
                  <a href="/sekretariat/importer-utvalg">Importer utvalg</a>
                </Button>
              </Paragraph>
            )}
          </>
        );
      }}
    </LoadedView>
  );
}
