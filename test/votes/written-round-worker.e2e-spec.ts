import { VoteService, VotesRepository } from '@samflyt/domain';
import { killAllWorkers, startWorker } from '../support/worker-process';
import { createHarness, type Harness } from '../worker/harness';
import { actorOf, importAsu, startCase, type Asu } from './support';
import { advanceTimers } from '../support/clock';
import { mailsTo } from '../support/mail';
import { pollUntil } from '../support/wait';

/**
 * The same round with a real worker process, real timers in Redis and the mail catcher: the
 * reminder e-mail reaches only the voter who has not voted, and the deadline closes the vote.
 */
describe('a written vote round run by a worker process', () => {
  let h: Harness;
  let asu: Asu;

  beforeAll(async () => {
    h = await createHarness('votes-worker');
    asu = await importAsu(h.dataSource);
  });
  afterAll(async () => {
    await killAllWorkers();
    await h.close();
  });

  it('e-mails the reminder only to those who have not voted, and closes at the deadline', async () => {
    const worker = await startWorker(h.workerEnv, 'votes-worker');
    const votes = new VoteService(new VotesRepository(h.dataSource), h.engine);
    const caseId = await startCase(h.engine, asu.secretariat, { number: 90, title: `Skriftlig runde ${h.tag}` });
    const deadline = new Date(Date.now() + 9_000);
    const vote = await votes.open(
      caseId,
      { mode: 'written', deadline: deadline.toISOString(), reminderOffsets: ['PT4S'] },
      asu.secretariat,
    );
    const [silent, ...others] = vote.eligible;
    for (const v of others) await votes.cast(vote.id, 'for', actorOf(asu.person(v.name)));
    // The reminder's time and the deadline pass: the worker fires both.
    await advanceTimers(h.dataSource, h.dispatcher.timers, deadline);

    await pollUntil(
      'the vote closed by its deadline',
      async () => (await votes.get(vote.id, asu.secretariat))!.state,
      (state) => state === 'closed',
      { timeoutMs: 40_000 },
    );
    const subjects = async (name: string) =>
      (await mailsTo(asu.person(name).email)).map((m) => m.subject).filter((s) => s.includes('sak 90/24'));
    await pollUntil(
      'the result e-mailed to the silent voter',
      () => subjects(silent.name),
      (s) => s.some((x) => x.startsWith('Resultat')),
    );
    expect((await subjects(silent.name)).map((s) => s.split(':')[0]).sort()).toEqual([
      'Påminnelse',
      'Resultat av avstemning',
      'Skriftlig avstemning',
    ]);
    await pollUntil(
      'the result e-mailed to a voter',
      () => subjects(others[0].name),
      (s) => s.length === 2,
    );
    expect((await subjects(others[0].name)).map((s) => s.split(':')[0]).sort()).toEqual([
      'Resultat av avstemning',
      'Skriftlig avstemning',
    ]);
    const closed = (await votes.get(vote.id, asu.secretariat))!;
    expect(closed.result).toMatchObject({ adopted: false, total: { for: others.length, missing: 1 } });
    await worker.stop();
  });
});
