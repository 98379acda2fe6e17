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

/**
 * The folder holding Arkivverket's Noark 5 v5.0 XSDs: NOARK5_XSD_DIR, else `libs/domain/src/archive/xsd`, else
 * `noark5-xsd` in the shared folder beside the repository. Throws, naming where to put them, when none has them all.
 */
export function noark5XsdDir(root: string): string {
  const candidates = [
    process.env.NOARK5_XSD_DIR,
    join(root, 'libs/domain/src/archive/xsd'),
    resolve(root, '..', 'shared', 'noark5-xsd'),
  ].filter((d): d is string => !!d);
  const dir = candidates.find((d) => NOARK5_SCHEMAS.every((f) => existsSync(join(d, f))));
  if (dir) return dir;
  throw new Error(
    `Arkivverket's Noark 5 v5.0 XSDs (${NOARK5_SCHEMAS.join(', ')}) were found in none of ${candidates.join(', ')}. ` +
      'They come from github.com/arkivverket/arkade5, src/Arkivverket.Arkade.Core/ExternalModels/Noark5/v5_0/ ' +
      '(addml.xsd from ExternalModels/xsd/); put them in one of those folders or set NOARK5_XSD_DIR.',
  );
}

/** `xmllint --noout --schema xsd file`: ok, and what xmllint said. */
export function validateXml(xmllint: string, xsd: string, file: string): { ok: boolean; output: string } {
  const res = spawnSync(xmllint, ['--noout', '--nonet', '--schema', xsd, file], { encoding: 'utf8' });
  return { ok: res.status === 0, output: `${res.stdout ?? ''}${res.stderr ?? ''}`.trim() };
}
