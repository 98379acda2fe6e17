import {
  CommitteeService,
  CommitteesRepository,
  importCommittee,
  loadDemoCommittees,
  type MemberView,
} from '@samflyt/domain';
import { CommitteeDocumentError } from '@samflyt/workflows';
import { committeeDb, demoFile, minutes17April, varas, type CommitteeDb } from './committee-fixtures';

const names = (members: MemberView[]) => members.map((m) => m.person.name).sort();

/** The error a failing import throws, for its field paths. */
async function importError(promise: Promise<unknown>): Promise<CommitteeDocumentError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CommitteeDocumentError);
  return error as CommitteeDocumentError;
}

describe('committee import (Postgres)', () => {
  let db: CommitteeDb;
  let service: CommitteeService;

  beforeAll(async () => {
    db = await committeeDb('committee-import');
    service = new CommitteeService(new CommitteesRepository(db.dataSource), db.dataSource);
  });
  afterAll(() => db?.close());

  describe('the demo data', () => {
    it('imports the organisations, ASU, AU and the expanded AU', async () => {
      const summary = await loadDemoCommittees(db.dataSource);
      expect(summary.organisations.organisations).toEqual({ created: 31, updated: 0, unchanged: 0 });
      const [asu, au, expanded] = summary.committees;
      expect(asu).toMatchObject({
        committee: { code: 'ASU', outcome: 'created' },
        // every organisation asu.yaml describes is in organisations.yaml already, the same
        organisations: { created: 0, updated: 0, unchanged: 7 },
        persons: { created: 42, updated: 0, unchanged: 0 },
        memberships: { created: 42, updated: 0, unchanged: 0 },
      });
      expect(au).toMatchObject({
        committee: { code: 'AU', outcome: 'created' },
        persons: { created: 0, updated: 0, unchanged: 5 },
        memberships: { created: 5, updated: 0, unchanged: 0 },
      });
      expect(expanded).toMatchObject({
        committee: { code: 'AU-UTVIDET', outcome: 'created' },
        persons: { created: 0, updated: 0, unchanged: 7 },
        memberships: { created: 7, updated: 0, unchanged: 0 },
      });
    });

    it('ASU on 17.04.24 is the attendance table of that day’s minutes', async () => {
      const asu = (await service.get('ASU', '2024-04-17'))!;
      expect(asu).toMatchObject({
        code: 'ASU',
        kind: 'asu',
        decisionRule: 'consensus',
        parentCode: null,
        at: '2024-04-17',
      });
      const by = (pred: (m: MemberView) => boolean) => names(asu.members.filter(pred));
      expect(by((m) => m.hasVote)).toEqual([...minutes17April.withVote].sort());
      expect(by((m) => m.role === 'observatør' && m.party === 'ansatt')).toEqual(
        [...minutes17April.employeeObservers].sort(),
      );
      expect(by((m) => m.role === 'observatør' && m.party !== 'ansatt')).toEqual(
        [...minutes17April.fagradLeaders, ...minutes17April.observers].sort(),
      );
      expect(by((m) => m.role === 'sekretariat')).toEqual([...minutes17April.secretariat].sort());
      expect(
        Object.fromEntries(asu.members.filter((m) => m.role === 'vara').map((m) => [m.person.name, m.varaFor?.name])),
      ).toEqual(varas);
      expect(asu.members).toHaveLength(16 + 13 + 6 + 4);
      // six kommune seats with their regions, the leader first, as the minutes list them
      expect(asu.members.slice(0, 6).map((m) => [m.person.name, m.represents])).toEqual([
        ['Ingjerd Astad', 'Trøndelag sør-vest'],
        ['Albert Verhagen', 'Trondheimsområdet'],
        ['Jan Roger Wold', 'Fjellregionen'],
        ['Leif Vonen', 'Værnesregionen'],
        ['Sissel Braseth', 'Fosenregionen'],
        ['Wenche P. Dehli', 'Trondheim kommune'],
      ]);
      expect(asu.members[0].role).toBe('leder');
      expect(asu.members.filter((m) => m.hasVote).map((m) => m.party)).toEqual([
        ...Array(6).fill('kommune'),
        ...Array(6).fill('sykehus'),
        'fastlege',
        'fastlege',
        'bruker',
        'bruker',
      ]);
    });

    it('ASU on 30.08.24: Merete Blokkum for Tom Christian Martinsen, four employee representatives', async () => {
      const asu = (await service.get('ASU', '2024-08-30'))!;
      const voting = names(asu.members.filter((m) => m.hasVote));
      expect(voting).toContain('Merete Blokkum');
      expect(voting).not.toContain('Tom Christian Martinsen');
      expect(voting).toContain('Leif Vonen'); // thanked for his service that day
      expect(voting).toHaveLength(16);
      expect(names(asu.members.filter((m) => m.party === 'ansatt'))).toEqual([
        'Espen Lysø',
        'Gørill Margrethe Rosten',
        'Tone Merete Fjelly',
        'Torkild Skaar',
      ]);
      expect((await service.get('ASU', '2024-08-31'))!.members.map((m) => m.person.name)).not.toContain('Leif Vonen');
    });

    it('the expanded AU: the AU with 1 kommune, 1 hospital and 1 user representative (sak 30/24)', async () => {
      const au = (await service.get('AU', '2024-09-01'))!;
      const expanded = (await service.get('AU-UTVIDET', '2024-09-01'))!;
      expect(expanded).toMatchObject({ kind: 'au-utvidet', parentCode: 'ASU' });
      const added = expanded.members.filter((m) => !au.members.some((a) => a.person.id === m.person.id));
      expect(added.map((m) => m.party).sort()).toEqual(['bruker', 'kommune', 'sykehus']);
      expect(added.every((m) => m.hasVote)).toBe(true);
      expect((await service.get('AU-UTVIDET', '2024-08-29'))!.members).toEqual([]);
    });

    it('the organisations: 22 kommuner in five regions, persons linked to theirs', async () => {
      const rows: { region: string; n: number }[] = await db.dataSource.query(
        `SELECT region, count(*)::int AS n FROM organisations WHERE kind = 'kommune' GROUP BY region ORDER BY region`,
      );
      expect(rows.reduce((sum, r) => sum + r.n, 0)).toBe(22);
      expect(rows.map((r) => r.region)).toHaveLength(5);
      const dehli = (await service.findPerson({ email: 'Wenche.Dehli@Trondheim.Kommune.test' }))!;
      expect(dehli.organisation).toMatchObject({
        name: 'Trondheim kommune',
        number: '5001',
        region: 'Trondheimsområdet',
      });
    });

    it('a second import changes nothing and says so', async () => {
      const before = await db.fingerprint();
      const again = await loadDemoCommittees(db.dataSource);
      expect(again.organisations.organisations).toEqual({ created: 0, updated: 0, unchanged: 31 });
      for (const summary of again.committees) {
        expect(summary.committee.outcome).toBe('unchanged');
        for (const part of ['organisations', 'persons', 'memberships'] as const) {
          expect(summary[part]).toMatchObject({ created: 0, updated: 0 });
        }
      }
      expect(await db.fingerprint()).toEqual(before);
    });

    it('two imports of the same document at once: both succeed, one set of rows', async () => {
      const before = await db.fingerprint();
      await Promise.all([
        importCommittee(db.dataSource, demoFile('asu.yaml')),
        importCommittee(db.dataSource, demoFile('asu.yaml')),
      ]);
      expect(await db.fingerprint()).toEqual(before);
    });
  });

  describe('upserts by natural keys', () => {
    const doc = (members: string, head = 'code: FAGRAD-3\nname: Fagråd 3\nkind: fagrad\nparent: ASU\n') =>
      `${head}members:\n${members}`;
    const strom =
      '  - { name: Vegard Strøm, email: vegard.strom@fagrad.test, role: leder, party: annen, vote: true, from: 2024-01-01 }\n';

    it('a known person (e-mail in any case) joins another committee; a changed field is an update', async () => {
      const first = await importCommittee(db.dataSource, doc(strom.replace('vegard.strom', 'Vegard.Strom')));
      expect(first).toMatchObject({
        committee: { outcome: 'created' },
        persons: { created: 0, unchanged: 1 },
        memberships: { created: 1 },
      });
      const changed = await importCommittee(
        db.dataSource,
        doc(strom, 'code: FAGRAD-3\nname: Fagråd forebygging (3)\nkind: fagrad\nparent: ASU\nnotice_days: 10\n'),
      );
      expect(changed).toMatchObject({ committee: { outcome: 'updated' }, memberships: { unchanged: 1 } });
      const ended = await importCommittee(db.dataSource, doc(strom.replace(' }', ', to: 2024-12-31 }')));
      expect(ended.memberships).toEqual({ created: 0, updated: 1, unchanged: 0 });
      expect((await service.get('FAGRAD-3', '2025-01-01'))!.members).toEqual([]);
    });

    it('a vara for a member imported before, from a document of its own', async () => {
      const summary = await importCommittee(
        db.dataSource,
        doc(
          '  - { name: Ny Vara, email: ny.vara@fagrad.test, role: vara, party: annen, ' +
            'vara_for: vegard.strom@fagrad.test, from: 2024-01-01 }\n',
        ),
      );
      expect(summary.memberships.created).toBe(1);
      const fagrad = (await service.get('FAGRAD-3', '2024-06-01'))!;
      expect(fagrad.members.find((m) => m.role === 'vara')?.varaFor?.name).toBe('Vegard Strøm');
    });
  });

  describe('an invalid document writes nothing', () => {
    it.each([
      [
        'an unknown parent',
        'code: X\nname: X\nkind: annet\nparent: NOPE\n',
        'parent',
        /no committee has the code NOPE/,
      ],
      [
        'a vara for someone not in the committee',
        'code: ASU\nname: Administrativt samarbeidsutvalg\nkind: asu\nmembers:\n' +
          '  - { name: V, email: v@x.test, role: vara, party: annen, vara_for: nobody@x.test, from: 2024-01-01 }\n',
        'members[0].vara_for',
        /nobody@x.test is not a member of ASU/,
      ],
      [
        'an organisation by name that does not exist',
        'code: X\nname: X\nkind: annet\nmembers:\n' +
          '  - { name: V, email: v@x.test, organisation: Ukjent AS, role: medlem, party: annen, vote: true, from: 2024-01-01 }\n',
        'members[0].organisation',
        /no organisation is named «Ukjent AS»/,
      ],
      [
        'a seat overlapping one the person has',
        'code: ASU\nname: Administrativt samarbeidsutvalg\nkind: asu\nmembers:\n' +
          '  - { name: Ingjerd Astad, email: ingjerd.astad@trondelag-sor-vest.test, role: medlem, party: kommune, ' +
          'vote: true, from: 2024-03-01 }\n',
        'members[0].from',
        /has a seat in ASU from 2024-01-01 already/,
      ],
      [
        'a schema error deep in the list',
        demoFile('asu.yaml').replace('vara_for: sunniva.rognerud@helse-midt.test', 'vara_for: 42'),
        'members[32].vara_for',
        /./,
      ],
    ])('%s: 400-style error naming the path', async (_, text, field, message) => {
      const before = await db.fingerprint();
      const error = await importError(importCommittee(db.dataSource, text));
      expect(error.errors).toContainEqual({ field, message: expect.stringMatching(message) });
      expect(await db.fingerprint()).toEqual(before);
    });

    it('a failure in the middle of writing rolls back what was written before it', async () => {
      await db.dataSource.query(`
        CREATE FUNCTION fail_for_test() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'injected failure'; END $$;
        CREATE TRIGGER fail_for_test BEFORE INSERT ON memberships FOR EACH ROW
          WHEN (NEW.valid_from = DATE '2031-01-01') EXECUTE FUNCTION fail_for_test();`);
      try {
        const before = await db.fingerprint();
        const text =
          'code: NY\nname: Nytt utvalg\nkind: annet\nmembers:\n' +
          '  - { name: Ny Person, email: ny@x.test, organisation: { name: Ny organisasjon, kind: annen }, ' +
          'role: medlem, party: annen, vote: true, from: 2030-01-01 }\n' +
          '  - { name: Feiler, email: feiler@x.test, role: medlem, party: annen, vote: true, from: 2031-01-01 }\n';
        await expect(importCommittee(db.dataSource, text)).rejects.toThrow(/injected failure/);
        expect(await db.fingerprint()).toEqual(before);
      } finally {
        await db.dataSource.query(`DROP TRIGGER fail_for_test ON memberships; DROP FUNCTION fail_for_test();`);
      }
    });
  });
});
