import { DataSource } from 'typeorm';
import { dataSourceOptions, loadDemoCommittees } from '@samflyt/domain';
import { loadDemoHearings } from '../../scripts/lib/demo-hearings';
import { people, startApi, tokenFor, type ApiHarness } from '../support/api';

/**
 * The demo hearing of `npm start`, seeded as scripts/start.ts does it: the joint answer of seven kommuner is
 * registered by the secretariat (it came by letter), so all seven sign it without confirming through their links.
 */
describe('the demo hearing', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi('demo-hearing');
    const ds = await new DataSource(dataSourceOptions(api.env.DATABASE_URL, 2)).initialize();
    try {
      await loadDemoCommittees(ds);
    } finally {
      await ds.destroy();
    }
  });
  afterAll(() => api?.close());

  it('has the joint answer of the seven kommuner, signed by all seven; a second run finds it', async () => {
    const url = (await api.app.getUrl()).replace('[::1]', '127.0.0.1');
    const hearingId = await loadDemoHearings(url, tokenFor(people.secretariat));
    const { rows } = await api.pg.query<{ name: string; lead: boolean }>(
      `SELECT o.name, s.lead FROM hearing_answer_signatories s JOIN organisations o ON o.id = s.organisation_id
        WHERE s.hearing_id = $1 ORDER BY s.lead DESC, o.name`,
      [hearingId],
    );
    expect(rows).toEqual([
      { name: 'Trondheim kommune', lead: true },
      ...['Holtålen', 'Malvik', 'Melhus', 'Midtre Gauldal', 'Oppdal', 'Røros'].map((n) => ({
        name: `${n} kommune`,
        lead: false,
      })),
    ]);
    const answers = await api.pg.query(`SELECT id FROM hearing_answers WHERE hearing_id = $1`, [hearingId]);
    expect(answers.rows).toHaveLength(1);
    expect(await loadDemoHearings(url, tokenFor(people.secretariat))).toBe(hearingId);
  });
});
