import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { uuidParam } from '../http/query';

const SETS = ['round', 'hearing', 'meeting'] as const;

/** Exactly one of `round`, `hearing` or `meeting`: the set the deposit holds. */
export const archiveExportQuery = z
  .strictObject({
    round: uuidParam.optional().meta({ description: 'A grant round: the round, its applications and letters' }),
    hearing: uuidParam.optional().meta({ description: 'A hearing: the høringsbrev, the answers and the sammendrag' }),
    meeting: uuidParam.optional().meta({ description: 'A meeting: the referat and its cases' }),
  })
  .superRefine((q, ctx) => {
    const given = SETS.filter((k) => q[k] !== undefined);
    if (given.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        path: given.length ? [given[1]] : ['round'],
        message: 'give exactly one of round, hearing or meeting',
      });
    }
  });

export class ArchiveExportQueryDto extends createZodDto(archiveExportQuery) {}
