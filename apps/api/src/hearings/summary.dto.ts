import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { HEARING_STATES } from '@samflyt/workflows';
import { OrganisationRefDto } from './answer.dto';
import { CommitteeRefDto } from './hearing.dto';

export class SummaryQuestionAnswerDto {
  @ApiProperty({ format: 'uuid' })
  answerId: string;

  @ApiProperty({ example: 'Trondheim kommune (sammen med Malvik kommune, …)' })
  by: string;

  @ApiProperty()
  late: boolean;

  @ApiProperty()
  withheld: boolean;

  @ApiProperty()
  text: string;
}

export class SummaryQuestionDto {
  @ApiProperty({ example: 'q1', description: '`general`: the answers as a whole' })
  id: string;

  @ApiProperty()
  text: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'The secretariat’s summary' })
  summary: string | null;

  @ApiProperty({ type: [SummaryQuestionAnswerDto] })
  answers: SummaryQuestionAnswerDto[];
}

export class SummarySignatoryDto extends OrganisationRefDto {
  @ApiProperty()
  lead: boolean;

  @ApiProperty()
  late: boolean;
}

export class SummaryAnswerDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ type: [SummarySignatoryDto], description: 'The lead first, then the co-signers' })
  signatories: SummarySignatoryDto[];

  @ApiProperty()
  late: boolean;

  @ApiPropertyOptional({ type: String, nullable: true })
  withheldReason: string | null;

  @ApiProperty()
  version: number;

  @ApiProperty({ format: 'date-time' })
  submittedAt: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;

  @ApiProperty()
  text: string;

  @ApiProperty({ type: [String], description: 'File names' })
  attachments: string[];
}

export class SummaryCountsDto {
  @ApiProperty()
  recipients: number;

  @ApiProperty()
  answered: number;

  @ApiProperty()
  notAnswered: number;

  @ApiProperty()
  answers: number;

  @ApiProperty()
  jointAnswers: number;

  @ApiProperty()
  late: number;

  @ApiProperty()
  withheld: number;
}

export class NotAnsweredDto extends OrganisationRefDto {
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  deadline: string | null;
}

export class HearingSummaryDto {
  @ApiProperty({ format: 'uuid' })
  hearingId: string;

  @ApiProperty()
  title: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  origin: string | null;

  @ApiProperty({ type: CommitteeRefDto })
  committee: CommitteeRefDto;

  @ApiProperty({ enum: HEARING_STATES })
  state: string;

  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  deadline: string | null;

  @ApiProperty({ type: SummaryCountsDto })
  counts: SummaryCountsDto;

  @ApiProperty({ type: [SummaryQuestionDto] })
  questions: SummaryQuestionDto[];

  @ApiProperty({ type: [SummaryAnswerDto] })
  answers: SummaryAnswerDto[];

  @ApiProperty({ type: [NotAnsweredDto] })
  notAnswered: NotAnsweredDto[];
}
