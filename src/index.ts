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
export { projectRegistry, GDP_SUBSYSTEM_CODES } from './api';
export type {
  AnyModuleType,
  CheckContext,
  CompileHooks,
  DerivedEntity,
  EnvCheckContext,
  EnvironmentContext,
  EnvironmentHooks,
  FieldReference,
  GeneratedName,
  ProjectView,
  Reporter,
  SqlBody,
  SqlContext,
} from './core/module-type';
export type { SynthContext, ServiceAccountInfo, StackNeed } from './core/synth-context';
export { NAME_RULES, regionalResourceName, locationCode, regionCode, type NameRule } from './core/naming';
export { PROJECT_CONFIG_FILE, type LoadedPlugin, type PluginEntry } from './core/plugins';
/** The zod gdp validates with: plugins define their schemas with it, so `gdp schema` and error messages read them. */
export { z } from 'zod';
export { synthesize, type SynthesizeOptions, type SynthesisResult } from './synth/synthesize';
