import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';

const ISO_DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/;
export const HEARING_STATES = ['draft', 'open', 'closed', 'summary', 'presented', 'concluded', 'withdrawn'] as const;

// ---- requests ---------------------------------------------------------------------------------

export class QuestionRequestDto {
  @ApiPropertyOptional({ example: 'q1', description: 'Stable id (a-z, 0-9, -); q1, q2 … when left out' })
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9-]{0,39}$/, { message: 'id must be 1-40 lower-case letters, digits and dashes' })
  id?: string;

  @ApiProperty({ example: 'Gir strukturen tilstrekkelig plass til forebygging og rehabilitering?' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  text: string;
}

export class RecipientRequestDto {
  @ApiProperty({ format: 'uuid', description: 'An organisation (GET /organisations)' })
  @IsUUID()
  organisationId: string;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description: "A subset of the organisation's contact persons; all of them when left out",
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  contactIds?: string[];
}

export class HearingDraftDto {
  @ApiPropertyOptional({ example: 'Høring: ny fagrådsstruktur' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  title?: string;

  @ApiPropertyOptional({ example: 'ASU sak 12/24, vedtak 3', nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  origin?: string | null;

  @ApiPropertyOptional({ description: 'The høringsnotat as text (Markdown allowed)' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100_000)
  proposal?: string;

  @ApiPropertyOptional({ type: [QuestionRequestDto], description: 'Questions the recipients are asked to answer' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => QuestionRequestDto)
  questions?: QuestionRequestDto[];

  @ApiPropertyOptional({ type: [RecipientRequestDto], description: 'The høringsinstanser' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => RecipientRequestDto)
  recipients?: RecipientRequestDto[];

  @ApiPropertyOptional({
    example: '2024-06-01',
    nullable: true,
    type: String,
    description: 'Høringsfrist: a date (end of that day in Oslo) or a date-time with offset',
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  deadline?: string | null;

  @ApiPropertyOptional({
    type: [String],
    example: ['P14D', 'P3D'],
    description:
      'Reminders this long before each recipient’s deadline to those who have not answered (default P14D, P3D)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @Matches(ISO_DURATION, { each: true, message: 'each offset must be an ISO 8601 duration such as P14D' })
  reminderOffsets?: string[];

  @ApiPropertyOptional({ description: 'Accept answers after the deadline, marked late (default true)' })
  @IsOptional()
  @IsBoolean()
  acceptLateAnswers?: boolean;
}

export class CreateHearingDto extends HearingDraftDto {
  @ApiProperty({ example: 'ASU', description: 'The owning committee: the sammendrag goes on its agenda' })
  @Matches(/^[A-Z0-9-]{1,30}$/, { message: 'committeeCode must be a committee code such as ASU' })
  committeeCode: string;

  @ApiProperty({ example: 'Høring: ny fagrådsstruktur' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  declare title: string;

  @ApiProperty({ description: 'The høringsnotat as text (Markdown allowed)' })
  @IsString()
  @MinLength(1)
  @MaxLength(100_000)
  declare proposal: string;

  @ApiPropertyOptional({
    example: 'https://samflyt.example/hoering/svar',
    description: 'The answer page of the web app; the personal token follows in the fragment (#token=…)',
  })
  @IsOptional()
  @Matches(/^https?:\/\/[^\s#]{1,490}$/, { message: 'answerPageUrl must be an http(s) URL without a fragment' })
  answerPageUrl?: string;
}

export class ExtensionDto {
  @ApiProperty({ example: '2024-06-15', description: 'The recipient’s new deadline, later than its current one' })
  @IsString()
  @MaxLength(40)
  deadline: string;

  @ApiProperty({ example: 'Kommunestyret behandler svaret 12. juni' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason: string;
}

export class LateAnswersDto {
  @ApiProperty({ description: 'false: no more answers after a recipient’s deadline; true: accepted, marked late' })
  @IsBoolean()
  accept: boolean;
}

export class ReasonDto {
  @ApiProperty({ example: 'Inneholder taushetsbelagte opplysninger (offl. § 13)' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason: string;
}

export class WithdrawSignatureDto {
  @ApiPropertyOptional({ example: 'Kommunestyret vedtok et eget høringssvar', description: 'Told to the lead' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class ConclusionDto {
  @ApiProperty({ example: 'ASU vedtok ny fagrådsstruktur i sak 45/24.' })
  @IsString()
  @MinLength(1)
  @MaxLength(20_000)
  conclusion: string;
}

export class SummaryTextDto {
  @ApiProperty({ description: 'The secretariat’s summary of the answers to this question' })
  @IsString()
  @MinLength(1)
  @MaxLength(50_000)
  text: string;
}

export class PresentDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'A meeting of the owning committee: the case goes on its agenda',
  })
  @IsOptional()
  @IsUUID()
  meetingId?: string;

  @ApiPropertyOptional({ description: 'The case title; «Høring: … – sammendrag av høringssvar» by default' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  title?: string;

  @ApiPropertyOptional({ description: 'Forslag til vedtak; «… tar sammendraget av høringssvarene til orientering.»' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(20_000)
  proposedResolution?: string;
}

export class QuestionAnswerDto {
  @ApiProperty({ example: 'q1' })
  @IsString()
  @MaxLength(40)
  questionId: string;

  @ApiProperty()
  @IsString()
  @MaxLength(50_000)
  text: string;
}

export class AnswerRequestDto {
  @ApiPropertyOptional({ description: 'The answer as a whole (free text)' })
  @IsOptional()
  @IsString()
  @MaxLength(100_000)
  text?: string;

  @ApiPropertyOptional({ type: [QuestionAnswerDto], description: 'Answers per question of the hearing' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => QuestionAnswerDto)
  answers?: QuestionAnswerDto[];

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description: 'Other recipients of the hearing that sign this answer jointly (a joint answer counts for each)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  coSigners?: string[];

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Files uploaded for this answer first' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  attachmentIds?: string[];
}

export class RegisterAnswerDto extends AnswerRequestDto {
  @ApiProperty({ format: 'uuid', description: 'The recipient whose answer came by letter or e-mail' })
  @IsUUID()
  organisationId: string;
}

export class ContactRequestDto {
  @ApiProperty({ example: 'Postmottak Malvik kommune' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: 'postmottak@malvik.kommune.example' })
  @IsString()
  @MaxLength(320)
  email: string;

  @ApiPropertyOptional({ example: 'Kommunalsjef helse og velferd', nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  title?: string | null;
}

export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : value))
  @IsInt()
  @Min(1)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 25 })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : value))
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize?: number;
}

export class HearingListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: HEARING_STATES })
  @IsOptional()
  @IsIn(HEARING_STATES)
  state?: string;

  @ApiPropertyOptional({ example: 'ASU' })
  @IsOptional()
  @Matches(/^[A-Z0-9-]{1,30}$/, { message: 'committee must be a committee code such as ASU' })
  committee?: string;

  @ApiPropertyOptional({ description: 'Words in the title' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

export class AnswerListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Answers this organisation signed (as lead or co-signer)' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Only late (or only timely) answers' })
  @IsOptional()
  @IsIn(['true', 'false'])
  late?: 'true' | 'false';

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Only joint (or only single) answers' })
  @IsOptional()
  @IsIn(['true', 'false'])
  joint?: 'true' | 'false';
}

export class OrganisationQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'kommune', description: 'Only organisations of this kind' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  kind?: string;

  @ApiPropertyOptional({ description: 'Words in the name' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

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

export class ContactViewDto extends ContactDto {
  @ApiProperty({ format: 'uuid' })
  organisationId: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  title: string | null;
}

/** An organisation hearings are sent to, with its contact persons. */
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

export class OrganisationListDto {
  @ApiProperty({ description: 'Organisations matching the filter, on all pages' })
  total: number;

  @ApiProperty()
  page: number;

  @ApiProperty()
  pageSize: number;

  @ApiProperty({ type: [RecipientOrganisationDto] })
  items: RecipientOrganisationDto[];
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

export class PageDto {
  @ApiProperty()
  total: number;

  @ApiProperty()
  page: number;

  @ApiProperty()
  pageSize: number;
}

export class HearingListDto extends PageDto {
  @ApiProperty({ type: [HearingListItemDto] })
  items: HearingListItemDto[];
}

export class OrganisationRefDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;
}

export class AnswerDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ type: OrganisationRefDto, description: 'The recipient that gave (and may change) the answer' })
  organisation: OrganisationRefDto;

  @ApiProperty({ type: [OrganisationRefDto], description: 'Recipients that signed it jointly' })
  coSigners: OrganisationRefDto[];

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

export class AnswerListDto extends PageDto {
  @ApiProperty({ type: [AnswerDto] })
  items: AnswerDto[];
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
}

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
