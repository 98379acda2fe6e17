import AxeBuilder from '@axe-core/playwright';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, ensureChromium } from '../../scripts/lib/web-browser';
import { freePort, stopChild } from '../../scripts/lib/process-utils';

const ROOT = join(__dirname, '..', '..');
export const SCREENSHOTS = join(ROOT, 'test-results', 'screenshots');

/** One chromium per test file (Debian's, via playwright-core), with a fresh profile. */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = await ensureChromium();
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true, timeout: 60_000 });
}

/** A fresh context in Norwegian, on Oslo time, at a desktop size, and its page; the page's script errors go to `errors`. */
export async function norwegianPage(
  browser: Browser,
  errors: string[],
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    locale: 'nb-NO',
    timezoneId: 'Europe/Oslo',
    viewport: { width: 1280, height: 900 },
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => errors.push(error.message));
  return { context, page };
}

/** A child process printing `marker` on stdout when it is ready; its output is kept for failure messages. */
export async function startChild(
  name: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  marker: RegExp,
): Promise<{ child: ChildProcess; output: () => string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (b: Buffer) => void (output = (output + b.toString()).slice(-20_000));
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start within 60 s:\n${output}`)), 60_000);
    const check = () => {
      if (marker.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code}) during start-up:\n${output}`));
    });
  });
  return { child, output: () => output, stop: () => stopChild(child, ['SIGTERM', 'SIGKILL'], 3000) };
}

export interface WebServer {
  url: string;
  output(): string;
  stop(): Promise<void>;
}

/** The built web server (dist/apps/web/server) in front of an API, with the test run's Redis for its sessions. */
export async function startWebServer(apiUrl: string, env: Record<string, string> = {}): Promise<WebServer> {
  const port = env.WEB_PORT ? Number(env.WEB_PORT) : await freePort();
  const url = env.PUBLIC_WEB_URL ?? `http://127.0.0.1:${port}`;
  const started = await startChild(
    'web server',
    [join(ROOT, 'dist/apps/web/server/main.js')],
    {
      ...process.env,
      API_URL: apiUrl,
      WEB_PORT: String(port),
      WEB_HOST: '127.0.0.1',
      PUBLIC_WEB_URL: url,
      JWT_SECRET: process.env.JWT_SECRET!,
      // Its own sessions and login counts in the shared Redis, unless a test shares them between processes.
      WEB_KEY_PREFIX: `samflyt-test-web-${randomBytes(4).toString('hex')}`,
      ...env,
    },
    /samflyt web on/,
  );
  return { url, output: started.output, stop: started.stop };
}

/**
 * Runs axe-core on the page (WCAG 2.0/2.1 A and AA), fails on serious or critical violations, and saves a
 * screenshot of the view as test-results/screenshots/<name>.png.
 */
export async function checkView(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  // Legacy mode runs axe.run() in the page (and its same-origin frames; the app has no others) instead of a
  // partial run per frame finished in a new blank page: the same rules and results, in half the time.
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .setLegacyMode(true)
    .analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect({ view: name, violations: serious }).toEqual({ view: name, violations: [] });
}

/** The development login as the person with this e-mail in the register. */
export async function devLogin(page: Page, web: string, email: string): Promise<void> {
  await page.goto(`${web}/logg-inn`);
  await page.getByLabel('En annen person i registeret (e-post under)').check();
  await page.getByLabel('E-post (valgfritt)').fill(email);
  await page.getByRole('button', { name: 'Logg inn' }).click();
  await page.getByTestId('logged-in-as').waitFor();
}

export async function logout(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Logg ut' }).click();
  await page.getByRole('link', { name: 'Logg inn' }).first().waitFor();
}
