/**
 * Renders the first page of an example tilskuddsbrev (the built-in text, the default sender) as the README's
 * picture, docs/letter-first-page.png, with poppler's pdftoppm:
 *
 *   node dist/scripts/letter-image.js [out.png]
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_LETTER_SENDER, renderLetter } from '@samflyt/domain';
import { DEFAULT_LETTER_TEXTS, type LetterRequest } from '@samflyt/workflows';

const example: LetterRequest = {
  kind: 'tilskuddsbrev',
  scope: null,
  addressee: {
    key: 'example',
    personId: null,
    name: 'Kari Nordmann',
    organisation: 'Eksempel kommune',
    email: 'kari.nordmann@eksempel.example',
  },
  caseRef: '12/25',
  theirRef: null,
  fields: {
    mottaker: 'Kari Nordmann',
    organisasjon: 'Eksempel kommune',
    soknad: 'Felles rekrutteringsteam for sykepleiere',
    utlysning: 'Rekrutterings- og samhandlingstilskudd 2025',
    soktBelop: 'kr 800 000',
    tildeltBelop: 'kr 650 000',
    utvalg: 'ASU',
    sak: '12/25',
    vedtak: 'ASU innvilger søknaden med kr 650 000 i tråd med arbeidsutvalgets innstilling.',
    vilkar: 'Midlene brukes som beskrevet i søknaden. Ubrukte midler betales tilbake.',
    rapportering: '- Sluttrapport: innen 1. juni 2026',
  },
  vedtak: {
    legalBasis:
      'Vedtaket er fattet av ASU etter utlysningens kriterier. Reglene om enkeltvedtak i ' +
      'forvaltningsloven gjelder: begrunnelsen står i brevet (§§ 24–25), og du underrettes skriftlig (§ 27).',
    appeal: { deadline: '2025-06-23T21:59:59.000Z', appealTo: 'ASU' },
  },
  signedBy: 'Saksbehandler i sekretariatet',
};

async function main(): Promise<void> {
  const out = process.argv[2] ?? 'docs/letter-first-page.png';
  const { bytes } = await renderLetter(
    example,
    DEFAULT_LETTER_TEXTS.tilskuddsbrev,
    DEFAULT_LETTER_SENDER,
    new Date('2025-06-02T10:00:00Z'),
  );
  const dir = mkdtempSync(join(tmpdir(), 'letter-image-'));
  try {
    writeFileSync(join(dir, 'letter.pdf'), bytes);
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', 'letter.pdf', 'page'], {
      cwd: dir,
    });
    copyFileSync(join(dir, 'page.png'), out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  process.stdout.write(`${out}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`letter-image: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
