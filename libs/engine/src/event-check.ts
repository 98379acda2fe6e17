import type { AnyMachineSnapshot } from 'xstate';
import type { z } from 'zod';
import type { Actor } from './actor';
import type { WorkflowEvent } from './engine.types';
import { handledEvents } from './snapshots';
import type { WorkflowDefinition } from './workflow-definition';
import { FieldError, ErrorCode, DomainError, invalidInput } from './errors';

/** Events the state handles that this actor may send. */
export function allowedEvents(definition: WorkflowDefinition, snapshot: AnyMachineSnapshot, actor: Actor): string[] {
  return handledEvents(snapshot).filter((type) => {
    const allow = Object.hasOwn(definition.events, type) ? definition.events[type].allow : undefined;
    return allow !== undefined && allow(actor, snapshot.context);
  });
}

/** Validates the event and the actor's right to send it in this state; returns the event to apply. */
export function checkEvent(
  definition: WorkflowDefinition,
  snapshot: AnyMachineSnapshot,
  row: { state: string },
  event: WorkflowEvent,
  actor: Actor,
): WorkflowEvent {
  // Own keys only: a type such as `constructor` or `__proto__` must not find Object.prototype's members.
  const rule = Object.hasOwn(definition.events, event.type) ? definition.events[event.type] : undefined;
  if (!rule) {
    const known = Object.keys(definition.events).join(', ');
    throw invalidInput([
      { field: 'type', message: `unknown event "${event.type}"; ${definition.name} knows ${known}` },
    ]);
  }
  const { type, ...payload } = event;
  const parsed = parse(rule.schema, payload, '') as Record<string, unknown>;
  if (!rule.allow) {
    throw new DomainError(ErrorCode.Forbidden, `"${type}" is sent only by the system`);
  }
  if (!rule.allow(actor, snapshot.context)) {
    throw new DomainError(ErrorCode.Forbidden, `You may not send "${type}" to this ${definition.name}`);
  }
  const checked = { type, ...parsed };
  if (!handledEvents(snapshot).includes(type)) {
    const allowed = allowedEvents(definition, snapshot, actor);
    throw new DomainError(
      ErrorCode.EventNotAllowed,
      `"${type}" is not allowed in state "${row.state}"; allowed: ${allowed.join(', ') || 'none'}`,
      { state: row.state, allowedEvents: allowed },
    );
  }
  if (!snapshot.can(checked)) {
    throw new DomainError(
      ErrorCode.RuleViolated,
      `"${type}" is not accepted in state "${row.state}": its conditions are not met`,
      { state: row.state },
    );
  }
  return checked;
}

export function parse<T>(schema: z.ZodType<T>, value: unknown, prefix: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const errors: FieldError[] = result.error.issues.map((issue) => ({
    field: [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || prefix || '(body)',
    message: issue.message,
  }));
  throw invalidInput(errors);
}
