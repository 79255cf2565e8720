/**
 * The synthesis adapter: the only code that imports `cdktf` and `@cdktf/provider-google` (deep paths only).
 * Everything else talks to it through opaque handles ({@link SynthApp}, {@link StackScope},
 * {@link ResourceRef}) and the small config types below, so moving off cdktf later is local to this folder.
 */
export { applyStackTraceSetting, setTokenStackTraces, tokenStackTracesEnabled, STACK_TRACES_ENV } from './stack-traces';
export { escapeTerraformTemplate } from './escape';
export { plannedRef, type ResourceRef, type StackScope, type SynthApp } from './refs';
export {
  CDKTF_VERSION,
  MANIFEST_FILE,
  STACKS_FOLDER,
  STACK_FILE,
  createApp,
  createEnvironmentStack,
  createLocalStack,
  readManifest,
  synthApp,
  synthesizedStack,
  writeManifest,
  type EnvironmentStackSettings,
  type StackManifestEntry,
} from './app';
export {
  DATA_SOURCE_FACTORIES,
  FACTORY_TYPES,
  attributeOf,
  createByPath,
  resourceFactories,
  stackOutput,
  terraformData,
  type Args,
  type ArgsOf,
  type BigqueryDatasetArgs,
  type BigqueryDatasetIamMemberArgs,
  type BigqueryRoutineArgs,
  type BigqueryTableArgs,
  type FactoryHooks,
  type CloudSchedulerJobArgs,
  type EventarcTriggerArgs,
  type Lifecycle,
  type ProjectIamMemberArgs,
  type ResourceFactories,
  type ResourceOptions,
  type ServiceAccountArgs,
  type StorageBucketIamMemberArgs,
  type StorageProjectServiceAccountArgs,
  type WorkflowsWorkflowArgs,
} from './resources';
export { DATA_SOURCE_TYPES, PROVIDER_PACKAGE, RESOURCE_TYPES } from './provider-types';
export { writeStackFile } from './stack-file';
export { providerClass, ProviderClassError, PROVIDER_PACKAGE_OF_CLASSES } from './provider-class';
