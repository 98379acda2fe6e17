import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

const issuer = z.string().min(1).max(300);
const subject = z.string().min(1).max(200);

/** The token of an invitation link (`/invitasjon#<token>`): 43 base64url characters. */
export class AcceptInvitationDto extends createZodDto(
  z.strictObject({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, 'must be the token of an invitation link') }),
) {}

/** The identity to unlink, in the body or the query. */
export class IdentityRefDto extends createZodDto(z.strictObject({ issuer, subject })) {}

export class InvitationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty({ description: 'Where the link was sent' }) email!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', description: 'After this the link no longer works (INVITATION_TTL_DAYS)' })
  expiresAt!: string;
}

export class IdentityDto {
  @ApiProperty({ example: 'https://idporten.no' }) issuer!: string;
  @ApiProperty() subject!: string;
  @ApiProperty({ format: 'date-time' }) linkedAt!: string;
}

export class OpenInvitationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
}

export class PersonIdentitiesDto {
  @ApiProperty({ type: [IdentityDto] }) identities!: IdentityDto[];
  @ApiPropertyOptional({ type: OpenInvitationDto, nullable: true }) openInvitation!: OpenInvitationDto | null;
}

export class AcceptedInvitationDto {
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() issuer!: string;
  @ApiProperty() subject!: string;
}
