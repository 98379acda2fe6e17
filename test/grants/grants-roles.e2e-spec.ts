import { randomBytes } from 'node:crypto';
import { WorkflowEngine } from '@samflyt/engine';
import { startApi } from '../support/api';
import { fireTimers } from '../support/clock';
import { roleMatrixTests } from '../support/role-matrix';
import { grantRoles, grantsRoleRows, grantsToken, type GrantsCtx, type GrantsMatrix } from './grants-role-rows';
import { insertGrantsWorld } from './support';

jest.setTimeout(180_000);

/**
 * Every grants endpoint × every role, along one round's life: at each step the refused roles are tried
 * first (each a 401/403/404 problem+json, the whole database unchanged), then the allowed ones succeed.
 * Timers (closing, appeal window) and case signals are fired in-process instead of by a worker.
 */
describe('grants: every endpoint, each role allowed and refused', () => {
  const m = { tag: randomBytes(3).toString('hex') } as GrantsMatrix;
  const ctx: GrantsCtx = { round: '', spare: '', apps: { A: '', B: '', C: '' }, attachment: '' };

  beforeAll(async () => {
    m.api = await startApi('grants-roles');
    m.w = await insertGrantsWorld(m.api.pg, m.tag);
    const engine = m.api.app.get(WorkflowEngine);
    m.fire = (where, params = []) => fireTimers(m.api.pg, engine, where, params);
  });
  afterAll(() => m.api?.close());

  roleMatrixTests('has a row for every grants endpoint of the OpenAPI document', {
    roles: grantRoles,
    rows: grantsRoleRows(m),
    ctx,
    api: () => m.api,
    covers: (path) => /^\/(grant-|letters\/|instances\/\{id\}\/letters$)/.test(path) || path === '/archive/export',
    as: (req, role, row) => {
      const token = grantsToken(m.w, role, row.app);
      return token ? req.set('Authorization', `Bearer ${token}`) : req;
    },
    refusal: (role, row) => (role !== 'anonymous' ? [403, 404] : row.public ? [404] : [401]),
    upload: { filename: 'budsjett.pdf', content: '%PDF-1.4 budsjett' },
  });
});
