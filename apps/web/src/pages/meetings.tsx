import { Button, Heading, Link, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api, idempotencyKey, unwrap } from '../api/client';
import { problemFieldErrors } from '../api/problem';
import { DataTable } from '../components/data-table';
import { Title } from '../components/guards';
import { LoadedView } from '../components/loading';
import { ProblemAlert } from '../components/problem-alert';
import { StateTag } from '../components/state-tag';
import { DateTime } from '../components/time';
import { formatDate, formatTime, osloInstant } from '../lib/format';
import { useAction } from '../lib/use-action';
import { useApi } from '../lib/use-api';

const attendanceNames: Record<string, string> = { present: 'Møtte', remote: 'Møtte på Teams', absent: 'Forfall' };
const outcomes: Record<string, string> = {
  scheduled: 'på sakliste',
  postponed: 'utsatt',
  decided: 'vedtatt',
  withdrawn: 'trukket',
};

export function MeetingPage() {
  const { id = '' } = useParams();
  const loaded = useApi(() => unwrap(api.GET('/meetings/{id}', { params: { path: { id } } })), [id]);
  return (
    <LoadedView loaded={loaded}>
      {(m) => (
        <>
          <Title>{`Møte i ${m.committee} ${formatDate(m.startsAt)}`}</Title>
          <dl className="facts">
            <dt>Tid</dt>
            <dd>
              <DateTime value={m.startsAt} />–{formatTime(m.endsAt).replace('kl. ', '')}
            </dd>
            <dt>Sted</dt>
            <dd>{m.place}</dd>
            <dt>Status</dt>
            <dd>
              <StateTag state={m.state} />
            </dd>
            <dt>Møteleder</dt>
            <dd>{m.chair?.name ?? '–'}</dd>
            <dt>Referent</dt>
            <dd>{m.minuteTaker?.name ?? '–'}</dd>
          </dl>
          <section aria-labelledby="sakliste">
            <Heading level={2} data-size="md" id="sakliste">
              Sakliste
            </Heading>
            {m.agenda.length === 0 ? (
              <Paragraph>Saklisten er ikke satt opp ennå.</Paragraph>
            ) : (
              <DataTable
                caption="Saker og punkter i rekkefølge"
                rows={m.agenda}
                rowKey={(item) => item.id}
                columns={[
                  {
                    header: 'Tid',
                    cell: (item) => (item.startsAt ? item.startsAt.slice(0, 5).replace(':', '.') : '–'),
                  },
                  { header: 'Sak', cell: (item) => item.caseRef ?? (item.kind === 'break' ? 'Pause' : '–') },
                  {
                    header: 'Tittel',
                    cell: (item) => (
                      <>
                        {item.caseId ? <Link href={`/saker/${item.caseId}`}>{item.title}</Link> : item.title}
                        {item.caseHistory.length > 1 && (
                          <Paragraph data-size="xs">
                            Behandlet før:{' '}
                            {item.caseHistory
                              .filter((h) => h.meetingId !== m.id)
                              .map((h) => `${formatDate(h.startsAt)} (${outcomes[h.outcome] ?? h.outcome})`)
                              .join(', ')}
                          </Paragraph>
                        )}
                      </>
                    ),
                  },
                  { header: 'Ansvarlig', cell: (item) => item.responsible ?? '–' },
                  { header: 'Utfall', cell: (item) => (item.outcome ? (outcomes[item.outcome] ?? item.outcome) : '–') },
                ]}
              />
            )}
            {(m.state === 'held' || m.state === 'approved') && (
              <Paragraph>
                <Link href={`/api/meetings/${m.id}/minutes.pdf`}>Referat (PDF)</Link>
              </Paragraph>
            )}
          </section>
          <section aria-labelledby="oppmote">
            <Heading level={2} data-size="md" id="oppmote">
              Innkalte og oppmøte
            </Heading>
            <DataTable
              zebra
              caption={`${m.invited.length} innkalte`}
              rows={m.invited}
              rowKey={(p) => p.personId}
              columns={[
                { header: 'Navn', cell: (p) => p.name },
                {
                  header: 'Svar / oppmøte',
                  cell: (p) => {
                    const a = m.attendance.find((x) => x.personId === p.personId);
                    return a ? attendanceNames[a.status] : 'Ikke svart';
                  },
                },
              ]}
            />
          </section>
          <Paragraph>
            <Link href={`/prosesser/${m.instanceId}`}>Møtets historikk</Link>
          </Paragraph>
        </>
      )}
    </LoadedView>
  );
}

/** The secretariat plans a meeting; the innkalling goes out the committee's notice days before. */
export function NewMeetingPage() {
  const { code = '' } = useParams();
  const navigate = useNavigate();
  const action = useAction();
  const [key] = useState(idempotencyKey);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const at = (d: string, t: string) => (d && t ? osloInstant(`${d}T${t}`) : '');
    void action.run(async () => {
      const meeting = await unwrap(
        api.POST('/committees/{code}/meetings', {
          params: { path: { code }, header: { 'Idempotency-Key': key } },
          body: {
            startsAt: at(String(form.get('date')), String(form.get('start'))),
            endsAt: at(String(form.get('date')), String(form.get('end'))),
            place: String(form.get('place')),
          },
        }),
      );
      navigate(`/moter/${meeting.id}`);
    });
  };
  const errors = problemFieldErrors(action.problem?.errors, '');
  return (
    <>
      <Title>{`Nytt møte i ${code}`}</Title>
      <ProblemAlert problem={action.problem} fieldLabels={{ startsAt: 'Start', endsAt: 'Slutt', place: 'Sted' }} />
      <form onSubmit={submit} style={{ display: 'grid', gap: 'var(--ds-size-5)', maxWidth: '30rem' }} noValidate>
        <Textfield name="date" type="date" label="Dato" required error={errors.startsAt} />
        <Textfield name="start" type="time" label="Starter" defaultValue="09:00" required />
        <Textfield name="end" type="time" label="Slutter" defaultValue="13:00" required error={errors.endsAt} />
        <Textfield name="place" label="Sted" description="Rom, adresse eller «Teams»" required error={errors.place} />
        <div>
          <Button type="submit" disabled={action.busy}>
            Planlegg møtet
          </Button>
        </div>
      </form>
    </>
  );
}
