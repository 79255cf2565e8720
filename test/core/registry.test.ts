import { z } from 'zod';
import { createRegistry } from '../../src/api';
import type { ModuleType } from '../../src/core/module-type';
import { ModuleRegistry, RegistryError } from '../../src/core/registry';

/** A minimal module type for registry tests. */
function fakeModule(kind: string, folder: string, namespace: string): ModuleType {
  return {
    kind,
    title: kind,
    folder,
    namespace,
    noun: kind,
    schema: z.strictObject({}),
    logicalName: (_config, baseName) => baseName,
    example: '',
  };
}

describe('ModuleRegistry', () => {
  it('refuses a kind registered twice', () => {
    const registry = new ModuleRegistry([fakeModule('table', 'tables', 'tables')]);
    expect(() => registry.register(fakeModule('table', 'other', 'others'))).toThrow(new RegistryError('module type "table" is already registered'));
  });

  it('refuses a folder handled by another kind, naming both', () => {
    expect(() => new ModuleRegistry([fakeModule('table', 'tables', 'tables'), fakeModule('view', 'tables', 'views')])).toThrow(
      'folder "tables" is already handled by module type "table" (registering "view")',
    );
  });

  it('refuses a namespace used by another kind, naming both', () => {
    const registry = new ModuleRegistry([fakeModule('table', 'tables', 'tables')]);
    expect(() => registry.register(fakeModule('view', 'views', 'tables'))).toThrow(RegistryError);
    expect(() => registry.register(fakeModule('view', 'views', 'tables'))).toThrow('namespace "tables" is already used by module type "table" (registering "view")');
    expect(registry.kinds()).toEqual(['table']);
  });

  it('maps a file to the module type of its folder, nested folders included', () => {
    const registry = new ModuleRegistry([fakeModule('dataset', 'datasets', 'datasets'), fakeModule('procedure', 'sql-scripts/sprocs', 'procedures')]);
    expect(registry.forFile('datasets/sales.yaml')?.kind).toBe('dataset');
    expect(registry.forFile('sql-scripts/sprocs/load.yaml')?.kind).toBe('procedure');
    // Only the file's own folder counts: no parent, child or partial folder match.
    expect(registry.forFile('sql-scripts/load.yaml')).toBeUndefined();
    expect(registry.forFile('datasets/archive/old.yaml')).toBeUndefined();
    expect(registry.forFile('datasets.yaml')).toBeUndefined();
    expect(registry.forFile('my-datasets/x.yaml')).toBeUndefined();
  });

  it('looks module types up by kind and namespace', () => {
    const registry = new ModuleRegistry([fakeModule('procedure', 'sql-scripts/sprocs', 'procedures')]);
    expect(registry.get('procedure')?.namespace).toBe('procedures');
    expect(registry.byNamespace('procedures')?.kind).toBe('procedure');
    expect(registry.get('procedures')).toBeUndefined();
    expect(registry.byNamespace('procedure')).toBeUndefined();
  });

  it('lists kinds and module types sorted, whatever the registration order', () => {
    const registry = new ModuleRegistry([fakeModule('workflow', 'workflows', 'workflows'), fakeModule('dataset', 'datasets', 'datasets')]);
    registry.register(fakeModule('scheduler', 'triggers/schedulers', 'schedulers'));
    expect(registry.kinds()).toEqual(['dataset', 'scheduler', 'workflow']);
    expect(registry.all().map((m) => m.folder)).toEqual(['datasets', 'triggers/schedulers', 'workflows']);
  });

  it('registers the built-in module types without conflicts, sorted', () => {
    const kinds = createRegistry().kinds();
    expect(kinds).toContain('dataset');
    expect(kinds).toEqual([...kinds].sort((a, b) => a.localeCompare(b)));
  });
});
