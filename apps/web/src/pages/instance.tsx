import { Heading, Link, Paragraph } from '@digdir/designsystemet-react';
import { useParams } from 'react-router';
import { api, unwrap } from '../api/client';
import { stateName } from '../api/problem';
import { DataTable } from '../components/data-table';
import { Title } from '../components/guards';
import { LoadedView } from '../components/loading';
import { StateTag } from '../components/state-tag';
import { Timeline } from '../components/timeline';
import { DateTime } from '../components/time';
import { can, useSession } from '../lib/session';
import { useApi } from '../lib/use-api';

/** Norwegian names of the events in the journal; unknown ones are shown as they are. */
export const eventNames: Record<string, string> = {
  'workflow.started': 'Startet',
  'assignment.delivered': 'Levert',
  'assignment.accepted': 'Godkjent',
  'assignment.returned': 'Sendt tilbake',
  'assignment.rescheduled': 'Ny frist',
  'assignment.cancelled': 'Avlyst',
  'deadline.passed': 'Fristen gikk ut',
  'agenda.published': 'Sakliste publisert',
  'notice.due': 'Innkalling sendt',
  'meeting.held': 'Møtet holdt',
  'minutes.approved': 'Referat godkjent',
  'meeting.cancelled': 'Møtet avlyst',
  'case.scheduled': 'Satt på sakliste',
  'case.postponed': 'Utsatt',
  'case.decided': 'Vedtatt',
  'case.withdrawn': 'Trukket',
  'vote.cast': 'Stemme avgitt',
  'vote.closed': 'Avstemningen avsluttet',
  'vote.cancelled': 'Avstemningen avlyst',
};

const workflowNames: Record<string, string> = {
  assignment: 'Oppdrag',
  meeting: 'Møte',
  case: 'Sak',
  vote: 'Avstemning',
};

/** A process instance: where it stands, its pending deadlines, and its history as a timeline. */
export function InstancePage() {
  const { id = '' } = useParams();
  const { roles } = useSession();
  const instance = useApi(() => unwrap(api.GET('/instances/{id}', { params: { path: { id } } })), [id]);
  const history = useApi(() => unwrap(api.GET('/instances/{id}/history', { params: { path: { id } } })), [id]);
  return (
    <LoadedView loaded={instance}>
      {(i) => {
        const context = i.context as { title?: string; caseRef?: string; case?: { ref?: string; title?: string } };
        const title = context.title ?? context.case?.title ?? workflowNames[i.workflow] ?? i.workflow;
        const pending = i.timers.filter((t) => t.status === 'pending');
        return (
          <>
            <Title>{`${workflowNames[i.workflow] ?? i.workflow}: ${title}`}</Title>
            <dl className="facts">
              <dt>Status</dt>
              <dd>
                <StateTag state={i.state} />
              </dd>
              {(context.caseRef ?? context.case?.ref) && (
                <>
                  <dt>Sak</dt>
                  <dd>{context.caseRef ?? context.case?.ref}</dd>
                </>
              )}
              <dt>Opprettet</dt>
              <dd>
                <DateTime value={i.createdAt} />
              </dd>
              <dt>Sist endret</dt>
              <dd>
                <DateTime value={i.updatedAt} />
              </dd>
            </dl>
            {pending.length > 0 && (
              <section aria-labelledby="frister">
                <Heading level={2} data-size="md" id="frister">
                  Kommende frister og påminnelser
                </Heading>
                <DataTable
                  caption="Tidspunkter systemet handler av seg selv"
                  rows={pending}
                  rowKey={(t) => t.id}
                  columns={[
                    {
                      header: 'Hva',
                      cell: (t) =>
                        t.name === 'deadline' ? 'Frist' : t.name.startsWith('reminder') ? 'Påminnelse' : t.name,
                    },
                    { header: 'Når', cell: (t) => <DateTime value={t.dueAt} /> },
                  ]}
                />
              </section>
            )}
            <section aria-labelledby="historikk">
              <Heading level={2} data-size="md" id="historikk">
                Historikk
              </Heading>
              <LoadedView loaded={history}>
                {(entries) => (
                  <Timeline
                    entries={entries}
                    describe={(e) => (
                      <>
                        <strong>{eventNames[e.event] ?? e.event}</strong>
                        {e.fromState && e.fromState !== e.toState
                          ? ` – fra «${stateName(e.fromState)}» til «${stateName(e.toState)}»`
                          : ` – «${stateName(e.toState)}»`}
                      </>
                    )}
                  />
                )}
              </LoadedView>
            </section>
            {can.secretariat(roles) && (
              <Paragraph>
                <Link href={`/sekretariat/utsendelser?instanceId=${i.id}`}>E-post sendt i denne prosessen</Link>
              </Paragraph>
            )}
          </>
        );
      }}
    </LoadedView>
  );
}
