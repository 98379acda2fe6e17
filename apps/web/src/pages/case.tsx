import { Heading, Link, Paragraph } from '@digdir/designsystemet-react';
import { useParams } from 'react-router';
import { api, unwrap } from '../api/client';
import { DataTable } from '../components/data-table';
import { Title } from '../components/guards';
import { LoadedView } from '../components/loading';
import { StateTag } from '../components/state-tag';
import { TextForm } from '../components/text-form';
import { DateTime } from '../components/time';
import { useSession } from '../lib/session';
import { useApi } from '../lib/use-api';
import { ruleNames } from './committees';

/** A case paper (saksfremlegg): forslag til vedtak, vedtak, votes, inhabil declarations. */
export function CasePage() {
  const { id = '' } = useParams();
  const { roles } = useSession();
  const loaded = useApi(() => unwrap(api.GET('/cases/{id}', { params: { path: { id } } })), [id]);
  const votes = useApi(() => unwrap(api.GET('/cases/{id}/votes', { params: { path: { id } } })), [id]);
  const inhabil = useApi(() => unwrap(api.GET('/cases/{id}/inhabil', { params: { path: { id } } })), [id]);
  return (
    <LoadedView loaded={loaded}>
      {(c) => {
        const member = roles.includes(`committee:${c.committee}`);
        return (
          <>
            <Title>{`Sak ${c.ref} ${c.title}`}</Title>
            <dl className="facts">
              <dt>Utvalg</dt>
              <dd>{c.committee}</dd>
              <dt>Status</dt>
              <dd>
                <StateTag state={c.state} />
              </dd>
              <dt>Ansvarlig</dt>
              <dd>{c.responsible ?? '–'}</dd>
              <dt>Saksbehandler</dt>
              <dd>{c.caseOfficer ?? '–'}</dd>
              {c.meetingId && (
                <>
                  <dt>Møte</dt>
                  <dd>
                    <Link href={`/moter/${c.meetingId}`}>Til møtet</Link>
                  </dd>
                </>
              )}
            </dl>
            <section aria-labelledby="forslag">
              <Heading level={2} data-size="md" id="forslag">
                Forslag til vedtak
              </Heading>
              <Paragraph style={{ whiteSpace: 'pre-line' }}>{c.proposedResolution}</Paragraph>
            </section>
            {c.resolution && (
              <section aria-labelledby="vedtak">
                <Heading level={2} data-size="md" id="vedtak">
                  Vedtak
                </Heading>
                <Paragraph style={{ whiteSpace: 'pre-line' }}>{c.resolution}</Paragraph>
              </section>
            )}
            {c.inputs.length > 0 && (
              <section aria-labelledby="innspill">
                <Heading level={2} data-size="md" id="innspill">
                  Innspill
                </Heading>
                {c.inputs.map((input, i) => (
                  <Paragraph key={i}>{JSON.stringify(input)}</Paragraph>
                ))}
              </section>
            )}
            <section aria-labelledby="avstemninger">
              <Heading level={2} data-size="md" id="avstemninger">
                Avstemninger
              </Heading>
              <LoadedView loaded={votes}>
                {(list) =>
                  list.length === 0 ? (
                    <Paragraph>Ingen avstemning i saken.</Paragraph>
                  ) : (
                    <DataTable
                      caption={`Avstemninger i sak ${c.ref}`}
                      rows={list}
                      rowKey={(v) => v.id}
                      columns={[
                        {
                          header: 'Avstemning',
                          cell: (v) => (
                            <Link href={`/avstemninger/${v.id}`}>
                              {v.mode === 'written' ? 'Skriftlig avstemning' : 'Avstemning i møtet'}
                            </Link>
                          ),
                        },
                        { header: 'Regel', cell: (v) => ruleNames[v.rule] },
                        { header: 'Status', cell: (v) => <StateTag state={v.state} /> },
                        { header: 'Frist', cell: (v) => <DateTime value={v.deadline} /> },
                      ]}
                    />
                  )
                }
              </LoadedView>
            </section>
            <section aria-labelledby="inhabilitet">
              <Heading level={2} data-size="md" id="inhabilitet">
                Inhabilitet
              </Heading>
              <LoadedView loaded={inhabil}>
                {(list) => (
                  <>
                    {list.length === 0 ? (
                      <Paragraph>Ingen har erklært seg inhabil i saken.</Paragraph>
                    ) : (
                      <ul>
                        {list.map((d) => (
                          <li key={d.personId}>
                            {d.name}: {d.reason} (<DateTime value={d.declaredAt} />)
                          </li>
                        ))}
                      </ul>
                    )}
                    {member && <DeclareInhabil caseId={c.id} onDone={inhabil.reload} />}
                  </>
                )}
              </LoadedView>
            </section>
            <Paragraph>
              <Link href={`/prosesser/${c.instanceId}`}>Sakens historikk</Link>
            </Paragraph>
          </>
        );
      }}
    </LoadedView>
  );
}

/** Forvaltningsloven § 6: a member declares themself inhabil; they are left out of votes opened afterwards. */
function DeclareInhabil({ caseId, onDone }: { caseId: string; onDone: () => void }) {
  return (
    <TextForm
      label="Erklær deg inhabil"
      description="Forvaltningsloven § 6: for eksempel part i saken, nær familie, styremedlem, eller andre forhold som svekker tilliten. Du deltar da ikke i avstemningen."
      rows={3}
      fieldLabels={{ reason: 'Begrunnelse' }}
      submit="Erklær inhabilitet"
      button={{ variant: 'secondary' }}
      style={{ marginTop: 'var(--ds-size-4)' }}
      send={(reason) => unwrap(api.POST('/cases/{id}/inhabil', { params: { path: { id: caseId } }, body: { reason } }))}
      onDone={onDone}
    />
  );
}
