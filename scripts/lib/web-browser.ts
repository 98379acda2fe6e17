/**
 * Debian's chromium for the browser tests (playwright-core drives it; `npx playwright install` downloads are not
 * available here). Installed with apt-get when missing and we are root, as services.ts installs redis-server.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findOnPath, run } from './process-utils';

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
  if (process.getuid?.() !== 0 || !findOnPath('apt-get')) throw new Error(`chromium not found: ${hint}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const policy = spawnSync('apt-cache', ['policy', 'chromium'], { env, encoding: 'utf8' });
  if (!/Candidate:\s*(?!\(none\))\S/.test(policy.stdout ?? '')) {
    log('chromium not found; running apt-get update');
    await run('apt-get', ['update', '-q'], env, log);
  }
  log('chromium not found; running apt-get install -y chromium');
  const install = () => run('apt-get', ['install', '-y', '-q', '-o', 'Dpkg::Use-Pty=0', 'chromium'], env, log);
  await install().catch(async () => {
    log('apt-get install failed; running apt-get update and trying once more');
    await run('apt-get', ['update', '-q'], env, log);
    await install();
  });
  const installed = existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : findOnPath('chromium');
  if (!installed) throw new Error(`apt-get installed chromium but it is not on PATH: ${hint}`);
  return installed;
}
