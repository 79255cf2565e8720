/**
 * Compile stage 1: configuration files → entities, then the entities they derive (a load's workflow,
 * scheduler job and trigger). Each file is parsed once and validated against its module's schema.
 */
import type { DiagnosticBag } from '../diagnostics';
import { isYamlFile, type RawFile } from '../loader';
import type { AnyModuleType, Entity } from '../module-type';
import type { ModuleRegistry } from '../registry';
import { reportSchemaIssues } from '../schema-errors';
import { parseSource, SourceFile, type ValuePath } from '../source';
import { didYouMean } from '../suggest';
import type { BrokenFiles } from '../follow-on';
import type { Environment } from '../environment';
import { parseWithTypedVariables, rememberTypedPaths } from './typed-references';

/** Entities by namespace, then logical name. */
export type EntityIndex = Map<string, Map<string, Entity>>;

/** Loads every file into `index` (diagnostics into `bag`), then every derived entity. */
export function loadEntities(
  files: readonly RawFile[],
  registry: ModuleRegistry,
  index: EntityIndex,
  bag: DiagnosticBag,
  broken: BrokenFiles,
  environments: readonly Environment[] = [],
): void {
  for (const raw of files) loadEntity(raw, registry, index, bag, broken, environments);
  const declared = sortedEntities(index, registry);
  for (const owner of declared) deriveEntities(owner, registry, index, bag);
}

/** Every entity of the index, sorted by namespace then name. */
export function sortedEntities(index: EntityIndex, registry: ModuleRegistry): Entity[] {
  return [...index.values()].flatMap((m) => [...m.values()]).sort((a, b) => nodeOf(a, registry).localeCompare(nodeOf(b, registry)));
}

/** The graph node of an entity: `namespace/name`. */
export function nodeOf(e: Entity, registry: ModuleRegistry): string {
  return `${registry.get(e.kind)!.namespace}/${e.name}`;
}

function loadEntity(raw: RawFile, registry: ModuleRegistry, index: EntityIndex, bag: DiagnosticBag, broken: BrokenFiles, environments: readonly Environment[]): void {
  const module = registry.forFile(raw.relative);
  if (!isYamlFile(raw.relative)) {
    bag.add({ code: 'GDP111', file: raw.display, message: `${raw.relative} is not a .yaml file and is ignored` });
    return;
  }
  if (!module) {
    const folder = raw.relative.split('/').slice(0, -1).join('/') || '.';
    const folders = registry.all().map((m) => m.folder);
    bag.add({
      code: 'GDP108',
      file: raw.display,
      message: `no module type reads files in folder "${folder}".${didYouMean(folder, folders)}`,
      hint: `Known folders: ${folders.join(', ')}. Platform teams can add module types (README: "Adding a module type").`,
    });
    return;
  }
  const baseName = raw.relative.split('/').pop()!.replace(/\.ya?ml$/i, '');
  const file = parseSource(raw.display, raw.bytes, bag);
  if (!file) {
    broken.add(module, [baseName]);
    return;
  }
  const first = module.schema.safeParse(file.value);
  let typedPaths: readonly ValuePath[] = [];
  let parsed: { readonly data: unknown } = { data: first.data };
  if (!first.success) {
    const typed = parseWithTypedVariables(module.schema, file, first.error.issues, environments, bag);
    if (typed === undefined) reportSchemaIssues(bag, file, module.schema, first.error.issues);
    if (typed === undefined || typed === 'reported') {
      broken.add(module, [baseName, guessedName(module, file.value)]);
      return;
    }
    parsed = typed;
    typedPaths = typed.paths;
  }
  const name = module.compile.logicalName(parsed.data, baseName);
  const entities = index.get(module.namespace)!;
  const existing = entities.get(name);
  if (existing) {
    const pos = file.locate(module.compile.namePath ?? []);
    bag.add({
      code: 'GDP304',
      file: file.path,
      line: pos.line,
      column: pos.column,
      message: `${module.noun} "${name}" is already declared in ${existing.file.path}`,
    });
    return;
  }
  const entity: Entity = { kind: module.kind, name, file, config: parsed.data };
  rememberTypedPaths(entity, typedPaths);
  entities.set(name, entity);
  file.releaseSyntax();
}

/**
 * The file of a derived entity: the deriving entity's file holding the derived configuration as its
 * value, where every position is the position of `at`.
 */
class DerivedSourceFile extends SourceFile {
  constructor(
    private readonly base: SourceFile,
    value: unknown,
    private readonly at: ValuePath,
  ) {
    super(base.path, base.text, undefined, undefined, value);
  }

  override get doc(): SourceFile['doc'] {
    return this.base.doc;
  }

  override get lines(): SourceFile['lines'] {
    return this.base.lines;
  }

  override nodeAt(path: ValuePath): ReturnType<SourceFile['nodeAt']> {
    const found = this.base.nodeAt(this.at);
    return { node: found.node, exact: found.exact && path.length === 0 };
  }

  override locate(): ReturnType<SourceFile['locate']> {
    return this.base.locate(this.at);
  }

  override locateInValue(): ReturnType<SourceFile['locateInValue']> {
    return this.base.locate(this.at);
  }
}

function deriveEntities(owner: Entity, registry: ModuleRegistry, index: EntityIndex, bag: DiagnosticBag): void {
  const ownerModule: AnyModuleType = registry.get(owner.kind)!;
  for (const derived of ownerModule.compile.derive?.(owner) ?? []) {
    const module = registry.get(derived.kind);
    if (!module) throw new Error(`gdp: module type "${owner.kind}" derives an entity of kind "${derived.kind}", which is not registered`);
    const file = new DerivedSourceFile(owner.file, derived.config, derived.at ?? []);
    const parsed = module.schema.safeParse(derived.config);
    if (!parsed.success) {
      reportSchemaIssues(bag, file, module.schema, parsed.error.issues);
      continue;
    }
    const name = module.compile.logicalName(parsed.data, derived.name);
    const entities = index.get(module.namespace)!;
    const existing = entities.get(name);
    if (existing) {
      const pos = file.locate();
      bag.add({
        code: 'GDP304',
        file: file.path,
        line: pos.line,
        column: pos.column,
        message: `${ownerModule.noun} "${owner.name}" creates ${module.noun} "${name}", which is already declared in ${existing.file.path}`,
        hint: `Rename the ${module.noun} of ${existing.file.path}, or the ${ownerModule.noun}.`,
      });
      continue;
    }
    entities.set(name, { kind: module.kind, name, file, config: parsed.data });
  }
}

/** The logical name an invalid file names in its name field (`namePath`), when it holds a string. */
function guessedName(module: AnyModuleType, value: unknown): string | undefined {
  const namePath = module.compile.namePath;
  let v = value;
  for (const key of namePath ?? []) v = v && typeof v === 'object' ? (v as Record<string | number, unknown>)[key] : undefined;
  return namePath && typeof v === 'string' ? v : undefined;
}
