/**
 * What a file is, from its first bytes (its "magic"), never from the name or the header the client sent. Only the
 * types samflyt takes as attachments are recognised: PDF, PNG, JPEG, GIF, the Office Open XML and OpenDocument
 * formats (zip containers told apart by their entries) and plain UTF-8 text. A file that looks like HTML, SVG or XML
 * is not plain text: a browser could run it.
 *
 * Hand-written rather than the `file-type` package: that is ESM-only (v21), and while Node 20.19+ can `require` it,
 * jest's CommonJS runtime cannot resolve it, so the API tests that start the app in-process would not load; it also
 * recognises far more than samflyt allows.
 */
export const SNIFFED_TYPES = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  odp: 'application/vnd.oasis.opendocument.presentation',
  text: 'text/plain',
} as const;

const startsWith = (b: Buffer, bytes: number[], at = 0) => bytes.every((x, i) => b[at + i] === x);

/** The names of the entries of a zip file, from its central directory at the end (null when there is none). */
function zipEntries(b: Buffer): string[] | null {
  const EOCD = 0x06054b50;
  let end = -1;
  for (let at = b.length - 22; at >= Math.max(0, b.length - 22 - 0xffff); at--) {
    if (b.readUInt32LE(at) === EOCD) {
      end = at;
      break;
    }
  }
  if (end < 0) return null;
  const count = b.readUInt16LE(end + 10);
  let at = b.readUInt32LE(end + 16);
  const names: string[] = [];
  for (let i = 0; i < count && at + 46 <= b.length && b.readUInt32LE(at) === 0x02014b50; i++) {
    const nameLength = b.readUInt16LE(at + 28);
    names.push(b.subarray(at + 46, at + 46 + nameLength).toString('utf8'));
    at += 46 + nameLength + b.readUInt16LE(at + 30) + b.readUInt16LE(at + 32);
  }
  return names;
}

function zipType(b: Buffer): string | null {
  // OpenDocument: the first entry is an uncompressed `mimetype` holding the type.
  const odf = /^mimetypeapplication\/vnd\.oasis\.opendocument\.(text|spreadsheet|presentation)(?![-.])/.exec(
    b.subarray(30, 30 + 8 + 60).toString('latin1'),
  );
  if (odf) return { text: SNIFFED_TYPES.odt, spreadsheet: SNIFFED_TYPES.ods, presentation: SNIFFED_TYPES.odp }[odf[1]]!;
  // Office Open XML: [Content_Types].xml and the part of the one application.
  const entries = zipEntries(b) ?? [];
  if (!entries.includes('[Content_Types].xml')) return null;
  if (entries.some((e) => e.startsWith('word/'))) return SNIFFED_TYPES.docx;
  if (entries.some((e) => e.startsWith('xl/'))) return SNIFFED_TYPES.xlsx;
  if (entries.some((e) => e.startsWith('ppt/'))) return SNIFFED_TYPES.pptx;
  return null;
}

/** Markup a browser would render (and run) if it were served as what it is. */
const MARKUP = /^\s*<(?:!doctype|html|head|body|script|iframe|svg|\?xml|!--|[a-z][\w-]*[\s/>])/i;

function isPlainText(b: Buffer): boolean {
  // The first 64 KB; `stream` leaves a character cut at the end undecoded rather than U+FFFD.
  const text = new TextDecoder('utf-8').decode(b.subarray(0, 64 * 1024), { stream: true });
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000e-\u001f\u007f\ufffd]/.test(text)) return false;
  return !MARKUP.test(text.replace(/^\ufeff/, ''));
}

/** The media type of `content` from its first bytes, or null when it is none samflyt takes. */
export function sniffMediaType(content: Buffer): string | null {
  if (content.length === 0) return null;
  if (startsWith(content, [0x25, 0x50, 0x44, 0x46, 0x2d])) return SNIFFED_TYPES.pdf; // %PDF-
  if (startsWith(content, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return SNIFFED_TYPES.png;
  if (startsWith(content, [0xff, 0xd8, 0xff])) return SNIFFED_TYPES.jpeg;
  if (startsWith(content, [0x47, 0x49, 0x46, 0x38]) && (content[4] === 0x37 || content[4] === 0x39)) {
    return SNIFFED_TYPES.gif;
  }
  if (startsWith(content, [0x50, 0x4b, 0x03, 0x04])) return zipType(content);
  return isPlainText(content) ? SNIFFED_TYPES.text : null;
}
