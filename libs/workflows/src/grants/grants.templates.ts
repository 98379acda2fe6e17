import { norwegianDateTime, norwegianDuration, type RenderedMessage } from '@samflyt/engine';
import { kroner, totalOf, type InnstillingLine } from './allocation';
import type { ApplicationContext } from './application.model';
import { avslagLetter, informationRequestLetter, klagevedtakLetter, tilskuddsbrevLetter } from './grants.letters';
import { norwegianDate } from './grant-time';
import type { RoundContext } from './round.model';
import { innstillingOf, missingFor } from './scoring';

/** Every e-mail of the grants ends with the secretariat's signature. */
const signature =
  '\n\nVennlig hilsen\nsekretariatet for helsefellesskapet\n\n(Denne e-posten er sendt automatisk fra samflyt.)';

type Templates<C> = Record<string, (c: C, d: Record<string, unknown>) => RenderedMessage>;

const mail = (subject: string, body: string): RenderedMessage => ({ subject, text: `${body}${signature}` });

// ---- the round: to the scorers and the secretariat ---------------------------------------------

const hello = (d: Record<string, unknown>) => {
  const name = (d.recipient as { name?: string } | undefined)?.name;
  return name ? `Hei ${name},\n\n` : '';
};
const personIdOf = (c: RoundContext, d: Record<string, unknown>) =>
  c.scorers.find((s) => s.email === (d.recipient as { email?: string } | undefined)?.email)?.personId ?? '';

export const roundTemplates: Templates<RoundContext> = {
  reviewOpened: (c, d) =>
    mail(
      `Søknader til vurdering: ${c.title}`,
      `${hello(d)}${c.applications.length} søknader er klare for vurdering i samflyt. Gi poeng på hvert kriterium med en ` +
        `kommentar, og meld fra om inhabilitet (forvaltningsloven § 6) før du vurderer en søknad.\n\n` +
        `Frist for vurdering: ${norwegianDateTime(c.scoringDeadline)}.`,
    ),
  scorerReminder: (c, d) =>
    mail(
      `Påminnelse: vurdering av søknader til ${c.title}, frist om ${norwegianDuration(String(d.offset))}`,
      `${hello(d)}du har ${missingFor(c, personIdOf(c, d)).length} søknad(er) igjen å vurdere. ` +
        `Fristen er ${norwegianDateTime(c.scoringDeadline)}.`,
    ),
  scoringClosed: (c) =>
    mail(
      `Vurderingen er avsluttet: ${c.title}`,
      `Vurderingen er avsluttet${c.scoringClosedBy === 'deadline' ? ' ved fristen' : ''}. ` +
        (c.nonScorers.length > 0
          ? `Disse vurderte ikke alle søknadene: ${c.nonScorers.map((n) => n.name).join(', ')}.`
          : 'Alle har vurdert alle søknader de ikke var inhabile i.') +
        `\n\nForeslått fordeling: ${kroner(totalOf(innstillingOf(c)))} av ${kroner(c.budget)}.`,
    ),
  awarded: (c) =>
    mail(
      `Vedtak om tildeling: ${c.title}`,
      `${c.decidingCommittee} har fattet vedtak. ${c.decision?.awards.length ?? 0} prosjekter får til sammen ` +
        `${kroner(totalOf(c.decision?.awards ?? []))}. Tilskuddsbrev og avslag er sendt søkerne.`,
    ),
};

const REASON_TEXT: Record<string, string> = {
  'no-room':
    'Søknaden nådde ikke opp innenfor rammen: midlene er prioritert til færre, større prosjekter med høyere poengsum.',
  'below-threshold': 'Søknaden nådde ikke kvalitetsterskelen for utlysningen.',
  unscored: 'Søknaden ble ikke vurdert.',
  funded: 'Søknaden er ikke prioritert i vedtaket.',
  trimmed: 'Søknaden er ikke prioritert i vedtaket.',
};

/** The reasons an avslag gives (forvaltningsloven § 24–25): the rule, the score and rank, AU's reason if it changed it. */
export function declineReasons(line: InnstillingLine | undefined, applications: number): string {
  if (!line) return 'Søknaden er ikke prioritert i vedtaket.';
  const parts = [
    line.score === null
      ? 'Søknaden fikk ingen poeng.'
      : `Søknaden fikk ${line.score.toFixed(1).replace('.', ',')} av 100 poeng i arbeidsutvalgets vurdering og ble rangert som nr. ${line.rank} av ${applications}.`,
    line.adjustment ? `Arbeidsutvalget endret innstillingen: ${line.adjustment.reason}` : REASON_TEXT[line.reason],
    'Tildelingen følger kriteriene i utlysningen og ASUs føring i sak 30/24 om å prioritere færre, større prosjekter.',
  ];
  return parts.join(' ');
}

// ---- the application: letters to the applicant -----------------------------------------------

const greeting = (c: ApplicationContext) => `Til ${c.organisation.name} v/ ${c.applicant.name}\n\n`;

const about = (c: ApplicationContext) =>
  `Søknad: «${c.title}» (${c.organisation.name})\nUtlysning: ${c.round.title}\nSøkt beløp: ${kroner(c.requestedAmount)}`;

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

export const applicationTemplates: Templates<ApplicationContext> = {
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
  infoRequested: (c) => informationRequestLetter(c),
  infoReminder: (c) => {
    const r = c.infoRequests.at(-1)!;
    return mail(
      `Påminnelse: svar på spørsmål om søknaden «${c.title}»`,
      `${greeting(c)}vi har ikke fått svar på:\n\n${r.message}\n\nFristen er ${norwegianDateTime(r.deadline)}.`,
    );
  },
  formalRejection: (c) => formalRejection(c),
  tilskuddsbrev: (c) => tilskuddsbrevLetter(c),
  avslag: (c) => avslagLetter(c),
  appealReceived: (c) =>
    mail(
      `Klage mottatt: ${c.title}`,
      `${greeting(c)}vi har mottatt klagen på vedtaket om søknaden «${c.title}». Klagen legges fram for ` +
        `${c.round.decidingCommittee} som egen sak.\n\nKlagen:\n${c.appeal!.text}`,
    ),
  appealDecided: (c) => klagevedtakLetter(c),
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
