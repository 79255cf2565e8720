/**
 * What every cache key includes besides a result's own inputs: gdp's code (its version and a hash of the
 * files it runs from, so a rebuilt gdp never reads entries of the old one), the versions of the libraries
 * that shape results, and the module set (each module type's kind and origin; a plugin's package name,
 * version and entry file content).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { builtinModules } from '../../modules';
import type { ModuleRegistry } from '../registry';
import { hashOf } from './store';

/** gdp's package folder (holding package.json, `src/` or `dist/`, `templates/`). */
const PACKAGE_ROOT = path.resolve(__dirname, '../../..');
/** Libraries whose version can change what gdp reports or writes. */
const LIBRARIES = ['@fivetrandevelopers/zetasql', 'cdktf', '@cdktf/provider-google', 'yaml', 'js-yaml', 'zod', 'handlebars', 'croner'];
/** Code files of gdp (source maps and declarations change nothing at run time). */
const CODE_FILE = /\.(js|ts|json|hbs)$/;
const NOT_CODE = /\.(d\.ts|js\.map)$/;

let toolHash: string | undefined;

/** The hash of gdp's version, its code files and its libraries' versions (computed once per process). */
export function toolFingerprint(): string {
  toolHash ??= hashOf([packageVersion(PACKAGE_ROOT), ...codeFiles(path.resolve(__dirname, '../..')), ...codeFiles(path.join(PACKAGE_ROOT, 'templates')), ...LIBRARIES.map(libraryVersion)]);
  return toolHash;
}

/**
 * The module set of a registry, or undefined when a module type's code cannot be identified (a module
 * object handed over by a library user, neither built in nor loaded from a plugin file): then nothing is
 * cached, since an entry could outlive a change of that code.
 */
export function moduleSetFingerprint(registry: ModuleRegistry): string | undefined {
  const parts: string[] = [];
  for (const { module, origin } of registry.registered()) {
    if (origin.source === 'builtin') {
      if (!builtinModules.includes(module)) return undefined;
      parts.push(`${module.kind} builtin`);
    } else {
      if (!origin.entry) return undefined;
      const entryText = readOrEmpty(origin.entry);
      parts.push(`${module.kind} plugin ${origin.name} ${pluginPackage(origin.entry)} ${hashOf([entryText])}`);
    }
  }
  return hashOf(parts);
}

/** `name@version` of the package a plugin's entry file belongs to (its nearest package.json). */
function pluginPackage(entry: string): string {
  for (let dir = path.dirname(entry); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (!fs.existsSync(file)) continue;
    try {
      const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: unknown; version?: unknown };
      return `${String(pkg.name)}@${String(pkg.version)}`;
    } catch {
      return 'unreadable package.json';
    }
  }
  return 'no package.json';
}

/** Path and content of each code file under a folder, sorted by path. */
function codeFiles(dir: string): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir, { recursive: true, encoding: 'utf8' });
  } catch {
    return [];
  }
  return names
    .filter((n) => CODE_FILE.test(n) && !NOT_CODE.test(n) && !n.includes('.test.'))
    .sort()
    .flatMap((n) => [n, readOrEmpty(path.join(dir, n))]);
}

function packageVersion(dir: string): string {
  try {
    return String((JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version?: unknown }).version);
  } catch {
    return 'unknown';
  }
}

/** A library's version, read from its package.json on the resolution path. */
function libraryVersion(name: string): string {
  for (const base of require.resolve.paths(name) ?? []) {
    const dir = path.join(base, name);
    if (fs.existsSync(path.join(dir, 'package.json'))) return `${name}@${packageVersion(dir)}`;
  }
  return `${name}@missing`;
}

function readOrEmpty(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
