import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// SQL in a string: a statement keyword followed by what makes it one.
const SQL = String.raw`/\b(SELECT|INSERT INTO|DELETE FROM|UPDATE [a-z_]+ SET|CREATE TABLE|ALTER TABLE|WITH [a-z_]+ AS \()/`;
const noSql = (message) => [
  'error',
  { selector: `TemplateElement[value.raw=${SQL}]`, message },
  { selector: `Literal[value=${SQL}]`, message },
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'jest.config.js',
      'test-results/**',
      'bench-results/**',
      'apps/web/src/api/schema.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // The engine knows no feature: features register their definitions with it, never the other way round.
    files: ['libs/engine/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@samflyt/*', '**/libs/*/src/**', '**/apps/**'], message: 'The engine imports no lib or app.' },
          ],
        },
      ],
    },
  },
  {
    // Machines, rules, schemas and templates: pure, no database, no framework.
    files: ['libs/workflows/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['typeorm', 'pg', 'ioredis', 'bullmq', 'nodemailer'].map((name) => ({
            name,
            message: 'libs/workflows is pure: I/O belongs to libs/domain (repositories, projections, services).',
          })),
          patterns: [
            {
              group: ['@samflyt/domain', '@nestjs/*', '**/libs/*/src/**', '**/apps/**'],
              message: 'libs/workflows imports only @samflyt/engine.',
            },
          ],
        },
      ],
    },
  },
  {
    // Repositories, projections and services: no HTTP, no app.
    files: ['libs/domain/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@nestjs/*', '**/libs/*/src/**', '**/apps/**'],
              message: 'libs/domain imports @samflyt/engine and @samflyt/workflows, no framework or app.',
            },
          ],
        },
      ],
    },
  },
  {
    // Services, controllers and processors decide; the database is reached through a repository.
    files: ['apps/api/**/*.ts', 'apps/worker/**/*.ts', 'libs/domain/**/*.ts'],
    ignores: ['**/*.repository.ts', '**/*.projection.ts', '**/*.migration.ts', '**/*.spec.ts'],
    rules: {
      'no-restricted-syntax': noSql('SQL belongs in a *.repository.ts, *.projection.ts or *.migration.ts.'),
    },
  },
  {
    files: ['libs/workflows/**/*.ts'],
    rules: { 'no-restricted-syntax': noSql('libs/workflows is pure: no SQL, not even in a projection.') },
  },
  {
    files: ['libs/workflows/src/**/*.machine.ts'],
    rules: {
      // Machines are pure: no clock, no I/O, no logging.
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Machines are pure: take time from context or events.' },
      ],
      'no-restricted-globals': ['error', 'fetch', 'setTimeout', 'setInterval'],
      'no-console': 'error',
    },
  },
);
