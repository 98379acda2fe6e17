import type { AnyStateMachine } from 'xstate';
import type { z } from 'zod';
import type { Actor } from './actor';

export interface RenderedMessage {
  subject: string;
  text: string;
}

export interface EventRule<TContext> {
  /** Payload fields besides `type`. */
  schema: z.ZodType<Record<string, unknown>>;
  /** Who may send it. Events without `allow` are sent only by the system (timers). */
  allow?: (actor: Actor, context: TContext) => boolean;
  description?: string;
}

/**
 * A process the engine can run: a pure machine plus what the engine needs around it. Registered by
 * name and version; an instance stays on the version it started with.
 */
export interface WorkflowDefinition<TContext = any> {
  name: string;
  version: number;
  title: string;
  machine: AnyStateMachine;
  /** Validates and completes `input` for a new instance; the result is the machine's input. */
  input: z.ZodType<unknown>;
  prepareInput?: (input: any, actor: Actor) => unknown;
  canStart: (actor: Actor) => boolean;
  /** Who may read an instance. */
  canRead: (actor: Actor, context: TContext) => boolean;
  events: Record<string, EventRule<TContext>>;
  /** Norwegian messages for `notify` actions, by template name. Pure: context and params in, text out. */
  templates: Record<string, (context: TContext, data: Record<string, unknown>) => RenderedMessage>;
}
