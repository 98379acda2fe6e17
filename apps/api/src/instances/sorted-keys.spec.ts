import { sortedKeys } from './sorted-keys';

describe('sortedKeys', () => {
  it('sorts the keys of every object, however deep, and keeps arrays in order', () => {
    const value = { b: 1, a: { d: [{ z: 1, y: 2 }, 3], c: null } };
    expect(JSON.stringify(sortedKeys(value))).toBe('{"a":{"c":null,"d":[{"y":2,"z":1},3]},"b":1}');
  });

  it('leaves what is not an object as it is', () => {
    expect(sortedKeys('x')).toBe('x');
    expect(sortedKeys(null)).toBeNull();
    expect(sortedKeys([2, 1])).toEqual([2, 1]);
  });

  it('gives equal JSON for objects that differ only in key order', () => {
    expect(JSON.stringify(sortedKeys({ x: 1, y: { q: 1, p: 2 } }))).toBe(
      JSON.stringify(sortedKeys({ y: { p: 2, q: 1 }, x: 1 })),
    );
  });
});
