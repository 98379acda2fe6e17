import type request from 'supertest';
import { expectProblem, type ApiHarness } from './api';
import { databaseFingerprint } from './database';

/** One endpoint at one step of a resource's life, and who may call it there. */
export interface MatrixRow<Ctx, Role extends string> {
  /** `METHOD /path/{param}` as in the OpenAPI document. */
  op: string;
  url(c: Ctx): string;
  body?: (c: Ctx, role: Role) => object;
  /** Sends the matrix's upload as the multipart field `file`. */
  file?: boolean;
  /** Roles that succeed, each called in this order; every other role is refused. `then` sees the first answer. */
  allowed: Role[];
  status: number;
  /** Brings the resource to the state the row needs (as a worker, the committee or another party would). */
  before?: (c: Ctx) => Promise<void>;
  then?: (res: request.Response, c: Ctx) => Promise<void>;
}

export interface RoleMatrix<Ctx, Role extends string, Row extends MatrixRow<Ctx, Role>> {
  roles: readonly Role[];
  /** In the order of the life they walk: each row may rely on the ones before. */
  rows: Row[];
  /** What the rows learn along the way (ids), shared by all of them. */
  ctx: Ctx;
  /** The API the file started (in its beforeAll). */
  api(): ApiHarness;
  /** The covered operations: the paths of the OpenAPI document this matrix has a row for each method of. */
  covers(path: string): boolean;
  /** The request as `role` on `row`: its credentials, if any. */
  as(req: request.Test, role: Role, row: Row): request.Test;
  /** The statuses that refuse `role` on `row` (401 without credentials; 403 or 404 without the right). */
  refusal(role: Role, row: Row): number[];
  upload: { filename: string; content: string };
}

/**
 * The tests of a role matrix: one that every covered endpoint of the OpenAPI document has a row (titled
 * `coverageTitle`), then one per row, in order: the refused roles first (each a refusal as problem+json, every table
 * unchanged), then the allowed ones, each with the row's status.
 */
export function roleMatrixTests<Ctx, Role extends string, Row extends MatrixRow<Ctx, Role>>(
  coverageTitle: string,
  m: RoleMatrix<Ctx, Role, Row>,
): void {
  const call = (row: Row, role: Role) => {
    const [method] = row.op.split(' ');
    const req = m.as(m.api().http()[method.toLowerCase() as 'get'](row.url(m.ctx)), role, row);
    if (row.file) {
      return req.attach('file', Buffer.from(m.upload.content), {
        filename: m.upload.filename,
        contentType: 'application/pdf',
      });
    }
    return row.body ? req.send(row.body(m.ctx, role)) : req;
  };

  it(coverageTitle, async () => {
    const doc = (await m.api().http().get('/docs-json').expect(200)).body as { paths: Record<string, object> };
    const ops = Object.entries(doc.paths)
      .filter(([path]) => m.covers(path))
      .flatMap(([path, item]) =>
        Object.keys(item)
          .filter((method) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
          .map((method) => `${method.toUpperCase()} ${path}`),
      );
    expect([...new Set(m.rows.map((r) => r.op))].sort()).toEqual(ops.sort());
  });

  for (const row of m.rows) {
    const refused = m.roles.filter((r) => !row.allowed.includes(r));
    it(`${row.op}: ${row.allowed.join(', ')} → ${row.status}; ${refused.join(', ') || 'nobody'} refused`, async () => {
      await row.before?.(m.ctx);
      const before = await databaseFingerprint(m.api().pg);
      for (const role of refused) {
        const res = await call(row, role);
        expect({ role, status: res.status, refused: m.refusal(role, row).includes(res.status) }).toEqual({
          role,
          status: res.status,
          refused: true,
        });
        expectProblem(res, res.status);
      }
      expect(await databaseFingerprint(m.api().pg)).toEqual(before);
      const responses: request.Response[] = [];
      for (const role of row.allowed) {
        const res = await call(row, role);
        expect({ role, status: res.status, body: res.status === row.status ? null : res.text }).toEqual({
          role,
          status: row.status,
          body: null,
        });
        responses.push(res);
      }
      await row.then?.(responses[0], m.ctx);
    });
  }
}
