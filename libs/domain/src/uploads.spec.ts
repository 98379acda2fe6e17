import { ATTACHMENT_QUOTA, quotaRefusal } from './uploads';

describe('quotaRefusal', () => {
  const quota = { files: 2, bytes: 100 };

  it('takes a file that keeps count and bytes within the quota', () => {
    expect(quotaRefusal('hearing answer', { files: 1, bytes: 50 }, 50, quota)).toBeNull();
    expect(quotaRefusal('grant application', { files: 0, bytes: 0 }, 1)).toBeNull();
  });

  it('names the rule a file would break: the count first, then the bytes', () => {
    expect(quotaRefusal('hearing answer', { files: 2, bytes: 0 }, 1, quota)).toMatchObject({
      rule: 'files',
      limit: 2,
      message: 'A hearing answer holds at most 2 files',
    });
    expect(quotaRefusal('grant application', { files: 1, bytes: 60 }, 41, quota)).toMatchObject({
      rule: 'bytes',
      limit: 100,
      message: 'The files of a grant application are at most 100 bytes in all',
    });
  });

  it('defaults to 20 files and 50 MB', () => {
    expect(ATTACHMENT_QUOTA).toEqual({ files: 20, bytes: 50 * 1024 * 1024 });
    expect(quotaRefusal('hearing answer', { files: 19, bytes: 0 }, 50 * 1024 * 1024)).toBeNull();
  });
});
