import { dataSourceOptions, loadDemoCommittees } from '@samflyt/domain';
import { DataSource } from 'typeorm';
import { demoAssignments, demoPeople } from './demo-data';
import { loadDemoGrants } from './demo-grants';
import { loadDemoHearings } from './demo-hearings';
import { signDevToken } from './dev-token';

export type DemoTokens = Record<keyof typeof demoPeople, string>;

/** The demo committees, members and organisations, written to the database (before or beside a running API). */
export async function seedDemoCommittees(databaseUrl: string): Promise<void> {
  const db = new DataSource(dataSourceOptions(databaseUrl, 2));
  await db.initialize();
  try {
    await loadDemoCommittees(db);
  } finally {
    await db.destroy();
  }
}

/**
 * The demo workflows, started through a running API with development tokens: the assignments, the grant round and
 * the hearing. Returns the demo persons' tokens.
 */
export async function seedDemoWorkflows(api: string, databaseUrl: string, jwtSecret: string): Promise<DemoTokens> {
  const tokens = Object.fromEntries(
    Object.entries(demoPeople).map(([key, claims]) => [key, signDevToken(claims, jwtSecret)]),
  ) as DemoTokens;
  for (const input of demoAssignments) {
    const response = await fetch(`${api}/workflows/assignment/instances`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${tokens.secretariat}`,
        'content-type': 'application/json',
        'idempotency-key': `demo-${input.caseRef}`,
      },
      body: JSON.stringify({ input }),
    });
    if (!response.ok) throw new Error(`Demo data: ${response.status} ${await response.text()}`);
  }
  await loadDemoGrants(api, databaseUrl, jwtSecret);
  await loadDemoHearings(api, tokens.secretariat);
  return tokens;
}
