import { createRequire } from 'node:module';
import { join } from 'node:path';

/**
 * The container image's entry point: `docker run samflyt api|worker|web|migrate|demo [--help]` runs that process of
 * the compiled build, in this process (so signals reach it directly). Paths are relative to `dist`.
 */
export const COMMANDS = {
  api: 'apps/api/src/main.js',
  worker: 'apps/worker/src/main.js',
  web: 'apps/web/server/main.js',
  migrate: 'scripts/migrate.js',
  demo: 'scripts/demo.js',
} as const;

export type Command = keyof typeof COMMANDS;

const USAGE = `usage: samflyt <command> [--help]

  api       the HTTP API
  worker    timers and e-mail (run several to scale out)
  web       the web application's server
  migrate   applies pending database migrations, then exits
  demo      loads the demo data into a running development stack, then exits

Every command is configured by environment variables; <command> --help names them.
`;

function main(argv: string[]): void {
  const [word, ...rest] = argv;
  if (word === undefined || word === '--help' || word === '-h') {
    process.stdout.write(USAGE);
    return;
  }
  if (!Object.hasOwn(COMMANDS, word)) {
    process.stderr.write(`samflyt: unknown command "${word}"\n\n${USAGE}`);
    process.exit(64);
  }
  const script = join(__dirname, '..', COMMANDS[word as Command]);
  // The command sees its own arguments, as if run as `node <script> …`.
  process.argv = [process.argv[0], script, ...rest];
  createRequire(__filename)(script);
}

if (require.main === module) main(process.argv.slice(2));
