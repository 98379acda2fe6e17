import { norwegianDateTime, norwegianDuration, type RenderedMessage } from '@samflyt/engine';
import { kroner } from './allocation';
import type { ApplicationContext } from './application.machine';
import { norwegianDate } from './grant-time';

const signature =
  '\n\nVennlig hilsen\nsekretariatet for helsefellesskapet\n\n(Denne e-posten er sendt automatisk fra samflyt.)';

const greeting = (c: ApplicationContext) => `Til ${c.organisation.name} v/ ${c.applicant.name}\n\n`;

const about = (c: ApplicationContext) =>
  `Søknad: «${c.title}» (${c.organisation.name})\nUtlysning: ${c.round.title}\nSøkt beløp: ${kroner(c.requestedAmount)}`;

const mail = (subject: string, body: string): RenderedMessage => ({ subject, text: `${body}${signature}` });

/** Forvaltningsloven § 27 tredje ledd: how, to whom and by when a decision can be appealed. */
function appealInformation(c: ApplicationContext): string {
  if (!c.round.appealable || !c.appealDeadline) return 'Vedtaket kan ikke påklages.';
  return (
    `Klageadgang: Vedtaket kan påklages, jf. forvaltningsloven § 28. Klagefristen er tre uker fra du mottok ` +
    `dette brevet (§ 29), det vil si innen ${norwegianDateTime(c.appealDeadline)}. Klagen sendes til ` +
    `sekretariatet for helsefellesskapet i samflyt og skal si hvilket vedtak det klages over, hvilke endringer ` +
    `som ønskes og begrunnelsen for klagen. Klagen legges fram for ${c.round.decidingCommittee} som egen sak.`
  );
}

export function tilskuddsbrev(c: ApplicationContext): RenderedMessage {
  const d = c.decision!;
  const reports = c.reports.map((r) => `- ${r.title}: innen ${norwegianDate(r.dueAt)}`).join('\n');
  return mail(
    `Tilskuddsbrev: ${c.round.title} – ${c.title}`,
    `${greeting(c)}${c.round.decidingCommittee} har i ${d.caseRef ? `sak ${d.caseRef}` : 'vedtak'} innvilget søknaden ` +
      `«${c.title}» med ${kroner(d.amount)}.\n\n${about(c)}\nTildelt beløp: ${kroner(d.amount)}\n\n` +
      `Vedtak:\n${d.resolution}\n\nVilkår:\n${c.round.conditions}\n\n` +
      `Rapportering:\n${reports || '- Ingen rapporter kreves.'}\n\n${appealInformation(c)}`,
  );
}

export function avslag(c: ApplicationContext): RenderedMessage {
  const d = c.decision!;
  return mail(
    `Avslag: ${c.round.title} – ${c.title}`,
    `${greeting(c)}${c.round.decidingCommittee} har i ${d.caseRef ? `sak ${d.caseRef}` : 'vedtak'} ikke innvilget ` +
      `søknaden «${c.title}».\n\n${about(c)}\n\nBegrunnelse:\n${d.reasons}\n\nVedtak:\n${d.resolution}\n\n${appealInformation(c)}`,
  );
}

export function formalRejection(c: ApplicationContext): RenderedMessage {
  return mail(
    `Søknaden er avvist: ${c.round.title} – ${c.title}`,
    `${greeting(c)}søknaden er avvist ved formell kontroll og blir ikke vurdert.\n\n${about(c)}\n\nBegrunnelse:\n${c.rejectionReason ?? ''}`,
  );
}

export function appealDecided(c: ApplicationContext): RenderedMessage {
  const o = c.appeal!.outcome!;
  const result = o.upheld
    ? `Klagen er tatt til følge.${o.amount > 0 ? ` Tildelt beløp: ${kroner(o.amount)}.` : ''}`
    : 'Klagen er ikke tatt til følge. Det opprinnelige vedtaket står ved lag.';
  return mail(
    `Vedtak i klagesak: ${c.round.title} – ${c.title}`,
    `${greeting(c)}${c.round.decidingCommittee} har behandlet klagen${c.appeal!.caseRef ? ` i sak ${c.appeal!.caseRef}` : ''}.\n\n` +
      `${result}\n\nVedtak:\n${o.resolution}\n\n${about(c)}\n\nVedtaket i klagesaken er endelig og kan ikke påklages (forvaltningsloven § 28).`,
  );
}

export const applicationTemplates: Record<
  string,
  (c: ApplicationContext, d: Record<string, unknown>) => RenderedMessage
> = {
  receipt: (c) =>
    mail(
      `Kvittering: søknaden «${c.title}» er mottatt`,
      `${greeting(c)}vi har mottatt søknaden.\n\n${about(c)}\n\nSekretariatet gjør en formell kontroll før søknaden vurderes av arbeidsutvalget.`,
    ),
  draftReminder: (c, d) =>
    mail(
      `Påminnelse: søknadsfristen for ${c.round.title} er om ${norwegianDuration(String(d.offset))}`,
      `${greeting(c)}søknaden «${c.title}» er ikke sendt inn. Søknadsfristen er ${norwegianDateTime(c.round.closesAt)}; ` +
        'en søknad som ikke er sendt inn innen fristen, blir ikke behandlet.',
    ),
  infoRequested: (c) => {
    const r = c.infoRequests.at(-1)!;
    return mail(
      `Søknaden «${c.title}»: vi trenger mer informasjon`,
      `${greeting(c)}sekretariatet trenger mer informasjon for å behandle søknaden.\n\n${r.message}\n\n` +
        `Frist for å svare: ${norwegianDateTime(r.deadline)}. Uten svar innen fristen blir søknaden avvist som ufullstendig.\n\n${about(c)}`,
    );
  },
  infoReminder: (c) => {
    const r = c.infoRequests.at(-1)!;
    return mail(
      `Påminnelse: svar på spørsmål om søknaden «${c.title}»`,
      `${greeting(c)}vi har ikke fått svar på:\n\n${r.message}\n\nFristen er ${norwegianDateTime(r.deadline)}.`,
    );
  },
  formalRejection: (c) => formalRejection(c),
  tilskuddsbrev: (c) => tilskuddsbrev(c),
  avslag: (c) => avslag(c),
  appealReceived: (c) =>
    mail(
      `Klage mottatt: ${c.title}`,
      `${greeting(c)}vi har mottatt klagen på vedtaket om søknaden «${c.title}». Klagen legges fram for ` +
        `${c.round.decidingCommittee} som egen sak.\n\nKlagen:\n${c.appeal!.text}`,
    ),
  appealDecided: (c) => appealDecided(c),
  reportReminder: (c, d) => {
    const r = c.reports.find((x) => x.key === d.key)!;
    return mail(
      `Påminnelse: ${r.title} for «${c.title}» skal leveres ${norwegianDate(r.dueAt)}`,
      `${greeting(c)}${r.title.toLowerCase()} for prosjektet «${c.title}» skal leveres innen ${norwegianDateTime(r.dueAt)}, ` +
        'jf. tilskuddsbrevet.',
    );
  },
  reportOverdue: (c, d) => {
    const r = c.reports.find((x) => x.key === d.key)!;
    return mail(
      `Rapport ikke levert: ${r.title} for «${c.title}»`,
      `${greeting(c)}${r.title.toLowerCase()} for prosjektet «${c.title}» skulle vært levert innen ${norwegianDateTime(r.dueAt)} ` +
        'og er ikke mottatt. Saken er meldt til sekretariatet, som tar kontakt.',
    );
  },
  roundCancelled: (c) =>
    mail(
      `Utlysningen ${c.round.title} er avlyst`,
      `${greeting(c)}utlysningen er avlyst, og søknaden «${c.title}» blir ikke behandlet.\n\nBegrunnelse:\n${c.withdrawnReason ?? ''}`,
    ),
};

/** The letters that are kept with the application (a copy of what was e-mailed), by template. */
export const STORED_LETTERS: Record<string, string> = {
  tilskuddsbrev: 'tilskuddsbrev',
  avslag: 'avslag',
  formalRejection: 'avvisning',
  appealDecided: 'klagevedtak',
};
