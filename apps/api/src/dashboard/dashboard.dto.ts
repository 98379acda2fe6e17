import { ApiProperty } from '@nestjs/swagger';
import { isDeliverableAddress } from '@samflyt/engine';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { PageInfoDto } from '../http/page.dto';
import { booleanParam, enumParam, intParam, pagedQuery, textParam, uuidParam } from '../http/query';

/** A workflow name: lower-case letters, digits and dashes. */
const workflowName = textParam(60).regex(/^[a-z][a-z0-9-]{0,59}$/, 'must be a workflow name such as assignment');

export class DeadlineQueryDto extends createZodDto(
  pagedQuery({
    days: intParam(1, 366).default(30).meta({ description: '1-366; default 30' }),
    kind: workflowName.optional().meta({ example: 'assignment', description: 'A workflow, or `meeting`' }),
    overdue: booleanParam.optional().meta({ description: 'Only what is overdue' }),
  }),
) {}

export class MessageQueryDto extends createZodDto(
  pagedQuery({
    status: enumParam(['pending', 'sent', 'failed']).optional(),
    instanceId: uuidParam.optional(),
    q: textParam().optional().meta({ description: 'Searches recipient, name and subject' }),
  }),
) {}

export class InstanceQueryDto extends createZodDto(
  pagedQuery({
    workflow: workflowName.optional().meta({ example: 'assignment' }),
    state: textParam(60).optional().meta({ example: 'overdue' }),
    q: textParam().optional().meta({ description: 'Searches the title and the case reference' }),
  }),
) {}

export class DeadlineDto {
  @ApiProperty({ example: 'assignment', description: 'The workflow (assignment, vote, …) or `meeting`' })
  kind: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The process instance, for its history' })
  instanceId: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Set for meetings' })
  meetingId: string | null;

  @ApiProperty({ example: 'Utarbeide kriterier' })
  title: string;

  @ApiProperty({ type: String, nullable: true, example: '30/24', description: 'The case it belongs to' })
  caseRef: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Kari Nordmann', description: 'Who must act' })
  responsible: string | null;

  @ApiProperty({ example: 'assigned', description: 'The state of the process' })
  state: string;

  @ApiProperty({ format: 'date-time', description: 'The deadline, or when the meeting starts' })
  dueAt: string;

  @ApiProperty({ description: 'The deadline has passed and the work is not done' })
  overdue: boolean;
}

export class DeadlinePageDto extends PageInfoDto {
  @ApiProperty({ type: [DeadlineDto] })
  items: DeadlineDto[];

  @ApiProperty({ example: 2, description: 'Overdue items, whatever the filters on kind and overdue' })
  overdueCount: number;
}

export class MessageDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  instanceId: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'assignment' })
  workflow: string | null;

  @ApiProperty({ example: 'kari@example.no' })
  recipient: string;

  @ApiProperty({ type: String, nullable: true, example: 'Kari Nordmann' })
  recipientName: string | null;

  @ApiProperty({ example: 'Påminnelse: frist 30. september 2024' })
  subject: string;

  @ApiProperty({ description: 'The text as sent' })
  body: string;

  @ApiProperty({ enum: ['pending', 'sent', 'failed'], description: 'Delivery status' })
  status: string;

  @ApiProperty({ example: 1 })
  attempts: number;

  @ApiProperty({ type: String, nullable: true, description: 'The last SMTP error, when a try failed' })
  lastError: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  sentAt: string | null;
}

/** The corrected address of a failed e-mail; without it, the message is sent again to the same address. */
export class ResendMessageDto extends createZodDto(
  z.strictObject({
    recipient: z
      .string()
      .refine(isDeliverableAddress, 'must be an e-mail address that can be delivered to, such as kari@kommune.no')
      .optional()
      .meta({ example: 'kari.nordmann@kommune.no' }),
  }),
) {}

export class MessageEventDto {
  @ApiProperty({ enum: ['resent'], description: 'What was done: sent again, with the address it was sent to' })
  event: 'resent';

  @ApiProperty({ description: 'Who did it: `{ id, name }`', example: { id: 'sek-1', name: 'Siri Sekretær' } })
  actor: { id: string; name: string };

  @ApiProperty({ example: 'kari.nordmann(a)kommune.no' })
  previousRecipient: string;

  @ApiProperty({ example: 'kari.nordmann@kommune.no' })
  recipient: string;

  @ApiProperty({ type: String, nullable: true, description: 'Why it had failed' })
  previousError: string | null;

  @ApiProperty({ format: 'date-time' })
  at: string;
}

export class MessagePageDto extends PageInfoDto {
  @ApiProperty({ type: [MessageDto] })
  items: MessageDto[];
}

export class InstanceSummaryDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'assignment' })
  workflow: string;

  @ApiProperty({ example: 1 })
  version: number;

  @ApiProperty({ example: 'assigned' })
  state: string;

  @ApiProperty({ example: 'active', description: 'active, or done once the process has ended' })
  status: string;

  @ApiProperty({ example: 'Utarbeide kriterier' })
  title: string;

  @ApiProperty({ type: String, nullable: true, example: '30/24' })
  caseRef: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
}

export class InstancePageDto extends PageInfoDto {
  @ApiProperty({ type: [InstanceSummaryDto] })
  items: InstanceSummaryDto[];
}

export class MyVoteDto {
  @ApiProperty({ format: 'uuid' })
  voteId: string;

  @ApiProperty({ format: 'uuid' })
  caseId: string;

  @ApiProperty({ example: '31/24' })
  caseRef: string;

  @ApiProperty({ example: 'Fagrådsstruktur' })
  caseTitle: string;

  @ApiProperty({ example: 'ASU' })
  committeeCode: string;

  @ApiProperty({ enum: ['meeting', 'written'] })
  mode: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  deadline: string | null;

  @ApiProperty({ description: 'The caller has cast their ballot' })
  voted: boolean;
}
