/**
 * The sender of the letters: the helsefellesskap's secretariat, from configuration (`LETTER_SENDER_*`). Which body
 * hosts the secretariat, its organisation number and its addresses are settings of a deployment, not facts this
 * code knows; the defaults say so.
 */
export interface LetterSender {
  organisation: string;
  /** Organisasjonsnummer (9 digits), or null when not configured: the letter then shows none. */
  organisationNumber: string | null;
  address: string | null;
  email: string | null;
  phone: string | null;
}

/** Used when nothing is configured (development): an assumption, labelled as such in README. */
export const DEFAULT_LETTER_SENDER: LetterSender = {
  organisation: 'Helsefellesskapet – sekretariatet',
  organisationNumber: null,
  address: null,
  email: null,
  phone: null,
};

export function letterSenderOf(env: {
  LETTER_SENDER_ORGANISATION?: string;
  LETTER_SENDER_ORGNR?: string;
  LETTER_SENDER_ADDRESS?: string;
  LETTER_SENDER_EMAIL?: string;
  LETTER_SENDER_PHONE?: string;
}): LetterSender {
  return {
    organisation: env.LETTER_SENDER_ORGANISATION || DEFAULT_LETTER_SENDER.organisation,
    organisationNumber: env.LETTER_SENDER_ORGNR || null,
    address: env.LETTER_SENDER_ADDRESS || null,
    email: env.LETTER_SENDER_EMAIL || null,
    phone: env.LETTER_SENDER_PHONE || null,
  };
}
