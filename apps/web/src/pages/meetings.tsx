import {
  Button,
  Heading,
  Link,
  Paragraph,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeaderCell,
  TableRow,
  Textfield,
} from '@digdir/designsystemet-react';
import { useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api, idempotencyKey, unwrap } from '../api/client';
import { ApiProblem, type Problem } from '../api/problem';
import { Title } from '../components/guards';
import { LoadedView } from '../components/loading';
import { ProblemAlert } from '../components/problem-alert';
import { problemFieldErrors } from '../components/schema-form';
import { StateTag } from '../components/state-tag';
import { DateTime } from '../components/time';
import { formatDate, formatTime } from '../lib/format';
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
              <div className="table-wrap">
                <Table>
                  <caption>Saker og punkter i rekkefølge</caption>
                  <TableHead>
                    <TableRow>
                      <TableHeaderCell>Tid</TableHeaderCell>
                      <TableHeaderCell>Sak</TableHeaderCell>
                      <TableHeaderCell>Tittel</TableHeaderCell>
                      <TableHeaderCell>Ansvarlig</TableHeaderCell>
                      <TableHeaderCell>Utfall</TableHeaderCell>
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {m.agenda.map((item) => (
                      <TableRow key={item.id}>
                        <TableCell>{item.startsAt ? item.startsAt.slice(0, 5).replace(':', '.') : '–'}</TableCell>
                        <TableCell>{item.caseRef ?? (item.kind === 'break' ? 'Pause' : '–')}</TableCell>
                        <TableCell>
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
                        </TableCell>
                        <TableCell>{item.responsible ?? '–'}</TableCell>
                        <TableCell>{item.outcome ? (outcomes[item.outcome] ?? item.outcome) : '–'}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </div>
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
            <div className="table-wrap">
              <Table zebra>
                <caption>{m.invited.length} innkalte</caption>
                <TableHead>
                  <TableRow>
                    <TableHeaderCell>Navn</TableHeaderCell>
                    <TableHeaderCell>Svar / oppmøte</TableHeaderCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {m.invited.map((p) => {
                    const a = m.attendance.find((x) => x.personId === p.personId);
                    return (
                      <TableRow key={p.personId}>
                        <TableCell>{p.name}</TableCell>
                        <TableCell>{a ? attendanceNames[a.status] : 'Ikke svart'}</TableCell>
                      </TableRow>
                    );
                  })}
                </TableBody>
              </Table>
            </div>
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
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);
  const [key] = useState(idempotencyKey);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const at = (d: string, t: string) => (d && t ? `${d}T${t}:00${osloOffset(d)}` : '');
    setBusy(true);
    try {
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
    } catch (error) {
      if (error instanceof ApiProblem) setProblem(error.problem);
    } finally {
      setBusy(false);
    }
  };
  const errors = problemFieldErrors(problem?.errors, '');
  return (
    <>
      <Title>{`Nytt møte i ${code}`}</Title>
      {problem && (
        <ProblemAlert problem={problem} fieldLabels={{ startsAt: 'Start', endsAt: 'Slutt', place: 'Sted' }} />
      )}
      <form onSubmit={submit} style={{ display: 'grid', gap: 'var(--ds-size-5)', maxWidth: '30rem' }} noValidate>
        <Textfield name="date" type="date" label="Dato" required error={errors.startsAt} />
        <Textfield name="start" type="time" label="Starter" defaultValue="09:00" required />
        <Textfield name="end" type="time" label="Slutter" defaultValue="13:00" required error={errors.endsAt} />
        <Textfield name="place" label="Sted" description="Rom, adresse eller «Teams»" required error={errors.place} />
        <div>
          <Button type="submit" disabled={busy}>
            Planlegg møtet
          </Button>
        </div>
      </form>
    </>
  );
}

/** The UTC offset of Oslo on a date (+01:00 or +02:00), so a time typed in Norway means Norwegian time. */
function osloOffset(date: string): string {
  const noon = new Date(`${date}T12:00:00Z`);
  if (Number.isNaN(noon.getTime())) return '';
  const oslo = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Oslo', hour: 'numeric', hourCycle: 'h23' }).format(
    noon,
  );
  const hours = Number(oslo) - 12;
  return `+${String(hours).padStart(2, '0')}:00`;
}
