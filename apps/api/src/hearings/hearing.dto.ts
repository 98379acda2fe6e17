import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  committeeCode,
  conclusionRequest,
  createHearingRequest,
  extensionRequest,
  HEARING_STATES,
  hearingDraftRequest,
  lateAnswersRequest,
  presentRequest,
  summaryTextRequest,
} from '@samflyt/workflows';
import { createZodDto } from 'nestjs-zod';
import { PageInfoDto } from '../http/page.dto';
import { enumParam, pagedQuery, textParam } from '../http/query';

// ---- requests ---------------------------------------------------------------------------------

export class CreateHearingDto extends createZodDto(createHearingRequest) {}
export class HearingDraftDto extends createZodDto(hearingDraftRequest) {}
export class ExtensionDto extends createZodDto(extensionRequest) {}
export class LateAnswersDto extends createZodDto(lateAnswersRequest) {}
export class ConclusionDto extends createZodDto(conclusionRequest) {}
export class SummaryTextDto extends createZodDto(summaryTextRequest) {}
export class PresentDto extends createZodDto(presentRequest) {}

const hearingListQuery = pagedQuery({
  state: enumParam(HEARING_STATES).optional(),
  committee: committeeCode.optional(),
  q: textParam(200).optional().meta({ description: 'Words in the title' }),
});
export class HearingListQueryDto extends createZodDto(hearingListQuery) {}

// ---- responses --------------------------------------------------------------------------------

export class DeadlineWarningDto {
  @ApiProperty({ enum: ['under-six-weeks', 'under-three-months', 'summer', 'easter', 'christmas'] })
  code: string;

  @ApiProperty({ enum: ['warning', 'notice'] })
  severity: string;

  @ApiProperty({ example: 'Høringsfristen er 30 dager fra utsending, kortere enn 6 uker (utredningsinstruksen 3-3).' })
  message: string;
}

export class ContactDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty()
  email: string;
}

export class QuestionDto {
  @ApiProperty({ example: 'q1' })
  id: string;

  @ApiProperty()
  text: string;
}

export class AttachmentDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  filename: string;

  @ApiProperty({ example: 'application/pdf' })
  mediaType: string;

  @ApiProperty({ description: 'Bytes' })
  size: number;
}

export class ExtensionViewDto {
  @ApiProperty({ format: 'date-time' })
  deadline: string;

  @ApiProperty()
  reason: string;
}

export class HearingRecipientDto {
  @ApiProperty({ format: 'uuid' })
  organisationId: string;

  @ApiProperty()
  name: string;

  @ApiProperty()
  kind: string;

  @ApiProperty({ type: [ContactDto] })
  contacts: ContactDto[];

  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true, description: 'Its own deadline' })
  deadline: string | null;

  @ApiPropertyOptional({ type: ExtensionViewDto, nullable: true })
  extension: ExtensionViewDto | null;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'The answer it signed' })
  answerId: string | null;

  @ApiProperty({ description: 'Answered jointly with others' })
  joint: boolean;

  @ApiProperty()
  late: boolean;
}

export class HearingCountsDto {
  @ApiProperty()
  recipients: number;

  @ApiProperty({ description: 'Recipients that answered, alone or jointly' })
  answered: number;

  @ApiProperty()
  notAnswered: number;

  @ApiProperty({ description: 'Answers (a joint answer is one)' })
  answers: number;

  @ApiProperty()
  late: number;
}

export class CommitteeRefDto {
  @ApiProperty({ example: 'ASU' })
  code: string;

  @ApiProperty()
  name: string;
}

export class CaseRefDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: '31/24' })
  ref: string;
}

export class HearingDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid', description: 'The workflow instance (GET /instances/{id}/history)' })
  instanceId: string;

  @ApiProperty({ enum: HEARING_STATES })
  state: string;

  @ApiProperty()
  revision: number;

  @ApiProperty({ type: [String] })
  allowedEvents: string[];

  @ApiProperty({ type: CommitteeRefDto })
  committee: CommitteeRefDto;

  @ApiProperty()
  title: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  origin: string | null;

  @ApiProperty()
  proposal: string;

  @ApiProperty({ type: [QuestionDto] })
  questions: QuestionDto[];

  @ApiProperty({ type: [AttachmentDto] })
  attachments: AttachmentDto[];

  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  deadline: string | null;

  @ApiProperty({ type: [String] })
  reminderOffsets: string[];

  @ApiProperty()
  acceptLateAnswers: boolean;

  @ApiProperty({ type: [HearingRecipientDto] })
  recipients: HearingRecipientDto[];

  @ApiProperty({ type: HearingCountsDto })
  counts: HearingCountsDto;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  sentAt: string | null;

  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  closedAt: string | null;

  @ApiPropertyOptional({ type: CaseRefDto, nullable: true, description: 'The case it was presented as' })
  case: CaseRefDto | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  conclusion: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  withdrawnReason: string | null;

  @ApiProperty({
    type: [DeadlineWarningDto],
    description: 'Utredningsinstruksen 3-3: a short deadline, or summer/Easter/Christmas without extra time',
  })
  warnings: DeadlineWarningDto[];
}

export class HearingListItemDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  title: string;

  @ApiProperty({ enum: HEARING_STATES })
  state: string;

  @ApiProperty({ type: CommitteeRefDto })
  committee: CommitteeRefDto;

  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  deadline: string | null;

  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  sentAt: string | null;

  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  closedAt: string | null;

  @ApiProperty({ type: HearingCountsDto, description: 'Answer counts, as on the hearing itself' })
  counts: HearingCountsDto;
}

export class HearingListDto extends PageInfoDto {
  @ApiProperty({ type: [HearingListItemDto] })
  items: HearingListItemDto[];
}
