import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { contactRequest } from '@samflyt/workflows';
import { createZodDto } from 'nestjs-zod';
import { PageInfoDto } from '../http/page.dto';
import { pagedQuery, textParam } from '../http/query';
import { ContactDto } from './hearing.dto';

export class ContactRequestDto extends createZodDto(contactRequest) {}

const organisationQuery = pagedQuery({
  kind: textParam(40).optional().meta({ example: 'kommune', description: 'Only organisations of this kind' }),
  q: textParam(200).optional().meta({ description: 'Words in the name' }),
});
export class OrganisationQueryDto extends createZodDto(organisationQuery) {}

export class ContactViewDto extends ContactDto {
  @ApiProperty({ format: 'uuid' })
  organisationId: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  title: string | null;
}

export class RecipientOrganisationDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ example: 'kommune' })
  kind: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  number: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  region: string | null;

  @ApiProperty({ type: [ContactViewDto] })
  contacts: ContactViewDto[];
}

export class OrganisationListDto extends PageInfoDto {
  @ApiProperty({ type: [RecipientOrganisationDto] })
  items: RecipientOrganisationDto[];
}
