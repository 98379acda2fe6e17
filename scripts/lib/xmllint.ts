/**
 * xmllint (Debian's libxml2-utils) for the tests that validate the Noark 5 deposit against Arkivverket's XSDs.
 * Installed with apt-get when missing and we are root, as services.ts installs redis-server.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { aptInstall, findOnPath } from './process-utils';

export async function ensureXmllint(
  log: (s: string) => void = (s) => process.stderr.write(`[xmllint] ${s}\n`),
): Promise<string> {
  const found = findOnPath('xmllint');
  if (found) return found;
  const hint = 'install with `sudo apt-get install -y libxml2-utils`';
  await aptInstall('libxml2-utils', hint, log);
  const installed = findOnPath('xmllint');
  if (!installed) throw new Error(`apt-get installed libxml2-utils but xmllint is not on PATH: ${hint}`);
  return installed;
}

/** The schema files a deposit is validated against, each named as Arkivverket publishes it. */
export const NOARK5_SCHEMAS = [
  'arkivstruktur.xsd',
  'metadatakatalog.xsd',
  'endringslogg.xsd',
  'loependeJournal.xsd',
  'offentligJournal.xsd',
  'addml.xsd',
] as const;

/** Where Arkivverket's Noark 5 v5.0 XSDs are looked for: NOARK5_XSD_DIR, the repository, the shared folder beside it. */
export function noark5XsdCandidates(root: string): string[] {
  return [
    process.env.NOARK5_XSD_DIR,
    join(root, 'libs/domain/src/archive/xsd'),
    resolve(root, '..', 'shared', 'noark5-xsd'),
  ].filter((d): d is string => !!d);
}

/**
 * The folder holding all of Arkivverket's Noark 5 v5.0 XSDs, or undefined. They come from github.com/arkivverket/arkade5,
 * src/Arkivverket.Arkade.Core/ExternalModels/Noark5/v5_0/ (addml.xsd from ExternalModels/xsd/); the repository does
 * not carry them (see the README's "Archive deposit").
 */
export function findNoark5XsdDir(root: string): string | undefined {
  return noark5XsdCandidates(root).find((d) => NOARK5_SCHEMAS.every((f) => existsSync(join(d, f))));
}

/** `xmllint --noout --schema xsd file`: ok, and what xmllint said. */
export function validateXml(xmllint: string, xsd: string, file: string): { ok: boolean; output: string } {
  const res = spawnSync(xmllint, ['--noout', '--nonet', '--schema', xsd, file], { encoding: 'utf8' });
  return { ok: res.status === 0, output: `${res.stdout ?? ''}${res.stderr ?? ''}`.trim() };
}
