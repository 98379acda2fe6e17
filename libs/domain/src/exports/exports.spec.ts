import { csvCell, safeCsv } from './csv';
import { markdownText } from './markdown';

describe('csvCell', () => {
  it.each(['=HYPERLINK("http://evil.example","x")', '+1+1', '-2+3', '@SUM(A1)', '\tx', '\rx'])(
    'neutralises %j with a leading quote',
    (cell) => expect(csvCell(cell)).toBe(`'${cell}`),
  );

  it('leaves other text, numbers and empty cells alone', () => {
    expect(csvCell('Helse Nord')).toBe('Helse Nord');
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell('')).toBe('');
    expect(csvCell(-5)).toBe(-5);
    expect(csvCell(null)).toBe(null);
  });

  it('is applied to every cell of an export', () => {
    expect(safeCsv([['=1+1', 'ok', 3]], { delimiter: ';' })).toBe("'=1+1;ok;3\n");
  });
});

describe('markdownText', () => {
  it('escapes headings, links, emphasis and tables', () => {
    expect(markdownText('# heading')).toBe('\\# heading');
    expect(markdownText('[link](javascript:alert(1))')).toBe('\\[link\\]\\(javascript:alert\\(1\\)\\)');
    expect(markdownText('**x** | y')).toBe('\\*\\*x\\*\\* \\| y');
  });

  it('turns raw HTML into text', () => {
    expect(markdownText('<script>alert(1)</script> & <b>')).toBe(
      '&lt;script&gt;alert\\(1\\)&lt;/script&gt; &amp; &lt;b&gt;',
    );
  });

  it('keeps lines, but no list starts at a number', () => {
    expect(markdownText('1. først\n2) så')).toBe('1\\. først\n2\\) så');
  });

  it('leaves plain Norwegian text as it is', () => {
    expect(markdownText('Vi støtter forslaget, men ber om tid.')).toBe('Vi støtter forslaget, men ber om tid.');
  });
});
