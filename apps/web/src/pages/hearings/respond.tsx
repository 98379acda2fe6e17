import {
  Alert,
  Button,
  Checkbox,
  Fieldset,
  FieldsetDescription,
  FieldsetLegend,
  Heading,
  Label,
  ListItem,
  ListOrdered,
  Paragraph,
  Spinner,
  Textfield,
} from '@digdir/designsystemet-react';
import { useEffect, useState, type FormEvent } from 'react';
import { api, idempotencyKey, request, unwrap, uploadFile, type Schemas } from '../../api/client';
import type { Problem } from '../../api/problem';
import { FilePicker } from '../../components/file-picker';
import { Title } from '../../components/guards';
import { ProblemAlert } from '../../components/problem-alert';
import { DateTime } from '../../components/time';
import { relativeDays } from '../../lib/format';
import { useAction } from '../../lib/use-action';
import { AnswerTexts, CoSignatureRequests, nameList } from './co-signature';
import { AttachmentList, HearingStateTag, ProposalText, fileSize } from './labels';

const STORE = 'samflyt.hearingToken';

/**
 * The token of the personal link. It comes in the fragment (`#token=…`), which browsers never send to a server;
 * it is kept in this tab's sessionStorage, taken out of the address bar, and sent only in the X-Hearing-Token header.
 */
function readToken(): string | null {
  const fromHash = new URLSearchParams(window.location.hash.replace(/^#/, '')).get('token');
  if (fromHash) {
    sessionStorage.setItem(STORE, fromHash);
    history.replaceState(history.state, '', window.location.pathname + window.location.search);
    return fromHash;
  }
  return sessionStorage.getItem(STORE);
}

/** A refused link, in Norwegian: forged, expired, revoked or missing. */
function LinkRefused({ problem }: { problem: Problem | 'missing' }) {
  const detail = problem === 'missing' ? '' : problem.detail;
  const text =
    problem === 'missing'
      ? 'Adressen mangler den personlige koden. Bruk hele lenken fra e-posten du fikk om høringen.'
      : /expired/i.test(detail)
        ? 'Lenken er utløpt. Be sekretariatet om en ny lenke.'
        : /no longer a recipient/i.test(detail)
          ? 'Lenken gjelder en kontaktperson som ikke lenger står som mottaker av høringen. Kontakt sekretariatet.'
          : 'Lenken er ikke gyldig. Kontroller at du har brukt hele lenken fra e-posten, eller be sekretariatet om en ny.';
  return (
    <>
      <Title>Lenken kan ikke brukes</Title>
      <Alert data-color="danger" data-testid="link-refused" role="alert">
        <Paragraph>{text}</Paragraph>
      </Alert>
    </>
  );
}

/** The hearing recipient's page, reached by the personal link in the e-mail (no login). */
export function RespondPage() {
  const [token, setToken] = useState(readToken);
  const [view, setView] = useState<Schemas['RecipientHearingDto']>();
  const [receipt, setReceipt] = useState<Schemas['AnswerDto']>();
  const [editing, setEditing] = useState(false);
  // Loading the hearing and opening its files share the problem shown in place of the page.
  const loading = useAction();
  const problem = loading.problem;
  const headers = { 'X-Hearing-Token': token ?? '' };
  // Another link opened in the same tab changes only the fragment.
  useEffect(() => {
    const changed = () => {
      setView(undefined);
      setReceipt(undefined);
      loading.setProblem(undefined);
      setToken(readToken());
    };
    window.addEventListener('hashchange', changed);
    return () => window.removeEventListener('hashchange', changed);
  }, []);

  const load = () => loading.run(async () => setView(await unwrap(api.GET('/respond', { headers }))));
  useEffect(() => {
    if (token) void load();
  }, [token]);

  if (!token) return <LinkRefused problem="missing" />;
  if (problem?.status === 401) return <LinkRefused problem={problem} />;
  if (problem) return <ProblemAlert problem={problem} />;
  if (!view) return <Spinner aria-label="Laster høringen" data-size="md" />;

  const openFile = (a: Schemas['AttachmentDto']) =>
    loading.run(async () => {
      const res = await request(`/api/respond/attachments/${a.id}`, { headers });
      const url = URL.createObjectURL(await res.blob());
      const link = document.createElement('a');
      link.href = url;
      link.download = a.filename;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    });

  const answer = receipt ?? view.answer ?? undefined;
  const showForm = view.canAnswer && view.role !== 'co-signer' && (!answer || editing);
  return (
    <>
      <Title>{`Høring: ${view.title}`}</Title>
      <Paragraph data-size="lg">
        Du svarer for <strong>{view.organisation.name}</strong> ({view.contact.name}).
      </Paragraph>
      <dl className="facts">
        <dt>Status</dt>
        <dd>
          <HearingStateTag state={view.state} />
        </dd>
        {view.origin && (
          <>
            <dt>Bakgrunn</dt>
            <dd>{view.origin}</dd>
          </>
        )}
        <dt>Frist for {view.organisation.name}</dt>
        <dd data-testid="recipient-deadline">
          <DateTime value={view.deadline} /> ({relativeDays(view.deadline)}){view.extended && ' – utsatt frist'}
        </dd>
      </dl>
      {receipt && (
        <Alert data-color="success" data-testid="answer-receipt" role="status">
          <Heading level={2} data-size="xs">
            Høringssvaret er mottatt
          </Heading>
          <Paragraph>
            Versjon {receipt.version} ble registrert <DateTime value={receipt.updatedAt} />
            {receipt.coSigners.length > 0 &&
              ` for ${[receipt.organisation, ...receipt.coSigners].map((o) => o.name).join(', ')}`}
            . En kvittering er sendt på e-post.
            {view.canAnswer && ' Du kan endre svaret fram til fristen.'}
          </Paragraph>
          {receipt.pendingCoSigners.length > 0 && (
            <Paragraph data-testid="pending-co-signers">
              Venter på bekreftelse fra {nameList(receipt.pendingCoSigners)}. Svaret teller for dem først når de har
              bekreftet det med sin egen lenke; de har fått e-post om det.
            </Paragraph>
          )}
          {receipt.late && <Paragraph>Svaret kom etter fristen og er merket som for sent.</Paragraph>}
        </Alert>
      )}
      <section aria-labelledby="notat">
        <Heading level={2} data-size="md" id="notat">
          Høringsnotat
        </Heading>
        <ProposalText text={view.proposal} />
        <Heading level={3} data-size="xs">
          Vedlegg
        </Heading>
        <AttachmentList attachments={view.attachments} onOpen={(a) => void openFile(a)} />
      </section>
      {answer && !showForm && (
        <section aria-labelledby="ditt-svar">
          <Heading level={2} data-size="md" id="ditt-svar">
            {view.role === 'co-signer' ? 'Felles svar dere står på' : 'Ditt høringssvar'}
          </Heading>
          <Paragraph data-size="sm">
            Avgitt av {answer.organisation.name}
            {answer.coSigners.length > 0 && ` sammen med ${answer.coSigners.map((o) => o.name).join(', ')}`}, versjon{' '}
            {answer.version}, sist endret <DateTime value={answer.updatedAt} />.
          </Paragraph>
          {view.role !== 'co-signer' && answer.pendingCoSigners.length > 0 && (
            <Paragraph data-size="sm">Venter på bekreftelse fra {nameList(answer.pendingCoSigners)}.</Paragraph>
          )}
          <AnswerTexts answer={answer} questions={view.questions} />
          {answer.attachments.length > 0 && (
            <AttachmentList attachments={answer.attachments} onOpen={(a) => void openFile(a)} />
          )}
          {view.role === 'co-signer' && (
            <Paragraph>
              Svaret er gitt av {answer.organisation.name} på vegne av dere. Bare de kan endre det; ta kontakt med dem
              eller sekretariatet om dere vil svare selv.
            </Paragraph>
          )}
          {view.canAnswer && view.role !== 'co-signer' && (
            <Button variant="secondary" onClick={() => setEditing(true)}>
              Endre svaret
            </Button>
          )}
        </section>
      )}
      {!answer && view.canAnswer && view.coSignatureRequests.length > 0 && (
        <CoSignatureRequests view={view} headers={headers} onConfirmed={() => void load()} />
      )}
      {!view.canAnswer && !answer && (
        <Alert data-color="warning">
          <Paragraph>
            {view.state === 'open' || view.acceptLateAnswers
              ? 'Det er ikke lenger mulig å svare på denne høringen.'
              : 'Fristen er ute, og sekretariatet tar ikke imot svar etter fristen.'}
          </Paragraph>
        </Alert>
      )}
      {showForm && (
        <AnswerForm
          view={view}
          current={answer}
          headers={headers}
          onSent={(a) => {
            setReceipt(a);
            setEditing(false);
            void load();
          }}
        />
      )}
    </>
  );
}

function AnswerForm({
  view,
  current,
  headers,
  onSent,
}: {
  view: Schemas['RecipientHearingDto'];
  current: Schemas['AnswerDto'] | undefined;
  headers: Record<string, string>;
  onSent: (answer: Schemas['AnswerDto']) => void;
}) {
  const [texts, setTexts] = useState<Record<string, string>>(
    Object.fromEntries(
      view.questions.map((q) => [q.id, current?.answers.find((a) => a.questionId === q.id)?.text ?? '']),
    ),
  );
  const [text, setText] = useState(current?.text ?? '');
  // Those named and not yet confirmed stay named (and asked) unless unticked.
  const named = [...(current?.coSigners ?? []), ...(current?.pendingCoSigners ?? [])];
  const [coSigners, setCoSigners] = useState<string[]>(named.map((o) => o.id));
  const [files, setFiles] = useState<Schemas['AttachmentDto'][]>(current?.attachments ?? []);
  const [error, setError] = useState<string>();
  const [key] = useState(idempotencyKey);
  const action = useAction();
  const candidates = [...named, ...view.possibleCoSigners.filter((o) => !named.some((c) => c.id === o.id))];

  const upload = (file: File) =>
    action.run(async () => {
      const attachment = await uploadFile<Schemas['AttachmentDto']>('/api/respond/attachments', file, { headers });
      setFiles((f) => [...f, attachment]);
    });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim() && Object.values(texts).every((t) => !t.trim()) && files.length === 0)
      return setError('Skriv svar på minst ett spørsmål, en merknad eller legg ved en fil.');
    setError(undefined);
    void action.run(async () =>
      onSent(
        await unwrap(
          api.POST('/respond/answer', {
            headers: { ...headers, 'Idempotency-Key': key },
            body: {
              text,
              answers: Object.entries(texts)
                .filter(([, t]) => t.trim())
                .map(([questionId, t]) => ({ questionId, text: t })),
              coSigners,
              attachmentIds: files.map((f) => f.id),
            },
          }),
        ),
      ),
    );
  };

  return (
    <form onSubmit={submit} noValidate style={{ display: 'grid', gap: 'var(--ds-size-5)', maxWidth: '48rem' }}>
      <Heading level={2} data-size="md">
        {current ? 'Endre høringssvaret' : 'Gi høringssvar'}
      </Heading>
      {current && <Paragraph>Endringen lagres som en ny versjon; tidligere versjoner tas vare på.</Paragraph>}
      <ProblemAlert problem={action.problem} fieldLabels={{ text: 'Merknader', coSigners: 'Felles svar' }} />
      <ListOrdered>
        {view.questions.map((q) => (
          <ListItem key={q.id}>
            <Textfield
              multiline
              rows={4}
              label={q.text}
              name={`answer-${q.id}`}
              value={texts[q.id] ?? ''}
              onChange={(e) => setTexts({ ...texts, [q.id]: e.target.value })}
            />
          </ListItem>
        ))}
      </ListOrdered>
      <Textfield
        multiline
        rows={5}
        label="Andre merknader (valgfritt)"
        name="text"
        value={text}
        onChange={(e) => setText(e.target.value)}
        error={error}
      />
      <div>
        <Label htmlFor="answer-file" id="answer-file-label">
          Vedlegg (valgfritt, høyst 20 MB per fil)
        </Label>
        <FilePicker
          id="answer-file"
          labelId="answer-file-label"
          disabled={action.busy}
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) void upload(f);
            e.target.value = '';
          }}
        />
        {files.length > 0 && (
          <ListOrdered>
            {files.map((f) => (
              <ListItem key={f.id}>
                {f.filename} ({fileSize(f.size)}){' '}
                <Button
                  variant="tertiary"
                  data-size="sm"
                  type="button"
                  onClick={() => setFiles(files.filter((x) => x.id !== f.id))}
                >
                  Fjern {f.filename}
                </Button>
              </ListItem>
            ))}
          </ListOrdered>
        )}
      </div>
      {candidates.length > 0 && (
        <Fieldset>
          <FieldsetLegend>Felles svar (valgfritt)</FieldsetLegend>
          <FieldsetDescription>
            Svarer dere sammen med andre høringsinstanser? Kryss av for dem som står bak svaret. Kontaktpersonene deres
            får e-post og bekrefter med sin egen lenke; svaret teller for hver av dem når de har bekreftet.
          </FieldsetDescription>
          <div className="co-signers">
            {candidates.map((o) => (
              <Checkbox
                key={o.id}
                label={o.name}
                value={o.id}
                checked={coSigners.includes(o.id)}
                onChange={(e) =>
                  setCoSigners(e.target.checked ? [...coSigners, o.id] : coSigners.filter((c) => c !== o.id))
                }
              />
            ))}
          </div>
        </Fieldset>
      )}
      {view.late && (
        <Alert data-color="warning">
          <Paragraph>Fristen er ute. Svaret blir tatt imot, men merket som for sent.</Paragraph>
        </Alert>
      )}
      <div>
        <Button type="submit" disabled={action.busy}>
          {current ? 'Send endret svar' : 'Send høringssvar'}
        </Button>
      </div>
    </form>
  );
}
