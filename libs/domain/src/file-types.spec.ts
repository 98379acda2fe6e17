import { SNIFFED_TYPES, sniffMediaType } from './file-types';

/** A zip of stored (uncompressed) entries: local headers, central directory, end record. */
export function zip(entries: [name: string, content: string][]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of entries) {
    const n = Buffer.from(name);
    const data = Buffer.from(content);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(n.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(n.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, n, data);
    centrals.push(central, n);
    offset += 30 + n.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const ooxml = (part: string) =>
  zip([
    ['[Content_Types].xml', '<Types/>'],
    ['_rels/.rels', '<Relationships/>'],
    [`${part}/document.xml`, '<x/>'],
  ]);

describe('sniffMediaType', () => {
  it('knows the allowed types by their first bytes', () => {
    expect(sniffMediaType(Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj'))).toBe(SNIFFED_TYPES.pdf);
    expect(sniffMediaType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]))).toBe(
      SNIFFED_TYPES.png,
    );
    expect(sniffMediaType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]))).toBe(SNIFFED_TYPES.jpeg);
    expect(sniffMediaType(Buffer.from('GIF89a\x01\x00'))).toBe(SNIFFED_TYPES.gif);
  });

  it('tells the zip formats apart by their entries', () => {
    expect(sniffMediaType(ooxml('word'))).toBe(SNIFFED_TYPES.docx);
    expect(sniffMediaType(ooxml('xl'))).toBe(SNIFFED_TYPES.xlsx);
    expect(sniffMediaType(ooxml('ppt'))).toBe(SNIFFED_TYPES.pptx);
    expect(
      sniffMediaType(
        zip([
          ['mimetype', 'application/vnd.oasis.opendocument.text'],
          ['content.xml', '<x/>'],
        ]),
      ),
    ).toBe(SNIFFED_TYPES.odt);
    expect(sniffMediaType(zip([['mimetype', 'application/vnd.oasis.opendocument.spreadsheet']]))).toBe(
      SNIFFED_TYPES.ods,
    );
  });

  it('refuses another zip, a truncated one, and unknown binary', () => {
    expect(sniffMediaType(zip([['evil.exe', 'MZ']]))).toBeNull();
    expect(sniffMediaType(ooxml('word').subarray(0, 40))).toBeNull();
    expect(sniffMediaType(Buffer.from('MZ\x90\x00\x03\x00'))).toBeNull();
    expect(sniffMediaType(Buffer.from([0x7f, 0x45, 0x4c, 0x46]))).toBeNull();
    expect(sniffMediaType(Buffer.alloc(0))).toBeNull();
  });

  it('takes UTF-8 text, Norwegian letters and a BOM included', () => {
    expect(sniffMediaType(Buffer.from('Høringssvar fra Frøya kommune\r\n\tÆØÅ æøå'))).toBe(SNIFFED_TYPES.text);
    expect(sniffMediaType(Buffer.from('\ufeffa;b;c\n1;2;3\n'))).toBe(SNIFFED_TYPES.text);
    expect(sniffMediaType(Buffer.from('1 < 2 og 3 > 2'))).toBe(SNIFFED_TYPES.text);
  });

  it('refuses HTML, SVG and XML however they are declared, and text that is not UTF-8', () => {
    for (const markup of [
      '<!DOCTYPE html><html><script>alert(1)</script>',
      '  <html>',
      '\ufeff<script>alert(1)</script>',
      '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
      '<?xml version="1.0"?><x/>',
      '<iframe src="https://evil.example">',
      '<img src=x onerror=alert(1)>',
    ]) {
      expect(sniffMediaType(Buffer.from(markup))).toBeNull();
    }
    expect(sniffMediaType(Buffer.from([0x48, 0xf8, 0x72, 0x69, 0x6e, 0x67]))).toBeNull(); // «Høring» in latin1
  });
});
