import { DateTime } from 'luxon';
import { OSLO, type RenderedMessage, type WorkflowDefinition } from '@samflyt/engine';
import { clockRange, timedAgenda } from './agenda';
import { letterNotice, type LetterRequest } from '../letters/letter.model';
import type { MeetingContext } from './meeting.machine';

const signature =
  '\n\nVennlig hilsen\nsekretariatet for helsefellesskapet\n\n(Denne e-posten er sendt automatisk fra samflyt.)';

const oslo = (at: string) => DateTime.fromISO(at, { zone: OSLO }).setLocale('nb');

/** «17.04.2024» */
export const meetingDate = (c: Pick<MeetingContext, 'startsAt'>): string => oslo(c.startsAt).toFormat('dd.MM.yyyy');

/** «onsdag 17. april 2024 kl. 13.00–17.00» */
export function meetingWhen(c: Pick<MeetingContext, 'startsAt' | 'endsAt'>): string {
  const start = oslo(c.startsAt);
  return `${start.toFormat('cccc d. MMMM yyyy')} kl. ${start.toFormat('HH.mm')}–${oslo(c.endsAt).toFormat('HH.mm')}`;
}

const committeeName = (c: MeetingContext) => `${c.committee.name} (${c.committee.code})`;

const greeting = (data: Record<string, unknown>) => {
  const recipient = data.recipient as { name?: string } | undefined;
  return recipient?.name ? `Hei ${recipient.name},` : 'Hei,';
};

/** The sakliste as plain text: «13.00-13.10  09/24  Godkjenning av innkalling og sakliste (Ingjerd Astad)». */
export function agendaText(c: MeetingContext): string {
  if (c.agenda.length === 0) return 'Saklisten er ikke klar ennå.';
  return timedAgenda(c.agenda, c.startsAt)
    .map((line) => {
      const head = [clockRange(line), line.caseRef ?? '', line.title ?? ''].filter(Boolean).join('  ');
      const who = line.responsible ? ` (${line.responsible})` : '';
      const details = line.details
        ? `\n${line.details
            .split('\n')
            .map((d) => `      • ${d}`)
            .join('\n')}`
        : '';
      return `${head}${who}${details}`;
    })
    .join('\n');
}

const about = (c: MeetingContext) =>
  [
    `Utvalg: ${committeeName(c)}`,
    `Tid: ${meetingWhen(c)}`,
    `Sted: ${c.place}`,
    c.chair ? `Møteleder: ${c.chair.name}` : null,
  ]
    .filter((line) => line !== null)
    .join('\n');

const answerHow =
  'Gi beskjed om du møter, møter digitalt (Teams) eller har forfall. Har du forfall, ' +
  'gi beskjed så tidlig som mulig, slik at vara kan kalles inn. Svar i samflyt (Møter → Oppmøte) eller til sekretariatet.';

const mail = (subject: string, body: string): RenderedMessage => ({ subject, text: `${body}${signature}` });

/** The innkalling: a letter to each member (a PDF), the e-mail its notice with how to answer. */
function noticeLetter(c: MeetingContext, d: Record<string, unknown>): RenderedMessage {
  const recipient = (d.recipient ?? {}) as { email?: string; name?: string };
  const email = recipient.email?.toLowerCase() ?? '';
  const member = c.members.find((m) => m.email.toLowerCase() === email);
  const letter: LetterRequest = {
    kind: 'innkalling',
    scope: null,
    addressee: {
      key: member ? `person:${member.personId}` : `email:${email}`,
      personId: member?.personId ?? null,
      name: recipient.name ?? member?.name ?? email,
      organisation: null,
      email: recipient.email ?? null,
    },
    caseRef: null,
    theirRef: null,
    fields: {
      mottaker: recipient.name ?? '',
      utvalg: committeeName(c),
      mote: `${c.committee.name} ${meetingDate(c)}`,
      tid: meetingWhen(c),
      sted: c.place,
      sakliste: agendaText(c),
    },
    vedtak: null,
    signedBy: null,
  };
  return {
    subject: `Innkalling: ${c.committee.name} ${meetingDate(c)}`,
    text: letterNotice(
      'innkalling',
      `møtet i ${committeeName(c)} ${meetingWhen(c)}`,
      recipient.name ?? null,
      answerHow,
    ),
    letter: letter as unknown as Record<string, unknown>,
  };
}

export const meetingTemplates: WorkflowDefinition<MeetingContext>['templates'] = {
  notice: (c, d) => noticeLetter(c, d),
  reminder: (c, d) =>
    mail(
      `Påminnelse: svar på innkallingen til ${c.committee.code} ${meetingDate(c)}`,
      `${greeting(d)}\n\nvi har ikke fått svar fra deg om du kommer på møtet.\n\n${about(c)}\n\n${answerHow}`,
    ),
  cancelled: (c, d) =>
    mail(
      `Avlyst: ${c.committee.name} ${meetingDate(c)}`,
      `${greeting(d)}\n\nmøtet er avlyst.\n\n${about(c)}\n\nBegrunnelse:\n${c.cancelledReason ?? ''}`,
    ),
  minutesApproved: (c, d) =>
    mail(
      `Referat godkjent: ${c.committee.name} ${meetingDate(c)}`,
      `${greeting(d)}\n\nreferatet fra møtet er godkjent og ligger i samflyt.\n\n${about(c)}`,
    ),
};
