/**
 * A package-lock.json for a project that has only gdp (a packed tarball) as a dev dependency, with the
 * versions gdp's own package-lock.json pins. npm can then install it offline from its cache: without a
 * lock file npm needs the registry's package documents to resolve versions, and the cache only holds the
 * tarballs (tests run without network).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

interface LockEntry {
  version?: string;
  resolved?: string;
  inBundle?: boolean;
  dev?: boolean;
  link?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  [field: string]: unknown;
}

interface PackageJson {
  name: string;
  version: string;
  license?: string;
  bin?: Record<string, string>;
  engines?: Record<string, string>;
  dependencies: Record<string, string>;
}

/** The lock key of the package `name` as Node resolves it from the package at `from` (`''`: the root). */
function resolveKey(packages: Record<string, LockEntry>, from: string, name: string): string | undefined {
  let base = from;
  for (;;) {
    const key = `${base ? `${base}/` : ''}node_modules/${name}`;
    if (packages[key]) return key;
    if (!base) return undefined;
    const parent = base.lastIndexOf('/node_modules/');
    base = parent >= 0 ? base.slice(0, parent) : '';
  }
}

/** The registry URL npm downloads a package version from (the key of its tarball in npm's cache). */
function tarballUrl(name: string, version: string): string {
  return `https://registry.npmjs.org/${name}/-/${name.split('/').pop()}-${version}.tgz`;
}

/**
 * Writes package.json and package-lock.json into `projectDir`: gdp from `tarball` as the only dev
 * dependency, and every package gdp's runtime dependencies need at the versions `gdpRoot`'s lock pins.
 */
export function writeProjectWithGdp(projectDir: string, gdpRoot: string, tarball: string): void {
  const gdp = JSON.parse(fs.readFileSync(path.join(gdpRoot, 'package.json'), 'utf8')) as PackageJson;
  const lock = JSON.parse(fs.readFileSync(path.join(gdpRoot, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const needed = new Set<string>();
  const visit = (key: string): void => {
    if (needed.has(key)) return;
    needed.add(key);
    const entry = lock.packages[key];
    for (const name of Object.keys({ ...entry.dependencies, ...entry.optionalDependencies, ...entry.peerDependencies })) {
      const found = resolveKey(lock.packages, key, name);
      if (found) visit(found);
    }
  };
  for (const name of Object.keys(gdp.dependencies)) {
    const key = resolveKey(lock.packages, '', name);
    if (!key) throw new Error(`gdp's package-lock.json has no entry for its dependency ${name}: run npm install in gdp`);
    visit(key);
  }
  const spec = `file:${path.relative(projectDir, tarball).split(path.sep).join('/')}`;
  const packages: Record<string, LockEntry> = {
    '': { name: path.basename(projectDir), version: '1.0.0', devDependencies: { [gdp.name]: spec } },
    [`node_modules/${gdp.name}`]: { version: gdp.version, resolved: spec, dev: true, license: gdp.license, dependencies: gdp.dependencies, bin: gdp.bin, engines: gdp.engines },
  };
  for (const key of [...needed].sort()) {
    const entry = { ...lock.packages[key], dev: true };
    if (!entry.resolved && !entry.inBundle && !entry.link && entry.version) entry.resolved = tarballUrl(key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length), entry.version);
    packages[key] = entry;
  }
  const manifest = { name: path.basename(projectDir), version: '1.0.0', private: true, devDependencies: { [gdp.name]: spec } };
  fs.writeFileSync(path.join(projectDir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  fs.writeFileSync(path.join(projectDir, 'package-lock.json'), `${JSON.stringify({ name: manifest.name, version: '1.0.0', lockfileVersion: 3, requires: true, packages }, null, 2)}\n`);
}
