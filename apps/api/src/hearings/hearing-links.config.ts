import { ApiEnv, type LinkBases } from '@samflyt/domain';

const HTTP_URL = /^https?:\/\/[^\s#?]{1,400}$/;

/** Injection token of the link bases the hearing e-mails use. */
export const HEARING_LINKS = 'samflyt:hearing-links';

/**
 * Where the links in hearing e-mails point. Never taken from a request's Host header (anyone can
 * set that): `PUBLIC_API_URL` (attachments) and `PUBLIC_WEB_URL` (the web app, whose answer page is
 * `/hoering/svar`), defaulting to this API on localhost. A malformed value stops the API at start-up.
 */
export function hearingLinkBases(env: ApiEnv, vars: NodeJS.ProcessEnv = process.env): LinkBases {
  const read = (name: string, fallback: string) => {
    const value = vars[name];
    if (value === undefined || value === '') return fallback;
    if (!HTTP_URL.test(value)) throw new Error(`${name} must be an http(s) URL without query or fragment`);
    return value.replace(/\/+$/, '');
  };
  const api = read('PUBLIC_API_URL', `http://localhost:${env.PORT}`);
  const web = read('PUBLIC_WEB_URL', api);
  return { api, web, answerPage: `${web}/hoering/svar` };
}
