import { type RenderedMessage, type WorkflowDefinition, norwegianDateTime, norwegianDuration } from '@samflyt/engine';
import { linkExpiry, recipientLinkKey, signLink } from './hearing-links';
import { letterNotice, type LetterRequest } from '../letters/letter.model';
import type { HearingContext } from './hearing.model';
import { linkGeneration, notAnswered, recipientDeadline } from './hearing-rules';

/** «1. juni 2024 kl. 23.59» */
export const hearingDateTime = norwegianDateTime;

const signature =
  '\n\nVennlig hilsen\nsekretariatet for helsefellesskapet\n\n(Denne e-posten er sendt automatisk fra samflyt.)';

const mail = (subject: string, body: string): RenderedMessage => ({ subject, text: `${body}${signature}` });

const greeting = (d: Record<string, unknown>) => {
  const name = (d.recipient as { name?: string } | undefined)?.name;
  return name ? `Hei ${name},` : 'Hei,';
};

/** «Høring: Ny fagrådsstruktur», without doubling a title that says «Høring» itself. */
export const hearingTitle = (c: Pick<HearingContext, 'title'>): string =>
  /^høring/i.test(c.title) ? c.title : `Høring: ${c.title}`;

const orgName = (c: HearingContext, id: unknown) =>
  c.recipients.find((r) => r.organisationId === id)?.name ?? 'høringsinstansen';

/** The personal answer link of the contact this message goes to (by organisation and e-mail). */
export function answerLink(c: HearingContext, data: Record<string, unknown>): string {
  const organisationId = String(data.organisationId);
  const email = String((data.recipient as { email?: string } | undefined)?.email ?? '').toLowerCase();
  const contact = c.recipients
    .find((r) => r.organisationId === organisationId)
    ?.contacts.find((p) => p.email.toLowerCase() === email);
  if (!contact || c.deadline === null) return c.links.answer;
  const key = recipientLinkKey(c.linkKey, organisationId, linkGeneration(c, organisationId));
  const token = signLink(key, {
    hearingId: c.hearingId,
    organisationId,
    contactId: contact.id,
    expiresAt: linkExpiry(recipientDeadline(c, organisationId)),
  });
  return `${c.links.answer}#token=${token}`;
}

const deadlineOf = (c: HearingContext, organisationId: unknown) =>
  hearingDateTime(recipientDeadline(c, String(organisationId)));

const attachmentsText = (c: HearingContext) =>
  c.attachments.length === 0
    ? ''
    : `\n\nVedlegg:\n${c.attachments.map((a) => `- ${a.filename}: ${c.links.attachments}/${a.id}`).join('\n')}`;

const header = (c: HearingContext) =>
  [hearingTitle(c), c.origin ? `Bakgrunn: ${c.origin}` : null, `Ansvarlig utvalg: ${c.committee.name}`]
    .filter(Boolean)
    .join('\n');

const howToAnswer = (c: HearingContext, d: Record<string, unknown>) =>
  `Svar i samflyt via din personlige lenke (den gjelder bare for ${orgName(c, d.organisationId)}):\n${answerLink(c, d)}\n\n` +
  'Svaret kan gis alene eller sammen med andre høringsinstanser (felles høringssvar), og kan endres frem til fristen. ' +
  'Høringssvar er offentlige når høringen er avsluttet, med mindre de må unntas.';

/**
 * A hearing's letter to one organisation (høringsbrev, kvittering): the same document for each of its contacts.
 * It carries no answer link: the link is personal and stays in the e-mail.
 */
function hearingLetter(
  c: HearingContext,
  d: Record<string, unknown>,
  kind: 'høringsbrev' | 'kvittering-høringssvar',
  fields: Record<string, string>,
): Record<string, unknown> {
  const organisation = orgName(c, d.organisationId);
  const letter: LetterRequest = {
    kind,
    scope: null,
    addressee: {
      key: `organisation:${String(d.organisationId)}`,
      personId: null,
      name: organisation,
      organisation: null,
      email: null,
    },
    caseRef: c.presentation?.caseRef ?? null,
    theirRef: null,
    fields: { mottaker: organisation, organisasjon: organisation, horing: c.title, ...fields },
    vedtak: null,
    signedBy: null,
  };
  return letter as unknown as Record<string, unknown>;
}

export const hearingTemplates: WorkflowDefinition<HearingContext>['templates'] = {
  invitation: (c, d) => ({
    subject: `${hearingTitle(c)} – frist ${deadlineOf(c, d.organisationId)}`,
    text: letterNotice(
      'høringsbrev',
      `høringen «${c.title}», høringsfrist ${deadlineOf(c, d.organisationId)}`,
      (d.recipient as { name?: string } | undefined)?.name ?? null,
      `${attachmentsText(c).trim()}\n\n${howToAnswer(c, d)}`.trim(),
    ),
    letter: hearingLetter(c, d, 'høringsbrev', {
      frist: deadlineOf(c, d.organisationId),
      sporsmal: c.questions.length ? c.questions.map((q) => `- ${q.text}`).join('\n') : '- (ingen særskilte spørsmål)',
      forslag: `${header(c)}\n\n${c.proposal}`,
    }),
  }),
  reminder: (c, d) =>
    mail(
      `Påminnelse: høringssvar til «${c.title}», frist om ${norwegianDuration(String(d.offset))}`,
      `${greeting(d)}\n\nvi har ikke registrert høringssvar fra ${orgName(c, d.organisationId)} i høringen «${c.title}». ` +
        `Fristen er ${deadlineOf(c, d.organisationId)}.\n\n${howToAnswer(c, d)}`,
    ),
  receipt: (c, d) => {
    const answer = c.answers[String(d.answerId)];
    const joint = answer.coSigners.length
      ? `\n\nSvaret er gitt sammen med: ${answer.coSigners.map((id) => orgName(c, id)).join(', ')}.`
      : '';
    const late = answer.late ? '\n\nSvaret kom etter fristen og er registrert som for sent mottatt.' : '';
    const what = Number(d.version) > 1 ? `endret høringssvar (versjon ${String(d.version)})` : 'høringssvar';
    return {
      subject: `Kvittering: ${what} mottatt – ${c.title}`,
      text: letterNotice(
        'kvittering-høringssvar',
        `${what} fra ${orgName(c, d.organisationId)} i høringen «${c.title}»`,
        (d.recipient as { name?: string } | undefined)?.name ?? null,
        `${joint}${late}\n\nSvaret kan leses${answer.late ? '' : ' og endres frem til fristen'} via lenken:\n${answerLink(c, d)}`.trim(),
      ),
      letter: hearingLetter(c, d, 'kvittering-høringssvar', {
        mottatt: answer.late ? 'etter fristen' : 'innen fristen',
        frist: deadlineOf(c, d.organisationId),
      }),
    };
  },
  coSigned: (c, d) =>
    mail(
      `Felles høringssvar på vegne av ${orgName(c, d.organisationId)} – ${c.title}`,
      `${greeting(d)}\n\n${orgName(c, d.leadId)} har sendt et felles høringssvar i høringen «${c.title}» der ` +
        `${orgName(c, d.organisationId)} står som medunderskriver. Svaret teller som høringssvar fra ` +
        `${orgName(c, d.organisationId)}.\n\nSvaret kan leses via lenken:\n${answerLink(c, d)}\n\n` +
        `Er dette feil, ta kontakt med ${orgName(c, d.leadId)} eller sekretariatet, som kan ta dere ut av svaret.`,
    ),
  coSignatureRequested: (c, d) =>
    mail(
      `${orgName(c, d.leadId)} ber dere signere et felles høringssvar – ${c.title}`,
      `${greeting(d)}\n\n${orgName(c, d.leadId)} vil gi et felles høringssvar i høringen «${c.title}» og har ført opp ` +
        `${orgName(c, d.organisationId)} som medunderskriver. Svaret teller ikke som høringssvar fra ` +
        `${orgName(c, d.organisationId)} før dere har bekreftet det. Fristen for å bekrefte, eller gi eget svar, er ` +
        `${deadlineOf(c, d.organisationId)}.\n\nLes svaret og bekreft via lenken:\n${answerLink(c, d)}`,
    ),
  coSignatureConfirmed: (c, d) =>
    mail(
      `${orgName(c, d.coSignerId)} har bekreftet det felles høringssvaret – ${c.title}`,
      `${greeting(d)}\n\n${orgName(c, d.coSignerId)} har bekreftet at de står som medunderskriver på ` +
        `høringssvaret fra ${orgName(c, d.organisationId)} i høringen «${c.title}».`,
    ),
  coSignatureRemoved: (c, d) =>
    mail(
      `Ikke lenger medunderskriver – ${c.title}`,
      `${greeting(d)}\n\n${orgName(c, d.leadId)} har endret sitt høringssvar i høringen «${c.title}», og ` +
        `${orgName(c, d.organisationId)} står ikke lenger som medunderskriver. Fristen for eget svar er ` +
        `${deadlineOf(c, d.organisationId)}.\n\n${howToAnswer(c, d)}`,
    ),
  signatureWithdrawn: (c, d) => {
    const answer = c.answers[String(d.answerId)];
    const rest = answer.coSigners.map((id) => orgName(c, id));
    return mail(
      `${orgName(c, d.coSignerId)} har trukket seg fra det felles høringssvaret – ${c.title}`,
      `${greeting(d)}\n\n${orgName(c, d.coSignerId)} har trukket sin underskrift fra det felles høringssvaret som ` +
        `${orgName(c, d.organisationId)} har sendt i høringen «${c.title}». Svaret gjelder nå for ` +
        `${orgName(c, d.organisationId)}${rest.length ? ` sammen med ${rest.join(', ')}` : ' alene'}, og endringen er ` +
        `lagret som versjon ${String(d.version)} av svaret.` +
        (d.reason ? `\n\nBegrunnelse: ${String(d.reason)}` : '') +
        `\n\n${orgName(c, d.coSignerId)} kan nå gi eget høringssvar innen sin frist, ${deadlineOf(c, d.coSignerId)}.` +
        `\n\nSvaret kan leses via lenken:\n${answerLink(c, d)}`,
    );
  },
  ownSignatureWithdrawn: (c, d) =>
    mail(
      `Underskriften er trukket fra det felles høringssvaret – ${c.title}`,
      `${greeting(d)}\n\n${orgName(c, d.organisationId)} står ikke lenger som medunderskriver på høringssvaret fra ` +
        `${orgName(c, d.leadId)} i høringen «${c.title}», og ${orgName(c, d.leadId)} er varslet. ` +
        `Fristen for eget svar er ${deadlineOf(c, d.organisationId)}.\n\n${howToAnswer(c, d)}`,
    ),
  newLink: (c, d) =>
    mail(
      `Ny personlig lenke – ${c.title}`,
      `${greeting(d)}\n\nsekretariatet har laget en ny personlig lenke for ${orgName(c, d.organisationId)} i høringen ` +
        `«${c.title}». Lenker sendt tidligere virker ikke lenger. Fristen er ${deadlineOf(c, d.organisationId)}.` +
        `\n\n${howToAnswer(c, d)}`,
    ),
  extension: (c, d) =>
    mail(
      `Utsatt høringsfrist for ${orgName(c, d.organisationId)} – ${c.title}`,
      `${greeting(d)}\n\n${orgName(c, d.organisationId)} har fått utsatt frist i høringen «${c.title}». ` +
        `Ny frist: ${hearingDateTime(String(d.deadline))}.\n\nBegrunnelse: ${String(d.reason)}\n\n${howToAnswer(c, d)}`,
    ),
  closed: (c, d) => {
    const missing = notAnswered(c);
    const answered = c.recipients.length - missing.length;
    return mail(
      `Høringsfristen er ute: ${c.title}`,
      `${greeting(d)}\n\nhøringsfristen for «${c.title}» gikk ut ${hearingDateTime(c.deadline!)}. ` +
        `${answered} av ${c.recipients.length} høringsinstanser har svart.` +
        (missing.length ? `\n\nIkke svart:\n${missing.map((r) => `- ${r.name}`).join('\n')}` : '') +
        '\n\nSvar som kommer senere blir registrert som for sent mottatt. Sammendraget lages i samflyt.',
    );
  },
  withdrawn: (c, d) =>
    mail(
      `Høringen er trukket tilbake: ${c.title}`,
      `${greeting(d)}\n\nhøringen «${c.title}» er trukket tilbake, og det skal ikke lenger gis høringssvar.\n\n` +
        `Begrunnelse: ${c.withdrawnReason ?? ''}`,
    ),
};
