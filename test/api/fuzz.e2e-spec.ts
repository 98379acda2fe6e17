import { toDeadline } from '@samflyt/engine';
import fc from 'fast-check';
import {
  assignmentInput,
  bearer,
  people,
  startApi,
  type ApiHarness,
  type Fingerprint,
  type Person,
} from '../support/api';

/**
 * Generated malformed requests against the two writing endpoints: never a 5xx, always
 * problem+json, never a write. Each generator builds a request with at least one certain defect
 * (so a valid request cannot slip through and legitimately write).
 */
interface FuzzRequest {
  body?: unknown;
  raw?: string;
  headers: Record<string, string>;
  actor?: Person;
}

const NUM_RUNS = Number(process.env.FUZZ_RUNS ?? 150);
const ETAG = /^(?:W\/)?"(\d{1,9})"$|^(\d{1,9})$/;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Header-safe text (Node refuses control characters in header values). */
const headerText = (constraints: fc.StringConstraints = {}) =>
  fc.string({
    ...constraints,
    unit: fc
      .integer({ min: 0x20, max: 0xff })
      .filter((c) => c !== 0x7f)
      .map((c) => String.fromCharCode(c)),
  });
const badKey = fc.oneof(
  fc
    .tuple(headerText(), fc.integer({ min: 0x80, max: 0xff }), headerText())
    .map(([a, c, b]) => `${a}${String.fromCharCode(c)}${b}`),
  fc.string({ minLength: 201, maxLength: 400, unit: fc.constantFrom(...'abcXYZ019-_.:') }),
);
const badIfMatch = headerText({ minLength: 1, maxLength: 30 }).filter((s) => {
  const t = s.trim();
  return t !== '' && t !== '*' && !ETAG.test(t);
});
const badDate = fc
  .oneof(fc.string({ maxLength: 40 }), fc.constantFrom('2024-02-30', '2024-06-01T12:00', '01.06.2024', 'i morgen'))
  .filter((s) => toDeadline(s) === null);
const anyActor = fc.constantFrom<Person>(people.secretariat, people.assignee, people.other, people.admin);
const extraKey = fc.string({ minLength: 1, maxLength: 10 }).map((s) => `x_${s}`);
const idempotencyKey = fc.uuid().map((u) => `fuzz-${u}`);

const startRequests: fc.Arbitrary<FuzzRequest> = fc.oneof(
  // The body is not `{ input: {…} }`.
  fc.record({
    body: fc.jsonValue().filter((v) => !isObject(v) || !isObject(v.input)),
    headers: fc.constant({}),
    actor: anyActor,
  }),
  // Raw text declared as JSON.
  fc.record({ raw: fc.string({ maxLength: 60 }), headers: fc.constant({}), actor: anyActor }),
  // A required field removed.
  fc.record({
    body: fc.constantFrom('title', 'assignee', 'dueAt').map((k) => {
      const input = assignmentInput();
      delete input[k];
      return { input };
    }),
    headers: fc.constant({}),
    actor: anyActor,
  }),
  // A field not in the schema.
  fc.record({
    body: fc.tuple(extraKey, fc.jsonValue()).map(([k, v]) => ({ input: { ...assignmentInput(), [k]: v } })),
    headers: fc.constant({}),
    actor: anyActor,
  }),
  // A wrong value in a field.
  fc.record({
    body: fc
      .oneof(
        badDate.map((dueAt) => ({ dueAt })),
        fc
          .oneof(fc.constant(''), fc.constant('   '), fc.string({ minLength: 301, maxLength: 400 }), fc.integer())
          .map((title) => ({ title })),
        fc
          .string({ maxLength: 30 })
          .filter((s) => !s.includes('@'))
          .map((email) => ({
            assignee: { id: 'x', name: 'X', email },
          })),
        fc
          .oneof(
            fc.constant(['P7D', 'P7D']),
            fc.array(
              fc.string({ maxLength: 8 }).filter((s) => !/^P/.test(s)),
              { minLength: 1, maxLength: 3 },
            ),
          )
          .map((reminderOffsets) => ({ reminderOffsets })),
        fc
          .string({ maxLength: 10 })
          .filter((s) => !/^\d{1,3}\/\d{2}$/.test(s))
          .map((caseRef) => ({ caseRef })),
      )
      .map((patch) => ({ input: assignmentInput(patch) })),
    headers: fc.constant({}),
    actor: anyActor,
  }),
  // A valid body with a malformed Idempotency-Key.
  fc.record({
    body: fc.constant({ input: assignmentInput() }),
    headers: badKey.map((k) => ({ 'Idempotency-Key': k })),
    actor: anyActor,
  }),
  // A valid body from someone who may not start assignments, or without a token.
  fc.record({
    body: fc.constant({ input: assignmentInput() }),
    headers: fc.constant({}),
    actor: fc.constantFrom<Person | undefined>(people.assignee, people.other, people.admin, undefined),
  }),
);

const validEvents = [
  { type: 'assignment.delivered', note: 'Levert' },
  { type: 'assignment.rescheduled', dueAt: '2031-03-01' },
  { type: 'assignment.cancelled', reason: 'Ikke aktuelt' },
];
const knownTypes = [
  'assignment.delivered',
  'assignment.accepted',
  'assignment.returned',
  'assignment.rescheduled',
  'assignment.cancelled',
  'reminder.due',
  'deadline.passed',
];
const withKey = (headers: Record<string, string> = {}) =>
  idempotencyKey.map((k) => ({ 'Idempotency-Key': k, ...headers }));

const eventRequests: fc.Arbitrary<FuzzRequest> = fc.oneof(
  // Not an object with a string `type` of 1–100 characters.
  fc.record({
    body: fc
      .jsonValue()
      .filter((v) => !isObject(v) || typeof v.type !== 'string' || v.type.length < 1 || v.type.length > 100),
    headers: withKey(),
    actor: anyActor,
  }),
  fc.record({ raw: fc.string({ maxLength: 60 }), headers: withKey(), actor: anyActor }),
  // An unknown event type.
  fc.record({
    body: fc
      .tuple(
        fc.oneof(
          fc.string({ minLength: 1, maxLength: 100 }).filter((t) => !knownTypes.includes(t)),
          fc.constantFrom('constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'xstate.init', '*'),
        ),
        fc.dictionary(extraKey, fc.jsonValue(), { maxKeys: 3 }),
      )
      .map(([type, payload]) => ({ ...payload, type })),
    headers: withKey(),
    actor: anyActor,
  }),
  // A known type with a field its schema does not have.
  fc.record({
    body: fc.tuple(fc.constantFrom(...knownTypes), extraKey, fc.jsonValue()).map(([type, k, v]) => ({ type, [k]: v })),
    headers: withKey(),
    actor: anyActor,
  }),
  // A known type with a wrong value.
  fc.record({
    body: fc.oneof(
      badDate.map((dueAt) => ({ type: 'assignment.rescheduled', dueAt })),
      fc
        .oneof(fc.constant(''), fc.constant('  '), fc.integer(), fc.constant(null))
        .map((note) => ({ type: 'assignment.delivered', note })),
      fc.constant({ type: 'assignment.cancelled' }),
    ),
    headers: withKey(),
    actor: anyActor,
  }),
  // A valid event with a bad header: no key, a malformed key, a malformed or stale If-Match.
  fc.record({
    body: fc.constantFrom(...validEvents),
    headers: fc.oneof(
      fc.constant({}),
      badKey.map((k) => ({ 'Idempotency-Key': k })),
      fc.tuple(idempotencyKey, badIfMatch).map(([k, m]) => ({ 'Idempotency-Key': k, 'If-Match': m })),
      fc.tuple(idempotencyKey, fc.integer({ min: 2, max: 999_999_999 }), fc.boolean()).map(([k, r, weak]) => ({
        'Idempotency-Key': k,
        'If-Match': weak ? `W/"${r}"` : `"${r}"`,
      })),
    ),
    actor: fc.constant(people.secretariat),
  }),
  // A valid event this caller may not send, or one the state does not accept, or a timer's.
  fc.record({
    body: fc.constantFrom(...validEvents),
    headers: withKey(),
    actor: fc.constantFrom<Person | undefined>(people.admin, people.other, undefined),
  }),
  fc.record({
    body: fc.constantFrom(
      { type: 'assignment.accepted' },
      { type: 'assignment.returned', reason: 'Mer' },
      { type: 'deadline.passed' },
    ),
    headers: withKey(),
    actor: anyActor,
  }),
);

describe('API fuzzing: malformed requests never 5xx, never write', () => {
  let api: ApiHarness;
  let instanceId: string;
  let baseline: Fingerprint;

  beforeAll(async () => {
    api = await startApi('api-fuzz');
    instanceId = await api.createAssignment();
    baseline = await api.fingerprint();
  });
  afterAll(() => api?.close());

  async function send(path: string, req: FuzzRequest) {
    let call = api.http().post(path).set(req.headers);
    if (req.actor) call = call.set(bearer(req.actor));
    if (req.raw !== undefined) return call.set('Content-Type', 'application/json').send(req.raw);
    // superagent cannot send a bare string or number as JSON; serialize every body ourselves.
    return call.set('Content-Type', 'application/json').send(JSON.stringify(req.body ?? null));
  }

  async function check(path: string, req: FuzzRequest): Promise<void> {
    const res = await send(path, req);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(await api.fingerprint()).toEqual(baseline);
  }

  it('POST /workflows/assignment/instances', async () => {
    await fc.assert(
      fc.asyncProperty(startRequests, (req) => check('/workflows/assignment/instances', req)),
      {
        numRuns: NUM_RUNS,
      },
    );
  });

  it('POST /instances/:id/events', async () => {
    await fc.assert(
      fc.asyncProperty(eventRequests, (req) => check(`/instances/${instanceId}/events`, req)),
      {
        numRuns: NUM_RUNS,
      },
    );
    const view = await api.http().get(`/instances/${instanceId}`).set(bearer(people.secretariat)).expect(200);
    expect(view.body.revision).toBe(1);
  });
});
