import type { AnyStateMachine } from 'xstate';
import type { z } from 'zod';
import type { Actor } from './actor';

/**
 * Something that runs SQL: a DataSource, a transaction's QueryRunner, or a projection (inside the event's
 * transaction). Repositories take one, so the same repository reads outside and writes inside a transaction.
 */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<any[]>;
}

/** Runs work in one transaction: a DataSource, or a transaction's EntityManager (whose work joins it). */
export interface Transactional {
  transaction<T>(work: (tx: Queryable & Transactional) => Promise<T>): Promise<T>;
}

/** What a projection sees of one accepted event, inside its transaction. */
export interface Projection<TContext> extends Queryable {
  instanceId: string;
  workflow: string;
  revision: number;
  event: { type: string; [key: string]: unknown };
  actor: Actor;
  /** Context before the event; null for the start of an instance. */
  before: TContext | null;
  after: TContext;
  fromState: string | null;
  toState: string;
  /**
   * Sends `event` to another instance, durably: written in this transaction as a timer row of that
   * instance due now (group `signal`), fired by the worker like any timer. A signal the target's
   * state does not accept when it fires is cancelled, not applied.
   */
  signal: (instanceId: string, event: { type: string; [key: string]: unknown }) => void;
}

export interface RenderedMessage {
  subject: string;
  text: string;
  /**
   * A formal letter this e-mail carries as a document: what to render, as JSON the engine does not read. The outbox
   * row keeps it; the worker renders it once, keeps the document and attaches it (the text is then the notice).
   */
  letter?: Record<string, unknown>;
}

export interface EventRule<TContext> {
  /** Payload fields besides `type`. */
  schema: z.ZodType<Record<string, unknown>>;
  /** Who may send it. Events without `allow` are sent only by the system (timers). */
  allow?: (actor: Actor, context: TContext) => boolean;
  description?: string;
}

/** An instance as lists show it (the dashboard, the process list): derived from its context after every event. */
export interface InstanceSummary {
  /** What people call it: a title, the title of its case, the committee of a meeting. */
  title: string;
  /** The case number it belongs to, e.g. `30/24`, when it has one. */
  caseRef: string | null;
  /** Who must act before its deadline, when one person must. */
  responsible: string | null;
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
  /**
   * Who may read an instance in its state: the same rule the feature's own endpoints apply, so that the generic
   * instance endpoints show no more than they do.
   */
  canRead: (actor: Actor, context: TContext, state: string) => boolean;
  /**
   * Whether someone `canRead` refuses must not learn that the instance exists (404, as the feature's endpoints
   * answer, rather than 403). Default: never.
   */
  hiddenFrom?: (actor: Actor, context: TContext, state: string) => boolean;
  /**
   * The context as a reader sees it, without what must never leave the server (a signing key, say). Applied to
   * every view of an instance; the stored snapshot and the templates keep the whole context. Default: all of it.
   */
  readableContext?: (context: TContext) => unknown;
  events: Record<string, EventRule<TContext>>;
  /**
   * Domain rows derived from an accepted event (a case row and its number, a ballot, a link),
   * written in the event's transaction. A unique or foreign-key violation refuses the event and
   * nothing is written; the database's constraint is the check, not a read before the write.
   */
  project?: (projection: Projection<TContext>) => Promise<void>;
  /** Norwegian messages for `notify` actions, by template name. Pure: context and params in, text out. */
  templates: Record<string, (context: TContext, data: Record<string, unknown>) => RenderedMessage>;
  /** The read model of an instance, stored with it by the engine after every event. Pure. */
  summary: (context: TContext) => InstanceSummary;
  /** Names of the timers that are someone's deadline (the dashboard lists them); reminders are not. */
  deadlineTimers: readonly string[];
}
