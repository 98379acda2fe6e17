import { norwegianDateTime, type RenderedMessage } from '@samflyt/engine';
import { letterNotice, type LetterKind, type LetterRequest } from '../letters/letter.model';
import { kroner } from './allocation';
import type { ApplicationContext } from './application.model';
import { norwegianDate } from './grant-time';

/** The letters to an applicant as documents: the request the worker renders, and the e-mail's short notice. */

const LEGAL_BASIS =
  'Vedtaket er fattet av ASU etter utlysningens kriterier. Reglene om enkeltvedtak i ' +
  'forvaltningsloven gjelder: begrunnelsen står i brevet (§§ 24–25), og du underrettes skriftlig (§ 27).';

/** «Vår ref.»: the case the vedtak was made in, else the application's own number. */
const ourRef = (c: ApplicationContext, caseRef: string | null | undefined) =>
  caseRef ?? `søknad ${c.applicationId.slice(0, 8)}`;

function request(
  c: ApplicationContext,
  kind: LetterKind,
  caseRef: string | null,
  fields: Record<string, string>,
  vedtak: LetterRequest['vedtak'],
): LetterRequest {
  return {
    kind,
    scope: c.round.roundId,
    addressee: {
      key: `application:${c.applicationId}`,
      personId: c.applicant.personId,
      name: c.applicant.name,
      organisation: c.organisation.name,
      email: c.applicant.email,
    },
    caseRef: ourRef(c, caseRef),
    theirRef: null,
    fields: {
      mottaker: c.applicant.name,
      organisasjon: c.organisation.name,
      soknad: c.title,
      utlysning: c.round.title,
      soktBelop: kroner(c.requestedAmount),
      utvalg: c.round.decidingCommittee,
      ...fields,
    },
    vedtak,
    signedBy: c.round.secretariat.name,
  };
}

const appealable = (c: ApplicationContext): LetterRequest['vedtak'] => ({
  legalBasis: LEGAL_BASIS,
  appeal:
    c.round.appealable && c.appealDeadline ? { deadline: c.appealDeadline, appealTo: c.round.decidingCommittee } : null,
});

const withLetter = (subject: string, kind: LetterKind, c: ApplicationContext, letter: LetterRequest) =>
  ({
    subject,
    text: letterNotice(kind, `søknaden «${c.title}» (${c.round.title})`, c.applicant.name),
    letter: letter as unknown as Record<string, unknown>,
  }) satisfies RenderedMessage;

export function tilskuddsbrevLetter(c: ApplicationContext): RenderedMessage {
  const d = c.decision!;
  const reports = c.reports.map((r) => `- ${r.title}: innen ${norwegianDate(r.dueAt)}`).join('\n');
  const letter = request(
    c,
    'tilskuddsbrev',
    d.caseRef,
    {
      tildeltBelop: kroner(d.amount),
      sak: d.caseRef ?? '–',
      vedtak: d.resolution,
      vilkar: c.round.conditions,
      rapportering: reports || '- Ingen rapporter kreves.',
    },
    appealable(c),
  );
  return withLetter(`Tilskuddsbrev: ${c.round.title} – ${c.title}`, 'tilskuddsbrev', c, letter);
}

export function avslagLetter(c: ApplicationContext): RenderedMessage {
  const d = c.decision!;
  const letter = request(
    c,
    'avslag',
    d.caseRef,
    { sak: d.caseRef ?? '–', begrunnelse: d.reasons, vedtak: d.resolution },
    appealable(c),
  );
  return withLetter(`Avslag: ${c.round.title} – ${c.title}`, 'avslag', c, letter);
}

export function klagevedtakLetter(c: ApplicationContext): RenderedMessage {
  const appeal = c.appeal!;
  const o = appeal.outcome!;
  const result = o.upheld
    ? `Klagen er tatt til følge.${o.amount > 0 ? ` Tildelt beløp: ${kroner(o.amount)}.` : ''}`
    : 'Klagen er ikke tatt til følge. Det opprinnelige vedtaket står ved lag.';
  const letter = request(
    c,
    'klagevedtak',
    appeal.caseRef,
    { sak: appeal.caseRef ?? '–', resultat: result, vedtak: o.resolution },
    // A klagevedtak is final (forvaltningsloven § 28 third paragraph).
    { legalBasis: LEGAL_BASIS, appeal: null },
  );
  return withLetter(`Vedtak i klagesak: ${c.round.title} – ${c.title}`, 'klagevedtak', c, letter);
}

export function informationRequestLetter(c: ApplicationContext): RenderedMessage {
  const r = c.infoRequests.at(-1)!;
  const letter = request(
    c,
    'informasjonsforespørsel',
    null,
    { sporsmal: r.message, frist: norwegianDateTime(r.deadline) },
    null,
  );
  return withLetter(`Søknaden «${c.title}»: vi trenger mer informasjon`, 'informasjonsforespørsel', c, letter);
}
