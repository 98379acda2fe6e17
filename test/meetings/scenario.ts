import request from 'supertest';
import { bearer, people, type ApiHarness } from '../support/api';
import { insertPerson, type Committee } from './support';

export const sek = bearer(people.secretariat);

/** The cases of the 17.04.24 minutes used here: 09/24 and 15/24 registered with their numbers, 10/24 numbered next. */
export const saker = {
  '09/24': {
    number: 9,
    title: 'Godkjenning av innkalling og sakliste.',
    proposedResolution: '1. Innkalling og sakliste godkjennes.',
    responsible: 'Ingjerd Astad/Tom Christian Martinsen',
  },
  '10/24': {
    title: 'Helseplattformen - statusoppdatering',
    proposedResolution: '1. ASU tar saken til orientering.',
    responsible: 'Ingjerd Astad/Tom Christian Martinsen',
    caseOfficer: 'Solveig Cruikshank Tofte',
  },
  '15/24': {
    number: 15,
    title: 'Utviklingsprosjekt fra Topplederprogrammet',
    proposedResolution: '1. Saken tas til orientering.',
    responsible: 'Ingjerd Astad/Tom Christian Martinsen',
  },
};

export type Ref = keyof typeof saker;

/** The sakliste of 17.04.24, in part: two cases, a break, the postponed 15/24 at 16.15, the closing point. */
export const aprilAgenda = (cases: Record<Ref, string>) => [
  {
    kind: 'case',
    caseId: cases['09/24'],
    durationMinutes: 10,
    responsible: 'Ingjerd Astad',
    details: 'Saker til eventuelt',
  },
  {
    kind: 'case',
    caseId: cases['10/24'],
    title: 'Helseplattformen',
    details: 'Status',
    durationMinutes: 20,
    responsible: 'Tor Erling Evjen, Helseplattformen AS',
  },
  { kind: 'break', title: 'Pause', durationMinutes: 10 },
  {
    kind: 'case',
    caseId: cases['15/24'],
    startsAt: '16:15',
    durationMinutes: 15,
    responsible: 'Albert Verhagen Tone Løvvik',
  },
  { kind: 'other', title: 'Hvordan har møtet vært? Avslutning av møtet' },
];

/** The ASU's meetings and cases driven over HTTP, each step expected to succeed. */
export class AsuScenario {
  constructor(
    readonly api: ApiHarness,
    readonly asu: Committee,
  ) {}

  /** A member's token: subject = person id; the API adds roles from the membership. */
  member(name: string): Record<string, string> {
    return bearer({ sub: this.asu.people[name], name, roles: [], email: this.asu.email(name) });
  }

  send(method: 'post' | 'put', path: string, body: unknown, as = sek): request.Test {
    const http = this.api.http();
    return (method === 'post' ? http.post(path) : http.put(path)).set(as).send(body as object);
  }

  async meeting(startsAt: string, endsAt: string, nextMeetingNote?: string): Promise<Record<string, any>> {
    const res = await this.send('post', `/committees/${this.asu.code}/meetings`, {
      startsAt,
      endsAt,
      place: '1930 M11',
      chairPersonId: this.asu.people['Ingjerd Astad'],
      minuteTakerPersonId: this.asu.people['Solveig Cruikshank Tofte'],
      nextMeetingNote,
    }).expect(201);
    return res.body;
  }

  async createCase(body: Record<string, unknown>): Promise<Record<string, any>> {
    return (await this.send('post', `/committees/${this.asu.code}/cases`, { year: 2024, ...body }).expect(201)).body;
  }

  /** Creates 09/24, 10/24 and 15/24 and puts them on the 17.04.24 sakliste. */
  async aprilCases(april: string): Promise<Record<Ref, string>> {
    const cases = {} as Record<Ref, string>;
    for (const ref of Object.keys(saker) as Ref[]) cases[ref] = (await this.createCase(saker[ref])).id;
    await this.send('put', `/meetings/${april}/agenda`, { items: aprilAgenda(cases) }).expect(200);
    return cases;
  }

  /**
   * The meeting of 17.04.24: published; held with attendance as the minutes record it (Teams,
   * forfall, a vara standing in, a guest); referat and innspill on 10/24; vedtak on 09/24 and 10/24.
   */
  async holdApril(april: string, cases: Record<Ref, string>): Promise<void> {
    await this.send('post', `/meetings/${april}/publish`, {}).expect(200);
    await this.send(
      'post',
      `/meetings/${april}/attendance`,
      { status: 'absent' },
      this.member('Jan Roger Wold'),
    ).expect(200);
    await this.send('post', `/meetings/${april}/held`, {}).expect(200);
    const guest = await insertPerson(this.api.pg, 'Tor Erling Evjen');
    const record = (personId: string, status: string, standsInForPersonId?: string) =>
      this.send('post', `/meetings/${april}/attendance`, { personId, status, standsInForPersonId }).expect(200);
    const present = [
      'Ingjerd Astad',
      'Wenche P. Dehli',
      'Tom Christian Martinsen',
      'Tone Shetelig Løvvik',
      'Arnfinn Seim',
      'Trine Wigtil',
      'Solveig Cruikshank Tofte',
    ];
    for (const name of present) await record(this.asu.people[name], 'present');
    await record(this.asu.people['Jan Roger Wold'], 'absent');
    await record(this.asu.people['Torkild Skaar'], 'remote');
    await record(this.asu.people['Sunniva Rognerud'], 'absent');
    await record(this.asu.people['Helena Bertilsson'], 'present', this.asu.people['Sunniva Rognerud']);
    await record(guest, 'present');

    const c10 = cases['10/24'];
    const referat = 'Avdelingsdirektør i Helseplattformen, Tor Erling Evjen, orienterte om status.';
    await this.send('put', `/cases/${c10}/minutes`, { text: referat }).expect(200);
    const innspill = 'Fastlegene opplever at meldte utfordringer ikke blir fulgt opp.';
    await this.send('post', `/cases/${c10}/inputs`, { text: innspill, author: 'ASU' }).expect(200);
    await this.send(
      'post',
      `/cases/${c10}/inputs`,
      { text: 'Integrasjonene må bli bedre.' },
      this.member('Arnfinn Seim'),
    ).expect(200);
    await this.send('post', `/cases/${cases['09/24']}/decide`, {}).expect(200);
    await this.send('post', `/cases/${c10}/decide`, {
      resolution: '1. ASU tar saken til orientering med innspillene fra møtet.',
      voteResult: 'Vedtatt ved konsensus.',
    }).expect(200);
  }
}
