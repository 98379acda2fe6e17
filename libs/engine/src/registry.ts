import { ErrorCode, DomainError } from './errors';
import type { WorkflowDefinition } from './workflow-definition';

/** Machines by name and version. New instances take the newest version; running ones keep theirs. */
export class WorkflowRegistry {
  private readonly byName = new Map<string, Map<number, WorkflowDefinition>>();

  register(definition: WorkflowDefinition): this {
    const versions = this.byName.get(definition.name) ?? new Map<number, WorkflowDefinition>();
    if (versions.has(definition.version)) {
      throw new Error(`Workflow ${definition.name} v${definition.version} is registered twice`);
    }
    versions.set(definition.version, definition);
    this.byName.set(definition.name, versions);
    return this;
  }

  latest(name: string): WorkflowDefinition {
    const versions = this.byName.get(name);
    if (!versions) {
      throw new DomainError(ErrorCode.UnknownWorkflow, `No workflow named "${name}"`, {
        known: this.names(),
      });
    }
    return versions.get(Math.max(...versions.keys()))!;
  }

  get(name: string, version: number): WorkflowDefinition {
    const definition = this.byName.get(name)?.get(version);
    if (!definition) {
      // A running instance whose version is no longer registered is a deployment error, not user input.
      throw new Error(`Workflow ${name} v${version} is not registered; running instances need their version`);
    }
    return definition;
  }

  names(): string[] {
    return [...this.byName.keys()].sort();
  }

  all(): WorkflowDefinition[] {
    return [...this.byName.values()].flatMap((versions) => [...versions.values()]);
  }
}
