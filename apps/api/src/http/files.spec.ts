import { contentDisposition } from './files';

describe('contentDisposition', () => {
  it('is an attachment with an ASCII name and the UTF-8 name in filename*', () => {
    expect(contentDisposition('Høringssvar – Ørland.pdf')).toBe(
      `attachment; filename="H_ringssvar _ _rland.pdf"; filename*=UTF-8''H%C3%B8ringssvar%20%E2%80%93%20%C3%98rland.pdf`,
    );
  });

  it("keeps quotes, backslashes and percent signs out of the ASCII name and ' ( ) * ! out of filename*", () => {
    expect(contentDisposition(`a"b\\c%d'(e)*!.txt`)).toBe(
      `attachment; filename="a_b_c_d'(e)*!.txt"; filename*=UTF-8''a%22b%5Cc%25d%27%28e%29%2A%21.txt`,
    );
  });

  it('cannot end the header or add another with a line break', () => {
    expect(contentDisposition('a\r\nSet-Cookie: x=1')).not.toMatch(/[\r\n]/);
  });
});
