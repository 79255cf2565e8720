import { z } from 'zod';
import { createRegistry } from '../../src/api';
import type { CodeInfo } from '../../src/core/code-table';
import type { AnyModuleType } from '../../src/core/module-type';
import { ModuleRegistry, RegistryError } from '../../src/core/registry';
import { compileProject } from '../../src/core/project';
import { bundledEnvironments, rawFile } from '../../src/testing';

/** A minimal module type for registry tests. */
function fakeModule(kind: string, folder: string, namespace: string, codes: Record<string, CodeInfo> = {}): AnyModuleType {
  return {
    kind,
    title: kind,
    folder,
    namespace,
    noun: kind,
    schema: z.strictObject({}),
    codes,
    compile: { logicalName: (_config: unknown, baseName: string) => baseName },
    example: '',
  };
}

describe('ModuleRegistry', () => {
  it('refuses a kind registered twice', () => {
    const registry = new ModuleRegistry([fakeModule('table', 'tables', 'tables')]);
    expect(() => registry.register(fakeModule('table', 'other', 'others'))).toThrow(new RegistryError('module type "table" is already registered as module type "table"'));
  });

  it('refuses a folder handled by another kind, naming both', () => {
    expect(() => new ModuleRegistry([fakeModule('table', 'tables', 'tables'), fakeModule('view', 'tables', 'views')])).toThrow(
      'folder "tables" of module type "view" is already handled by module type "table"',
    );
  });

  it('refuses a namespace used by another kind, naming both', () => {
    const registry = new ModuleRegistry([fakeModule('table', 'tables', 'tables')]);
    expect(() => registry.register(fakeModule('view', 'views', 'tables'))).toThrow(RegistryError);
    expect(() => registry.register(fakeModule('view', 'views', 'tables'))).toThrow('namespace "tables" of module type "view" is already used by module type "table"');
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

  it('registers exactly the built-in module types, sorted', () => {
    expect(createRegistry().kinds()).toEqual([
      'alert_policy',
      'bucket',
      'dataquality',
      'dataset',
      'eventarc_trigger',
      'existing_table',
      'gcr',
      'gcrjob',
      'load',
      'notification_channel',
      'permission',
      'procedure',
      'scheduler',
      'statemachine',
      'table',
      'workflow',
    ]);
  });
});

describe('ModuleRegistry: diagnostic codes', () => {
  const info: CodeInfo = { severity: 'error', title: 'x' };

  it('refuses a code another module declares, naming both owners', () => {
    const registry = new ModuleRegistry([fakeModule('table', 'tables', 'tables', { GDP510: info })]);
    expect(() => registry.register(fakeModule('view', 'views', 'views', { GDP510: { ...info, severity: 'warning' } }))).toThrow(
      'code GDP510 of module type "view" is already declared by module type "table"',
    );
    expect(registry.codes.info('GDP510')).toMatchObject({ severity: 'error', owner: 'table' });
    expect(registry.kinds()).toEqual(['table']);
  });

  it('refuses a module code that the core or gdp’s SQL analyzer owns', () => {
    expect(() => new ModuleRegistry([fakeModule('view', 'views', 'views', { GDP201: info })])).toThrow('code GDP201 of module type "view" is already declared by gdp\'s core');
    expect(() => createRegistry([fakeModule('view', 'views', 'views', { GDP620: info })])).toThrow('already declared by gdp\'s sql');
  });

  it('gives every built-in code exactly one owner', () => {
    const owners = new Map(createRegistry().codes.all().map((c) => [c.code, c.owner]));
    expect(owners.get('GDP590')).toBe('load');
    expect(owners.get('GDP510')).toBe('table');
    expect(owners.get('GDP201')).toBe('core');
    expect(owners.get('GDP620')).toBe('sql');
    expect(owners.get('GDP800')).toBe('plan');
  });

  it('makes a plugin use its kind as code prefix', () => {
    const registry = new ModuleRegistry();
    expect(() => registry.register(fakeModule('widget', 'widgets', 'widgets', { GDP700: info }), { source: 'plugin', name: './w' })).toThrow(
      'module type "widget" of plugin "./w" declares code "GDP700"; its codes must be WIDGET followed by three digits (e.g. WIDGET001)',
    );
    registry.register(fakeModule('widget', 'widgets', 'widgets', { WIDGET001: info }), { source: 'plugin', name: './w' });
    expect(registry.registered()[0]).toMatchObject({ codePrefix: 'WIDGET', origin: { source: 'plugin', name: './w' } });
  });
});

describe('module reporters at run time', () => {
  it('refuse a code the module does not own, as a JavaScript plugin could report it', () => {
    // GIVEN a module type (typed loosely, as a plugin in JavaScript is) that reports the load module's GDP590
    const borrower: AnyModuleType = {
      ...fakeModule('borrower', 'borrowers', 'borrowers'),
      compile: {
        logicalName: (_c: unknown, base: string) => base,
        check: (_e, ctx) => (ctx.report as (code: string, path: readonly string[], message: string) => void)('GDP590', [], 'not mine'),
      },
    };
    const registry = createRegistry([...createRegistry().all(), borrower]);
    // WHEN a file of it is compiled THEN the run stops naming the module and the owner
    expect(() =>
      compileProject({ registry, configFiles: [rawFile('borrowers/x.yaml', '{}\n')], environmentFiles: bundledEnvironments(), environments: ['dv'] }),
    ).toThrow('module type "borrower" reports GDP590, which load owns');
  });
});

describe('ModuleRegistry.remove', () => {
  it('takes a module type back with its folder, namespace and codes', () => {
    const registry = new ModuleRegistry();
    registry.register(fakeModule('widget', 'widgets', 'widgets', { WIDGET001: { severity: 'error', title: 'x' } }), { source: 'plugin', name: './w' });
    registry.remove('widget');
    expect(registry.kinds()).toEqual([]);
    expect(registry.forFile('widgets/a.yaml')).toBeUndefined();
    expect(registry.codes.info('WIDGET001')).toBeUndefined();
    expect(registry.codes.info('GDP201')?.owner).toBe('core');
  });
});
