import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { buildDeposit, depositTar, type ArchiveSetRef } from '@samflyt/domain';
import type { Actor } from '@samflyt/engine';
import type { Response } from 'express';
import { CurrentActor } from '../auth/current-actor.decorator';
import { AnyOfRoles } from '../auth/roles.decorator';
import { contentDisposition } from '../http/files';
import { ApiProblems } from '../problems/api-problems.decorator';
import { ArchiveDocuments } from './archive-documents';
import { ArchiveExportQueryDto } from './archive.dto';

/** The Noark 5 deposit (arkivuttrekk) of a grant round, a hearing or a meeting, for the host organisation's archive. */
@ApiTags('archive')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('archive')
export class ArchiveController {
  constructor(private readonly documents: ArchiveDocuments) {}

  @Get('export')
  @AnyOfRoles('secretariat')
  @ApiOperation({
    summary: 'A Noark 5 v5.0 arkivuttrekk (tar) of one set (secretariat)',
    description:
      'arkivstruktur.xml, loependeJournal.xml, offentligJournal.xml, endringslogg.xml, arkivuttrekk.xml (ADDML) and ' +
      'the documents under dokumenter/. Give exactly one of round, hearing or meeting.',
  })
  @ApiProduces('application/x-tar')
  @ApiResponse({
    status: 200,
    description: 'The deposit',
    content: { 'application/x-tar': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiProblems(400, 403, 404)
  async export(
    @Query() query: ArchiveExportQueryDto,
    @CurrentActor() actor: Actor,
    @Res() res: Response,
  ): Promise<void> {
    const ref: ArchiveSetRef = query.round
      ? { kind: 'round', id: query.round }
      : query.hearing
        ? { kind: 'hearing', id: query.hearing }
        : { kind: 'meeting', id: query.meeting! };
    // Everything is read and rendered before the first byte, so a refusal is still a problem+json answer.
    const deposit = await buildDeposit(this.documents.db, ref, this.documents.generated(actor));
    res
      .status(200)
      .type('application/x-tar')
      .setHeader('X-Content-Type-Options', 'nosniff')
      .setHeader('Content-Disposition', contentDisposition(deposit.filename));
    depositTar(deposit).pipe(res);
  }
}
