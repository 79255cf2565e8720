/**
 * Builds one environment's stack: runs every entity's `synth` in dependency order with a
 * {@link SynthContext}, then emits the stack-level needs.
 */
import type { EnvironmentModel, Project } from '../core/project';
import { nodeKey } from '../core/graph';
import type { Entity } from '../core/module-type';
import type { SynthContext } from '../core/synth-context';
import { ModuleTypeError } from '../core/registry';
import {
  attributeOf,
  createByPath,
  ProviderClassError,
  escapeTerraformTemplate,
  resourceFactories,
  type ResourceFactories,
  type ResourceOptions,
  type ResourceRef,
  type StackScope,
} from './cdk';
import { StackNeeds } from './stack-needs';

/** Labels gdp puts on every resource that takes labels; they win over environment and file labels. */
export function gdpLabels(env: EnvironmentModel['env'], extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  const merged: Record<string, string> = { ...env.labels, ...extra, app: env.app_name, env: env.name, 'managed-by': 'gdp' };
  return Object.fromEntries(Object.keys(merged).sort().map((k) => [k, merged[k]]));
}

import { constructId } from '../core/construct-id';
export { constructId };

/** Synthesizes the entities of a project into one environment's stack. */
export class StackBuilder {
  private readonly created = new Map<string, ResourceRef[]>();
  private readonly done = new Set<string>();
  private readonly ids = new Map<string, string>();
  private readonly needs: StackNeeds;
  private readonly plain: ResourceFactories;

  constructor(
    private readonly project: Project,
    private readonly model: EnvironmentModel,
    private readonly scope: StackScope,
  ) {
    this.plain = resourceFactories(scope, { claim: (_type, id) => this.claimId(id, 'gdp (stack level)') });
    this.needs = new StackNeeds(model.env, (name) => {
      const entity = project.lookup('datasets', name);
      if (!entity) return undefined;
      const datasetId = model.attributesOf('datasets', entity.name)?.dataset_id;
      if (datasetId === undefined) throw new Error(`gdp: dataset "${name}" has no dataset_id attribute in ${model.env.name}`);
      return { datasetId, resource: this.created.get(nodeKey('datasets', name))?.[0] };
    });
  }

  /** Runs every entity's synth in the dependency graph's order, then emits the stack-level resources. */
  build(): void {
    for (const key of this.project.graph.topologicalOrder()) {
      const entity = this.entityOf(key);
      if (!entity) continue;
      this.project.moduleOf(entity).synth?.(entity, this.contextFor(entity, key));
      this.done.add(key);
    }
    this.needs.emit(this.plain);
  }

  /** The entity (graph key, `tables/orders_v1`) that created each resource, by Terraform address. */
  owners(): Map<string, string> {
    const owners = new Map<string, string>();
    for (const [key, refs] of this.created) for (const ref of refs) owners.set(ref.address, key);
    return owners;
  }

  private entityOf(key: string): Entity | undefined {
    const i = key.indexOf('/');
    return this.project.lookup(key.slice(0, i), key.slice(i + 1));
  }

  private claimId(id: string, owner: string): void {
    const previous = this.ids.get(id);
    if (previous !== undefined) throw new Error(`gdp: construct id "${id}" is used by both ${previous} and ${owner} in stack ${this.scope.stackName}`);
    this.ids.set(id, owner);
  }

  /** Primary resources of the entities this one depends on (its automatic `depends_on`). */
  private dependencyResources(key: string): ResourceRef[] {
    return this.project.graph
      .dependenciesOf(key)
      .map((dep) => this.created.get(dep)?.[0])
      .filter((r): r is ResourceRef => r !== undefined);
  }

  private contextFor(entity: Entity, key: string): SynthContext {
    const { env } = this.model;
    const owner = `${entity.file.path} (${key})`;
    const refs: ResourceRef[] = [];
    this.created.set(key, refs);
    const automatic = this.dependencyResources(key);
    const hooks = { claim: (_type: string, id: string) => this.claimId(id, owner), created: (ref: ResourceRef) => refs.push(ref) };
    const bound = resourceFactories(this.scope, hooks);
    const declared = new Set(this.project.moduleOf(entity).providerClasses ?? []);
    /** Moves a resource created with `primary: true` to the front of the entity's resources. */
    const makePrimary = (args: ResourceOptions, ref: ResourceRef): ResourceRef => {
      if (args.primary === true) refs.unshift(...refs.splice(refs.indexOf(ref), 1));
      return ref;
    };
    const resources = Object.fromEntries(
      Object.entries(bound).map(([name, factory]) => [
        name,
        (id: string, args: ResourceOptions & object) =>
          makePrimary(args, (factory as (id: string, args: object) => ResourceRef)(id, { ...args, dependsOn: [...automatic, ...(args.dependsOn ?? [])] })),
      ]),
    ) as unknown as ResourceFactories;
    const createdBy = (namespace: string, name: string): readonly ResourceRef[] => {
      const target = nodeKey(namespace, name);
      if (!this.project.lookup(namespace, name)) throw new Error(`gdp: ${owner} asks for the resources of ${target}, which is not declared`);
      if (!this.done.has(target)) {
        throw new Error(`gdp: ${owner} asks for the resources of ${target}, which is synthesized later: the reference is missing from the dependency graph`);
      }
      return this.created.get(target) ?? [];
    };
    return {
      env,
      resolved: this.model.resolved.get(key),
      entity,
      scope: this.scope,
      resources,
      resource: (path, id, args) => {
        if (!declared.has(path)) {
          throw new ModuleTypeError(entity.kind, `module type "${entity.kind}" creates ${path} without listing it in providerClasses (${owner})`);
        }
        try {
          return makePrimary(args, createByPath(this.scope, path, id, { ...args, dependsOn: [...automatic, ...(args.dependsOn ?? [])] }, hooks));
        } catch (e) {
          if (e instanceof ProviderClassError) throw new ModuleTypeError(entity.kind, `module type "${entity.kind}": ${e.message}`);
          throw e;
        }
      },
      project: this.project,
      id: (...parts) => constructId([entity.kind, entity.name, ...parts]),
      labels: (extra) => gdpLabels(env, extra),
      serviceAccount: (purpose) => this.needs.serviceAccount(purpose),
      need: (n) => this.needs.need(n),
      resourceOf: (namespace, name) => createdBy(namespace, name)[0],
      resourcesOf: (namespace, name) => createdBy(namespace, name),
      attributesOf: this.model.attributesOf,
      attribute: attributeOf,
      escape: escapeTerraformTemplate,
    };
  }
}
