import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { CommitteeService, importCommittee, osloToday } from '@samflyt/domain';
import { hasRole, invalidInput, notFound, type Actor } from '@samflyt/engine';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CurrentActor } from '../auth/current-actor.decorator';
import { AnyOfRoles } from '../auth/roles.decorator';
import { ApiProblems } from '../problems/api-problems.decorator';
import {
  CommitteeDto,
  CommitteeSummaryDto,
  ImportCommitteeBodyDto,
  ImportSummaryDto,
  toCommitteeDto,
  toCommitteeSummaryDto,
  toImportSummaryDto,
} from './committee.dto';
import { YAML_MEDIA_TYPES, importError, importRequest } from './import-body';

const atQuery = ApiQuery({
  name: 'at',
  required: false,
  type: String,
  example: '2024-04-17',
  description: 'The date (YYYY-MM-DD) the memberships are valid on; today (Oslo) by default',
});

/** `?at=` as a date, today in Oslo when absent; 400 naming `at` otherwise. */
export function dateQuery(at: string | undefined): string {
  if (at === undefined || at === '') return osloToday();
  const d = new Date(`${at}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(at) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== at)
    throw invalidInput([{ field: 'at', message: 'must be a date YYYY-MM-DD' }]);
  return at;
}

@ApiTags('committees')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('committees')
export class CommitteesController {
  constructor(
    private readonly committees: CommitteeService,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The committees (ASU, AU, the expanded AU, fagråd, …) with their member counts' })
  @atQuery
  @ApiOkResponse({ type: [CommitteeSummaryDto] })
  @ApiProblems(400)
  async list(@Query('at') at?: string): Promise<CommitteeSummaryDto[]> {
    return (await this.committees.list(dateQuery(at))).map(toCommitteeSummaryDto);
  }

  @Get(':code')
  @ApiOperation({
    summary: 'A committee and its members on a date',
    description: 'Members are listed as in the minutes. E-mail addresses are shown to the secretariat only.',
  })
  @ApiParam({ name: 'code', example: 'ASU' })
  @atQuery
  @ApiOkResponse({ type: CommitteeDto })
  @ApiProblems(400, 404)
  async get(
    @Param('code') code: string,
    @CurrentActor() actor: Actor,
    @Query('at') at?: string,
  ): Promise<CommitteeDto> {
    const committee = await this.committees.get(code.toUpperCase(), dateQuery(at));
    if (!committee) throw notFound(`committee with the code ${code}`);
    return toCommitteeDto(committee, hasRole(actor, 'secretariat'));
  }

  @Post('import')
  @HttpCode(HttpStatus.CREATED)
  @AnyOfRoles('secretariat')
  @ApiOperation({
    summary: 'Import a committee and its members (secretariat)',
    description:
      'The document (YAML or JSON) describes one committee — code, name, kind, decision_rule, parent, notice_days — ' +
      'and its members: name, email, organisation {name, kind, number, region} or an organisation name, role, ' +
      'party, represents, vote, vara_for (e-mail of the member), from, to. Send it as `{ format, document }`, as ' +
      'the JSON document itself, or as YAML with Content-Type application/yaml. Rows are upserted by natural keys ' +
      '(organisation name, e-mail, committee code, committee+person+from): importing a document again changes ' +
      'nothing. One transaction: on a 400 (which names each path, e.g. `members[3].vara_for`) nothing is written.',
  })
  @ApiConsumes('application/json', ...YAML_MEDIA_TYPES)
  @ApiExtraModels(ImportCommitteeBodyDto)
  @ApiBody({
    schema: {
      oneOf: [
        { $ref: getSchemaPath(ImportCommitteeBodyDto) },
        { type: 'object', additionalProperties: true, description: 'The committee document itself, as JSON' },
        { type: 'string', description: 'The committee document as YAML (Content-Type: application/yaml)' },
      ],
    },
  })
  @ApiCreatedResponse({ type: ImportSummaryDto, description: 'What was created, updated or left unchanged' })
  @ApiProblems(400, 403, 413, 415)
  async import(@Body() body: unknown): Promise<ImportSummaryDto> {
    const { document, format } = importRequest(body);
    try {
      return toImportSummaryDto(await importCommittee(this.db, document, format));
    } catch (error) {
      throw importError(error);
    }
  }
}
