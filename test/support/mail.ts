import { requireEnv } from './database';

export interface CaughtMail {
  messageId: string;
  to: string[];
  subject: string;
  text: string;
  headers: Record<string, string>;
  attachments: { filename: string; contentType: string; size: number; sha256: string; contentBase64: string }[];
}

/** What the shared mail catcher received for one address. */
export async function mailsTo(address: string): Promise<CaughtMail[]> {
  const res = await fetch(`${requireEnv('MAIL_UI_URL')}/api/messages?to=${encodeURIComponent(address)}`);
  if (!res.ok) throw new Error(`mail catcher answered ${res.status}`);
  return (await res.json()) as CaughtMail[];
}

/** The kinds of e-mail one address received: each subject up to its colon, sorted. */
export const mailKinds = async (address: string): Promise<string[]> =>
  (await mailsTo(address)).map((m) => m.subject.split(':')[0]).sort();
