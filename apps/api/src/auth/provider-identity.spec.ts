import { IdentityClaimError, identityOf } from './provider-identity';

describe('identityOf', () => {
  it('ID-porten: issuer and sub, the pid, no e-mail', () => {
    expect(
      identityOf({
        iss: 'https://idporten.no/',
        sub: 'Hkxq4zWd3RWl0bXq8pEwNUEcBDtXfDaEFE2Yf0GbgeM=',
        pid: '24079426075',
        acr: 'idporten-loa-high',
      }),
    ).toEqual({
      issuer: 'https://idporten.no',
      subject: 'Hkxq4zWd3RWl0bXq8pEwNUEcBDtXfDaEFE2Yf0GbgeM=',
      pid: '24079426075',
      emailVerified: false,
    });
  });

  it('HelseID: the identity pid and the HPR number (as a string or a number)', () => {
    const helseId = {
      iss: 'https://helseid-sts.nhn.no',
      sub: 'xq7v0V2xGq3rE8Y9l8gq5j8m3DmW1uHkO1p1Jm9k5cM=',
      name: 'Kari Lege',
      'helseid://claims/identity/pid': '24079426075',
      'helseid://claims/hpr/hpr_number': '565501872',
    };
    expect(identityOf(helseId)).toEqual({
      issuer: 'https://helseid-sts.nhn.no',
      subject: helseId.sub,
      pid: '24079426075',
      hprNumber: '565501872',
      emailVerified: false,
      name: 'Kari Lege',
    });
    expect(identityOf({ ...helseId, 'helseid://claims/hpr/hpr_number': 565501872 }).hprNumber).toBe('565501872');
  });

  it('Entra ID: the subject is tid:oid, not the pairwise sub', () => {
    const identity = identityOf({
      iss: 'https://login.microsoftonline.com/72F988BF-86F1-41AF-91AB-2D7CD011DB47/v2.0',
      sub: 'AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ',
      tid: '72F988BF-86F1-41AF-91AB-2D7CD011DB47',
      oid: '00000000-0000-0000-66f3-3332eca7ea81',
      email: 'Kari.Nordmann@Example.org',
    });
    expect(identity.subject).toBe('72f988bf-86f1-41af-91ab-2d7cd011db47:00000000-0000-0000-66f3-3332eca7ea81');
    expect(identity.tenantId).toBe('72f988bf-86f1-41af-91ab-2d7cd011db47');
    expect(identity.objectId).toBe('00000000-0000-0000-66f3-3332eca7ea81');
    // Entra's e-mail claim is not verified: it is carried, but not as verified.
    expect(identity).toMatchObject({ email: 'kari.nordmann@example.org', emailVerified: false });
  });

  it('with only a tid (or only an oid) the subject stays sub', () => {
    expect(identityOf({ iss: 'https://x', sub: 's', tid: '72f988bf-86f1-41af-91ab-2d7cd011db47' }).subject).toBe('s');
  });

  it('e-mail is verified only on email_verified: true', () => {
    const base = { iss: 'https://x', sub: 's', email: 'a@b.no' };
    expect(identityOf({ ...base, email_verified: true }).emailVerified).toBe(true);
    expect(identityOf({ ...base, email_verified: 'true' }).emailVerified).toBe(false);
    expect(identityOf(base).emailVerified).toBe(false);
    expect(identityOf({ iss: 'https://x', sub: 's', email_verified: true }).emailVerified).toBe(false);
  });

  it.each([
    [{ sub: 's' }, 'iss'],
    [{ iss: 'https://x' }, 'sub'],
    [{ iss: 'https://x', sub: '' }, 'sub'],
    [{ iss: 'https://x', sub: 42 }, 'sub'],
    [{ iss: 'https://x', sub: 's', pid: '123' }, 'pid'],
    [{ iss: 'https://x', sub: 's', 'helseid://claims/identity/pid': ['24079426075'] }, 'helseid://claims/identity/pid'],
    [{ iss: 'https://x', sub: 's', 'helseid://claims/hpr/hpr_number': 'abc' }, 'helseid://claims/hpr/hpr_number'],
    [{ iss: 'https://x', sub: 's', tid: 'not-a-guid' }, 'tid'],
    [{ iss: 'https://x', sub: 's', email: 'not an e-mail' }, 'email'],
  ])('refuses %j, naming "%s"', (claims, claim) => {
    expect(() => identityOf(claims)).toThrow(IdentityClaimError);
    expect(() => identityOf(claims)).toThrow(`"${claim}"`);
  });
});
