import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { bearer, expectProblem, startApi, type ApiHarness } from '../support/api';
import { importAsu, type Asu } from '../votes/support';

/** The web app's read models: every endpoint for each role, filters, paging, and bad queries as problem+json. */
describe('dashboard API', () => {
  let api: ApiHarness;
  let asu: Asu;
  const token = (name: string) => {
    const p = asu.person(name);
    return bearer({ sub: p.id, name: p.name, roles: [], email: p.email });
  };
  const secretariat = () => token('Solveig Cruikshank Tofte');
  const member = () => token('Ingjerd Astad');
  const endpoints = ['/dashboard/deadlines', '/dashboard/messages', '/dashboard/instances'];

  beforeAll(async () => {
    api = await startApi('dashboard-api');
    asu = await importAsu(api.app.get<DataSource>(getDataSourceToken()));
    const wold = asu.person('Jan Roger Wold');
    for (const [i, hours] of [-2, -1, 24, 24 * 40].entries()) {
      await api
        .http()
        .post('/workflows/assignment/instances')
        .set(secretariat())
        .send({
          input: {
            title: `Oppdrag ${i + 1}`,
            caseRef: `${30 + i}/24`,
            assignee: { id: wold.id, name: wold.name, email: wold.email },
            dueAt: new Date(Date.now() + hours * 3600_000).toISOString(),
            reminderOffsets: ['PT1H'],
          },
        })
        .expect(201);
    }
  });
  afterAll(() => api.close());

  it.each(endpoints)('%s: the secretariat reads it; a member gets 403, no token 401', async (path) => {
    expect((await api.http().get(path).set(secretariat())).status).toBe(200);
    expectProblem(await api.http().get(path).set(member()), 403, 'forbidden');
    expectProblem(await api.http().get(path), 401, 'unauthorized');
  });

  it('deadlines: overdue first, then the next 30 days; the one due in 40 days is outside', async () => {
    const res = await api.http().get('/dashboard/deadlines').set(secretariat()).expect(200);
    expect(res.body).toMatchObject({ page: 1, pageSize: 20, total: 3, overdueCount: 2 });
    expect(res.body.items.map((i: { title: string; overdue: boolean }) => [i.title, i.overdue])).toEqual([
      ['Oppdrag 1', true],
      ['Oppdrag 2', true],
      ['Oppdrag 3', false],
    ]);
    expect(res.body.items[0]).toMatchObject({ kind: 'assignment', caseRef: '30/24', responsible: 'Jan Roger Wold' });
    const wide = await api.http().get('/dashboard/deadlines?days=60&overdue=false').set(secretariat()).expect(200);
    expect(wide.body.total).toBe(4);
    const overdue = await api.http().get('/dashboard/deadlines?overdue=true&pageSize=1&page=2').set(secretariat());
    expect(overdue.body).toMatchObject({ page: 2, pageSize: 1, total: 2, items: [{ title: 'Oppdrag 2' }] });
    const past = await api.http().get('/dashboard/deadlines?page=9').set(secretariat()).expect(200);
    expect(past.body).toMatchObject({ total: 3, items: [] });
  });

  it('messages: the notices the assignments caused, filtered by status and text; instances by workflow', async () => {
    const all = await api.http().get('/dashboard/messages').set(secretariat()).expect(200);
    expect(all.body.total).toBeGreaterThanOrEqual(4);
    expect(all.body.items[0]).toMatchObject({ status: 'pending', workflow: 'assignment', attempts: 0 });
    const sent = await api.http().get('/dashboard/messages?status=sent').set(secretariat()).expect(200);
    expect(sent.body.total).toBe(0);
    const byText = await api.http().get('/dashboard/messages?q=jan.roger').set(secretariat()).expect(200);
    expect(byText.body.total).toBe(all.body.total);
    const none = await api.http().get('/dashboard/messages?q=%25').set(secretariat()).expect(200);
    expect(none.body.total).toBe(0); // % is a literal, not a wildcard
    const instances = await api.http().get('/dashboard/instances?workflow=assignment&q=Oppdrag%203').set(secretariat());
    expect(instances.body).toMatchObject({
      total: 1,
      items: [{ title: 'Oppdrag 3', caseRef: '32/24', state: 'assigned' }],
    });
  });

  it.each([
    ['/dashboard/deadlines?days=0', 'days'],
    ['/dashboard/deadlines?days=abc', 'days'],
    ['/dashboard/deadlines?overdue=ja', 'overdue'],
    ['/dashboard/deadlines?kind=Robert%27);', 'kind'],
    ['/dashboard/messages?status=lost', 'status'],
    ['/dashboard/messages?instanceId=42', 'instanceId'],
    ['/dashboard/messages?pageSize=1000', 'pageSize'],
    ['/dashboard/instances?page=-1', 'page'],
    [`/dashboard/instances?q=${'x'.repeat(101)}`, 'q'],
  ])('%s is 400 naming %s', async (path, field) => {
    const problem = expectProblem(await api.http().get(path).set(secretariat()), 400, 'invalid-input');
    expect(problem.errors?.map((e) => e.field)).toEqual([field]);
  });

  it("my-votes: a member's open votes; empty for a login without a person", async () => {
    expect((await api.http().get('/dashboard/my-votes').set(member()).expect(200)).body).toEqual([]);
    const stranger = bearer({ sub: 'nobody', name: 'Ola Utenfor', roles: [] });
    expect((await api.http().get('/dashboard/my-votes').set(stranger).expect(200)).body).toEqual([]);
    expectProblem(await api.http().get('/dashboard/my-votes'), 401, 'unauthorized');
  });
});
