import { ApiProperty } from '@nestjs/swagger';

export class WorkflowEventDto {
  @ApiProperty({ example: 'assignment.delivered' })
  type: string;

  @ApiProperty({ example: 'The assignee (or the secretariat on their behalf) delivers the work.' })
  description: string;

  @ApiProperty({ description: 'Sent only by the system (timers); a request sending it gets 403' })
  systemOnly: boolean;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'JSON Schema of the payload fields besides `type`',
    example: { type: 'object', properties: { note: { type: 'string' } }, required: ['note'] },
  })
  payloadSchema: Record<string, unknown>;
}

export class WorkflowDto {
  @ApiProperty({ example: 'assignment' })
  name: string;

  @ApiProperty({ example: 1 })
  version: number;

  @ApiProperty({ description: 'New instances start on the latest version; running ones keep theirs' })
  latest: boolean;

  @ApiProperty({ example: 'Oppdrag delegert i et vedtak' })
  title: string;

  @ApiProperty({ example: 'assigned' })
  initialState: string;

  @ApiProperty({ type: [String], example: ['assigned', 'overdue', 'delivered', 'accepted', 'cancelled'] })
  states: string[];

  @ApiProperty({ type: [String], example: ['accepted', 'cancelled'] })
  finalStates: string[];

  @ApiProperty({ type: [WorkflowEventDto] })
  events: WorkflowEventDto[];

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'JSON Schema of `input` when starting' })
  inputSchema: Record<string, unknown>;
}
