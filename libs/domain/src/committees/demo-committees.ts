import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  importCommittee,
  importOrganisations,
  type CommitteeImportSummary,
  type Db,
  type OrganisationsImportSummary,
} from './committee-import';

/** In the order they must be imported: AU and the expanded AU name ASU as parent. */
export const DEMO_COMMITTEE_FILES = ['asu.yaml', 'au.yaml', 'au-utvidet.yaml'] as const;
export const DEMO_ORGANISATIONS_FILE = 'organisations.yaml';

/**
 * The demo files ship as YAML beside this module's source. `tsc` does not copy them to dist/, so a
 * compiled build finds them in the source tree (dist/libs/domain/src/committees → libs/domain/src/...).
 */
export function demoDirectory(): string {
  const candidates = [
    join(__dirname, 'demo'),
    resolve(__dirname, '../../../../../libs/domain/src/committees/demo'),
    resolve(process.cwd(), 'libs/domain/src/committees/demo'),
  ];
  const found = candidates.find((dir) => existsSync(join(dir, DEMO_COMMITTEE_FILES[0])));
  if (!found) throw new Error(`The demo committee files are not in any of: ${candidates.join(', ')}`);
  return found;
}

export interface DemoCommitteesSummary {
  organisations: OrganisationsImportSummary;
  committees: CommitteeImportSummary[];
}

/**
 * Imports the demo organisations (the 22 kommuner, the hospital, …) and committees (ASU, AU, the
 * expanded AU) in one transaction. Idempotent: a second call changes nothing.
 */
export async function loadDemoCommittees(db: Db): Promise<DemoCommitteesSummary> {
  const dir = demoDirectory();
  const read = (file: string) => readFileSync(join(dir, file), 'utf8');
  return db.transaction(async (tx) => {
    const organisations = await importOrganisations(tx, read(DEMO_ORGANISATIONS_FILE));
    const committees: CommitteeImportSummary[] = [];
    for (const file of DEMO_COMMITTEE_FILES) committees.push(await importCommittee(tx, read(file)));
    return { organisations, committees };
  });
}
