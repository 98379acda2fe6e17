import { ApiProperty, ApiPropertyOptional, type SchemaObject } from '@nestjs/swagger';
import type { InstanceView, JournalView, TimerView } from '@samflyt/engine';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { sortedKeys } from './sorted-keys';

const startInstance = z.strictObject({
  input: z.record(z.string(), z.unknown(), { error: 'input must be a JSON object' }).meta({
    additionalProperties: true,
    description: "The workflow's input; its JSON Schema is in GET /workflows (`inputSchema`)",
    example: {
      title: 'Utlysningstekst, søknadsskjema og kriterier',
      caseRef: '30/24',
      body: 'AU',
      assignee: { id: 'au-leder', name: 'Kari Nordmann', email: 'kari@example.no' },
      dueAt: '2025-09-30',
      reminderOffsets: ['P7D', 'P1D'],
    },
  }),
});
export class StartInstanceDto extends createZodDto(startInstance) {}

const EVENT_TYPE = 'must be a string of 1-100 characters naming the event';

/**
 * `{ type, ...payload }`: the payload fields of each event are in GET /workflows (`payloadSchema`) and checked by the
 * engine against the event's schema, so they pass through here as they are.
 */
const sendEvent = z
  .looseObject({
    type: z
      .string({ error: EVENT_TYPE })
      .min(1, EVENT_TYPE)
      .max(100, EVENT_TYPE)
      .meta({ example: 'assignment.delivered' }),
  })
  .meta({ additionalProperties: true });
export class SendEventDto extends createZodDto(sendEvent) {}
/** The same, inline in the operation: any event of any workflow, so no component of its own. */
export const sendEventBody = z.toJSONSchema(sendEvent, { target: 'openapi-3.0' }) as SchemaObject;

export class TimerDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'reminder-P7D' })
  name: string;

  @ApiProperty({ example: 'reminder.due' })
  event: string;

  @ApiProperty({ format: 'date-time' })
  dueAt: string;

  @ApiProperty({ enum: ['pending', 'fired', 'cancelled'] })
  status: string;
}

export class InstanceDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'assignment' })
  workflow: string;

  @ApiProperty({ example: 1, description: 'The machine version the instance started on' })
  version: number;

  @ApiProperty({ example: 'assigned' })
  state: string;

  @ApiProperty({ enum: ['active', 'done', 'error', 'stopped'] })
  status: string;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The process data; keys in sorted order' })
  context: unknown;

  @ApiProperty({ example: 1, description: 'Counts accepted events; also the ETag' })
  revision: number;

  @ApiProperty({ type: [String], description: 'Events the caller may send in this state' })
  allowedEvents: string[];

  @ApiProperty({ type: [TimerDto], description: 'Durable timers armed by the current state' })
  timers: TimerDto[];

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
}

export class JournalActorDto {
  @ApiProperty({ example: 'sek-1' })
  id: string;

  @ApiProperty({ example: 'Sekretariatet' })
  name: string;
}

export class JournalEntryDto {
  @ApiProperty({ example: 2, description: 'Equals the revision the event produced' })
  seq: number;

  @ApiProperty({ example: 'assignment.delivered' })
  event: string;

  @ApiProperty({ type: 'object', additionalProperties: true })
  payload: Record<string, unknown>;

  @ApiProperty({ type: JournalActorDto })
  actor: JournalActorDto;

  @ApiProperty({ format: 'date-time' })
  at: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'assigned' })
  fromState: string | null;

  @ApiProperty({ example: 'delivered' })
  toState: string;
}

export const toTimerDto = (t: TimerView): TimerDto => ({
  id: t.id,
  name: t.name,
  event: t.event,
  dueAt: t.dueAt,
  status: t.status,
});

export const toInstanceDto = (v: InstanceView): InstanceDto => ({
  id: v.id,
  workflow: v.workflow,
  version: v.version,
  state: v.state,
  status: v.status,
  context: sortedKeys(v.context),
  revision: v.revision,
  allowedEvents: v.allowedEvents,
  timers: v.timers.map(toTimerDto),
  createdAt: v.createdAt,
  updatedAt: v.updatedAt,
});

export const toJournalEntryDto = (j: JournalView): JournalEntryDto => ({
  seq: j.seq,
  event: j.event,
  payload: sortedKeys(j.payload),
  actor: { id: j.actor.id, name: j.actor.name },
  at: j.at,
  fromState: j.fromState,
  toState: j.toState,
});
