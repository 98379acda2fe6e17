/** RFC 9457 problem details as the API sends them. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: { field: string; message: string }[];
  state?: string;
  allowedEvents?: string[];
  [extension: string]: unknown;
}

export class ApiProblem extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
  }
}

/** No answer at all: the network, or the web server, is down. */
export const networkProblem: Problem = { type: 'about:blank', title: 'Network', status: 0, detail: 'network' };

/** Any failure as a problem to show: the API's problem+json, or an unexpected error as a 500 (never swallowed). */
export function asProblem(error: unknown): Problem {
  return error instanceof ApiProblem
    ? error.problem
    : { type: 'about:blank', title: 'Error', status: 500, detail: String(error) };
}

export function toProblem(body: unknown, status: number): Problem {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Partial<Problem>;
  return {
    ...b,
    type: typeof b.type === 'string' ? b.type : 'about:blank',
    title: typeof b.title === 'string' ? b.title : '',
    status: typeof b.status === 'number' ? b.status : status,
    detail: typeof b.detail === 'string' ? b.detail : '',
  };
}

const slug = (p: Problem): string => p.type.replace(/^https:\/\/samflyt\.no\/problems\//, '');

/** Norwegian names of the states the processes use. */
export const stateNames: Record<string, string> = {
  assigned: 'tildelt',
  overdue: 'forfalt',
  delivered: 'levert',
  accepted: 'godkjent',
  cancelled: 'avlyst',
  planned: 'planlagt',
  published: 'publisert',
  noticed: 'innkalt',
  held: 'avholdt',
  approved: 'referat godkjent',
  draft: 'utkast',
  scheduled: 'på sakliste',
  onAgenda: 'på sakliste',
  decided: 'vedtatt',
  postponed: 'utsatt',
  withdrawn: 'trukket',
  open: 'åpen',
  closed: 'avsluttet',
  summary: 'sammendrag',
  presented: 'lagt fram',
  concluded: 'ferdigbehandlet',
};

export const stateName = (state: string): string =>
  stateNames[state] ?? stateNames[state.split('.').pop() ?? ''] ?? state;

const roleNames: Record<string, string> = { secretariat: 'sekretariatet', admin: 'driftsansvarlig' };

/** A field's message in Norwegian, for the messages the API's validators write. */
export function norwegianFieldMessage(message: string): string {
  const rules: [RegExp, (m: RegExpMatchArray) => string][] = [
    [/unknown placeholder\(s\) (.*)/i, (m) => `har flettefelt som brevet ikke kjenner: ${m[1]}`],
    [/^(is )?required$|^Required$|expected .*, received undefined/i, () => 'må fylles ut'],
    [/must be a date \(?YYYY-MM-DD\)?.*date-time/i, () => 'må være en dato (ÅÅÅÅ-MM-DD) eller et tidspunkt'],
    [/must be a date/i, () => 'må være en dato (ÅÅÅÅ-MM-DD)'],
    [/must be an integer from (\d+) to (\d+)/i, (m) => `må være et heltall fra ${m[1]} til ${m[2]}`],
    [/must be one of:? (.*)/i, (m) => `må være en av ${m[1]}`],
    [/must be a uuid|invalid uuid/i, () => 'må være en gyldig id'],
    [/invalid email|must be an e-?mail/i, () => 'må være en gyldig e-postadresse'],
    [/too small|at least (\d+)|>=\s*(\d+)/i, (m) => (m[1] ? `må ha minst ${m[1]} tegn` : 'er for kort eller for lite')],
    [/too big|at most (\d+)|<=\s*(\d+)/i, (m) => (m[1] ? `kan ha høyst ${m[1]} tegn` : 'er for langt eller for stort')],
    [/invalid string: must match pattern|does not match|pattern/i, () => 'har feil format'],
    [/unrecognized key|should not exist|not allowed/i, () => 'er ikke et kjent felt'],
    [/must be (a|an) (string|text)/i, () => 'må være tekst'],
    [/must be a number|expected number/i, () => 'må være et tall'],
    [/in the past/i, () => 'kan ikke være tilbake i tid'],
  ];
  for (const [re, say] of rules) {
    const m = message.match(re);
    if (m) return say(m);
  }
  return message;
}

/** Messages by field name, as forms show them at their fields. */
export type FieldErrors = Record<string, string>;

/**
 * Field errors from a problem+json `errors` list, in Norwegian (`input.assignee.email` → `assignee.email`);
 * `say` writes a message in Norwegian.
 */
export function problemFieldErrors(
  errors: { field: string; message: string }[] | undefined,
  strip = 'input.',
  say: (message: string) => string = norwegianFieldMessage,
): FieldErrors {
  return Object.fromEntries(
    (errors ?? []).map((e) => [e.field.startsWith(strip) ? e.field.slice(strip.length) : e.field, say(e.message)]),
  );
}

/**
 * What went wrong, in Norwegian, from the problem's type and status (the API writes its `detail` in English;
 * the English text is shown beside it for support).
 */
export function norwegianProblem(p: Problem): { title: string; text: string } {
  if (p.status === 0)
    return { title: 'Ingen forbindelse', text: 'Fikk ikke kontakt med tjenesten. Sjekk nettet og prøv igjen.' };
  const s = slug(p);
  const roles = /roles?: ([\w:, -]+)/.exec(p.detail)?.[1];
  switch (true) {
    case s === 'invalid-input' || p.status === 400:
      return { title: 'Noe må rettes', text: 'Noen av opplysningene er ikke gyldige. Se feltene som er merket.' };
    case p.status === 401:
      return {
        title: 'Du er ikke logget inn',
        text: 'Økten din er utløpt eller du er ikke logget inn. Logg inn og prøv igjen.',
      };
    case p.status === 403:
      return {
        title: 'Du har ikke tilgang',
        text: roles
          ? `Dette kan bare ${roles
              .split(', ')
              .map((r) => roleNames[r] ?? r)
              .join(' eller ')} gjøre.`
          : 'Du har ikke rettigheter til å se eller gjøre dette. Kontakt sekretariatet om du mener du skal ha tilgang.',
      };
    case p.status === 404:
      return { title: 'Fant ikke siden', text: 'Det du ba om, finnes ikke, eller er fjernet.' };
    case s === 'event-not-allowed':
      return {
        title: 'Kan ikke gjøres nå',
        text: `Dette kan ikke gjøres mens den står som «${stateName(p.state ?? '')}».`,
      };
    case s === 'revision-mismatch':
      return {
        title: 'Endret av noen andre',
        text: 'Noen andre har endret dette i mellomtiden. Last siden på nytt og prøv igjen.',
      };
    case s === 'conflict' || p.status === 409:
      return {
        title: 'Allerede registrert',
        text: /ballot|voted/i.test(p.detail)
          ? 'Du har allerede stemt i denne saken. Hver kan stemme én gang.'
          : 'Dette er allerede registrert, eller det strider mot noe som finnes fra før.',
      };
    case s === 'rule-violated' || p.status === 422:
      return {
        title: 'Brudd på en regel',
        text: /quorum/i.test(p.detail)
          ? 'Utvalget er ikke beslutningsdyktig.'
          : 'Handlingen bryter en regel i prosessen.',
      };
    case p.status === 413:
      return { title: 'For stort', text: 'Innholdet er for stort. Maks 1 MB.' };
    default:
      return { title: 'Noe gikk galt', text: 'Det oppsto en feil hos oss. Feilen er logget. Prøv igjen senere.' };
  }
}
