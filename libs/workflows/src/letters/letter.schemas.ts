import { z } from 'zod';

/** A letter text as the secretariat writes it (`PUT /grant-rounds/{id}/letter-templates/{kind}`). */
export const letterTextRequest = z.strictObject({
  subject: z.string().trim().min(1).max(300).meta({ example: 'Tilskuddsbrev – {{utlysning}}: «{{soknad}}»' }),
  body: z
    .string()
    .trim()
    .min(1)
    .max(20_000)
    .meta({ description: '`{{field}}` placeholders; blank lines part paragraphs, lines starting «- » make a list' }),
});

/** A preview: a draft text, or nothing for the round's current one. */
export const letterPreviewRequest = z.strictObject({
  subject: letterTextRequest.shape.subject.optional(),
  body: letterTextRequest.shape.body.optional(),
});
