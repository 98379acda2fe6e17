import { deadline, isoDuration, uuidSchema } from '@samflyt/engine';
import { z } from 'zod';
import { distinct, email, text } from '../schemas';

const person = z.strictObject({ id: text(200), name: text(200), email });
const note = text(20_000);

export const assignmentInput = z.strictObject({
  title: text(300),
  description: z.string().trim().max(20_000).default(''),
  caseRef: z
    .string()
    .regex(/^\d{1,3}\/\d{2}$/, 'must be a case number such as 30/24')
    .nullable()
    .default(null),
  body: z.string().trim().max(200).nullable().default(null),
  /** The case (in `cases`) whose vedtak created the task; an unknown case is refused (422). */
  caseId: uuidSchema.optional(),
  assignee: person,
  /** Defaults to the person creating the assignment. */
  owner: person.optional(),
  dueAt: deadline,
  reminderOffsets: distinct(isoDuration, 'an offset').max(10).default(['P7D', 'P1D']),
});

/** The payload of each assignment event, besides `type`. */
export const assignmentEvents = {
  delivered: z.strictObject({ note }),
  accepted: z.strictObject({ note: z.string().trim().max(20_000).optional() }),
  returned: z.strictObject({ reason: note, dueAt: deadline.optional() }),
  rescheduled: z.strictObject({ dueAt: deadline }),
  cancelled: z.strictObject({ reason: note }),
  reminderDue: z.strictObject({ offset: isoDuration }),
  none: z.strictObject({}),
};
