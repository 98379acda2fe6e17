import { MeetingService, MeetingsRepository } from '@samflyt/domain';
import { killAllWorkers, startWorker } from '../support/worker-process';
import { createHarness, type Harness } from '../worker/harness';
import { insertCommittee, invitedNames, type Committee } from './support';
import { advanceTimers } from '../support/clock';
import { mailKinds } from '../support/mail';
import { pollUntil } from '../support/wait';

/** The same path as in production: timers fired by a real worker process, e-mails sent over SMTP. */
describe('notice and reminder of a meeting, delivered by the worker', () => {
  let h: Harness;
  let asu: Committee;

  beforeAll(async () => {
    h = await createHarness('meeting-worker');
    asu = await insertCommittee(h.dataSource, 'ASU', { tag: `m${h.tag}`, noticeDays: 7 });
    await startWorker(h.workerEnv);
  });
  afterAll(async () => {
    await killAllWorkers();
    await h?.close();
  });

  const subjects = (name: string) => mailKinds(asu.email(name));

  it('sends the notice to every member at once when published late, and the reminder only to those who have not answered', async () => {
    const meetings = new MeetingService(new MeetingsRepository(h.dataSource), h.engine);
    const start = new Date(Date.now() + 20_000);
    const meeting = await meetings.create(
      'ASU',
      {
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + 3_600_000).toISOString(),
        place: 'Teams',
        reminderOffsets: ['PT12S'],
      },
      h.secretariat,
    );
    // Published less than notice_days before the meeting: the notice is due already.
    await meetings.send(meeting.id, { type: 'agenda.published' }, h.secretariat);
    await meetings.attendance(meeting.id, { status: 'absent' }, asu.actor('Jan Roger Wold'));
    await meetings.attendance(meeting.id, { personId: asu.people['Arnfinn Seim'], status: 'remote' }, h.secretariat);

    const answered = ['Jan Roger Wold', 'Arnfinn Seim'];
    // The reminder's time passes: the worker fires it.
    await advanceTimers(h.dataSource, h.dispatcher.timers, new Date(start.getTime() - 12_000));
    const everyone = await pollUntil(
      'the notice and the reminders',
      () => Promise.all(invitedNames.map(subjects)),
      (all) => all.every((s, i) => s.length === (answered.includes(invitedNames[i]) ? 1 : 2)),
    );
    everyone.forEach((s, i) =>
      expect(s).toEqual(answered.includes(invitedNames[i]) ? ['Innkalling'] : ['Innkalling', 'Påminnelse']),
    );
    const view = await meetings.get(meeting.id, h.secretariat);
    expect(view.state).toBe('noticed');
    const timers = (await h.dataSource.query(
      `SELECT name, status FROM workflow_timers WHERE instance_id = $1 ORDER BY name`,
      [meeting.instanceId],
    )) as { name: string; status: string }[];
    expect(timers).toEqual([
      { name: 'notice', status: 'fired' },
      { name: 'reminder-PT12S', status: 'fired' },
    ]);
  });
});
