import {
  Button,
  Details,
  DetailsContent,
  DetailsSummary,
  Heading,
  Link,
  Paragraph,
} from '@digdir/designsystemet-react';
import { api, unwrap } from '../../api/client';
import { ProblemAlert } from '../../components/problem-alert';
import { TextForm } from '../../components/text-form';
import { Timeline } from '../../components/timeline';
import { DateTime } from '../../components/time';
import { relativeDays } from '../../lib/format';
import { can, useSession } from '../../lib/session';
import { useAction } from '../../lib/use-action';
import { useApi } from '../../lib/use-api';
import { CallText, applicationStateNames, grantEventNames } from './common';
import type { Application } from './model';

const letterKinds: Record<string, string> = {
  tilskuddsbrev: 'Tilskuddsbrev',
  avslag: 'Avslag',
  avvisning: 'Avvisning',
  klagevedtak: 'Klagevedtak',
};

/** The letters the applicant got (tilskuddsbrev, avslag, …), each with its text, and the PDFs as sent. */
export function Letters({ id, instanceId }: { id: string; instanceId: string }) {
  const loaded = useApi(() => unwrap(api.GET('/grant-applications/{id}/letters', { params: { path: { id } } })), [id]);
  const documents = useApi(
    () => unwrap(api.GET('/instances/{id}/letters', { params: { path: { id: instanceId } } })),
    [instanceId],
  );
  if (!loaded.data || loaded.data.length === 0) return null;
  return (
    <section aria-labelledby="brev" data-testid="letters">
      <Heading level={2} data-size="md" id="brev">
        Brev
      </Heading>
      {documents.data && documents.data.length > 0 && (
        <ul data-testid="letter-documents">
          {documents.data.map((d) => (
            <li key={d.id}>
              <Link href={`/api/letters/${d.id}/pdf`}>{d.subject} (PDF)</Link>, sendt{' '}
              {new Date(d.createdAt).toLocaleDateString('nb-NO')}
            </li>
          ))}
        </ul>
      )}
      {loaded.data.map((l) => (
        <Details key={l.id}>
          <DetailsSummary>
            {letterKinds[l.kind] ?? l.kind}: {l.subject} ({new Date(l.createdAt).toLocaleDateString('nb-NO')})
          </DetailsSummary>
          <DetailsContent>
            <Paragraph data-size="sm">
              Sendt <DateTime value={l.createdAt} /> til {l.recipient}
            </Paragraph>
            <CallText text={l.body} />
          </DetailsContent>
        </Details>
      ))}
    </section>
  );
}

/** The reports the grant asks for: due dates, the applicant's text, the secretariat's approval. */
export function Reports({ a, mine, onDone }: { a: Application; mine: boolean; onDone: () => void }) {
  const loaded = useApi(
    () => unwrap(api.GET('/grant-applications/{id}/reports', { params: { path: { id: a.id } } })),
    [a.id, a.updatedAt],
  );
  const { roles } = useSession();
  if (!loaded.data || loaded.data.length === 0) return null;
  return (
    <section aria-labelledby="rapporter">
      <Heading level={2} data-size="md" id="rapporter">
        Rapporter
      </Heading>
      {loaded.data.map((r) => (
        <div key={r.key} style={{ marginBottom: 'var(--ds-size-6)' }}>
          <Heading level={3} data-size="xs">
            {r.title}
          </Heading>
          <Paragraph>
            Frist <DateTime value={r.dueAt} /> ({relativeDays(r.dueAt)}).{' '}
            {r.accepted
              ? 'Godkjent av sekretariatet.'
              : r.submittedAt
                ? 'Sendt inn, venter på godkjenning.'
                : new Date(r.dueAt) < new Date()
                  ? 'Forfalt – ikke sendt inn.'
                  : 'Ikke sendt inn ennå.'}
          </Paragraph>
          {r.text && <CallText text={String(r.text)} />}
          {mine && !r.submittedAt && a.state === 'funded' && (
            <SubmitReport appId={a.id} reportKey={r.key} title={r.title} onDone={onDone} />
          )}
          {can.secretariat(roles) && r.submittedAt && !r.accepted && (
            <AcceptReport appId={a.id} reportKey={r.key} onDone={onDone} />
          )}
        </div>
      ))}
    </section>
  );
}

function AcceptReport({ appId, reportKey, onDone }: { appId: string; reportKey: string; onDone: () => void }) {
  const action = useAction(onDone);
  return (
    <>
      <ProblemAlert problem={action.problem} />
      <Button
        variant="secondary"
        disabled={action.busy}
        onClick={() =>
          void action.run(() =>
            unwrap(
              api.POST('/grant-applications/{id}/reports/{key}/accept', {
                params: { path: { id: appId, key: reportKey } },
              }),
            ),
          )
        }
      >
        Godkjenn rapporten
      </Button>
    </>
  );
}

function SubmitReport({
  appId,
  reportKey,
  title,
  onDone,
}: {
  appId: string;
  reportKey: string;
  title: string;
  onDone: () => void;
}) {
  return (
    <TextForm
      label={`${title} *`}
      rows={6}
      required="Rapporten må fylles ut"
      submit="Send rapporten"
      maxWidth="44rem"
      send={(text) =>
        unwrap(
          api.PUT('/grant-applications/{id}/reports/{key}', {
            params: { path: { id: appId, key: reportKey } },
            body: { text },
          }),
        )
      }
      onDone={onDone}
    />
  );
}

/** The status timeline: the process' journal, oldest first. */
export function History({ a }: { a: Application }) {
  const history = useApi(
    () => unwrap(api.GET('/grant-applications/{id}/history', { params: { path: { id: a.id } } })),
    [a.id, a.updatedAt],
  );
  if (!history.data) return null;
  return (
    <section aria-labelledby="historikk">
      <Heading level={2} data-size="md" id="historikk">
        Historikk
      </Heading>
      <Timeline
        entries={history.data}
        describe={(e) => (
          <>
            <strong>{grantEventNames[e.event] ?? e.event}</strong>
            {e.fromState !== e.toState && applicationStateNames[e.toState]
              ? ` – ${applicationStateNames[e.toState]}`
              : ''}
          </>
        )}
      />
    </section>
  );
}
