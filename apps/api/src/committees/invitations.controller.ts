import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { PersonInvitationService } from '@samflyt/domain';
import { invalidInput, type Actor } from '@samflyt/engine';
import { CurrentActor, CurrentLogin } from '../auth/current-actor.decorator';
import { AnyOfRoles } from '../auth/roles.decorator';
import { IdParam } from '../http/id-param.decorator';
import { ApiProblems } from '../problems/api-problems.decorator';
import {
  AcceptedInvitationDto,
  AcceptInvitationDto,
  IdentityRefDto,
  InvitationDto,
  PersonIdentitiesDto,
} from './invitation.dto';

const STAFF = ['secretariat', 'admin'];

/**
 * Linking logins to persons: the secretariat invites a person by e-mail (a single-use, expiring link to
 * `/invitasjon#<token>`), the first login through the link is bound to the person; identities can be listed and
 * unlinked. Every invitation, link and unlink is journaled (person_identity_events).
 */
@ApiTags('committees')
@ApiBearerAuth()
@ApiProblems(401)
@Controller()
export class InvitationsController {
  constructor(private readonly invitations: PersonInvitationService) {}

  @Post('persons/:id/invitations')
  @HttpCode(HttpStatus.CREATED)
  @AnyOfRoles(...STAFF)
  @ApiOperation({
    summary: 'Invite a person to link a login (secretariat, admin)',
    description:
      'E-mails the person a single-use link to `/invitasjon#<token>` on PUBLIC_WEB_URL, valid INVITATION_TTL_DAYS ' +
      'days. Only a hash of the token is stored. An open invitation sent earlier stops working. Without a body.',
  })
  @ApiCreatedResponse({ type: InvitationDto })
  @ApiProblems(403, 404)
  invite(@IdParam('person') id: string, @CurrentActor() actor: Actor): Promise<InvitationDto> {
    return this.invitations.invite(id, actor);
  }

  @Post('invitations/accept')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Accept an invitation: the caller’s login (issuer, subject) is linked to the invited person',
    description:
      'Any logged-in caller. The same 404 for an unknown, used, revoked or expired token; 409 when the login is ' +
      'already linked to another person. Nothing is written on error.',
  })
  @ApiOkResponse({ type: AcceptedInvitationDto })
  @ApiProblems(400, 404, 409)
  accept(
    @Body() body: AcceptInvitationDto,
    @CurrentLogin() login: { issuer: string; subject: string },
    @CurrentActor() actor: Actor,
  ): Promise<AcceptedInvitationDto> {
    return this.invitations.accept(body.token, login, actor);
  }

  @Get('persons/:id/identities')
  @AnyOfRoles(...STAFF)
  @ApiOperation({ summary: 'A person’s linked logins and open invitation (secretariat, admin)' })
  @ApiOkResponse({ type: PersonIdentitiesDto })
  @ApiProblems(403, 404)
  identities(@IdParam('person') id: string): Promise<PersonIdentitiesDto> {
    return this.invitations.identities(id);
  }

  @Delete('persons/:id/identities')
  @HttpCode(HttpStatus.NO_CONTENT)
  @AnyOfRoles(...STAFF)
  @ApiOperation({
    summary: 'Unlink one of a person’s logins (secretariat, admin)',
    description: 'The identity as `issuer` and `subject`, in the JSON body or the query. 404 when not linked.',
  })
  @ApiQuery({ name: 'issuer', required: false, description: 'The identity’s issuer (or in the body)' })
  @ApiQuery({ name: 'subject', required: false, description: 'The identity’s subject (or in the body)' })
  @ApiProblems(400, 403, 404)
  async unlink(
    @IdParam('person') id: string,
    @Body() body: unknown,
    @Query() query: Record<string, unknown>,
    @CurrentActor() actor: Actor,
  ): Promise<void> {
    const given = body && typeof body === 'object' && Object.keys(body).length > 0 ? body : query;
    const parsed = IdentityRefDto.schema.safeParse(given);
    if (!parsed.success) {
      throw invalidInput(parsed.error.issues.map((i) => ({ field: i.path.join('.') || 'body', message: i.message })));
    }
    await this.invitations.unlink(id, parsed.data, actor);
  }
}
