import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ContactService } from '@samflyt/domain';
import type { Actor } from '@samflyt/engine';
import { CurrentActor } from '../auth/current-actor.decorator';
import { AnyOfRoles } from '../auth/roles.decorator';
import { ApiProblems } from '../problems/api-problems.decorator';
import { ContactRequestDto, ContactViewDto, OrganisationListDto, OrganisationQueryDto } from './hearing.dto';

/** The organisations hearings are sent to, and their contact persons (secretariat). */
@ApiTags('hearings')
@ApiBearerAuth()
@ApiProblems(401)
@AnyOfRoles('secretariat', 'admin')
@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly contacts: ContactService) {}

  @Get()
  @ApiOperation({
    summary: 'Organisations (kommuner first, then by name) with their contact persons, a page at a time',
  })
  @ApiOkResponse({ type: OrganisationListDto })
  @ApiProblems(400, 403)
  async list(@Query() query: OrganisationQueryDto): Promise<OrganisationListDto> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 25;
    const { items, total } = await this.contacts.organisations({ kind: query.kind, q: query.q }, page, pageSize);
    return { items, total, page, pageSize };
  }

  @Post(':id/contacts')
  @ApiOperation({ summary: 'Add a contact person to an organisation (secretariat)' })
  @ApiParam({ name: 'id', format: 'uuid', description: 'Organisation id' })
  @ApiCreatedResponse({ type: ContactViewDto })
  @ApiProblems(400, 403, 404, 409)
  async add(
    @Param('id') id: string,
    @Body() body: ContactRequestDto,
    @CurrentActor() actor: Actor,
  ): Promise<ContactViewDto> {
    return this.contacts.add(id, body, actor);
  }

  @Delete(':id/contacts/:contactId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Remove a contact person (secretariat); hearings already sent keep theirs until changed',
  })
  @ApiParam({ name: 'id', format: 'uuid', description: 'Organisation id' })
  @ApiParam({ name: 'contactId', format: 'uuid' })
  @ApiProblems(403, 404)
  async remove(
    @Param('id') id: string,
    @Param('contactId') contactId: string,
    @CurrentActor() actor: Actor,
  ): Promise<void> {
    await this.contacts.remove(id, contactId, actor);
  }
}
