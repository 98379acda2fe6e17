import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ContactService } from '@samflyt/domain';
import type { Actor } from '@samflyt/engine';
import { CurrentActor } from '../auth/current-actor.decorator';
import { AnyOfRoles } from '../auth/roles.decorator';
import { IdParam } from '../http/id-param.decorator';
import { ApiProblems } from '../problems/api-problems.decorator';
import { ContactRequestDto, ContactViewDto, OrganisationListDto, OrganisationQueryDto } from './organisation.dto';

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
  list(@Query() { page, pageSize, ...filter }: OrganisationQueryDto): Promise<OrganisationListDto> {
    return this.contacts.list(filter, { page, pageSize });
  }

  @Post(':id/contacts')
  @ApiOperation({ summary: 'Add a contact person to an organisation (secretariat)' })
  @ApiCreatedResponse({ type: ContactViewDto })
  @ApiProblems(400, 403, 404, 409)
  add(
    @IdParam('organisation') id: string,
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
  @ApiProblems(403, 404)
  remove(
    @IdParam('organisation') id: string,
    @IdParam('contact', 'contactId') contactId: string,
    @CurrentActor() actor: Actor,
  ): Promise<void> {
    return this.contacts.remove(id, contactId, actor);
  }
}
