import {
  decodePDFRawStream,
  PDFArray,
  PDFBool,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFRawStream,
  PDFRef,
  PDFString,
  type PDFObject,
} from 'pdf-lib';
import { execFileSync } from 'child_process';
import { join } from 'path';

/** A node of the structure tree: its type (`/S`) and its element children, in order. */
export interface StructNode {
  type: string;
  children: StructNode[];
}

export interface PdfFont {
  baseFont: string;
  subtype: string;
  /** FontFile, FontFile2 or FontFile3 found in the descriptor (of the descendant font for Type0). */
  embedded: boolean;
}

export interface PdfFacts {
  version: string;
  xmp: string;
  pdfaPart: string | null;
  pdfaConformance: string | null;
  dcTitle: string | null;
  /** dc:title as pdf.js's XML parser reads the XMP packet (null if the packet is not well-formed). */
  xmpTitle: string | null;
  title: string | null;
  lang: string | null;
  marked: boolean;
  displayDocTitle: boolean;
  outputIntent: string | null;
  structure: StructNode | null;
  fonts: PdfFont[];
  pages: number;
  /** The text as pdf.js extracts it, in content-stream order, pages joined. */
  text: string;
  /** The text of the tagged content in structure-tree order (what a screen reader reads); artifacts left out. */
  tagged: string;
}

const text = (o: PDFObject | undefined): string | null =>
  o instanceof PDFString || o instanceof PDFHexString ? o.decodeText() : null;

/**
 * What a PDF says about itself, read with a real parser: pdf-lib walks the catalog (language, MarkInfo, structure
 * tree, output intent, XMP stream, every page's fonts) and pdf.js (`pdf-text.mjs`) extracts the text.
 */
export async function inspectPdf(pdf: Buffer): Promise<PdfFacts> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const ctx = doc.context;
  const catalog = doc.catalog;
  const lookup = (o: PDFObject | undefined): PDFObject | undefined => (o instanceof PDFRef ? ctx.lookup(o) : o);
  const dict = (o: PDFObject | undefined) => {
    const v = lookup(o);
    return v instanceof PDFDict ? v : undefined;
  };
  const name = (o: PDFObject | undefined) => {
    const v = lookup(o);
    return v instanceof PDFName ? v.decodeText() : '';
  };

  const metadata = lookup(catalog.get(PDFName.of('Metadata')));
  const xmp =
    metadata instanceof PDFRawStream ? Buffer.from(decodePDFRawStream(metadata).decode()).toString('utf8') : '';
  const tag = (t: string) => new RegExp(`<${t}>([^<]*)</${t}>`).exec(xmp)?.[1] ?? null;

  const markInfo = dict(catalog.get(PDFName.of('MarkInfo')));
  const viewer = dict(catalog.get(PDFName.of('ViewerPreferences')));
  const intents = lookup(catalog.get(PDFName.of('OutputIntents')));
  const intent = intents instanceof PDFArray ? dict(intents.get(0)) : undefined;

  const walk = (o: PDFObject | undefined): StructNode[] => {
    const v = lookup(o);
    if (v instanceof PDFArray) return v.asArray().flatMap(walk);
    if (!(v instanceof PDFDict)) return []; // a marked-content id
    const type = name(v.get(PDFName.of('S')));
    if (!type) return [];
    return [{ type, children: walk(v.get(PDFName.of('K'))) }];
  };
  const treeRoot = dict(catalog.get(PDFName.of('StructTreeRoot')));
  const structure = treeRoot ? { type: 'StructTreeRoot', children: walk(treeRoot.get(PDFName.of('K'))) } : null;

  const fonts = new Map<string, PdfFont>();
  for (const page of doc.getPages()) {
    const resources = dict(page.node.get(PDFName.of('Resources')));
    const fontDict = dict(resources?.get(PDFName.of('Font')));
    for (const [, ref] of fontDict?.entries() ?? []) {
      const font = dict(ref)!;
      const subtype = name(font.get(PDFName.of('Subtype')));
      const descendants = lookup(font.get(PDFName.of('DescendantFonts')));
      const described = descendants instanceof PDFArray ? dict(descendants.get(0))! : font;
      const descriptor = dict(described.get(PDFName.of('FontDescriptor')));
      const embedded = ['FontFile', 'FontFile2', 'FontFile3'].some((k) => descriptor?.has(PDFName.of(k)));
      fonts.set(ref.toString(), { baseFont: name(font.get(PDFName.of('BaseFont'))), subtype, embedded });
    }
  }

  const extracted = JSON.parse(
    execFileSync(process.execPath, [join(__dirname, 'pdf-text.mjs')], { input: pdf, maxBuffer: 64 << 20 }).toString(),
  ) as { stream: string; tagged: string; xmpTitle: string | null };

  return {
    version: pdf.subarray(0, 8).toString('latin1'),
    xmp,
    pdfaPart: tag('pdfaid:part'),
    pdfaConformance: tag('pdfaid:conformance'),
    dcTitle: /<dc:title>\s*<rdf:Alt>\s*<rdf:li[^>]*>([^<]*)<\/rdf:li>/.exec(xmp)?.[1] ?? null,
    title: doc.getTitle() ?? null,
    lang: text(catalog.get(PDFName.of('Lang'))),
    marked: markInfo?.get(PDFName.of('Marked')) === PDFBool.True,
    displayDocTitle: viewer?.get(PDFName.of('DisplayDocTitle')) === PDFBool.True,
    outputIntent: intent ? name(intent.get(PDFName.of('S'))) : null,
    structure,
    fonts: [...fonts.values()],
    pages: doc.getPageCount(),
    text: extracted.stream,
    tagged: extracted.tagged,
    xmpTitle: extracted.xmpTitle,
  };
}

/** Every structure type in the tree, depth first (document order). */
export function structTypes(node: StructNode | null): string[] {
  if (!node) return [];
  return [node.type, ...node.children.flatMap(structTypes)];
}

/** The facts every generated PDF must show (PDF/A-2, embedded fonts, language, tags); `expect` is jest's. */
export function expectArchivable(facts: PdfFacts, title: string | RegExp): void {
  expect(facts.version).toBe('%PDF-1.7');
  expect(facts.pdfaPart).toBe('2');
  expect(['A', 'B']).toContain(facts.pdfaConformance);
  expect(facts.outputIntent).toBe('GTS_PDFA1');
  if (typeof title === 'string') expect(facts.title).toBe(title);
  else expect(facts.title).toMatch(title);
  expect(facts.xmpTitle).toBe(facts.title);
  expect(facts.dcTitle).not.toBeNull();
  expect(facts.lang).toBe('nb');
  expect(facts.marked).toBe(true);
  expect(facts.displayDocTitle).toBe(true);
  expect(facts.structure?.children.map((c) => c.type)).toEqual(['Document']);
  expect(facts.fonts.length).toBeGreaterThan(0);
  for (const font of facts.fonts) expect(font).toMatchObject({ subtype: 'Type0', embedded: true });
  expect(facts.fonts.map((f) => f.baseFont.replace(/^[A-Z]{6}\+/, '')).sort()).toEqual(
    expect.arrayContaining(['DejaVuSans']),
  );
}

/**
 * `haystack` contains the `needles` one after another. Whitespace is left out of both: lines wrap at spaces and
 * after hyphens, and an extractor puts a space or a line break there or nothing.
 */
export function expectInOrder(haystack: string, needles: string[]): void {
  const squeezed = haystack.replace(/\s+/g, '');
  let from = 0;
  for (const needle of needles) {
    const wanted = needle.replace(/\s+/g, '');
    const at = squeezed.indexOf(wanted, from);
    if (at < 0)
      throw new Error(
        `«${needle}» not found in order; what follows the last match:\n${squeezed.slice(from, from + 400)}`,
      );
    from = at + wanted.length;
  }
}
