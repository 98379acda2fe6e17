import { WorkflowEngine } from '@samflyt/engine';
import { insertCommittee } from '../meetings/support';
import { people, startApi, tokenFor as staffToken } from '../support/api';
import { fireTimers } from '../support/clock';
import { roleMatrixTests } from '../support/role-matrix';
import {
  hearingRoles,
  hearingsRoleRows,
  linkRoles,
  staffRoles,
  takeLinks,
  type HearingRole,
  type HearingsCtx,
  type HearingsMatrix,
} from './hearings-role-rows';
import { createHearing, loadOrganisations } from './support';

jest.setTimeout(180_000);

/**
 * Every hearings endpoint (hearings, organisations, respond, public hearings) × every role, along one hearing's
 * life: at each step the refused roles are tried first (each a 401/403/404 problem+json, every table unchanged),
 * then the allowed ones succeed. A personal link is no login to the staff API (401), nor a staff token to the
 * link API (401). The deadline is fired in-process instead of by a worker.
 */
describe('hearings: every endpoint, each role allowed and refused', () => {
  const m = { staff: {}, links: {} } as HearingsMatrix;
  const ctx: HearingsCtx = {
    hearing: '',
    spare: '',
    contact: '',
    attachment: '',
    detachable: '',
    answerFile: '',
    answer: '',
    hospitalAnswer: '',
  };
  const deadline = new Date(Date.now() + 100 * 86_400_000).toISOString().slice(0, 10);

  beforeAll(async () => {
    const api = (m.api = await startApi('hearings-roles'));
    m.orgs = await loadOrganisations(api);
    const engine = api.app.get(WorkflowEngine);
    m.fire = (where, params = []) => fireTimers(api.pg, engine, where, params);
    const [member] = (
      await api.pg.query<{ id: string; name: string; email: string }>(
        `SELECT p.id, p.name, p.email FROM memberships m JOIN persons p ON p.id = m.person_id
           JOIN committees c ON c.id = m.committee_id
          WHERE c.code = 'ASU' AND m.role = 'medlem' AND (m.valid_to IS NULL OR m.valid_to >= current_date)
          ORDER BY p.name LIMIT 1`,
      )
    ).rows;
    const fagrad = await insertCommittee(api.pg, 'FAGRAD-ROLES', {
      name: 'Fagråd for psykisk helse og rus',
      seats: [{ name: 'Frida Fagråd', role: 'medlem', party: 'kommune', hasVote: true }],
    });
    m.staff.committeeMember = staffToken({ sub: member.id, name: member.name, roles: [], email: member.email });
    m.staff.otherCommittee = staffToken({
      sub: fagrad.people['Frida Fagråd'],
      name: 'Frida Fagråd',
      roles: [],
      email: fagrad.email('Frida Fagråd'),
    });
    m.staff.secretariat = staffToken(people.secretariat);
    m.staff.admin = staffToken(people.admin);
    // Until the hearing of the table is sent, the recipients' links of an earlier hearing stand in.
    const earlier = await createHearing(api, m.orgs, { title: 'Tidligere høring', deadline });
    const sent = await api
      .http()
      .post(`/hearings/${earlier.id}/send`)
      .set('Authorization', `Bearer ${m.staff.secretariat}`);
    expect(sent.status).toBe(200);
    await takeLinks(m);
  });
  afterAll(() => m.api?.close());

  roleMatrixTests(
    'has a row for every hearings, organisations, respond and public hearings endpoint of the OpenAPI document',
    {
      roles: hearingRoles,
      rows: hearingsRoleRows(m, deadline),
      ctx,
      api: () => m.api,
      covers: (path) =>
        /^\/(hearings|organisations|respond|public\/hearings)(\/|$)/.test(path) || path === '/archive/export',
      as: (req, role) => {
        if (m.staff[role]) req = req.set('Authorization', `Bearer ${m.staff[role]}`);
        return m.links[role] ? req.set('X-Hearing-Token', m.links[role]) : req;
      },
      refusal: (role: HearingRole, row) => {
        if (role === 'anonymous') return [401];
        if (row.op.split(' ')[1].startsWith('/respond')) {
          return linkRoles.includes(role) ? (row.refusals?.[role] ?? [403, 404]) : [401];
        }
        return staffRoles.includes(role) ? [403, 404] : [401];
      },
      upload: { filename: 'høringsnotat.pdf', content: '%PDF-1.4 høringsnotat' },
    },
  );
});
