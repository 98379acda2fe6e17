/**
 * Letters: the formal documents the processes send (a tilskuddsbrev, an avslag, a klagevedtak, an innkalling …).
 * A workflow's e-mail template names the letter it carries (`RenderedMessage.letter`, a LetterRequest); the worker
 * fills the letter's text template with the request's fields, renders it as a PDF once, keeps it and attaches it.
 * Pure: no I/O here.
 */

export const LETTER_KINDS = [
  'tilskuddsbrev',
  'avslag',
  'klagevedtak',
  'informasjonsforespørsel',
  'innkalling',
  'høringsbrev',
  'kvittering-høringssvar',
] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];

/** The kinds the secretariat writes per grant round. */
export const ROUND_LETTER_KINDS = ['tilskuddsbrev', 'avslag', 'klagevedtak', 'informasjonsforespørsel'] as const;

export const isLetterKind = (value: string): value is LetterKind => (LETTER_KINDS as readonly string[]).includes(value);

/** A letter's text: a subject and a body with `{{field}}` placeholders; blank lines part paragraphs, `- ` lists. */
export interface LetterText {
  subject: string;
  body: string;
}

/** Who a letter is to: one letter per addressee; copies (to the secretariat) attach the same document. */
export interface LetterAddressee {
  /** Unique per letter of an instance: the application, the organisation, the person. */
  key: string;
  /** The person who may download it besides the secretariat (their own letter), when the addressee is a person. */
  personId: string | null;
  name: string;
  organisation: string | null;
  email: string | null;
}

/** What the outbox row carries (as JSON) for the worker to render. */
export interface LetterRequest {
  kind: LetterKind;
  /** Whose texts: a grant round's id (its own templates), or null for the built-in text. */
  scope: string | null;
  addressee: LetterAddressee;
  /** «Vår ref.»: the case number. */
  caseRef: string | null;
  /** «Deres ref.», where the addressee gave one. */
  theirRef: string | null;
  /** Values for the template's placeholders. */
  fields: Record<string, string>;
  /** For an enkeltvedtak: its legal basis (fvl. §§ 24–25) and the klage information (§ 27 third paragraph, § 29). */
  vedtak: {
    legalBasis: string;
    /** null: the vedtak cannot be appealed (a klagevedtak, or a round without appeal). */
    appeal: { deadline: string; appealTo: string } | null;
  } | null;
  /** The person who signs for the secretariat. */
  signedBy: string | null;
}

/** Each kind's placeholders, with what they hold (shown to the secretariat beside the template). */
export const LETTER_FIELDS: Record<LetterKind, Record<string, string>> = {
  tilskuddsbrev: {
    mottaker: 'søkerens navn',
    organisasjon: 'søkerens organisasjon',
    soknad: 'søknadens tittel',
    utlysning: 'utlysningens tittel',
    soktBelop: 'søkt beløp',
    tildeltBelop: 'tildelt beløp',
    utvalg: 'utvalget som fattet vedtaket',
    sak: 'saksnummeret vedtaket ble fattet i',
    vedtak: 'vedtaksteksten',
    vilkar: 'vilkårene for tilskuddet',
    rapportering: 'rapportene og fristene deres',
  },
  avslag: {
    mottaker: 'søkerens navn',
    organisasjon: 'søkerens organisasjon',
    soknad: 'søknadens tittel',
    utlysning: 'utlysningens tittel',
    soktBelop: 'søkt beløp',
    utvalg: 'utvalget som fattet vedtaket',
    sak: 'saksnummeret vedtaket ble fattet i',
    begrunnelse: 'begrunnelsen: poeng, plass og regelen eller arbeidsutvalgets grunn',
    vedtak: 'vedtaksteksten',
  },
  klagevedtak: {
    mottaker: 'søkerens navn',
    organisasjon: 'søkerens organisasjon',
    soknad: 'søknadens tittel',
    utlysning: 'utlysningens tittel',
    utvalg: 'utvalget som behandlet klagen',
    sak: 'saksnummeret klagen ble behandlet i',
    resultat: 'om klagen ble tatt til følge, og beløpet',
    vedtak: 'vedtaksteksten',
  },
  informasjonsforespørsel: {
    mottaker: 'søkerens navn',
    organisasjon: 'søkerens organisasjon',
    soknad: 'søknadens tittel',
    utlysning: 'utlysningens tittel',
    sporsmal: 'hva sekretariatet trenger',
    frist: 'fristen for å svare',
  },
  innkalling: {
    mottaker: 'medlemmets navn',
    utvalg: 'utvalgets navn',
    mote: 'møtets tittel',
    tid: 'dato og klokkeslett',
    sted: 'møtested',
    sakliste: 'sakene på saklisten',
  },
  høringsbrev: {
    mottaker: 'kontaktpersonens navn',
    organisasjon: 'høringsinstansen',
    horing: 'høringens tittel',
    frist: 'høringsfristen',
    sporsmal: 'spørsmålene i høringen',
    forslag: 'forslaget (høringsnotatet)',
  },
  'kvittering-høringssvar': {
    mottaker: 'kontaktpersonens navn',
    organisasjon: 'høringsinstansen',
    horing: 'høringens tittel',
    mottatt: 'når svaret ble mottatt',
    frist: 'fristen for å endre svaret',
  },
};

/** Each kind's title, as the letter and the e-mail name it. */
export const LETTER_TITLES: Record<LetterKind, string> = {
  tilskuddsbrev: 'Tilskuddsbrev',
  avslag: 'Vedtak om avslag',
  klagevedtak: 'Vedtak i klagesak',
  informasjonsforespørsel: 'Anmodning om opplysninger',
  innkalling: 'Innkalling til møte',
  høringsbrev: 'Høringsbrev',
  'kvittering-høringssvar': 'Kvittering for høringssvar',
};

/** The built-in texts (version 0): what a round's letters say until the secretariat changes them. */
export const DEFAULT_LETTER_TEXTS: Record<LetterKind, LetterText> = {
  tilskuddsbrev: {
    subject: 'Tilskuddsbrev – {{utlysning}}: «{{soknad}}»',
    body:
      '{{utvalg}} har i sak {{sak}} innvilget søknaden «{{soknad}}» fra {{organisasjon}} med {{tildeltBelop}} ' +
      '(søkt beløp: {{soktBelop}}).\n\n' +
      'Vedtak:\n{{vedtak}}\n\n' +
      'Vilkår for tilskuddet:\n{{vilkar}}\n\n' +
      'Rapportering:\n{{rapportering}}',
  },
  avslag: {
    subject: 'Vedtak om avslag – {{utlysning}}: «{{soknad}}»',
    body:
      '{{utvalg}} har i sak {{sak}} ikke innvilget søknaden «{{soknad}}» fra {{organisasjon}} ' +
      '(søkt beløp: {{soktBelop}}).\n\n' +
      'Begrunnelse:\n{{begrunnelse}}\n\n' +
      'Vedtak:\n{{vedtak}}',
  },
  klagevedtak: {
    subject: 'Vedtak i klagesak – {{utlysning}}: «{{soknad}}»',
    body:
      '{{utvalg}} har i sak {{sak}} behandlet klagen fra {{organisasjon}} på vedtaket om søknaden «{{soknad}}».\n\n' +
      '{{resultat}}\n\n' +
      'Vedtak:\n{{vedtak}}',
  },
  informasjonsforespørsel: {
    subject: 'Anmodning om opplysninger – søknaden «{{soknad}}»',
    body:
      'Sekretariatet trenger flere opplysninger for å behandle søknaden «{{soknad}}» fra {{organisasjon}} til ' +
      '{{utlysning}}.\n\n{{sporsmal}}\n\n' +
      'Svar i samflyt innen {{frist}}. Kommer det ikke svar innen fristen, blir søknaden avvist som ufullstendig.',
  },
  innkalling: {
    subject: 'Innkalling: {{mote}}',
    body:
      'Du innkalles til møte i {{utvalg}}.\n\nTid: {{tid}}\nSted: {{sted}}\n\nSakliste:\n{{sakliste}}\n\n' +
      'Meld forfall til sekretariatet så snart som mulig, slik at vara kan kalles inn.',
  },
  høringsbrev: {
    subject: 'Høring: {{horing}}',
    body:
      '{{organisasjon}} inviteres til å gi høringssvar på «{{horing}}».\n\n' +
      'Forslaget:\n{{forslag}}\n\n' +
      'Vi ber særlig om svar på disse spørsmålene:\n{{sporsmal}}\n\n' +
      'Høringsfristen er {{frist}}. Svar gis gjennom den personlige lenken i e-posten dette brevet fulgte med.',
  },
  'kvittering-høringssvar': {
    subject: 'Kvittering for høringssvar: {{horing}}',
    body:
      'Vi har mottatt høringssvaret fra {{organisasjon}} på «{{horing}}» {{mottatt}}.\n\n' +
      'Svaret kan endres fram til {{frist}}. Høringssvar er offentlige etter at høringsfristen er ute.',
  },
};

/** `{{field}}` replaced by its value; an unknown field is left as written, so a typo shows in the preview. */
export function fillTemplate(text: string, fields: Record<string, string>): string {
  return text.replace(/\{\{\s*([A-Za-zæøåÆØÅ]+)\s*\}\}/g, (whole, name: string) =>
    Object.hasOwn(fields, name) ? fields[name] : whole,
  );
}

/** Placeholders in `text` that the kind does not know (a PUT naming one is refused). */
export function unknownFields(kind: LetterKind, text: string): string[] {
  const known = LETTER_FIELDS[kind];
  const names = [...text.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)].map((m) => m[1]);
  return [...new Set(names.filter((n) => !Object.hasOwn(known, n)))];
}

/**
 * The e-mail that carries a letter: a short notice in bokmål naming the letter and that it is attached.
 * `extra` (a link to answer, say) follows it.
 */
export function letterNotice(kind: LetterKind, about: string, greeting: string | null, extra = ''): string {
  return (
    `${greeting ? `Hei ${greeting},\n\n` : ''}` +
    `vedlagt følger ${LETTER_TITLES[kind].toLowerCase()} fra sekretariatet for helsefellesskapet: ${about}. ` +
    'Brevet er vedlagt som PDF og kan også lastes ned i samflyt.' +
    `${extra ? `\n\n${extra}` : ''}\n\nVennlig hilsen\nsekretariatet for helsefellesskapet\n\n` +
    '(Denne e-posten er sendt automatisk fra samflyt.)'
  );
}
