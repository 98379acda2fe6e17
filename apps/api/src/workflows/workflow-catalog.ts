import { Injectable } from '@nestjs/common';
import { WorkflowRegistry, type WorkflowDefinition } from '@samflyt/engine';
import type { AnyStateNode } from 'xstate';
import { z } from 'zod';
import type { WorkflowDto } from './workflow.dto';

/** What a client needs to drive a workflow, derived once from the registered definitions. */
@Injectable()
export class WorkflowCatalog {
  private readonly entries: WorkflowDto[];

  constructor(registry: WorkflowRegistry) {
    const latest = new Map(registry.names().map((name) => [name, registry.latest(name).version]));
    this.entries = registry
      .all()
      .map((d) => describe(d, latest.get(d.name) === d.version))
      .sort((a, b) => a.name.localeCompare(b.name) || b.version - a.version);
  }

  list(): WorkflowDto[] {
    return this.entries;
  }
}

function describe(definition: WorkflowDefinition, latest: boolean): WorkflowDto {
  const nodes = stateNodes(definition.machine.root);
  const initial = definition.machine.root.initial?.target?.[0];
  return {
    name: definition.name,
    version: definition.version,
    latest,
    title: definition.title,
    initialState: initial ? initial.path.join('.') : '',
    states: nodes.map((n) => n.path.join('.')),
    finalStates: nodes.filter((n) => n.type === 'final').map((n) => n.path.join('.')),
    events: Object.entries(definition.events).map(([type, rule]) => ({
      type,
      description: rule.description ?? '',
      systemOnly: !rule.allow,
      payloadSchema: jsonSchema(rule.schema),
    })),
    inputSchema: jsonSchema(definition.input),
  };
}

/** Every state node below the root, depth first: `review`, `review.scoring`, … */
function stateNodes(node: AnyStateNode): AnyStateNode[] {
  return Object.values(node.states).flatMap((child) => [child, ...stateNodes(child)]);
}

/** The schema a client sends (`io: input`); refinements JSON Schema cannot express are left out. */
function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}
