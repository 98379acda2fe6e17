/**
 * Demo hearing: the fagråd structure of ASU sak 12/24 («bearbeidet forslag til struktur sendes på
 * høring»), sent to every kommune of the helsefellesskap, St. Olavs hospital and the user
 * organisations, with the real durations (three months, reminders 14 and 3 days before), and the
 * joint answer of sak 31/24 already registered. Contact persons get fictitious addresses under
 * `.example`, so nothing reaches a real mailbox even with a real SMTP server.
 */

/** «Holtålen kommune» → «holtalen»: an organisation's name as a domain label. */
export const slug = (name: string) =>
  name
    .toLowerCase()
    .replace(/ kommune$/, '')
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/å/g, 'a')
    .normalize('NFD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

const JOINT = ['Trondheim', 'Malvik', 'Melhus', 'Midtre Gauldal', 'Holtålen', 'Røros', 'Oppdal'].map(
  (n) => `${n} kommune`,
);

const USER_ORGANISATIONS = ['Brukerutvalget ved St. Olavs hospital', 'FFO Trøndelag', 'SAFO Trøndelag'];

interface Organisation {
  id: string;
  name: string;
  kind: string;
  contacts: { email: string }[];
}

const PROPOSAL = `Forhandlingsutvalget legger med dette frem bearbeidet forslag til ny fagrådsstruktur for helsefellesskapet, jf. ASU sak 12/24, vedtak 3.

Forslaget bygger på workshopen med fagrådslederne og innspillene fra ASU 17.04.24:
- helsefellesskapet tar i bruk de nasjonale begrepene på alle tre nivåer: partnerskapsmøte, strategisk samarbeidsutvalg (SSU) og faglig samarbeidsutvalg (FSU);
- det opprettes et lederutvalg med leder og nestleder i SSU og lederne og nestlederne i fagrådene;
- rekruttering til fagrådene baseres på behovet for kompetanse i det enkelte fagråd, og hvert fagråd får et tydelig mandat;
- permanente og ad hoc arbeidsgrupper opprettholdes og styrkes, også på tvers av fagrådene.`;

const QUESTIONS = [
  {
    id: 'struktur',
    text: 'Gir den foreslåtte strukturen et godt grunnlag for samhandling mellom kommunene og sykehuset?',
  },
  { id: 'psykisk-helse', text: 'Bør det være et eget fagråd for psykisk helse og rus?' },
  { id: 'kompetanse', text: 'Bør det være et eget fagråd for kompetanse- og personellutnyttelse?' },
  {
    id: 'forebygging',
    text: 'Er forebygging, helsefremming, habilitering, rehabilitering og kvinnehelse godt nok ivaretatt?',
  },
];

const inMonths = (m: number) => {
  const d = new Date();
  d.setMonth(d.getMonth() + m);
  return d.toISOString().slice(0, 10);
};

/** Creates and sends the demo hearing through the API (once: a second run finds it). Returns its id. */
export async function loadDemoHearings(api: string, secretariatToken: string): Promise<string> {
  const call = async (method: string, path: string, body?: unknown, key?: string): Promise<any> => {
    const res = await fetch(`${api}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${secretariatToken}`,
        'content-type': 'application/json',
        ...(key ? { 'idempotency-key': key } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`Demo hearing: ${method} ${path} → ${res.status} ${await res.text()}`);
    return res.status === 204 ? null : res.json();
  };
  const existing = await call('GET', `/hearings?q=${encodeURIComponent('fagrådsstruktur')}&committee=ASU`);
  if (existing.total > 0) return existing.items[0].id as string;

  const organisations = (await call('GET', '/organisations?pageSize=100')).items as Organisation[];
  const recipients = organisations.filter(
    (o) => o.kind === 'kommune' || o.name === 'St. Olavs hospital HF' || USER_ORGANISATIONS.includes(o.name),
  );
  for (const o of recipients.filter((r) => r.contacts.length === 0)) {
    const domain = o.kind === 'kommune' ? `${slug(o.name)}.kommune.example` : `${slug(o.name)}.example`;
    await call('POST', `/organisations/${o.id}/contacts`, {
      name: `Postmottak ${o.name}`,
      email: `postmottak@${domain}`,
    });
  }
  const hearing = await call(
    'POST',
    '/hearings',
    {
      committeeCode: 'ASU',
      title: 'Ny fagrådsstruktur i helsefellesskapet',
      origin: 'ASU sak 12/24 Forhandlingsutvalget – status og videre arbeid, vedtak 3',
      proposal: PROPOSAL,
      questions: QUESTIONS,
      recipients: recipients.map((o) => ({ organisationId: o.id })),
      deadline: inMonths(3),
    },
    'demo-hearing-fagradsstruktur',
  );
  await call('POST', `/hearings/${hearing.id}/send`, undefined, 'demo-hearing-fagradsstruktur-send');
  const byName = new Map(recipients.map((o) => [o.name, o.id]));
  // Registered by the secretariat (the letter of sak 31/24 names all seven): the co-signers sign at once, with no
  // confirmation through their links as an answer given through a link would need.
  await call(
    'POST',
    `/hearings/${hearing.id}/answers`,
    {
      organisationId: byName.get(JOINT[0]),
      coSigners: JOINT.slice(1).map((n) => byName.get(n)),
      text:
        'Kommunene Trondheim, Malvik, Melhus, Midtre Gauldal, Holtålen, Røros og Oppdal gir et felles høringssvar. ' +
        'Vi støtter at helsefellesskapet tar i bruk de nasjonale begrepene, og at alle kommuner involveres i arbeidet.',
      answers: [
        { questionId: 'struktur', text: 'Ja, med tydelige mandater og god forankring i alle kommuner.' },
        { questionId: 'psykisk-helse', text: 'Ja. Psykisk helse og rus bør ha et eget fagråd.' },
      ],
    },
    'demo-hearing-fagradsstruktur-joint-answer',
  );
  return hearing.id as string;
}
