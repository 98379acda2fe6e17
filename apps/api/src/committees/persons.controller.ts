import { Controller, Get } from '@nestjs/common';
import type { Actor } from '@samflyt/engine';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommitteeService } from '@samflyt/domain';
import { CurrentActor, CurrentPersonId } from '../auth/current-actor.decorator';
import { ApiProblems } from '../problems/api-problems.decorator';
import { MeDto, toPersonDto, toPersonMembershipDto } from './committee.dto';

@ApiTags('committees')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('persons')
export class PersonsController {
  constructor(private readonly committees: CommitteeService) {}

  @Get('me')
  @ApiOperation({
    summary: 'The caller as a person: who they are, their roles and their memberships',
    description: "Found by the token's `sub` (a person id) or `email`. 404 when the register has no such person.",
  })
  @ApiOkResponse({ type: MeDto })
  @ApiProblems(404)
  async me(@CurrentActor() actor: Actor, @CurrentPersonId() personId: string | null): Promise<MeDto> {
    const { person, memberships } = await this.committees.me(personId);
    return {
      person: toPersonDto(person),
      roles: [...actor.roles].sort(),
      memberships: memberships.map(toPersonMembershipDto),
    };
  }
}
