/**
 * Plugins: module types a project adds without touching gdp. A project lists them in `gdp.config.yaml`
 * (beside `configuration/`) or under `"gdp": { "plugins": [...] }` in its package.json: npm package names,
 * resolved from the project folder, or paths relative to the file that lists them. The CLI, the library
 * API and the cdktf app all load them here, so every entry point sees the same module types.
 */
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { z } from 'zod';
import type { DiagnosticBag } from './diagnostics';
import type { AnyModuleType } from './module-type';
import { RegistryError, type ModuleRegistry } from './registry';
import { reportSchemaIssues } from './schema-errors';
import { parseSource, type SourceFile } from './source';

/** The project config file gdp looks for in the project folder. */
export const PROJECT_CONFIG_FILE = 'gdp.config.yaml';

/** Loads a plugin's code at run time (its path is only known then). */
const loadCode = createRequire(__filename);

const ProjectConfigSchema = z.strictObject({
  plugins: z.array(z.string().min(1)).default([]).meta({ description: 'npm package names, or paths relative to this file, of plugins that add module types.' }),
});

/** A plugin as the project lists it. */
export interface PluginEntry {
  /** As written (`@acme/gdp-pubsub`, `./plugins/widget`). */
  readonly name: string;
  /** Absolute path of the file `require` loads. */
  readonly entry: string;
}

/** A loaded plugin and the module types it exports. */
export interface LoadedPlugin extends PluginEntry {
  readonly modules: readonly AnyModuleType[];
}

interface Listed {
  readonly file: SourceFile;
  /** Value path of the plugins list in the file. */
  readonly at: readonly (string | number)[];
  readonly plugins: readonly string[];
  readonly dir: string;
}

/** Reads the plugin list of a project folder (none when it has neither file); problems go to `bag`. */
function listedPlugins(projectDir: string, bag: DiagnosticBag): Listed | undefined {
  const configPath = path.join(projectDir, PROJECT_CONFIG_FILE);
  if (fs.existsSync(configPath)) {
    const file = parseSource(displayPath(configPath), fs.readFileSync(configPath), bag);
    if (!file) return undefined;
    const parsed = ProjectConfigSchema.safeParse(file.value ?? {});
    if (!parsed.success) {
      reportSchemaIssues(bag, file, ProjectConfigSchema, parsed.error.issues);
      return undefined;
    }
    return { file, at: ['plugins'], plugins: parsed.data.plugins, dir: projectDir };
  }
  const packagePath = path.join(projectDir, 'package.json');
  if (!fs.existsSync(packagePath)) return undefined;
  const bytes = fs.readFileSync(packagePath);
  // Only a package.json with a "gdp" key is gdp's business: anything else in it is npm's.
  if (!hasGdpKey(bytes)) return undefined;
  const file = parseSource(displayPath(packagePath), bytes, bag);
  const gdp = (file?.value as { gdp?: unknown } | undefined)?.gdp;
  if (!file || gdp === undefined) return undefined;
  const parsed = ProjectConfigSchema.safeParse(gdp);
  if (!parsed.success) {
    reportSchemaIssues(bag, file, ProjectConfigSchema, parsed.error.issues.map((i) => ({ ...i, path: ['gdp', ...i.path] })));
    return undefined;
  }
  return { file, at: ['gdp', 'plugins'], plugins: parsed.data.plugins, dir: projectDir };
}

/**
 * Loads the plugins a project lists and registers their module types. Every problem (a plugin that is
 * missing, throws while loading, exports nothing usable, or claims a kind, folder, namespace or code that
 * is taken) is a diagnostic located at the plugin's entry; the plugin is then left out.
 */
export function loadProjectPlugins(projectDir: string, registry: ModuleRegistry, bag: DiagnosticBag): LoadedPlugin[] {
  const listed = listedPlugins(projectDir, bag);
  if (!listed) return [];
  const loaded: LoadedPlugin[] = [];
  listed.plugins.forEach((name, i) => {
    const where = [...listed.at, i];
    const report = (code: 'GDP121' | 'GDP122' | 'GDP123', message: string): void => {
      const pos = listed.file.locate(where);
      bag.add({ code, file: listed.file.path, line: pos.line, column: pos.column, message });
    };
    const plugin = loadPlugin(name, listed.dir, report);
    if (!plugin) return;
    const registered: string[] = [];
    for (const module of plugin.modules) {
      try {
        registry.register(module, { source: 'plugin', name, entry: plugin.entry });
        registered.push(module.kind);
      } catch (e) {
        if (!(e instanceof RegistryError)) throw e;
        report('GDP123', `plugin "${name}": ${e.message}`);
        // A plugin is used whole or not at all.
        for (const kind of registered) registry.remove(kind);
        return;
      }
    }
    loaded.push(plugin);
  });
  return loaded;
}

/** Loads one plugin by its entry (for synthesis workers, which receive the parent's entries). */
export function requirePlugin(entry: PluginEntry): LoadedPlugin {
  const modules = moduleTypesOf(loadCode(entry.entry) as unknown);
  if (!modules) throw new Error(`gdp: plugin "${entry.name}" (${entry.entry}) exports no module type`);
  return { ...entry, modules };
}

function loadPlugin(name: string, dir: string, report: (code: 'GDP121' | 'GDP122', message: string) => void): LoadedPlugin | undefined {
  const isPath = name.startsWith('.') || path.isAbsolute(name);
  let entry: string;
  try {
    entry = require.resolve(isPath ? path.resolve(dir, name) : name, { paths: [dir] });
  } catch {
    report('GDP121', isPath ? `plugin "${name}" was not found at ${path.resolve(dir, name)}` : `plugin "${name}" is not installed in ${displayPath(dir) || '.'}`);
    return undefined;
  }
  let exported: unknown;
  try {
    exported = loadCode(entry) as unknown;
  } catch (e) {
    report('GDP121', `plugin "${name}" failed while loading: ${firstLine(e)}`);
    return undefined;
  }
  const modules = moduleTypesOf(exported);
  if (!modules) {
    report('GDP122', `plugin "${name}" exports no module type (expected \`modules\`, a default export, or a module type)`);
    return undefined;
  }
  const broken = modules.map(shapeProblem).find((p) => p !== undefined);
  if (broken) {
    report('GDP122', `plugin "${name}" exports a module type that ${broken}`);
    return undefined;
  }
  return { name, entry, modules };
}

/** The module types a plugin's exports hold: `modules`, `default` (one or a list), or the exports themselves. */
function moduleTypesOf(exported: unknown): AnyModuleType[] | undefined {
  const e = exported as { modules?: unknown; default?: unknown } | undefined;
  const candidate = e?.modules ?? e?.default ?? exported;
  const list = Array.isArray(candidate) ? candidate : [candidate];
  if (list.length === 0 || !list.every((m) => typeof m === 'object' && m !== null && 'kind' in m)) return undefined;
  return list as AnyModuleType[];
}

/** What is missing from a module type object, in words (undefined when its shape is usable). */
function shapeProblem(m: AnyModuleType): string | undefined {
  const label = `"${String((m as { kind?: unknown }).kind)}"`;
  for (const field of ['kind', 'title', 'folder', 'namespace', 'noun', 'example'] as const) {
    if (typeof m[field] !== 'string') return `${label} has no \`${field}\` text`;
  }
  if (typeof m.schema?.safeParse !== 'function') return `${label} has no zod \`schema\``;
  if (typeof m.compile?.logicalName !== 'function') return `${label} has no \`compile.logicalName\``;
  if (typeof m.codes !== 'object' || m.codes === null) return `${label} has no \`codes\` table`;
  return undefined;
}

function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0];
}

function displayPath(p: string): string {
  const rel = path.relative(process.cwd(), p);
  return rel.startsWith('..') ? p : rel;
}

function hasGdpKey(bytes: Uint8Array): boolean {
  try {
    const value = JSON.parse(Buffer.from(bytes).toString('utf8')) as unknown;
    return typeof value === 'object' && value !== null && 'gdp' in value;
  } catch {
    return false;
  }
}
