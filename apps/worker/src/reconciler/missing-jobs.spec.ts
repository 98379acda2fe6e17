import { idsWithoutJob } from './missing-jobs';

describe('idsWithoutJob', () => {
  it('keeps the ids whose EXISTS answered 0, in order', () => {
    expect(
      idsWithoutJob(
        ['a', 'b', 'c', 'd'],
        [
          [null, 0],
          [null, 1],
          [null, 0],
          [null, 1],
        ],
      ),
    ).toEqual(['a', 'c']);
  });

  it('counts an id without a reply as lacking its job', () => {
    expect(idsWithoutJob(['a', 'b'], [[null, 1]])).toEqual(['b']);
  });

  it('throws the error of a failed reply rather than guess', () => {
    const error = new Error('LOADING Redis is loading the dataset in memory');
    expect(() =>
      idsWithoutJob(
        ['a', 'b'],
        [
          [null, 0],
          [error, null],
        ],
      ),
    ).toThrow(error);
  });
});
