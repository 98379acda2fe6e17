import { Link, Paragraph } from '@digdir/designsystemet-react';
import { norwegianFieldMessage, problemFieldErrors, type FieldErrors, type Problem } from '../../api/problem';
import { StateTag } from '../../components/state-tag';
import { formatDateTime } from '../../lib/format';
import type { Application, RoundSettings } from './model';

/** Norwegian names of a grant round's states (the API's `state`). */
export const roundStateNames: Record<string, string> = {
  draft: 'utkast',
  approved: 'godkjent, ikke åpnet',
  open: 'åpen for søknader',
  closed: 'søknadsfristen er ute',
  review: 'til vurdering i AU',
  recommendation: 'innstilling',
  decision: 'til vedtak',
  awarded: 'vedtatt',
  followUp: 'oppfølging',
  completed: 'avsluttet',
  cancelled: 'avlyst',
};

/** Norwegian names of an application's states. */
export const applicationStateNames: Record<string, string> = {
  draft: 'utkast',
  submitted: 'sendt inn',
  complete: 'formelt godkjent',
  infoRequested: 'mer informasjon etterspurt',
  rejected: 'avvist',
  underReview: 'til vurdering',
  granted: 'innvilget',
  declined: 'avslått',
  appealed: 'klage registrert',
  funded: 'innvilget, rapportering',
  closed: 'avsluttet',
  notSubmitted: 'ikke sendt inn',
  withdrawn: 'trukket',
  cancelled: 'utlysningen avlyst',
};

const tagColour: Record<string, string> = {
  open: 'open',
  granted: 'accepted',
  funded: 'accepted',
  awarded: 'accepted',
  declined: 'closed',
  rejected: 'overdue',
  infoRequested: 'pending',
  draft: 'pending',
  cancelled: 'cancelled',
  withdrawn: 'withdrawn',
  notSubmitted: 'closed',
  completed: 'closed',
  closed: 'closed',
};

export function RoundState({ state }: { state: string }) {
  return <StateTag state={tagColour[state] ?? 'info'} label={roundStateNames[state] ?? state} />;
}

export function ApplicationState({ state }: { state: string }) {
  return <StateTag state={tagColour[state] ?? 'info'} label={applicationStateNames[state] ?? state} />;
}

/** A whole number of kroner, 0 or more, as typed. */
export const isWholeKroner = (amount: string): boolean =>
  amount !== '' && Number.isInteger(Number(amount)) && Number(amount) >= 0;

const nok = new Intl.NumberFormat('nb-NO', { maximumFractionDigits: 0 });
/** «kr 1 500 000» */
export const kr = (n: number | null | undefined): string =>
  n === null || n === undefined ? '–' : `kr ${nok.format(n)}`;

/** Norwegian names of the grant events in a process history. */
export const grantEventNames: Record<string, string> = {
  'workflow.started': 'Opprettet',
  'application.updated': 'Utkast lagret',
  'application.submitted': 'Søknaden sendt inn',
  'application.withdrawn': 'Søknaden trukket',
  'attachment.uploaded': 'Vedlegg lastet opp',
  'check.completed': 'Formelt godkjent',
  'check.infoRequested': 'Mer informasjon etterspurt',
  'check.rejected': 'Avvist ved formell kontroll',
  'info.provided': 'Informasjon sendt',
  'info.deadlinePassed': 'Fristen for informasjon gikk ut',
  'review.started': 'Vurderingen startet',
  'round.decided': 'Vedtak fattet',
  'decision.made': 'Vedtak fattet',
  'appeal.registered': 'Klage registrert',
  'appeal.decided': 'Klagen avgjort',
  'report.submitted': 'Rapport sendt',
  'report.accepted': 'Rapport godkjent',
  'deadline.passed': 'Søknadsfristen gikk ut',
  'round.updated': 'Utlysningen endret',
  'round.approved': 'Godkjent av ASU',
  'round.opened': 'Åpnet for søknader',
  'round.cancelled': 'Avlyst',
  'score.recorded': 'Vurdering registrert',
  'inhabil.declared': 'Inhabilitet meldt',
  'scoring.closed': 'Vurderingen avsluttet',
  'scoring.deadlinePassed': 'Fristen for vurdering gikk ut',
  'innstilling.adjusted': 'Innstillingen endret',
  'innstilling.submitted': 'Innstillingen lagt fram',
  'followUp.started': 'Oppfølging startet',
  'round.completed': 'Avsluttet',
};

/** Allocation reasons in the innstilling. */
export const allocationReasons: Record<string, string> = {
  funded: 'Innvilget fullt ut',
  trimmed: 'Innvilget delvis (rest av rammen)',
  'no-room': 'Ikke plass i rammen',
  'below-threshold': 'Under kvalitetsterskelen',
  unscored: 'Ikke vurdert',
};

/** A field message of the grant API in Norwegian (the form's own messages first, then the shared rules). */
export function grantFieldMessage(message: string): string {
  const rules: [RegExp, (m: RegExpMatchArray) => string][] = [
    [/is required$/i, () => 'må fylles ut'],
    [/must be more than (\d+)/i, (m) => `må være mer enn ${m[1]}`],
    [/must be at least ([\d.]+) characters/i, (m) => `må ha minst ${m[1]} tegn`],
    [/must be at most ([\d.]+) characters/i, (m) => `kan ha høyst ${m[1]} tegn`],
    [/must be at least ([\d.]+)/i, (m) => `må være minst ${m[1]}`],
    [/must be at most ([\d.]+)/i, (m) => `kan være høyst ${m[1]}`],
    [/must be one of: (.*)/i, (m) => `må være en av: ${m[1]}`],
    [/type (\S+) is not allowed; allowed: (.*)/i, (m) => `filtypen ${m[1]} er ikke tillatt (tillatt: ${m[2]})`],
    [/is (\d+) bytes; the cap is (\d+) bytes/i, (m) => `filen er for stor: ${m[1]} byte, høyst ${m[2]} byte`],
    [/^is empty$/i, () => 'filen er tom'],
    [/is not a field of this form/i, () => 'er ikke et felt i skjemaet'],
    [/must be 0 or between (\d+) and (\d+)/i, (m) => `må være 0 eller mellom ${kr(+m[1])} og ${kr(+m[2])}`],
  ];
  for (const [re, say] of rules) {
    const m = message.match(re);
    if (m) return say(m);
  }
  return norwegianFieldMessage(message);
}

/** Field errors of a problem+json by field name (`answers.tema` → `answers.tema`), in Norwegian. */
export const grantFieldErrors = (problem: Problem | undefined): FieldErrors =>
  problemFieldErrors(problem?.errors, '', grantFieldMessage);

/** «Søknadsfristen gikk ut 1. mars 2025 kl. 12.00» from a late submission's 409. */
export function closedMessage(problem: Problem, closesAt: string | undefined): string | null {
  const at = typeof problem.closedAt === 'string' ? problem.closedAt : /closed at (\S+)/.exec(problem.detail)?.[1];
  if (problem.status !== 409 || !(at ?? closesAt) || !/closed/i.test(problem.detail)) return null;
  return `Søknadsfristen gikk ut ${formatDateTime(at ?? closesAt!)}. Søknaden kan ikke sendes inn etter fristen.`;
}

/** A call text (Markdown) as paragraphs; lines starting with «- » as a list. */
export function CallText({ text }: { text: string }) {
  const blocks = text.split(/\n\s*\n/).filter((b) => b.trim());
  return (
    <div className="call-text">
      {blocks.map((b, i) => {
        const lines = b.split('\n');
        if (lines.every((l) => /^\s*[-*] /.test(l)))
          return (
            <ul key={i}>
              {lines.map((l, j) => (
                <li key={j}>{l.replace(/^\s*[-*] /, '')}</li>
              ))}
            </ul>
          );
        const heading = /^#{1,6} (.*)/.exec(b);
        if (heading)
          return (
            <Paragraph key={i}>
              <strong>{heading[1]}</strong>
            </Paragraph>
          );
        return <Paragraph key={i}>{b.replace(/\*\*/g, '')}</Paragraph>;
      })}
    </div>
  );
}

/** An application's answers, field by field of the round's form; an attachment as a link to the file. */
export function ApplicationAnswers({
  application: a,
  settings,
}: {
  application: Application;
  settings: RoundSettings;
}) {
  return (
    <dl className="facts">
      {settings.form.map((f) => {
        const v = a.answers[f.key] as unknown;
        const att = typeof v === 'object' && v !== null ? (v as { attachmentId: string; filename: string }) : null;
        return (
          <div key={f.key} style={{ display: 'contents' }}>
            <dt>{f.label}</dt>
            <dd>
              {att ? (
                <Link href={`/api/grant-applications/${a.id}/attachments/${att.attachmentId}`}>{att.filename}</Link>
              ) : v === undefined || v === '' ? (
                '–'
              ) : (
                String(v)
              )}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
