/**
 * `gdp new module <kind>`: writes a working module type, either into gdp's own tree (src/modules/<kind>,
 * registered in src/modules/index.ts) or as a standalone package a project lists in gdp.config.yaml.
 * Refuses to overwrite anything: every file it would write must not exist yet.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ModuleRegistry } from '../core/registry';
import { ENVIRONMENT_NAMES } from '../core/environment';
import { exampleEnvironment, exampleYaml, moduleSource, PACKAGE_TSCONFIG, packageJson, packageTestSource, treeTestSource, type ScaffoldNames } from './module-files';
import { pluginCodePrefix } from '../core/registry';

/** Thrown for a request the scaffold refuses (bad kind, taken names, existing files); printed as a usage error. */
export class ScaffoldError extends Error {}

const KIND = /^[a-z][a-z0-9_]*$/;

/** What `gdp new module` wrote. */
export interface ScaffoldResult {
  /** Files written, relative to the target folder. */
  readonly files: readonly string[];
  readonly root: string;
}

/** Names of a new module type; refuses a kind, folder or namespace the registry already has. */
export function scaffoldNames(kind: string, registry: ModuleRegistry, inTree: boolean): ScaffoldNames {
  if (!KIND.test(kind)) throw new ScaffoldError(`module kind "${kind}" must be lowercase letters, digits and "_", starting with a letter (e.g. data_contract)`);
  const folder = `${kind}s`;
  const taken = registry.all().find((m) => m.kind === kind || m.folder === folder || m.namespace === folder);
  if (taken) throw new ScaffoldError(`module type "${taken.kind}" already uses the kind, folder or namespace of "${kind}" (configuration/${folder}/, \${${folder}[...]})`);
  const camel = kind.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
  return { kind, camel, upper: kind.toUpperCase(), folder, namespace: folder, firstCode: inTree ? freeTreeCode(registry) : `${pluginCodePrefix(kind)}001` };
}

/** The first GDP code of a free block of ten from GDP500 on: the range the registry has for built-in modules. */
function freeTreeCode(registry: ModuleRegistry): string {
  for (let n = 500; n < 900; n += 10) {
    if (Array.from({ length: 10 }, (_, i) => `GDP${n + i}`).every((c) => !registry.codes.info(c))) return `GDP${n}`;
  }
  throw new ScaffoldError('no free block of GDP codes is left between GDP500 and GDP899');
}

/** Writes a module package into `dir` (which may exist but must not hold any of the files). */
export function scaffoldPackage(names: ScaffoldNames, dir: string, gdpVersion: string): ScaffoldResult {
  const files: Record<string, string> = {
    'package.json': packageJson(names, gdpVersion),
    'tsconfig.json': PACKAGE_TSCONFIG,
    'src/index.ts': moduleSource(names, false),
    [`src/${names.kind}.test.ts`]: packageTestSource(names),
    [`example/configuration/${names.folder}/example.yaml`]: exampleYaml(names),
    ...Object.fromEntries(ENVIRONMENT_NAMES.map((env) => [`example/environments/${env}.json`, exampleEnvironment(env)])),
    'README.md': `# gdp-plugin-${names.kind}\n\nA gdp module type: files in \`configuration/${names.folder}/\`, referenced as \`\${${names.namespace}["name"].id}\`.\n\n\`\`\`sh\nnpm run build   # then list this folder in your project's gdp.config.yaml under plugins:\nnpm test        # builds, then runs the example through validate and synth\n\`\`\`\n`,
  };
  return writeAll(dir, files);
}

/** Writes a module type into gdp's own tree at `root` and registers it in src/modules/index.ts. */
export function scaffoldInTree(names: ScaffoldNames, root: string): ScaffoldResult {
  const index = path.join(root, 'src', 'modules', 'index.ts');
  if (!fs.existsSync(index)) throw new ScaffoldError(`${root} is not gdp's source tree (no src/modules/index.ts); pass --package DIR to write a standalone module package`);
  // Everything is checked before anything is written.
  const text = fs.readFileSync(index, 'utf8');
  const withImport = text.replace(/(import type \{ AnyModuleType \} from '..\/core\/module-type';\n)/, `$1import { ${names.camel}Module } from './${names.kind}';\n`);
  const registered = withImport.replace(/(export const builtinModules: readonly AnyModuleType\[\] = \[\n)/, `$1  ${names.camel}Module,\n`);
  if (registered === withImport || withImport === text) throw new ScaffoldError('nothing was written: src/modules/index.ts does not have the expected shape (register the module type by hand)');
  const result = writeAll(root, {
    [`src/modules/${names.kind}/index.ts`]: moduleSource(names, true),
    [`src/modules/${names.kind}/${names.kind}.test.ts`]: treeTestSource(names),
  });
  fs.writeFileSync(index, registered);
  return { ...result, files: [...result.files, 'src/modules/index.ts'] };
}

function writeAll(root: string, files: Record<string, string>): ScaffoldResult {
  const existing = Object.keys(files).filter((rel) => fs.existsSync(path.join(root, rel)));
  if (existing.length > 0) throw new ScaffoldError(`nothing was written: these files exist already in ${root}: ${existing.join(', ')}`);
  if (fs.existsSync(root) && !fs.statSync(root).isDirectory()) throw new ScaffoldError(`nothing was written: ${root} is a file, not a folder`);
  const written: string[] = [];
  try {
    for (const [rel, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      fs.writeFileSync(path.join(root, rel), text, { flag: 'wx' });
      written.push(rel);
    }
  } catch (e) {
    // Only what this run wrote is removed again.
    for (const rel of written) fs.rmSync(path.join(root, rel), { force: true });
    throw new ScaffoldError(`nothing was written: ${(e as Error).message}`);
  }
  return { root, files: Object.keys(files) };
}
