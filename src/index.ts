/** gdp's public library API. */
export { validateProject, createRegistry, lineSource, type RunOptions, type ValidateResult } from './api';
export { compileProject, type Project, type CompileInput, type CompileResult } from './core/project';
export { DiagnosticBag, type Diagnostic, type Severity } from './core/diagnostics';
export { CORE_CODES, type DiagnosticCode } from './core/codes';
export { CodeCatalog, type OwnedCode } from './core/code-catalog';
export type { CodeInfo, CodeTable } from './core/code-table';
export { ModuleRegistry } from './core/registry';
export { defineModule, type ModuleType, type Entity } from './core/module-type';
export { ENVIRONMENT_NAMES, EnvironmentSchema, type Environment, type EnvironmentName } from './core/environment';
export { builtinModules } from './modules';
