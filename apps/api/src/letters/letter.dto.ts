import { ApiProperty } from '@nestjs/swagger';
import type { LetterDocumentRow, LetterTemplateView } from '@samflyt/domain';
import { LETTER_KINDS, letterPreviewRequest, letterTextRequest, ROUND_LETTER_KINDS } from '@samflyt/workflows';
import { createZodDto } from 'nestjs-zod';

export class LetterTextDto extends createZodDto(letterTextRequest) {}
export class LetterPreviewDto extends createZodDto(letterPreviewRequest) {}

/** A letter as kept: who it is to, which text it was written with, its checksum; the PDF at `…/pdf`. */
export class LetterDocumentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) instanceId: string | null;
  @ApiProperty({ enum: LETTER_KINDS }) kind: string;
  @ApiProperty() subject: string;
  @ApiProperty() addressee: string;
  @ApiProperty({ type: String, nullable: true }) addresseeOrganisation: string | null;
  @ApiProperty({ type: String, nullable: true, description: '«Vår ref.»' }) caseRef: string | null;
  @ApiProperty({ type: String, nullable: true, description: '«Deres ref.»' }) theirRef: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The grant round whose text it used; null: built-in' })
  templateScope: string | null;
  @ApiProperty({ description: 'The version of the text it was written with (0: the built-in text)' })
  templateVersion: number;
  @ApiProperty({ description: 'SHA-256 of the PDF, hex' }) checksumSha256: string;
  @ApiProperty() size: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export const toLetterDocumentDto = (l: LetterDocumentRow): LetterDocumentDto => ({
  id: l.id,
  instanceId: l.instance_id,
  kind: l.kind,
  subject: l.subject,
  addressee: l.addressee_name,
  addresseeOrganisation: l.addressee_organisation,
  caseRef: l.case_ref,
  theirRef: l.their_ref,
  templateScope: l.template_scope,
  templateVersion: l.template_version,
  checksumSha256: l.checksum_sha256,
  size: l.size,
  createdAt: l.created_at.toISOString(),
});

export class LetterTemplateDto {
  @ApiProperty({ enum: ROUND_LETTER_KINDS }) kind: string;
  @ApiProperty() title: string;
  @ApiProperty({ description: '0: the built-in text, not changed for this round' }) version: number;
  @ApiProperty() subject: string;
  @ApiProperty() body: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'The placeholders this kind of letter knows, with what they hold',
  })
  fields: Record<string, string>;
  @ApiProperty({ type: String, nullable: true }) changedBy: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) changedAt: string | null;
}

export class LetterTemplateVersionsDto extends LetterTemplateDto {
  @ApiProperty({ type: [LetterTemplateDto], description: 'Every version, newest first' })
  versions: LetterTemplateDto[];
}

export const toLetterTemplateDto = (t: LetterTemplateView): LetterTemplateDto => ({
  kind: t.kind,
  title: t.title,
  version: t.version,
  subject: t.subject,
  body: t.body,
  fields: t.fields,
  changedBy: t.changedBy,
  changedAt: t.changedAt?.toISOString() ?? null,
});
