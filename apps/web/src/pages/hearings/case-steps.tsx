import {
  Button,
  Details,
  DetailsContent,
  DetailsSummary,
  Heading,
  Label,
  Paragraph,
} from '@digdir/designsystemet-react';
import { useState, type ReactNode } from 'react';
import { api, idempotencyKey, unwrap, uploadFile, type Schemas } from '../../api/client';
import { FilePicker } from '../../components/file-picker';
import { SelectField } from '../../components/fields';
import { ProblemAlert } from '../../components/problem-alert';
import { TextForm } from '../../components/text-form';
import { formatDateTime } from '../../lib/format';
import { useAction } from '../../lib/use-action';
import { useApi } from '../../lib/use-api';

type Hearing = Schemas['HearingDto'];
interface StepProps {
  hearing: Hearing;
  onDone: () => void;
}

/** One step of the hearing as a panel: what it does, and the button that does it. */
function ActionPanel({
  id,
  heading,
  children,
  button,
  secondary = false,
  call,
  onDone,
}: {
  id: string;
  heading: ReactNode;
  children: ReactNode;
  button: ReactNode;
  secondary?: boolean;
  call: () => Promise<unknown>;
  onDone: () => void;
}) {
  const action = useAction(onDone);
  return (
    <section aria-labelledby={id} className="panel">
      <Heading level={2} data-size="sm" id={id}>
        {heading}
      </Heading>
      {children}
      <ProblemAlert problem={action.problem} />
      <div>
        <Button
          variant={secondary ? 'secondary' : 'primary'}
          disabled={action.busy}
          onClick={() => void action.run(call)}
        >
          {button}
        </Button>
      </div>
    </section>
  );
}

export function SendHearing({ hearing: h, onDone }: StepProps) {
  return (
    <ActionPanel
      id="send"
      heading="Send høringen"
      button="Send høringen"
      onDone={onDone}
      call={() =>
        unwrap(
          api.POST('/hearings/{id}/send', {
            params: { path: { id: h.id }, header: { 'Idempotency-Key': idempotencyKey() } },
          }),
        )
      }
    >
      <Paragraph>
        Kontaktpersonene hos de {h.recipients.length} høringsinstansene får høringsnotatet og en personlig lenke til
        svarsiden. Påminnelser går av seg selv før fristen til dem som ikke har svart.
      </Paragraph>
    </ActionPanel>
  );
}

export function StartSummary({ hearing: h, onDone }: StepProps) {
  return (
    <ActionPanel
      id="start"
      heading="Sammendrag"
      button="Start sammendraget"
      onDone={onDone}
      call={() => unwrap(api.POST('/hearings/{id}/summary/start', { params: { path: { id: h.id } } }))}
    >
      <Paragraph>Start arbeidet med sammendraget. Du skriver et sammendrag per spørsmål.</Paragraph>
    </ActionPanel>
  );
}

/** After the deadline: take late answers (marked late) or refuse them. */
export function LateAnswers({ hearing: h, onDone }: StepProps) {
  const accept = !h.acceptLateAnswers;
  return (
    <ActionPanel
      id="for-sent"
      heading="Svar etter fristen"
      button={accept ? 'Ta imot svar etter fristen' : 'Avvis svar etter fristen'}
      secondary
      onDone={onDone}
      call={() => unwrap(api.POST('/hearings/{id}/late-answers', { params: { path: { id: h.id } }, body: { accept } }))}
    >
      <Paragraph data-testid="late-answers">
        {h.acceptLateAnswers
          ? 'Høringen tar imot svar etter fristen. De merkes som for sent i sammendraget.'
          : 'Høringen tar ikke imot svar etter fristen.'}
      </Paragraph>
    </ActionPanel>
  );
}

export function UploadAttachment({ hearing, onDone }: StepProps) {
  const action = useAction(onDone);
  return (
    <section aria-labelledby="last-opp" className="panel">
      <Heading level={2} data-size="sm" id="last-opp">
        Legg ved filer
      </Heading>
      <ProblemAlert problem={action.problem} />
      <Label htmlFor="proposal-file" id="proposal-file-label">
        Fil til høringsnotatet (høyst 20 MB)
      </Label>
      <FilePicker
        id="proposal-file"
        labelId="proposal-file-label"
        disabled={action.busy}
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) void action.run(() => uploadFile(`/api/hearings/${hearing.id}/attachments`, file));
          e.target.value = '';
        }}
      />
    </section>
  );
}

export function Present({ hearing: h, onDone }: StepProps) {
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
      <ProblemAlert problem={action.problem} />
      <SelectField
        label="Møte"
        placeholder="Uten møte (sak uten møtedato)"
        value={meetingId}
        onChange={(e) => setMeetingId(e.target.value)}
      >
        {(meetings.data ?? [])
          .filter((m) => m.state !== 'cancelled' && m.state !== 'held' && m.state !== 'approved')
          .map((m) => (
            <option key={m.id} value={m.id}>
              {formatDateTime(m.startsAt)} – {m.place}
            </option>
          ))}
      </SelectField>
      <div>
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
      </div>
    </section>
  );
}

/** A presented hearing is concluded once the committee has dealt with it. */
export function Conclude({ hearing: h, onDone }: StepProps) {
  return (
    <section aria-labelledby="avslutt" className="panel">
      <Heading level={2} data-size="sm" id="avslutt">
        Avslutt høringen
      </Heading>
      <Paragraph>
        Når {h.committee.name} har behandlet saken{h.case ? ` (sak ${h.case.ref})` : ''}, avslutter du høringen med
        utfallet.
      </Paragraph>
      <TextForm
        label="Utfall *"
        description="For eksempel: ASU vedtok ny fagrådsstruktur i sak 45/24."
        rows={3}
        required="Skriv utfallet av behandlingen"
        fieldLabels={{ conclusion: 'Utfall' }}
        submit="Avslutt høringen"
        send={(conclusion) =>
          unwrap(api.POST('/hearings/{id}/conclude', { params: { path: { id: h.id } }, body: { conclusion } }))
        }
        onDone={onDone}
      />
    </section>
  );
}

export function Withdraw({ hearing: h, onDone }: StepProps) {
  return (
    <Details>
      <DetailsSummary>Trekk høringen</DetailsSummary>
      <DetailsContent>
        <TextForm
          label="Begrunnelse"
          fieldLabels={{ reason: 'Begrunnelse' }}
          submit="Trekk høringen"
          button={{ 'data-color': 'danger', variant: 'secondary' }}
          send={(reason) =>
            unwrap(api.POST('/hearings/{id}/withdraw', { params: { path: { id: h.id } }, body: { reason } }))
          }
          onDone={onDone}
        >
          <Paragraph data-size="sm">
            {h.state === 'draft' ? 'Utkastet forkastes.' : 'Høringsinstansene får beskjed om at høringen er trukket.'}
          </Paragraph>
        </TextForm>
      </DetailsContent>
    </Details>
  );
}
