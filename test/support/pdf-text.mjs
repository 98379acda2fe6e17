// Reads a PDF on standard input and prints, as JSON, its text as pdf.js (Mozilla's PDF reader) sees it:
// `stream`, each page's text in content order, `tagged`, the text of the marked content in the order of the
// structure tree, as a screen reader reads it, and `xmpTitle`, dc:title as pdf.js parses the XMP packet. A child process, because pdf.js is ES modules only.
import { Buffer } from 'node:buffer';
import process from 'node:process';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const pdf = await getDocument({ data: new Uint8Array(Buffer.concat(chunks)), verbosity: 0 }).promise;
const stream = [];
const tagged = [];
for (let n = 1; n <= pdf.numPages; n++) {
  const page = await pdf.getPage(n);
  const content = await page.getTextContent({ includeMarkedContent: true });
  const byId = new Map();
  const open = [];
  const lines = [];
  for (const item of content.items) {
    if (item.type === 'beginMarkedContentProps' || item.type === 'beginMarkedContent') open.push(item.id ?? null);
    else if (item.type === 'endMarkedContent') open.pop();
    else {
      lines.push(item.str + (item.hasEOL ? '\n' : ''));
      const id = open.findLast((x) => x);
      if (id) byId.set(id, (byId.get(id) ?? '') + item.str + (item.hasEOL ? ' ' : ''));
    }
  }
  stream.push(lines.join(''));
  const walk = (node) => {
    if (node.type === 'content') return [byId.get(node.id) ?? ''];
    return (node.children ?? []).flatMap(walk);
  };
  const tree = await page.getStructTree();
  tagged.push(tree ? walk(tree).join(' ') : '');
}
// pdf.js's own XMP parser: null when the packet is not well-formed XML.
const { metadata } = await pdf.getMetadata();
const xmpTitle = metadata?.get('dc:title') ?? null;
process.stdout.write(JSON.stringify({ stream: stream.join('\n'), tagged: tagged.join(' '), xmpTitle }));
