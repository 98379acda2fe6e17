import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtAuthGuard } from './jwt-auth.guard';
import { MembershipRoles } from './membership-roles.service';
import { TokenService } from './token.service';

@Module({
  providers: [TokenService, MembershipRoles, { provide: APP_GUARD, useClass: JwtAuthGuard }],
  exports: [TokenService, MembershipRoles],
})
export class AuthModule {}
