import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { answerRequest, HEARING_STATES, registerAnswerRequest, withdrawSignatureRequest } from '@samflyt/workflows';
import { createZodDto } from 'nestjs-zod';
import { PageInfoDto } from '../http/page.dto';
import { booleanParam, pagedQuery, uuidParam } from '../http/query';
import { AttachmentDto, ContactDto, QuestionDto } from './hearing.dto';

// ---- requests ---------------------------------------------------------------------------------

export class AnswerRequestDto extends createZodDto(answerRequest) {}
export class RegisterAnswerDto extends createZodDto(registerAnswerRequest) {}
export class WithdrawSignatureDto extends createZodDto(withdrawSignatureRequest) {}

const answerListQuery = pagedQuery({
  organisationId: uuidParam.optional().meta({ description: 'Answers this organisation signed (as lead or co-signer)' }),
  late: booleanParam.optional().meta({ description: 'Only late (or only timely) answers' }),
  joint: booleanParam.optional().meta({ description: 'Only joint (or only single) answers' }),
});
export class AnswerListQueryDto extends createZodDto(answerListQuery) {}

// ---- responses --------------------------------------------------------------------------------

export class OrganisationRefDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;
}

export class QuestionAnswerDto {
  @ApiProperty({ example: 'q1' })
  questionId: string;

  @ApiProperty()
  text: string;
}

export class AnswerDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ type: OrganisationRefDto, description: 'The recipient that gave (and may change) the answer' })
  organisation: OrganisationRefDto;

  @ApiProperty({ type: [OrganisationRefDto], description: 'Recipients that signed it jointly' })
  coSigners: OrganisationRefDto[];

  @ApiProperty({
    type: [OrganisationRefDto],
    description: 'Recipients named as co-signers that have not confirmed: the answer is not theirs until they do',
  })
  pendingCoSigners: OrganisationRefDto[];

  @ApiProperty()
  version: number;

  @ApiProperty({ description: 'Came after the deadline of the answering recipient' })
  late: boolean;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Why it is withheld from publication' })
  withheldReason: string | null;

  @ApiProperty({ format: 'date-time' })
  submittedAt: string;

  @ApiProperty({ format: 'date-time', description: 'When the current version came' })
  updatedAt: string;

  @ApiProperty()
  text: string;

  @ApiProperty({ type: [QuestionAnswerDto] })
  answers: QuestionAnswerDto[];

  @ApiProperty({ type: [AttachmentDto] })
  attachments: AttachmentDto[];
}

export class SubmitterDto {
  @ApiProperty()
  id: string;

  @ApiProperty()
  name: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  email: string | null;
}

export class AnswerVersionDto {
  @ApiProperty()
  version: number;

  @ApiProperty()
  text: string;

  @ApiProperty({ type: [QuestionAnswerDto] })
  questionAnswers: QuestionAnswerDto[];

  @ApiProperty({ type: [String], format: 'uuid' })
  coSigners: string[];

  @ApiProperty({ type: [String], format: 'uuid' })
  attachmentIds: string[];

  @ApiProperty({ type: SubmitterDto })
  submittedBy: SubmitterDto;

  @ApiProperty()
  late: boolean;

  @ApiProperty({ format: 'date-time' })
  submittedAt: string;
}

export class CoSignatureRequestDto {
  @ApiProperty({ format: 'uuid' })
  answerId: string;

  @ApiProperty({ type: OrganisationRefDto, description: 'The recipient that gave the answer' })
  lead: OrganisationRefDto;
}

export class RecipientHearingDto {
  @ApiProperty({ format: 'uuid' })
  hearingId: string;

  @ApiProperty()
  title: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  origin: string | null;

  @ApiProperty({ enum: HEARING_STATES })
  state: string;

  @ApiProperty()
  proposal: string;

  @ApiProperty({ type: [QuestionDto] })
  questions: QuestionDto[];

  @ApiProperty({ type: [AttachmentDto] })
  attachments: AttachmentDto[];

  @ApiProperty({ type: OrganisationRefDto })
  organisation: OrganisationRefDto;

  @ApiProperty({ type: ContactDto })
  contact: ContactDto;

  @ApiProperty({ format: 'date-time', description: 'This organisation’s own deadline' })
  deadline: string;

  @ApiProperty()
  extended: boolean;

  @ApiProperty()
  acceptLateAnswers: boolean;

  @ApiProperty({ description: 'Whether an answer (or a change) is accepted now' })
  canAnswer: boolean;

  @ApiProperty({ description: 'Whether an answer given now is late' })
  late: boolean;

  @ApiPropertyOptional({ type: AnswerDto, nullable: true })
  answer: AnswerDto | null;

  @ApiPropertyOptional({ enum: ['lead', 'co-signer'], nullable: true, type: String })
  role: 'lead' | 'co-signer' | null;

  @ApiProperty({ type: [OrganisationRefDto], description: 'Recipients that can still sign jointly' })
  possibleCoSigners: OrganisationRefDto[];

  @ApiProperty({
    type: [CoSignatureRequestDto],
    description: 'Joint answers naming this organisation that wait for its confirmation',
  })
  coSignatureRequests: CoSignatureRequestDto[];
}

export class AnswerListDto extends PageInfoDto {
  @ApiProperty({ type: [AnswerDto] })
  items: AnswerDto[];
}
