import { randomBytes, randomUUID } from 'node:crypto';
import { dataSourceOptions, loadDemoCommittees } from '@samflyt/domain';
import { DataSource } from 'typeorm';
import { slug } from '../../scripts/lib/demo-hearings';
import { bearer, people, type ApiHarness } from '../support/api';

/** The seven kommuner of the joint høringssvar in sak 31/24, Trondheim first (it answers for all). */
export const JOINT = [
  'Trondheim kommune',
  'Malvik kommune',
  'Melhus kommune',
  'Midtre Gauldal kommune',
  'Holtålen kommune',
  'Røros kommune',
  'Oppdal kommune',
];

export const HOSPITAL = 'St. Olavs hospital HF';
export const USER_ORGANISATION = 'FFO Trøndelag';

export interface Organisations {
  /** Organisation id by name. */
  id: Record<string, string>;
  kommuner: string[];
  /** The e-mail address of the one contact person of each organisation, by name. */
  email: Record<string, string>;
  tag: string;
}

/**
 * The demo organisations and committees (the 22 kommuner, St. Olavs, the user organisations, ASU),
 * each organisation with one contact person whose address is unique to this test file.
 */
export async function loadOrganisations(api: ApiHarness): Promise<Organisations> {
  const ds = await new DataSource(dataSourceOptions(api.env.DATABASE_URL, 2)).initialize();
  try {
    await loadDemoCommittees(ds);
  } finally {
    await ds.destroy();
  }
  const tag = randomBytes(4).toString('hex');
  const { rows } = await api.pg.query<{ id: string; name: string; kind: string }>(
    `SELECT id, name, kind FROM organisations ORDER BY name`,
  );
  const id: Record<string, string> = {};
  const email: Record<string, string> = {};
  for (const o of rows) {
    id[o.name] = o.id;
    email[o.name] = `postmottak.${slug(o.name)}@${tag}.hearing.test`;
    await api.pg.query(`INSERT INTO organisation_contacts (id, organisation_id, name, email) VALUES ($1, $2, $3, $4)`, [
      randomUUID(),
      o.id,
      `Postmottak ${o.name}`,
      email[o.name],
    ]);
  }
  return { id, email, tag, kommuner: rows.filter((o) => o.kind === 'kommune').map((o) => o.name) };
}

export const PROPOSAL =
  'Forhandlingsutvalget foreslår en ny struktur for fagrådene i helsefellesskapet, med nasjonale begreper på alle ' +
  'tre nivåer: partnerskapsmøte, strategisk samarbeidsutvalg (SSU) og faglig samarbeidsutvalg (FSU).';

export const QUESTIONS = [
  { id: 'struktur', text: 'Gir den foreslåtte strukturen godt grunnlag for samhandling?' },
  { id: 'psykisk-helse', text: 'Bør det være eget fagråd for psykisk helse og rus?' },
];

/** A hearing of the fagråd structure to every kommune, the hospital and a user organisation. */
export async function createHearing(
  api: ApiHarness,
  orgs: Organisations,
  body: Record<string, unknown>,
): Promise<{ id: string; warnings: { code: string }[] }> {
  const recipients = [...orgs.kommuner, HOSPITAL, USER_ORGANISATION].map((name) => ({ organisationId: orgs.id[name] }));
  const res = await api
    .http()
    .post('/hearings')
    .set(bearer(people.secretariat))
    .send({
      committeeCode: 'ASU',
      title: 'Ny fagrådsstruktur',
      origin: 'ASU sak 12/24, vedtak 3',
      proposal: PROPOSAL,
      questions: QUESTIONS,
      recipients,
      ...body,
    });
  if (res.status !== 201) throw new Error(`could not create a hearing: ${res.status} ${res.text}`);
  return res.body;
}

/** The personal link token in the newest e-mail of `template` sent to an address (from the outbox). */
export async function tokenFor(api: ApiHarness, address: string): Promise<string> {
  const { rows } = await api.pg.query<{ body: string }>(
    `SELECT body FROM outbox_messages WHERE recipient = $1 AND body LIKE '%#token=%' ORDER BY created_at DESC LIMIT 1`,
    [address],
  );
  const match = /#token=([A-Za-z0-9_-]+)/.exec(rows[0]?.body ?? '');
  if (!match) throw new Error(`no e-mail with a personal link to ${address}`);
  return match[1];
}

export const asRecipient = (token: string): Record<string, string> => ({ 'X-Hearing-Token': token });
