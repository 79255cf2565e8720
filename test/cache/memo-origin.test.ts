/** Modules keep values across runs through `memo` only when built in: a plugin's code beyond its entry file is not in the keys. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { createRegistry, validateProject } from '../../src/api';
import type { AnyModuleType } from '../../src/core/module-type';
import { ROOT, tempDir } from '../../src/testing';

it('gives memo to built-in module types, not to plugins', async () => {
  const memoSeen: boolean[] = [];
  const widget: AnyModuleType = {
    kind: 'widget',
    title: 'widget',
    folder: 'widgets',
    namespace: 'widgets',
    noun: 'widget',
    schema: z.strictObject({ sql: z.string() }),
    codes: {},
    compile: { logicalName: (_config: unknown, baseName: string) => baseName },
    environment: {
      sqlBodies: (entity, ctx) => {
        memoSeen.push(ctx.memo !== undefined);
        return [{ sql: (entity.config as { sql: string }).sql, kind: 'procedure-body', path: ['sql'] }];
      },
    },
    example: '',
  };
  const project = tempDir('gdp-memo-origin-');
  // A plugin loaded from a file: the cache is used (its entry is fingerprinted).
  const entry = path.join(project, 'widget.js');
  fs.writeFileSync(entry, '// the widget module type\n');
  const registry = createRegistry();
  registry.register(widget, { source: 'plugin', name: './widget', entry });
  const configDir = path.join(project, 'configuration');
  fs.cpSync(path.join(ROOT, 'configuration'), configDir, { recursive: true });
  fs.mkdirSync(path.join(configDir, 'widgets'));
  fs.writeFileSync(path.join(configDir, 'widgets', 'w.yaml'), 'sql: "BEGIN SELECT 1; END;"\n');
  const saved = process.env.GDP_CACHE_DIR;
  const cacheDir = tempDir('gdp-memo-origin-cache-');
  process.env.GDP_CACHE_DIR = cacheDir;
  try {
    const result = await validateProject({ configDir, environmentsDir: path.join(ROOT, 'environments'), registry, cache: true });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  } finally {
    process.env.GDP_CACHE_DIR = saved;
  }
  expect(memoSeen.length).toBe(4);
  expect(memoSeen.every((seen) => !seen)).toBe(true);
  // The built-in load module kept its generated procedures.
  expect(fs.readdirSync(cacheDir, { recursive: true }).map(String).some((f) => f.includes('memo-load-procedure'))).toBe(true);
});
