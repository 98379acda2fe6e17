/**
 * Debian's chromium for the browser tests (playwright-core drives it; `npx playwright install` downloads are not
 * available here). Installed with apt-get when missing and we are root, as services.ts installs redis-server.
 */
import { existsSync } from 'node:fs';
import { aptInstall, findOnPath } from './process-utils';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function ensureChromium(
  log: (s: string) => void = (s) => process.stderr.write(`[web] ${s}\n`),
): Promise<string> {
  const found =
    process.env.CHROMIUM_PATH || (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : findOnPath('chromium'));
  if (found) return found;
  const hint = 'install with `sudo apt-get install -y chromium` or set CHROMIUM_PATH';
  await aptInstall('chromium', hint, log);
  const installed = existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : findOnPath('chromium');
  if (!installed) throw new Error(`apt-get installed chromium but it is not on PATH: ${hint}`);
  return installed;
}
