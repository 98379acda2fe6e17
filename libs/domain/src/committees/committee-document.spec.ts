import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CommitteeDocumentError,
  committeeDocumentSchema,
  documentPath,
  organisationsDocumentSchema,
  parseCommitteeDocumentText as parseDocumentText,
  validateCommitteeDocument as validate,
  type CommitteeDocument,
} from '@samflyt/workflows';
import { DEMO_COMMITTEE_FILES, DEMO_ORGANISATIONS_FILE, demoDirectory } from './demo-committees';

const demo = (file: string) => readFileSync(join(demoDirectory(), file), 'utf8');
const parse = (input: unknown, format: 'yaml' | 'json' = 'yaml') =>
  validate(committeeDocumentSchema, parseDocumentText(input, format));

/** The field errors a document gets, or [] when it is valid. */
function errorsOf(input: unknown, format: 'yaml' | 'json' = 'yaml'): { field: string; message: string }[] {
  try {
    parse(input, format);
    return [];
  } catch (error) {
    if (error instanceof CommitteeDocumentError) return error.errors;
    throw error;
  }
}

const minimal = (members: unknown[] = [], extra: Record<string, unknown> = {}) => ({
  code: 'AU',
  name: 'Arbeidsutvalget',
  kind: 'au',
  members,
  ...extra,
});
const member = (extra: Record<string, unknown> = {}) => ({
  name: 'Kari Nordmann',
  email: 'Kari.Nordmann@Malvik.test',
  role: 'medlem',
  party: 'kommune',
  vote: true,
  from: '2024-01-01',
  ...extra,
});

describe('committee documents', () => {
  it.each(DEMO_COMMITTEE_FILES)('the demo file %s is valid', (file) => {
    expect(() => parse(demo(file))).not.toThrow();
  });

  it('the demo organisations: 22 kommuner with kommunenummer and region', () => {
    const { organisations } = validate(organisationsDocumentSchema, parseDocumentText(demo(DEMO_ORGANISATIONS_FILE)));
    const kommuner = organisations.filter((o) => o.kind === 'kommune');
    expect(kommuner).toHaveLength(22);
    expect(kommuner.every((k) => /^50\d\d$/.test(k.number ?? '') && k.region)).toBe(true);
    expect(new Set(kommuner.map((k) => k.number)).size).toBe(22);
  });

  it('defaults: consensus, 7 days notice, no parent; e-mail lower-cased; YAML dates stay strings', () => {
    const doc: CommitteeDocument = parse(
      'code: AU\nname: Arbeidsutvalget\nkind: au\nmembers:\n' +
        '  - { name: Kari, email: Kari@Malvik.test, role: medlem, party: kommune, vote: true, from: 2024-02-29 }\n',
    );
    expect(doc).toMatchObject({ decision_rule: 'consensus', notice_days: 7 });
    expect(doc.parent ?? null).toBeNull();
    expect(doc.members[0]).toMatchObject({ email: 'kari@malvik.test', from: '2024-02-29' });
  });

  it('JSON is read as JSON, and as YAML (which it also is)', () => {
    const json = JSON.stringify(minimal([member()]));
    expect(parse(json, 'json').code).toBe('AU');
    expect(parse(json, 'yaml').code).toBe('AU');
    expect(errorsOf('{"code": ', 'json')).toEqual([
      { field: '(document)', message: expect.stringMatching(/^malformed JSON/) },
    ]);
  });

  it('a YAML syntax error names the line', () => {
    const errors = errorsOf('code: AU\nname: [unclosed\nkind: au\n');
    expect(errors[0].field).toBe('(document)');
    expect(errors[0].message).toMatch(/malformed YAML.*line \d+/);
  });

  it('duplicate keys are an error, not a silent overwrite', () => {
    expect(errorsOf('code: AU\ncode: ASU\nname: AU\nkind: au\n')[0].message).toMatch(/malformed YAML/);
  });

  it.each([
    ['a missing field', minimal([member({ email: undefined })]), 'members[0].email', /required/],
    ['an unknown field', minimal([member({ vara_fro: 'x@y.test' })]), 'members[0].vara_fro', /not a known field/],
    ['a bad role', minimal([member({ role: 'boss' })]), 'members[0].role', /one of: leder/],
    ['a bad party', minimal([member({ party: 'stat' })]), 'members[0].party', /one of/],
    ['vote as a word', minimal([member({ vote: 'yes' })]), 'members[0].vote', /true or false/],
    ['a vote for an observer', minimal([member({ role: 'observatør' })]), 'members[0].vote', /no vote/],
    ['a member without vote given', minimal([member({ vote: undefined })]), 'members[0].vote', /required/],
    ['a bad date', minimal([member({ from: '2024-02-30' })]), 'members[0].from', /calendar date/],
    ['to before from', minimal([member({ to: '2023-12-31' })]), 'members[0].to', /before from/],
    ['a bad e-mail', minimal([member({ email: 'kari' })]), 'members[0].email', /e-mail/],
    ['a lower-case code', { ...minimal(), code: 'au' }, 'code', /capital letters/],
    ['a bad decision rule', { ...minimal(), decision_rule: 'vote' }, 'decision_rule', /consensus/],
    ['notice days out of range', { ...minimal(), notice_days: 90 }, 'notice_days', /at most 60/],
    ['its own parent', { ...minimal(), parent: 'AU' }, 'parent', /own parent/],
    [
      'a bad kommunenummer',
      minimal([member({ organisation: { name: 'X', kind: 'kommune', number: '50' } })]),
      'members[0].organisation.number',
      /kommunenummer/,
    ],
    [
      'a bad region',
      minimal([member({ organisation: { name: 'X', kind: 'kommune', region: 'Oslo' } })]),
      'members[0].organisation.region',
      /Trøndelag sør-vest/,
    ],
  ])('%s is named by its path', (_, doc, field, message) => {
    const errors = errorsOf(doc);
    expect(errors).toContainEqual({ field, message: expect.stringMatching(message) });
  });

  it('every member’s errors at once, not only the first', () => {
    const errors = errorsOf(
      minimal([
        member({ role: 'observatør' }),
        member({ email: 'kari' }),
        member({ email: 'c@x.test', name: 'C', to: '2020-01-01' }),
      ]),
    );
    expect(errors.map((e) => e.field).sort()).toEqual(['members[0].vote', 'members[1].email', 'members[2].to']);
  });

  it('a vara_for: only for a vara, never themself, never another vara', () => {
    const dehli = member({ email: 'dehli@trondheim.test', name: 'Dehli' });
    expect(errorsOf(minimal([dehli, member({ vara_for: 'dehli@trondheim.test' })]))).toContainEqual({
      field: 'members[1].vara_for',
      message: expect.stringMatching(/only a vara/),
    });
    const vara = (email: string, varaFor: string) =>
      member({ name: email, email, role: 'vara', vote: undefined, vara_for: varaFor });
    expect(errorsOf(minimal([dehli, vara('a@x.test', 'a@x.test')]))).toContainEqual({
      field: 'members[1].vara_for',
      message: expect.stringMatching(/themself/),
    });
    expect(errorsOf(minimal([dehli, vara('a@x.test', 'dehli@trondheim.test'), vara('b@x.test', 'a@x.test')]))).toEqual([
      { field: 'members[2].vara_for', message: 'members[1] is a vara too' },
    ]);
  });

  it('one person twice: same name, periods that do not overlap', () => {
    const first = member({ to: '2024-06-30' });
    expect(errorsOf(minimal([first, member({ from: '2024-07-01' })]))).toEqual([]);
    expect(errorsOf(minimal([first, member({ from: '2024-06-01' })]))).toEqual([
      { field: 'members[1].from', message: 'the period overlaps members[0] (same person)' },
    ]);
    expect(errorsOf(minimal([first, member({ from: '2024-01-01', to: null })]))).toContainEqual({
      field: 'members[1].from',
      message: 'members[0] has the same e-mail and from',
    });
    expect(errorsOf(minimal([first, member({ name: 'Kari N.', from: '2024-07-01' })]))).toEqual([
      { field: 'members[1].name', message: 'differs from members[0].name for the same e-mail' },
    ]);
  });

  it('an organisation described twice must agree with itself', () => {
    const org = (kind: string) => ({ name: 'Malvik kommune', kind });
    expect(
      errorsOf(
        minimal([
          member({ organisation: org('kommune') }),
          member({ email: 'b@x.test', name: 'B', organisation: org('annen') }),
        ]),
      ),
    ).toEqual([{ field: 'members[1].organisation.kind', message: 'differs from members[0].organisation.kind' }]);
  });

  it('the paths read as the author writes them', () => {
    expect(documentPath(['members', 3, 'vara_for'])).toBe('members[3].vara_for');
    expect(documentPath([])).toBe('(document)');
  });
});
