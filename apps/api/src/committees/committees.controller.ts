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
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { CommitteeService } from '@samflyt/domain';
import { hasRole, type Actor } from '@samflyt/engine';
import { CurrentActor } from '../auth/current-actor.decorator';
import { AnyOfRoles } from '../auth/roles.decorator';
import { ApiProblems } from '../problems/api-problems.decorator';
import {
  CommitteeDto,
  CommitteeQueryDto,
  CommitteeSummaryDto,
  ImportCommitteeBodyDto,
  ImportSummaryDto,
  toCommitteeDto,
  toCommitteeSummaryDto,
  toImportSummaryDto,
} from './committee.dto';
import { YAML_MEDIA_TYPES, importError, importRequest } from './import-body';

@ApiTags('committees')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('committees')
export class CommitteesController {
  constructor(private readonly committees: CommitteeService) {}

  @Get()
  @ApiOperation({ summary: 'The committees (ASU, AU, the expanded AU, fagråd, …) with their member counts' })
  @ApiOkResponse({ type: [CommitteeSummaryDto] })
  @ApiProblems(400)
  async list(@Query() { at }: CommitteeQueryDto): Promise<CommitteeSummaryDto[]> {
    return (await this.committees.list(at)).map(toCommitteeSummaryDto);
  }

  @Get(':code')
  @ApiOperation({
    summary: 'A committee and its members on a date',
    description: 'Members are listed as in the minutes. E-mail addresses are shown to the secretariat only.',
  })
  @ApiParam({ name: 'code', example: 'ASU' })
  @ApiOkResponse({ type: CommitteeDto })
  @ApiProblems(400, 404)
  async get(
    @Param('code') code: string,
    @Query() { at }: CommitteeQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<CommitteeDto> {
    const committee = await this.committees.get(code.toUpperCase(), at);
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
      return toImportSummaryDto(await this.committees.import(document, format));
    } catch (error) {
      throw importError(error);
    }
  }
}
