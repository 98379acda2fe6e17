import {
  Alert,
  Button,
  Details,
  DetailsContent,
  DetailsSummary,
  Field,
  Heading,
  Label,
  Link,
  ListItem,
  ListOrdered,
  Paragraph,
  Select,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeaderCell,
  TableRow,
  Textfield,
} from '@digdir/designsystemet-react';
import { useState, type FormEvent } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { api, idempotencyKey, unwrap, type Schemas } from '../../api/client';
import { ApiProblem, toProblem, type Problem } from '../../api/problem';
import { FilePicker } from '../../components/file-picker';
import { Title } from '../../components/guards';
import { LoadedView } from '../../components/loading';
import { Pager } from '../../components/pager';
import { ProblemAlert } from '../../components/problem-alert';
import { StateTag } from '../../components/state-tag';
import { DateTime } from '../../components/time';
import { formatDateTime, relativeDays } from '../../lib/format';
import { can, useSession } from '../../lib/session';
import { useApi } from '../../lib/use-api';
import { AnswerView, AttachmentList, DeadlineWarnings, HearingStateTag, ProposalText } from './labels';

type Hearing = Schemas['HearingDto'];

/** Runs one change and reports its problem+json; `done` reloads the view. */
function useAction(done: () => void) {
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);
  const run = async (call: () => Promise<unknown>) => {
    setBusy(true);
    setProblem(undefined);
    try {
      await call();
      done();
      return true;
    } catch (err) {
      if (err instanceof ApiProblem) setProblem(err.problem);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { problem, busy, run };
}

/**
 * A hearing as the secretariat handles it (set-up, sending, answers, non-responders, extensions, the sammendrag,
 * exports, presenting it as a case) and as members of the owning committee read it (no actions).
 */
export function HearingCasePage() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const { roles } = useSession();
  const secretariat = can.secretariat(roles);
  const loaded = useApi(() => unwrap(api.GET('/hearings/{id}', { params: { path: { id } } })), [id]);
  const action = useAction(loaded.reload);
  return (
    <LoadedView loaded={loaded}>
      {(h) => {
        const allowed = (event: string) => secretariat && h.allowedEvents.includes(event);
        return (
          <>
            <Title>{`Høring: ${h.title}`}</Title>
            {params.get('ny') && h.state === 'draft' && (
              <Alert data-color="success" data-testid="draft-saved">
                <Paragraph>Høringen er lagret som utkast. Se over og send den når den er klar.</Paragraph>
              </Alert>
            )}
            <dl className="facts">
              <dt>Status</dt>
              <dd data-testid="hearing-state">
                <HearingStateTag state={h.state} />
              </dd>
              <dt>Utvalg</dt>
              <dd>{h.committee.name}</dd>
              {h.origin && (
                <>
                  <dt>Bakgrunn</dt>
                  <dd>{h.origin}</dd>
                </>
              )}
              <dt>Høringsfrist</dt>
              <dd>
                <DateTime value={h.deadline} />
                {h.deadline && h.state === 'open' && ` (${relativeDays(h.deadline)})`}
              </dd>
              <dt>Sendt</dt>
              <dd>
                <DateTime value={h.sentAt} />
              </dd>
              <dt>Svar</dt>
              <dd data-testid="hearing-counts">
                {h.counts.answered} av {h.counts.recipients} høringsinstanser har svart ({h.counts.answers}{' '}
                {h.counts.answers === 1 ? 'svar' : 'svar'}
                {h.counts.late > 0 && `, ${h.counts.late} for sent`})
              </dd>
              {h.case && (
                <>
                  <dt>Sak</dt>
                  <dd>
                    <Link href={`/saker/${h.case.id}`}>Sak {h.case.ref}</Link>
                  </dd>
                </>
              )}
            </dl>
            {h.withdrawnReason && (
              <Alert data-color="warning">
                <Paragraph>Høringen er trukket: {h.withdrawnReason}</Paragraph>
              </Alert>
            )}
            {(h.state === 'draft' || h.state === 'open') && <DeadlineWarnings warnings={h.warnings} />}
            {action.problem && <ProblemAlert problem={action.problem} />}
            {secretariat && h.state !== 'draft' && (
              <Paragraph>
                <Link href={`/horinger/${h.id}`}>Se den offentlige siden</Link> ·{' '}
                <Link href={`/prosesser/${h.instanceId}`}>Historikk</Link>
              </Paragraph>
            )}
            {allowed('hearing.sent') && (
              <section aria-labelledby="send" className="panel">
                <Heading level={2} data-size="sm" id="send">
                  Send høringen
                </Heading>
                <Paragraph>
                  Kontaktpersonene hos de {h.recipients.length} høringsinstansene får høringsnotatet og en personlig
                  lenke til svarsiden. Påminnelser går av seg selv før fristen til dem som ikke har svart.
                </Paragraph>
                <Button
                  disabled={action.busy}
                  onClick={() =>
                    void action.run(() =>
                      unwrap(
                        api.POST('/hearings/{id}/send', {
                          params: { path: { id: h.id }, header: { 'Idempotency-Key': idempotencyKey() } },
                        }),
                      ),
                    )
                  }
                >
                  Send høringen
                </Button>
              </section>
            )}
            {secretariat && h.state === 'draft' && <UploadAttachment hearing={h} onDone={loaded.reload} />}
            <section aria-labelledby="notat">
              <Heading level={2} data-size="md" id="notat">
                Høringsnotat
              </Heading>
              <ProposalText text={h.proposal} />
              <Heading level={3} data-size="xs">
                Spørsmål
              </Heading>
              <ListOrdered>
                {h.questions.map((q) => (
                  <ListItem key={q.id}>{q.text}</ListItem>
                ))}
              </ListOrdered>
              <Heading level={3} data-size="xs">
                Vedlegg
              </Heading>
              <AttachmentList attachments={h.attachments} href={(a) => `/api/hearings/${h.id}/attachments/${a.id}`} />
            </section>
            <Recipients hearing={h} secretariat={secretariat} onDone={loaded.reload} />
            {secretariat && ['open', 'closed', 'summary'].includes(h.state) && (
              <RegisterAnswer hearing={h} onDone={loaded.reload} />
            )}
            {(allowed('lateAnswers.closed') || allowed('lateAnswers.reopened')) && (
              <LateAnswers hearing={h} onDone={loaded.reload} />
            )}
            {h.state !== 'draft' && (
              <Answers
                hearing={h}
                mayWithhold={allowed('answer.withheld')}
                mayRelease={allowed('answer.released')}
                onDone={loaded.reload}
              />
            )}
            {h.state !== 'draft' && h.state !== 'open' && (
              <Summary hearing={h} secretariat={secretariat} onDone={loaded.reload} />
            )}
            {allowed('summary.started') && (
              <section aria-labelledby="start" className="panel">
                <Heading level={2} data-size="sm" id="start">
                  Sammendrag
                </Heading>
                <Paragraph>Start arbeidet med sammendraget. Du skriver et sammendrag per spørsmål.</Paragraph>
                <Button
                  disabled={action.busy}
                  onClick={() =>
                    void action.run(() =>
                      unwrap(api.POST('/hearings/{id}/summary/start', { params: { path: { id: h.id } } })),
                    )
                  }
                >
                  Start sammendraget
                </Button>
              </section>
            )}
            {allowed('hearing.presented') && <Present hearing={h} onDone={loaded.reload} />}
            {allowed('hearing.concluded') && <Conclude hearing={h} onDone={loaded.reload} />}
            {h.conclusion && (
              <Alert data-color="success" data-testid="conclusion">
                <Paragraph>Høringen er avsluttet: {h.conclusion}</Paragraph>
              </Alert>
            )}
            {allowed('hearing.withdrawn') && <Withdraw hearing={h} onDone={loaded.reload} />}
          </>
        );
      }}
    </LoadedView>
  );
}

function UploadAttachment({ hearing, onDone }: { hearing: Hearing; onDone: () => void }) {
  const action = useAction(onDone);
  const upload = (file: File) =>
    action.run(async () => {
      const form = new FormData();
      form.append('file', file);
      const res = await fetch(`/api/hearings/${hearing.id}/attachments`, { method: 'POST', body: form });
      if (!res.ok) {
        throw new ApiProblem(toProblem(await res.json().catch(() => ({})), res.status));
      }
    });
  return (
    <section aria-labelledby="last-opp" className="panel">
      <Heading level={2} data-size="sm" id="last-opp">
        Legg ved filer
      </Heading>
      {action.problem && <ProblemAlert problem={action.problem} />}
      <Label htmlFor="proposal-file" id="proposal-file-label">
        Fil til høringsnotatet (høyst 20 MB)
      </Label>
      <FilePicker
        id="proposal-file"
        labelId="proposal-file-label"
        disabled={action.busy}
        onChange={(e) => {
          const f = e.target.files?.[0];
          if (f) void upload(f);
          e.target.value = '';
        }}
      />
    </section>
  );
}

function Recipients({
  hearing: h,
  secretariat,
  onDone,
}: {
  hearing: Hearing;
  secretariat: boolean;
  onDone: () => void;
}) {
  const [extending, setExtending] = useState<string>();
  const notAnswered = h.recipients.filter((r) => !r.answerId);
  return (
    <section aria-labelledby="mottakere">
      <Heading level={2} data-size="md" id="mottakere">
        Høringsinstanser
      </Heading>
      {h.state !== 'draft' && (
        <Paragraph data-testid="not-answered">
          {notAnswered.length === 0 ? 'Alle har svart.' : `Ikke svart: ${notAnswered.map((r) => r.name).join(', ')}.`}
        </Paragraph>
      )}
      <div className="table-wrap">
        <Table zebra>
          <caption>Høringsinstanser, frister og svar</caption>
          <TableHead>
            <TableRow>
              <TableHeaderCell>Høringsinstans</TableHeaderCell>
              {secretariat && <TableHeaderCell>Kontaktpersoner</TableHeaderCell>}
              <TableHeaderCell>Frist</TableHeaderCell>
              <TableHeaderCell>Svar</TableHeaderCell>
              {secretariat && h.state === 'open' && <TableHeaderCell>Utsatt frist</TableHeaderCell>}
            </TableRow>
          </TableHead>
          <TableBody>
            {h.recipients.map((r) => (
              <TableRow key={r.organisationId}>
                <TableCell>{r.name}</TableCell>
                {secretariat && (
                  <TableCell>{r.contacts.map((c) => `${c.name} <${c.email}>`).join(', ') || '–'}</TableCell>
                )}
                <TableCell>
                  <DateTime value={r.deadline} dateOnly />
                  {r.extension && (
                    <>
                      <br />
                      <span style={{ fontSize: '0.875em' }}>Utsatt: {r.extension.reason}</span>
                    </>
                  )}
                </TableCell>
                <TableCell>
                  {r.answerId ? (
                    <StateTag
                      state={r.late ? 'overdue' : 'accepted'}
                      label={`${r.joint ? 'Felles svar' : 'Har svart'}${r.late ? ', for sent' : ''}`}
                    />
                  ) : (
                    <StateTag state="pending" label="Ikke svart" />
                  )}
                </TableCell>
                {secretariat && h.state === 'open' && (
                  <TableCell>
                    {!r.answerId && (
                      <Button
                        variant="tertiary"
                        data-size="sm"
                        onClick={() => setExtending(r.organisationId)}
                        aria-label={`Gi utsatt frist til ${r.name}`}
                      >
                        Gi utsatt frist
                      </Button>
                    )}
                  </TableCell>
                )}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      {extending && (
        <Extension
          hearing={h}
          recipient={h.recipients.find((r) => r.organisationId === extending)!}
          onDone={() => {
            setExtending(undefined);
            onDone();
          }}
        />
      )}
    </section>
  );
}

function Extension({
  hearing,
  recipient,
  onDone,
}: {
  hearing: Hearing;
  recipient: Schemas['HearingRecipientDto'];
  onDone: () => void;
}) {
  const [deadline, setDeadline] = useState('');
  const [reason, setReason] = useState('');
  const [key] = useState(idempotencyKey);
  const action = useAction(onDone);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void action.run(() =>
      unwrap(
        api.POST('/hearings/{id}/recipients/{organisationId}/extension', {
          params: {
            path: { id: hearing.id, organisationId: recipient.organisationId },
            header: { 'Idempotency-Key': key },
          },
          body: { deadline, reason },
        }),
      ),
    );
  };
  return (
    <form
      onSubmit={submit}
      noValidate
      className="panel"
      style={{ display: 'grid', gap: 'var(--ds-size-4)', maxWidth: '40rem' }}
    >
      <Heading level={3} data-size="xs">
        Utsatt frist for {recipient.name}
      </Heading>
      {action.problem && (
        <ProblemAlert problem={action.problem} fieldLabels={{ deadline: 'Ny frist', reason: 'Begrunnelse' }} />
      )}
      <Textfield type="date" label="Ny frist" value={deadline} onChange={(e) => setDeadline(e.target.value)} />
      <Textfield label="Begrunnelse" value={reason} onChange={(e) => setReason(e.target.value)} />
      <div>
        <Button type="submit" disabled={action.busy}>
          Gi utsatt frist
        </Button>
      </div>
    </form>
  );
}

function Answers({
  hearing: h,
  mayWithhold,
  mayRelease,
  onDone,
}: {
  hearing: Hearing;
  mayWithhold: boolean;
  mayRelease: boolean;
  onDone: () => void;
}) {
  const [page, setPage] = useState(1);
  const loaded = useApi(
    () => unwrap(api.GET('/hearings/{id}/answers', { params: { path: { id: h.id }, query: { page, pageSize: 10 } } })),
    [h.id, page, h.revision],
  );
  return (
    <section aria-labelledby="svar">
      <Heading level={2} data-size="md" id="svar">
        Høringssvar
      </Heading>
      <LoadedView loaded={loaded}>
        {(data) =>
          data.total === 0 ? (
            <Paragraph>Ingen har svart ennå.</Paragraph>
          ) : (
            <>
              <div style={{ display: 'grid', gap: 'var(--ds-size-6)' }} data-testid="answers">
                {data.items.map((a) => (
                  <div key={a.id} data-testid="answer-item">
                    <AnswerView
                      answer={{ ...a, withheldReason: null }}
                      questions={h.questions}
                      attachmentHref={(f) => `/api/hearings/${h.id}/attachments/${f.id}`}
                    />
                    <Paragraph data-size="sm">
                      Versjon {a.version}, sist endret <DateTime value={a.updatedAt} />
                      {a.withheldReason && ` · Ikke offentliggjort: ${a.withheldReason}`}
                    </Paragraph>
                    {a.withheldReason
                      ? mayRelease && <Release hearing={h} answer={a} onDone={onDone} />
                      : mayWithhold && <Withhold hearing={h} answer={a} onDone={onDone} />}
                  </div>
                ))}
              </div>
              <Pager
                page={data.page}
                pageSize={data.pageSize}
                total={data.total}
                onChange={setPage}
                label="Sider med svar"
              />
            </>
          )
        }
      </LoadedView>
    </section>
  );
}

function Summary({ hearing: h, secretariat, onDone }: { hearing: Hearing; secretariat: boolean; onDone: () => void }) {
  const loaded = useApi(
    () => unwrap(api.GET('/hearings/{id}/summary', { params: { path: { id: h.id } } })),
    [h.id, h.revision],
  );
  const editable = secretariat && h.state === 'summary';
  return (
    <section aria-labelledby="sammendrag">
      <Heading level={2} data-size="md" id="sammendrag">
        Sammendrag av høringssvarene
      </Heading>
      <Paragraph>
        Last ned: <Link href={`/api/hearings/${h.id}/summary.pdf`}>PDF</Link> ·{' '}
        <Link href={`/api/hearings/${h.id}/summary.md`}>Markdown</Link> ·{' '}
        <Link href={`/api/hearings/${h.id}/summary.csv`}>CSV (regneark)</Link>
      </Paragraph>
      <LoadedView loaded={loaded}>
        {(s) => (
          <>
            <Paragraph data-testid="summary-counts">
              {s.counts.answered} av {s.counts.recipients} høringsinstanser svarte, i {s.counts.answers} svar (
              {s.counts.jointAnswers} felles){s.counts.late > 0 && `, ${s.counts.late} for sent`}
              {s.counts.withheld > 0 && `, ${s.counts.withheld} ikke offentliggjort`}.
            </Paragraph>
            {s.notAnswered.length > 0 && (
              <Paragraph>Svarte ikke: {s.notAnswered.map((n) => n.name).join(', ')}.</Paragraph>
            )}
            {s.questions.map((q) => (
              <div key={q.id} className="panel">
                <Heading level={3} data-size="xs">
                  {q.text}
                </Heading>
                {editable ? (
                  <SummaryText hearingId={h.id} question={q} onDone={onDone} />
                ) : (
                  <Paragraph style={{ whiteSpace: 'pre-line' }}>
                    {q.summary || 'Sammendraget er ikke skrevet ennå.'}
                  </Paragraph>
                )}
                <Details>
                  <DetailsSummary>Svarene på spørsmålet ({q.answers.length})</DetailsSummary>
                  <DetailsContent>
                    {q.answers.map((a) => (
                      <Paragraph key={a.answerId} data-size="sm">
                        <strong>{a.by}</strong>
                        {a.late && ' (for sent)'}: {a.withheld ? <em>ikke offentliggjort</em> : a.text}
                      </Paragraph>
                    ))}
                  </DetailsContent>
                </Details>
              </div>
            ))}
          </>
        )}
      </LoadedView>
    </section>
  );
}

function SummaryText({
  hearingId,
  question,
  onDone,
}: {
  hearingId: string;
  question: Schemas['SummaryQuestionDto'];
  onDone: () => void;
}) {
  const questionId = question.id;
  const [text, setText] = useState(question.summary ?? '');
  const [saved, setSaved] = useState(false);
  const action = useAction(() => {
    setSaved(true);
    onDone();
  });
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void action.run(() =>
          unwrap(
            api.PUT('/hearings/{id}/summary/texts/{questionId}', {
              params: { path: { id: hearingId, questionId } },
              body: { text },
            }),
          ),
        );
      }}
    >
      {action.problem && <ProblemAlert problem={action.problem} />}
      <Textfield
        multiline
        rows={4}
        label={`Sammendrag: ${question.text}`}
        value={text}
        onChange={(e) => (setText(e.target.value), setSaved(false))}
      />
      <Button type="submit" variant="secondary" data-size="sm" disabled={action.busy}>
        Lagre sammendraget av «{question.text}»
      </Button>
      {saved && <Paragraph data-size="sm">Lagret.</Paragraph>}
    </form>
  );
}

function Present({ hearing: h, onDone }: { hearing: Hearing; onDone: () => void }) {
  const meetings = useApi(
    () => unwrap(api.GET('/committees/{code}/meetings', { params: { path: { code: h.committee.code } } })),
    [h.committee.code],
  );
  const [meetingId, setMeetingId] = useState('');
  const action = useAction(onDone);
  return (
    <section aria-labelledby="legg-fram" className="panel">
      <Heading level={2} data-size="sm" id="legg-fram">
        Legg fram for {h.committee.name}
      </Heading>
      <Paragraph>Sammendraget blir en sak på sakskartet, og kan ikke endres etterpå.</Paragraph>
      {action.problem && <ProblemAlert problem={action.problem} />}
      <Field>
        <Label>Møte</Label>
        <Select value={meetingId} onChange={(e) => setMeetingId(e.target.value)}>
          <option value="">Uten møte (sak uten møtedato)</option>
          {(meetings.data ?? [])
            .filter((m) => m.state !== 'cancelled' && m.state !== 'held' && m.state !== 'approved')
            .map((m) => (
              <option key={m.id} value={m.id}>
                {formatDateTime(m.startsAt)} – {m.place}
              </option>
            ))}
        </Select>
      </Field>
      <Button
        disabled={action.busy}
        onClick={() =>
          void action.run(() =>
            unwrap(
              api.POST('/hearings/{id}/present', {
                params: { path: { id: h.id } },
                body: meetingId ? { meetingId } : {},
              }),
            ),
          )
        }
      >
        Legg fram som sak
      </Button>
    </section>
  );
}

function Withdraw({ hearing: h, onDone }: { hearing: Hearing; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const action = useAction(onDone);
  return (
    <Details>
      <DetailsSummary>Trekk høringen</DetailsSummary>
      <DetailsContent>
        {action.problem && <ProblemAlert problem={action.problem} fieldLabels={{ reason: 'Begrunnelse' }} />}
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void action.run(() =>
              unwrap(api.POST('/hearings/{id}/withdraw', { params: { path: { id: h.id } }, body: { reason } })),
            );
          }}
        >
          <Textfield label="Begrunnelse" value={reason} onChange={(e) => setReason(e.target.value)} />
          <Paragraph data-size="sm">
            {h.state === 'draft' ? 'Utkastet forkastes.' : 'Høringsinstansene får beskjed om at høringen er trukket.'}
          </Paragraph>
          <Button type="submit" data-color="danger" variant="secondary" disabled={action.busy}>
            Trekk høringen
          </Button>
        </form>
      </DetailsContent>
    </Details>
  );
}

type Answer = Schemas['AnswerDto'];

/** Withhold an answer from publication (unntatt offentlighet), with the reason the public page shows. */
function Withhold({ hearing: h, answer: a, onDone }: { hearing: Hearing; answer: Answer; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const action = useAction(onDone);
  return (
    <Details>
      <DetailsSummary>Ikke offentliggjør svaret fra {a.organisation.name}</DetailsSummary>
      <DetailsContent>
        <form
          noValidate
          style={{ display: 'grid', gap: 'var(--ds-size-4)', maxWidth: '40rem' }}
          onSubmit={(e) => {
            e.preventDefault();
            if (!reason.trim()) return setError('Skriv begrunnelsen (den vises på den offentlige siden)');
            setError(undefined);
            void action.run(() =>
              unwrap(
                api.POST('/hearings/{id}/answers/{answerId}/withhold', {
                  params: { path: { id: h.id, answerId: a.id } },
                  body: { reason: reason.trim() },
                }),
              ),
            );
          }}
        >
          {action.problem && <ProblemAlert problem={action.problem} fieldLabels={{ reason: 'Begrunnelse' }} />}
          <Textfield
            label={`Begrunnelse for ikke å offentliggjøre svaret fra ${a.organisation.name}`}
            description="For eksempel: Inneholder taushetsbelagte opplysninger (offl. § 13)."
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            error={error}
          />
          <div>
            <Button type="submit" variant="secondary" disabled={action.busy}>
              Ikke offentliggjør
            </Button>
          </div>
        </form>
      </DetailsContent>
    </Details>
  );
}

function Release({ hearing: h, answer: a, onDone }: { hearing: Hearing; answer: Answer; onDone: () => void }) {
  const action = useAction(onDone);
  return (
    <div>
      {action.problem && <ProblemAlert problem={action.problem} />}
      <Button
        variant="secondary"
        data-size="sm"
        disabled={action.busy}
        onClick={() =>
          void action.run(() =>
            unwrap(
              api.POST('/hearings/{id}/answers/{answerId}/release', { params: { path: { id: h.id, answerId: a.id } } }),
            ),
          )
        }
      >
        Offentliggjør svaret fra {a.organisation.name} likevel
      </Button>
    </div>
  );
}

/** An answer that came by letter or e-mail, registered by the secretariat (a new version if the recipient answered). */
function RegisterAnswer({ hearing: h, onDone }: { hearing: Hearing; onDone: () => void }) {
  const [organisationId, setOrganisationId] = useState('');
  const [texts, setTexts] = useState<Record<string, string>>({});
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [key, setKey] = useState(idempotencyKey);
  const [registered, setRegistered] = useState<string>();
  const action = useAction(() => {
    setRegistered(h.recipients.find((r) => r.organisationId === organisationId)?.name);
    setOrganisationId('');
    setTexts({});
    setText('');
    setKey(idempotencyKey());
    onDone();
  });
  const recipient = h.recipients.find((r) => r.organisationId === organisationId);
  const late = recipient?.deadline ? new Date(recipient.deadline) < new Date() : false;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found: Record<string, string> = {};
    if (!organisationId) found.organisationId = 'Velg høringsinstansen som svarte';
    if (!text.trim() && !Object.values(texts).some((t) => t.trim())) found.text = 'Skriv inn svaret';
    setErrors(found);
    if (Object.keys(found).length) return;
    void action.run(() =>
      unwrap(
        api.POST('/hearings/{id}/answers', {
          params: { path: { id: h.id }, header: { 'Idempotency-Key': key } },
          body: {
            organisationId,
            text: text.trim() || undefined,
            answers: h.questions
              .filter((q) => texts[q.id]?.trim())
              .map((q) => ({ questionId: q.id, text: texts[q.id].trim() })),
          },
        }),
      ),
    );
  };
  return (
    <Details>
      <DetailsSummary>Registrer svar mottatt per brev eller e-post</DetailsSummary>
      <DetailsContent>
        <form
          noValidate
          onSubmit={submit}
          className="panel"
          data-testid="register-answer"
          style={{ maxWidth: '44rem' }}
        >
          {registered && (
            <Alert data-color="success" data-testid="answer-registered">
              <Paragraph>Svaret fra {registered} er registrert.</Paragraph>
            </Alert>
          )}
          {action.problem && (
            <ProblemAlert
              problem={action.problem}
              fieldLabels={{ organisationId: 'Høringsinstans', text: 'Svar', answers: 'Svar på spørsmålene' }}
            />
          )}
          <Field>
            <Label>Høringsinstans *</Label>
            <Select
              value={organisationId}
              onChange={(e) => setOrganisationId(e.target.value)}
              aria-invalid={!!errors.organisationId}
            >
              <option value="">Velg …</option>
              {h.recipients.map((r) => (
                <option key={r.organisationId} value={r.organisationId}>
                  {r.name}
                  {r.answerId ? ' (har svart – nytt svar blir en ny versjon)' : ''}
                </option>
              ))}
            </Select>
            {errors.organisationId && <Paragraph className="field-error">{errors.organisationId}</Paragraph>}
          </Field>
          {late && (
            <Alert data-color="warning">
              <Paragraph>
                Fristen til {recipient!.name} er ute
                {h.acceptLateAnswers ? ': svaret merkes som for sent.' : ', og høringen tar ikke imot svar for sent.'}
              </Paragraph>
            </Alert>
          )}
          {h.questions.map((q) => (
            <Textfield
              key={q.id}
              multiline
              rows={3}
              label={`Svar på: ${q.text}`}
              value={texts[q.id] ?? ''}
              onChange={(e) => setTexts({ ...texts, [q.id]: e.target.value })}
            />
          ))}
          <Textfield
            multiline
            rows={3}
            label="Svaret ellers / andre merknader"
            value={text}
            onChange={(e) => setText(e.target.value)}
            error={errors.text}
          />
          <div>
            <Button type="submit" disabled={action.busy}>
              Registrer svaret
            </Button>
          </div>
        </form>
      </DetailsContent>
    </Details>
  );
}

/** After the deadline: take late answers (marked late) or refuse them. */
function LateAnswers({ hearing: h, onDone }: { hearing: Hearing; onDone: () => void }) {
  const action = useAction(onDone);
  const accept = !h.acceptLateAnswers;
  return (
    <section aria-labelledby="for-sent" className="panel">
      <Heading level={2} data-size="sm" id="for-sent">
        Svar etter fristen
      </Heading>
      <Paragraph data-testid="late-answers">
        {h.acceptLateAnswers
          ? 'Høringen tar imot svar etter fristen. De merkes som for sent i sammendraget.'
          : 'Høringen tar ikke imot svar etter fristen.'}
      </Paragraph>
      {action.problem && <ProblemAlert problem={action.problem} />}
      <div>
        <Button
          variant="secondary"
          disabled={action.busy}
          onClick={() =>
            void action.run(() =>
              unwrap(api.POST('/hearings/{id}/late-answers', { params: { path: { id: h.id } }, body: { accept } })),
            )
          }
        >
          {accept ? 'Ta imot svar etter fristen' : 'Avvis svar etter fristen'}
        </Button>
      </div>
    </section>
  );
}

/** A presented hearing is concluded once the committee has dealt with it. */
function Conclude({ hearing: h, onDone }: { hearing: Hearing; onDone: () => void }) {
  const [conclusion, setConclusion] = useState('');
  const [error, setError] = useState<string>();
  const action = useAction(onDone);
  return (
    <section aria-labelledby="avslutt" className="panel">
      <Heading level={2} data-size="sm" id="avslutt">
        Avslutt høringen
      </Heading>
      <Paragraph>
        Når {h.committee.name} har behandlet saken{h.case ? ` (sak ${h.case.ref})` : ''}, avslutter du høringen med
        utfallet.
      </Paragraph>
      <form
        noValidate
        style={{ display: 'grid', gap: 'var(--ds-size-4)', maxWidth: '40rem' }}
        onSubmit={(e) => {
          e.preventDefault();
          if (!conclusion.trim()) return setError('Skriv utfallet av behandlingen');
          setError(undefined);
          void action.run(() =>
            unwrap(
              api.POST('/hearings/{id}/conclude', {
                params: { path: { id: h.id } },
                body: { conclusion: conclusion.trim() },
              }),
            ),
          );
        }}
      >
        {action.problem && <ProblemAlert problem={action.problem} fieldLabels={{ conclusion: 'Utfall' }} />}
        <Textfield
          multiline
          rows={3}
          label="Utfall *"
          description="For eksempel: ASU vedtok ny fagrådsstruktur i sak 45/24."
          value={conclusion}
          onChange={(e) => setConclusion(e.target.value)}
          error={error}
        />
        <div>
          <Button type="submit" disabled={action.busy}>
            Avslutt høringen
          </Button>
        </div>
      </form>
    </section>
  );
}
