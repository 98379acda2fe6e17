import { Injectable, PipeTransform } from '@nestjs/common';
import { invalidInput, type WorkflowEvent } from '@samflyt/engine';

/**
 * `{ type, ...payload }`: a JSON object with a string `type`. The payload is checked by the
 * engine against the event's schema, so no whitelisting happens here.
 */
@Injectable()
export class EventBodyPipe implements PipeTransform<unknown, WorkflowEvent> {
  transform(body: unknown): WorkflowEvent {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw invalidInput([{ field: '(body)', message: 'must be a JSON object with a string "type"' }]);
    }
    const { type } = body as { type?: unknown };
    if (typeof type !== 'string' || type.length < 1 || type.length > 100) {
      throw invalidInput([{ field: 'type', message: 'must be a string of 1-100 characters naming the event' }]);
    }
    return body as WorkflowEvent;
  }
}
