import { randomUUID } from 'node:crypto';
import { bearer, tokenFor, people, type ApiHarness } from '../support/api';
import { roundSettings } from './support';

/** Body field names of the grants endpoints, for the shared fuzz test. */
export const grantFieldNames = [
  'callText',
  'form',
  'criteria',
  'budget',
  'minAmount',
  'maxAmount',
  'qualityThreshold',
  'opensAt',
  'closesAt',
  'scoringDeadline',
  'reviewingCommittee',
  'decidingCommittee',
  'appealable',
  'appealPeriod',
  'conditions',
  'reporting',
  'reference',
  'applicationId',
  'scores',
  'comment',
  'amount',
  'rank',
  'awards',
  'requestedAmount',
  'answers',
  'outcome',
  'message',
  'upheld',
];

/** An open round (AU-UTVIDET scores, ASU decides) with one draft application: ids for the fuzz test's paths. */
export async function grantFuzzTargets(api: ApiHarness): Promise<{ round: string; application: string }> {
  await api.pg.query(
    `INSERT INTO committees (id, code, name, kind) VALUES ($1, 'AU-UTVIDET', 'AU utvidet', 'au-utvidet')`,
    [randomUUID()],
  );
  const round = await api
    .http()
    .post('/grant-rounds')
    .set(bearer(people.secretariat))
    .send(roundSettings({ title: 'Fuzz' }));
  if (round.status !== 201) throw new Error(`round: ${round.status} ${round.text}`);
  await api
    .http()
    .post(`/grant-rounds/${round.body.id}/approve`)
    .set(bearer(people.secretariat))
    .send({ reference: 'sak 1/30' })
    .expect(200);
  await api.http().post(`/grant-rounds/${round.body.id}/open`).set(bearer(people.secretariat)).expect(200);
  const orgId = randomUUID();
  const personId = randomUUID();
  await api.pg.query(`INSERT INTO organisations (id, name, kind) VALUES ($1, 'Fuzz kommune', 'kommune')`, [orgId]);
  await api.pg.query(
    `INSERT INTO persons (id, name, email, organisation_id) VALUES ($1, 'Fuzz Søker', 'fuzz@soker.test', $2)`,
    [personId, orgId],
  );
  const token = tokenFor({ sub: personId, name: 'Fuzz Søker', roles: [], email: 'fuzz@soker.test' });
  const app = await api
    .http()
    .post(`/grant-rounds/${round.body.id}/applications`)
    .set({ Authorization: `Bearer ${token}` })
    .send({ title: 'Fuzz', requestedAmount: 200_000 });
  if (app.status !== 201) throw new Error(`application: ${app.status} ${app.text}`);
  return { round: round.body.id, application: app.body.id };
}
