import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions, demoDirectory } from '@samflyt/domain';
import { freshDatabase } from '../support/database';

export const demoFile = (file: string): string => readFileSync(join(demoDirectory(), file), 'utf8');

/**
 * The members with a vote in the 17.04.24 minutes, by party, in the minutes' order
 * (asu-referat-2024-04-17.txt lines 8–27: kommunene 9–14, St. Olavs 16–21, fastleger 23–24, brukere 26–27).
 */
export const withVote17April = {
  kommune: ['Ingjerd Astad', 'Wenche P. Dehli', 'Albert Verhagen', 'Jan Roger Wold', 'Sissel Braseth', 'Leif Vonen'],
  sykehus: [
    'Tom Christian Martinsen',
    'Tone Shetelig Løvvik',
    'Britt-Elin Lurud',
    'Vegard Vestvik',
    'Paul Georg Skogen',
    'Kjetil Andreas Hognestad Karlsen',
  ],
  fastlege: ['Arnfinn Seim', 'Tor Magne Johnsen'],
  bruker: ['Trine Wigtil', 'Toril Indergård'],
};

/** The attendance table of the 17.04.24 minutes, as the demo data must reproduce it. */
export const minutes17April = {
  withVote: Object.values(withVote17April).flat(),
  employeeObservers: ['Torkild Skaar', 'Tone Merete Fjelly', 'Anniken van Lien Marion'],
  fagradLeaders: ['Lars Erik Laugsand', 'Nina Burkeland', 'Vegard Strøm', 'Christoffer Strøm', 'Trine Hansen'],
  observers: ['Jan Vaage', 'Erik Eide', 'Vigdis Espnes Landheim', 'Toril Forbord', 'Sunniva Rognerud'],
  secretariat: ['Solveig Cruikshank Tofte', 'Marit Øverås', 'Karina Haus Steinshylla', 'Runar Asp'],
};

/** Varas of both minutes: who stands in for whom. */
export const varas: Record<string, string> = {
  'Helena Bertilsson': 'Sunniva Rognerud',
  'Laura Steinsli': 'Wenche P. Dehli',
  'Kristin Holum Smedsrud': 'Paul Georg Skogen',
  'Stein Nervik': 'Trine Wigtil',
  'Eirik Aronsen': 'Sissel Braseth',
  'Jostein Arntzen': 'Vegard Strøm',
};

/** Demo persons the API tests sign in as (e-mails from asu.yaml). */
export const demoLogins = {
  leader: { name: 'Ingjerd Astad', email: 'ingjerd.astad@trondelag-sor-vest.test' },
  member: { name: 'Trine Wigtil', email: 'trine.wigtil@brukerrepresentant.test' },
  observer: { name: 'Torkild Skaar', email: 'torkild.skaar@stolav.test' },
  vara: { name: 'Helena Bertilsson', email: 'helena.bertilsson@helse-midt.test' },
  secretariat: { name: 'Solveig Cruikshank Tofte', email: 'solveig.tofte@helsefellesskap.test' },
};

export interface CommitteeDb {
  dataSource: DataSource;
  url: string;
  /** Row counts and a digest of every committee table: equal before and after means nothing was written. */
  fingerprint(): Promise<Record<string, string | number>>;
  close(): Promise<void>;
}

export async function committeeDb(label: string): Promise<CommitteeDb> {
  const db = await freshDatabase(label);
  const dataSource = new DataSource(dataSourceOptions(db.url, 10));
  await dataSource.initialize();
  return {
    dataSource,
    url: db.url,
    fingerprint: () => committeeFingerprint(dataSource),
    close: async () => {
      await dataSource.destroy();
      await db.drop();
    },
  };
}

export async function committeeFingerprint(db: {
  query: (sql: string) => Promise<unknown>;
}): Promise<Record<string, string | number>> {
  const digest = (table: string) =>
    `(SELECT count(*)::int FROM ${table}) AS "${table}",
     (SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t.id), '')) FROM ${table} t) AS "${table}_md5"`;
  const rows = (await db.query(
    `SELECT ${['organisations', 'persons', 'committees', 'memberships'].map(digest).join(', ')}`,
  )) as Record<string, string | number>[];
  return rows[0];
}
