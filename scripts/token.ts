/**
 * Prints a signed development JWT (HS256, JWT_SECRET from the environment) for the API:
 *   npm run token -- --sub sek-1 --name "Sekretariatet" --roles secretariat,admin [--email e@x.no] [--ttl 8h]
 */
import { parseArgs } from 'node:util';
import { isProduction } from '@samflyt/domain';
import { signDevToken } from './lib/dev-token';

const usage =
  'usage: npm run token -- --sub ID --name NAME --roles r1,r2 [--email E] [--ttl 8h]\n' +
  '  the API derives roles itself (memberships, ADMIN_SUBJECTS, SECRETARIAT_SUBJECTS); --ttl as 30m, 8h, 7d';

function fail(message: string): never {
  process.stderr.write(`token: ${message}\n${usage}\n`);
  process.exit(1);
}

function main(): void {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      options: {
        sub: { type: 'string' },
        name: { type: 'string' },
        roles: { type: 'string' },
        email: { type: 'string' },
        ttl: { type: 'string', default: '8h' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  if (isProduction(process.env)) fail('development tokens are refused in production (SAMFLYT_ENV=production)');
  const secret = process.env.JWT_SECRET;
  if (!secret) fail('JWT_SECRET is not set: export the same JWT_SECRET the API runs with');
  if (secret.length < 16) fail('JWT_SECRET must be at least 16 characters (the API refuses shorter ones)');

  const sub = String(values.sub ?? '').trim();
  const name = String(values.name ?? '').trim();
  if (!sub) fail('--sub is required');
  if (!name) fail('--name is required');
  if (values.roles === undefined) fail('--roles is required (comma-separated; may be empty: --roles "")');
  const roles = String(values.roles)
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  const ttl = String(values.ttl);
  if (!/^\d+\s*(s|m|h|d|w|y)?$/.test(ttl)) fail(`--ttl "${ttl}" is not a duration such as 30m, 8h or 7d`);

  const email = typeof values.email === 'string' && values.email.trim() ? values.email.trim() : undefined;
  const token = signDevToken(
    { sub, name, roles, ...(email ? { email } : {}) },
    secret,
    /^\d+$/.test(ttl) ? Number(ttl) : ttl,
  );
  process.stdout.write(`${token}\n`);
}

main();
