/** The built-in module types. Adding a module type: add its folder, then one line here. */
import type { ModuleType } from '../core/module-type';
import { datasetModule } from './dataset';

/** Every built-in module type. */
export const builtinModules: readonly ModuleType[] = [
  datasetModule,
] as ModuleType[];
