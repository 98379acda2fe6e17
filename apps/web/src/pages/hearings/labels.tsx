import { Alert, Heading, Link, ListItem, ListUnordered, Paragraph } from '@digdir/designsystemet-react';
import type { Schemas } from '../../api/client';
import { StateTag } from '../../components/state-tag';
import { DateTime } from '../../components/time';
import { relativeDays } from '../../lib/format';

export type HearingState = Schemas['HearingDto']['state'];

/** The hearing's states as the helsefellesskap speaks of them. */
export const hearingStateNames: Record<HearingState, string> = {
  draft: 'Utkast',
  open: 'Åpen for svar',
  closed: 'Høringsfristen er ute',
  summary: 'Sammendrag under arbeid',
  presented: 'Lagt fram for utvalget',
  concluded: 'Ferdigbehandlet',
  withdrawn: 'Trukket',
};

const tagState: Record<HearingState, string> = {
  draft: 'pending',
  open: 'open',
  closed: 'closed',
  summary: 'postponed',
  presented: 'accepted',
  concluded: 'decided',
  withdrawn: 'withdrawn',
};

export function HearingStateTag({ state }: { state: HearingState }) {
  return <StateTag state={tagState[state]} label={hearingStateNames[state]} />;
}

/** The first facts of a hearing (inside its <dl className="facts">): its state, committee and background. */
export function HearingBasics({
  hearing: h,
}: {
  hearing: { state: HearingState; committee: { name: string }; origin?: string | null };
}) {
  return (
    <>
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
    </>
  );
}

/** The hearing's deadline; while it is open, also how far off it is («om 12 dager»). */
export function HearingDeadline({
  hearing: h,
  dateOnly = false,
}: {
  hearing: { deadline?: string | null; state: HearingState };
  dateOnly?: boolean;
}) {
  return (
    <>
      <DateTime value={h.deadline} dateOnly={dateOnly} />
      {h.deadline && h.state === 'open' && ` (${relativeDays(h.deadline)})`}
    </>
  );
}

/** The deadline warnings (utredningsinstruksen 3-3) in Norwegian; the API's English text is kept for support. */
export const warningTexts: Record<Schemas['DeadlineWarningDto']['code'], string> = {
  'under-six-weeks': 'Høringsfristen er kortere enn 6 uker. Utredningsinstruksen krever minst 6 uker.',
  'under-three-months': 'Høringsfristen er kortere enn de vanlige 3 månedene.',
  summer: 'Fristen løper over sommerferien (juli) uten at ferietiden er lagt til.',
  easter: 'Fristen løper over påsken (palmesøndag–2. påskedag) uten at ferietiden er lagt til.',
  christmas: 'Fristen løper over julen (20. desember–2. januar) uten at ferietiden er lagt til.',
};

export function DeadlineWarnings({ warnings }: { warnings: Schemas['DeadlineWarningDto'][] }) {
  if (warnings.length === 0) return null;
  const serious = warnings.some((w) => w.severity === 'warning');
  return (
    <Alert data-color={serious ? 'warning' : 'info'} data-testid="deadline-warnings">
      <Heading level={2} data-size="xs">
        Vurder høringsfristen
      </Heading>
      <ListUnordered>
        {warnings.map((w) => (
          <ListItem key={w.code}>{warningTexts[w.code] ?? w.message}</ListItem>
        ))}
      </ListUnordered>
      <Paragraph data-size="sm">Advarselen stopper ikke utsendelsen.</Paragraph>
    </Alert>
  );
}

/** «12,3 kB» */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} byte`;
  const kb = bytes / 1024;
  if (kb < 1024) return `${kb.toFixed(1).replace('.', ',')} kB`;
  return `${(kb / 1024).toFixed(1).replace('.', ',')} MB`;
}

/** The proposal (høringsnotat) as paragraphs. */
export function ProposalText({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\n{2,}/)
        .filter((p) => p.trim())
        .map((p, i) => (
          <Paragraph key={i} style={{ whiteSpace: 'pre-line' }}>
            {p}
          </Paragraph>
        ))}
    </>
  );
}

export function AttachmentList({
  attachments,
  href,
  onOpen,
}: {
  attachments: Schemas['AttachmentDto'][];
  href?: (a: Schemas['AttachmentDto']) => string;
  onOpen?: (a: Schemas['AttachmentDto']) => void;
}) {
  if (attachments.length === 0) return <Paragraph>Ingen vedlegg.</Paragraph>;
  return (
    <ListUnordered>
      {attachments.map((a) => (
        <ListItem key={a.id}>
          {href ? (
            <Link href={href(a)} download={a.filename}>
              {a.filename}
            </Link>
          ) : (
            <Link
              href="#"
              onClick={(e) => {
                e.preventDefault();
                onOpen?.(a);
              }}
            >
              {a.filename}
            </Link>
          )}{' '}
          ({fileSize(a.size)})
        </ListItem>
      ))}
    </ListUnordered>
  );
}

/** One answer: per question, the free text, co-signers, late and withheld marks. */
export function AnswerView({
  answer,
  questions,
  attachmentHref,
}: {
  answer: Schemas['AnswerDto'];
  questions: Schemas['QuestionDto'][];
  attachmentHref?: (a: Schemas['AttachmentDto']) => string;
}) {
  const by = [answer.organisation, ...answer.coSigners].map((o) => o.name);
  return (
    <article className="hearing-answer" aria-label={`Høringssvar fra ${answer.organisation.name}`}>
      <Heading level={3} data-size="xs">
        {answer.organisation.name}
        {answer.coSigners.length > 0 && ` (felles svar fra ${by.length} organisasjoner)`}
      </Heading>
      {answer.coSigners.length > 0 && (
        <Paragraph data-size="sm">Avgitt sammen med: {by.slice(1).join(', ')}.</Paragraph>
      )}
      {answer.late && <StateTag state="overdue" label="Kom etter fristen" />}
      {answer.withheldReason ? (
        <Paragraph>
          <em>Ikke offentliggjort: {answer.withheldReason}</em>
        </Paragraph>
      ) : (
        <>
          {questions.map((q) => {
            const a = answer.answers.find((x) => x.questionId === q.id);
            return a?.text ? (
              <div key={q.id}>
                <Paragraph data-size="sm">
                  <strong>{q.text}</strong>
                </Paragraph>
                <Paragraph style={{ whiteSpace: 'pre-line' }}>{a.text}</Paragraph>
              </div>
            ) : null;
          })}
          {answer.text && <Paragraph style={{ whiteSpace: 'pre-line' }}>{answer.text}</Paragraph>}
          {answer.attachments.length > 0 && attachmentHref && (
            <AttachmentList attachments={answer.attachments} href={attachmentHref} />
          )}
        </>
      )}
    </article>
  );
}
