import { OSLO } from '@samflyt/engine';
import { fillTemplate, LETTER_TITLES, type LetterRequest, type LetterText } from '@samflyt/workflows';
import { DateTime } from 'luxon';
import type { PdfBlock, PdfModel } from '../documents/pdf';
import type { LetterSender } from './letter-sender';

/** «3. desember 2026» */
export const letterDate = (at: Date): string =>
  DateTime.fromJSDate(at, { zone: OSLO }).setLocale('nb').toFormat('d. MMMM yyyy');

const norwegianDeadline = (at: string): string =>
  DateTime.fromISO(at, { zone: OSLO }).setLocale('nb').toFormat("cccc d. MMMM yyyy 'kl.' HH.mm");

/**
 * The body: blank lines part blocks; a block whose first line ends with «:» gets that line as its heading; a block
 * of `- ` lines is a list; anything else a paragraph (its line breaks kept).
 */
export function bodyBlocks(body: string): PdfBlock[] {
  const blocks: PdfBlock[] = [];
  for (const chunk of body.replace(/\r\n?/g, '\n').split(/\n\s*\n/)) {
    let lines = chunk.split('\n').filter((l) => l.trim() !== '');
    if (lines.length === 0) continue;
    if (lines.length > 1 && /:\s*$/.test(lines[0]) && lines[0].length <= 80) {
      blocks.push({ kind: 'heading', level: 2, text: lines[0].trim().replace(/:\s*$/, ''), keepWithNext: 40 });
      lines = lines.slice(1);
    }
    if (lines.every((l) => /^\s*-\s+/.test(l))) {
      blocks.push({ kind: 'list', items: lines.map((l) => l.replace(/^\s*-\s+/, '')) });
    } else {
      blocks.push({ kind: 'paragraph', text: lines.join('\n') });
    }
  }
  return blocks;
}

/** Forvaltningsloven § 27 third paragraph: the right to appeal, the deadline, where, how; §§ 18–19: access. */
function vedtakBlocks(request: LetterRequest, sender: LetterSender): PdfBlock[] {
  const v = request.vedtak;
  if (!v) return [];
  const appeal: PdfBlock[] = v.appeal
    ? [
        {
          kind: 'paragraph',
          text:
            `Du kan klage på vedtaket, jf. forvaltningsloven § 28. Klagefristen er tre uker fra du mottok brevet ` +
            `(§ 29), og går ut ${norwegianDeadline(v.appeal.deadline)}. En frist som ender på en lørdag, søndag ` +
            'eller helligdag, er forlenget til neste virkedag (§ 30).',
        },
        {
          kind: 'paragraph',
          text:
            `Klagen sendes til ${sender.organisation}, i samflyt eller skriftlig. Den skal nevne vedtaket det ` +
            'klages over, hvilke endringer som ønskes, og grunnene for klagen (§ 32). ' +
            `Klagen legges fram for ${v.appeal.appealTo} som egen sak.`,
        },
        {
          kind: 'paragraph',
          text: 'Du har rett til å se dokumentene i saken, jf. forvaltningsloven §§ 18 og 19.',
        },
      ]
    : [
        {
          kind: 'paragraph',
          text:
            request.kind === 'klagevedtak'
              ? 'Vedtaket i klagesaken er endelig og kan ikke påklages, jf. forvaltningsloven § 28 tredje ledd.'
              : 'Vedtaket kan ikke påklages.',
        },
      ];
  return [
    { kind: 'heading', level: 2, text: 'Hjemmel og begrunnelse', keepWithNext: 40 },
    { kind: 'paragraph', text: v.legalBasis },
    { kind: 'heading', level: 2, text: 'Klageadgang', keepWithNext: 40 },
    ...appeal,
  ];
}

/**
 * A letter as a Norwegian public letter: the sender (the secretariat, from configuration), the addressee, «Vår
 * ref.», «Deres ref.», the date, the subject, the body, the legal basis and klage information of a vedtak, and the
 * signature block; the renderer numbers the pages.
 */
export function letterModel(
  request: LetterRequest,
  text: LetterText,
  sender: LetterSender,
  date: Date,
): { model: PdfModel; subject: string } {
  const subject = fillTemplate(text.subject, request.fields).trim() || LETTER_TITLES[request.kind];
  const senderLines = [
    sender.address,
    sender.organisationNumber ? `Org.nr. ${sender.organisationNumber}` : null,
    sender.email ? `E-post: ${sender.email}` : null,
    sender.phone ? `Telefon: ${sender.phone}` : null,
  ].filter((l): l is string => l !== null);
  const a = request.addressee;
  const addressee = [a.name, a.organisation, a.email].filter((l): l is string => !!l && l.trim() !== '');
  const blocks: PdfBlock[] = [
    { kind: 'paragraph', text: [{ text: sender.organisation, bold: true }, ...senderLines.map((l) => `\n${l}`)] },
    { kind: 'spacer', lines: 1 },
    { kind: 'paragraph', text: addressee.join('\n') },
    { kind: 'spacer', lines: 1 },
    {
      kind: 'keyValue',
      entries: [
        ['Vår ref.', request.caseRef ?? '–'],
        ['Deres ref.', request.theirRef ?? '–'],
        ['Dato', letterDate(date)],
      ],
    },
    { kind: 'spacer', lines: 1 },
    { kind: 'heading', level: 1, text: subject },
    ...bodyBlocks(fillTemplate(text.body, request.fields)),
    ...vedtakBlocks(request, sender),
    { kind: 'spacer', lines: 1 },
    {
      kind: 'paragraph',
      text: [
        'Med hilsen\n',
        { text: sender.organisation, bold: true },
        request.signedBy ? `\n${request.signedBy}` : '',
      ],
    },
    {
      kind: 'paragraph',
      size: 8.5,
      text: 'Dokumentet er elektronisk godkjent og har ingen håndskrevne signaturer.',
    },
  ];
  return {
    subject,
    model: {
      title: subject,
      subject: LETTER_TITLES[request.kind],
      author: sender.organisation,
      language: 'nb',
      created: date,
      footer: `${sender.organisation}${request.caseRef ? ` · Vår ref. ${request.caseRef}` : ''}`,
      blocks,
    },
  };
}
