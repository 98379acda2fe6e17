import { Button, Heading, Link, Paragraph } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useParams } from 'react-router';
import { api, unwrap } from '../api/client';
import { DataTable } from '../components/data-table';
import { FilterBar, SearchFilter } from '../components/filter-bar';
import { Title } from '../components/guards';
import { LoadedView } from '../components/loading';
import { PagedTable } from '../components/paged-table';
import { pageOf } from '../components/pager';
import { StateTag } from '../components/state-tag';
import { DateTime } from '../components/time';
import { can, useSession } from '../lib/session';
import { useApi } from '../lib/use-api';
import { MemberLogins } from './secretariat/member-logins';

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
          <DataTable
            zebra
            caption="Utvalgene i helsefellesskapet"
            rows={committees}
            rowKey={(c) => c.code}
            columns={[
              {
                header: 'Utvalg',
                cell: (c) => (
                  <Link href={`/utvalg/${c.code}`}>
                    {c.name} ({c.code})
                  </Link>
                ),
              },
              { header: 'Type', cell: (c) => kinds[c.kind] ?? c.kind },
              { header: 'Beslutningsregel', cell: (c) => ruleNames[c.decisionRule] ?? c.decisionRule },
              { header: 'Medlemmer', cell: (c) => c.memberCount },
            ]}
          />
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
                    <DataTable
                      caption={`Møter i ${c.code}, eldste først`}
                      rows={list}
                      rowKey={(m) => m.id}
                      columns={[
                        {
                          header: 'Tidspunkt',
                          cell: (m) => (
                            <Link href={`/moter/${m.id}`}>
                              <DateTime value={m.startsAt} />
                            </Link>
                          ),
                        },
                        { header: 'Sted', cell: (m) => m.place },
                        { header: 'Status', cell: (m) => <StateTag state={m.state} /> },
                      ]}
                    />
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
                    <PagedTable
                      caption={`Saker i ${c.code}`}
                      page={pageOf(list, casePage, 20)}
                      onPage={setCasePage}
                      pagerLabel="Sider med saker"
                      rowKey={(s) => s.id}
                      columns={[
                        { header: 'Sak', cell: (s) => s.ref },
                        { header: 'Tittel', cell: (s) => <Link href={`/saker/${s.id}`}>{s.title}</Link> },
                        { header: 'Status', cell: (s) => <StateTag state={s.state} /> },
                      ]}
                    />
                  )
                }
              </LoadedView>
            </section>
            <section aria-labelledby="medlemmer">
              <Heading level={2} data-size="md" id="medlemmer">
                Medlemmer
              </Heading>
              <FilterBar label="Filtrer medlemmene" style={{ margin: 'var(--ds-size-4) 0' }}>
                <SearchFilter
                  label="Søk blant medlemmene"
                  value={filter}
                  onSearch={(text) => {
                    setFilter(text);
                    setPage(1);
                  }}
                />
              </FilterBar>
              <PagedTable
                zebra
                caption={`Medlemmer ${c.at ? `per ${c.at.split('-').reverse().join('.')}` : ''}`}
                page={pageOf(members, page, 15)}
                onPage={setPage}
                pagerLabel="Sider med medlemmer"
                rowKey={(m) => `${m.personId}:${m.from}`}
                columns={[
                  { header: 'Navn', cell: (m) => `${m.name}${m.varaFor ? ` (vara for ${m.varaFor.name})` : ''}` },
                  { header: 'Verv', cell: (m) => m.role },
                  { header: 'Representerer', cell: (m) => m.represents ?? m.organisation?.name ?? '–' },
                  { header: 'Stemmerett', cell: (m) => (m.vote ? 'Ja' : 'Nei') },
                  ...(can.secretariat(roles)
                    ? [
                        {
                          header: 'Innlogging',
                          cell: (m: (typeof members)[number]) => <MemberLogins personId={m.personId} name={m.name} />,
                        },
                      ]
                    : []),
                ]}
              />
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
