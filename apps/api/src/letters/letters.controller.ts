import { Body, Controller, Get, Param, ParseEnumPipe, Post, Put, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { LettersService, LetterTemplatesService, type RoundLetterKind } from '@samflyt/domain';
import { notFound, type Actor } from '@samflyt/engine';
import { ROUND_LETTER_KINDS } from '@samflyt/workflows';
import type { Response } from 'express';
import { CurrentPerson } from '../auth/current-actor.decorator';
import { AnyOfRoles } from '../auth/roles.decorator';
import { ApiFileDownload, sendFile } from '../http/files';
import { IdParam } from '../http/id-param.decorator';
import { ApiProblems } from '../problems/api-problems.decorator';
import {
  LetterDocumentDto,
  LetterPreviewDto,
  LetterTemplateDto,
  LetterTemplateVersionsDto,
  LetterTextDto,
  toLetterDocumentDto,
  toLetterTemplateDto,
} from './letter.dto';

/** Letters as kept: read by their addressee and the secretariat, under the instance's own read rule. */
@ApiTags('letters')
@ApiBearerAuth()
@ApiProblems(401)
@Controller()
export class LettersController {
  constructor(private readonly letters: LettersService) {}

  @Get('instances/:id/letters')
  @ApiOperation({
    summary: 'The letters of an instance the caller may read: the secretariat all, an addressee their own',
  })
  @ApiOkResponse({ type: [LetterDocumentDto] })
  @ApiProblems(403, 404)
  async forInstance(@IdParam('instance') id: string, @CurrentPerson() reader: Actor): Promise<LetterDocumentDto[]> {
    return (await this.letters.forInstance(id, reader)).map(toLetterDocumentDto);
  }

  @Get('letters/:id')
  @ApiOperation({ summary: 'A letter: addressee, template version, checksum (its addressee and the secretariat)' })
  @ApiOkResponse({ type: LetterDocumentDto })
  @ApiProblems(403, 404)
  async get(@IdParam('letter') id: string, @CurrentPerson() reader: Actor): Promise<LetterDocumentDto> {
    return toLetterDocumentDto(await this.letters.get(id, reader));
  }

  @Get('letters/:id/pdf')
  @ApiOperation({
    summary: 'The letter as sent: the PDF/A kept when it was first sent (SHA-256 in `X-Checksum-Sha256`)',
  })
  @ApiProduces('application/pdf')
  @ApiFileDownload()
  @ApiProblems(403, 404)
  async pdf(@IdParam('letter') id: string, @CurrentPerson() reader: Actor, @Res() res: Response): Promise<void> {
    const { row, filename, bytes } = await this.letters.pdf(id, reader);
    res.setHeader('X-Checksum-Sha256', row.checksum_sha256);
    sendFile(res, { filename, mediaType: 'application/pdf', content: bytes });
  }
}

const KindParam = (): ParameterDecorator =>
  Param('kind', new ParseEnumPipe(ROUND_LETTER_KINDS, { exceptionFactory: () => notFound('letter template') }));

/** A grant round's letter texts: read, changed (a new version each time) and previewed by the secretariat. */
@ApiTags('letters')
@ApiBearerAuth()
@ApiProblems(401, 403)
@AnyOfRoles('secretariat', 'admin')
@Controller('grant-rounds/:id/letter-templates')
export class LetterTemplatesController {
  constructor(private readonly templates: LetterTemplatesService) {}

  @Get()
  @ApiOperation({ summary: "The round's letter texts, each in its current version (0: the built-in text)" })
  @ApiOkResponse({ type: [LetterTemplateDto] })
  @ApiProblems(404)
  async list(@IdParam('grant round') id: string, @CurrentPerson() actor: Actor): Promise<LetterTemplateDto[]> {
    return (await this.templates.list(id, actor)).map(toLetterTemplateDto);
  }

  @Get(':kind')
  @ApiOperation({ summary: 'One letter text with every earlier version' })
  @ApiParam({ name: 'kind', enum: ROUND_LETTER_KINDS })
  @ApiOkResponse({ type: LetterTemplateVersionsDto })
  @ApiProblems(404)
  async get(
    @IdParam('grant round') id: string,
    @KindParam() kind: RoundLetterKind,
    @CurrentPerson() actor: Actor,
  ): Promise<LetterTemplateVersionsDto> {
    const t = await this.templates.get(id, kind, actor);
    return { ...toLetterTemplateDto(t), versions: t.versions.map(toLetterTemplateDto) };
  }

  @Put(':kind')
  @ApiOperation({ summary: 'A new version of the text; letters written from now on use it, earlier ones keep theirs' })
  @ApiParam({ name: 'kind', enum: ROUND_LETTER_KINDS })
  @ApiOkResponse({ type: LetterTemplateDto })
  @ApiProblems(400, 404, 409)
  async put(
    @IdParam('grant round') id: string,
    @KindParam() kind: RoundLetterKind,
    @Body() body: LetterTextDto,
    @CurrentPerson() actor: Actor,
  ): Promise<LetterTemplateDto> {
    return toLetterTemplateDto(await this.templates.put(id, kind, body, actor));
  }

  @Post(':kind/preview')
  @ApiOperation({
    summary: 'The letter as PDF with example data, in the given draft text or (empty body) the current one',
  })
  @ApiParam({ name: 'kind', enum: ROUND_LETTER_KINDS })
  @ApiProduces('application/pdf')
  @ApiFileDownload()
  @ApiProblems(400, 404)
  async preview(
    @IdParam('grant round') id: string,
    @KindParam() kind: RoundLetterKind,
    @Body() body: LetterPreviewDto,
    @CurrentPerson() actor: Actor,
    @Res() res: Response,
  ): Promise<void> {
    const draft =
      body.subject !== undefined || body.body !== undefined
        ? { subject: body.subject ?? '', body: body.body ?? '' }
        : null;
    const content = await this.templates.preview(id, kind, draft, actor);
    sendFile(res, {
      filename: `forhandsvisning-${kind.normalize('NFKD').replace(/[^\x20-\x7e]/g, '')}.pdf`,
      mediaType: 'application/pdf',
      content,
    });
  }
}
