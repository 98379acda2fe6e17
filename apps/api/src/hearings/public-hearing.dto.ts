import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AnswerDto, OrganisationRefDto } from './answer.dto';
import { HEARING_STATES } from '@samflyt/workflows';
import { AttachmentDto, CommitteeRefDto, QuestionDto } from './hearing.dto';

export class PublicRecipientDto extends OrganisationRefDto {
  @ApiProperty({ description: 'Answered (shown once the answers are published)' })
  answered: boolean;
}

export class WithheldDto {
  @ApiProperty()
  organisation: string;

  @ApiProperty()
  reason: string;
}

export class PublicHearingDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  title: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  origin: string | null;

  @ApiProperty({ type: CommitteeRefDto })
  committee: CommitteeRefDto;

  @ApiProperty({ enum: HEARING_STATES })
  state: string;

  @ApiProperty()
  proposal: string;

  @ApiProperty({ type: [QuestionDto] })
  questions: QuestionDto[];

  @ApiProperty({ type: [AttachmentDto] })
  attachments: AttachmentDto[];

  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  deadline: string | null;

  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  sentAt: string | null;

  @ApiProperty({ type: [PublicRecipientDto] })
  recipients: PublicRecipientDto[];

  @ApiProperty({ description: 'Answers are public once the hearing has closed' })
  answersPublished: boolean;

  @ApiProperty({ type: [AnswerDto] })
  answers: AnswerDto[];

  @ApiProperty({ type: [WithheldDto], description: 'Answers withheld from publication, with the reason' })
  withheld: WithheldDto[];

  @ApiPropertyOptional({ type: String, nullable: true })
  withdrawnReason: string | null;
}
