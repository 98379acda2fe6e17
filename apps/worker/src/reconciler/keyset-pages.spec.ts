import type { KeysetRow } from '@samflyt/engine';
import { forEachPage, inChunks } from './keyset-pages';

const rows = (n: number): KeysetRow[] =>
  Array.from({ length: n }, (_, i) => ({ id: `id-${i}`, at: new Date(Date.UTC(2030, 0, 1, 0, 0, i)) }));

/** A reader over a fixed list, recording the cursor of each call. */
function readerOf(all: KeysetRow[]) {
  const calls: (string | null)[] = [];
  const read = async (after: KeysetRow | null, limit: number) => {
    calls.push(after?.id ?? null);
    const start = after ? all.findIndex((r) => r.id === after.id) + 1 : 0;
    return all.slice(start, start + limit);
  };
  return { read, calls };
}

describe('forEachPage', () => {
  it('hands over every row once, page by page, each page starting after the last row of the one before', async () => {
    const { read, calls } = readerOf(rows(7));
    const pages: string[][] = [];
    await forEachPage(read, 3, async (page) => void pages.push(page.map((r) => r.id)));
    expect(pages).toEqual([['id-0', 'id-1', 'id-2'], ['id-3', 'id-4', 'id-5'], ['id-6']]);
    expect(calls).toEqual([null, 'id-2', 'id-5']);
  });

  it('stops after a full last page when the next read is empty', async () => {
    const { read, calls } = readerOf(rows(6));
    let seen = 0;
    await forEachPage(read, 3, async (page) => void (seen += page.length));
    expect(seen).toBe(6);
    expect(calls).toEqual([null, 'id-2', 'id-5']);
  });

  it('reads once and hands over nothing when there are no rows', async () => {
    const { read, calls } = readerOf([]);
    const each = jest.fn();
    await forEachPage(read, 3, each);
    expect(each).not.toHaveBeenCalled();
    expect(calls).toEqual([null]);
  });

  it('does not loop on rows that stay as they are: a short page ends the scan', async () => {
    const { read, calls } = readerOf(rows(2));
    await forEachPage(read, 1000, async () => undefined);
    expect(calls).toEqual([null]);
  });
});

describe('inChunks', () => {
  it('runs at most `size` side by side and keeps the order of the results', async () => {
    let running = 0;
    let most = 0;
    const results = await inChunks([5, 1, 4, 2, 3], 2, async (n) => {
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, n));
      running--;
      return n * 10;
    });
    expect(results).toEqual([50, 10, 40, 20, 30]);
    expect(most).toBe(2);
  });

  it('answers an empty list with an empty list', async () => {
    expect(await inChunks([], 8, async () => 1)).toEqual([]);
  });
});
