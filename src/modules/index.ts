/** The built-in module types. Adding a module type: add its folder, then one line here. */
import type { ModuleType } from '../core/module-type';
import { datasetModule } from './dataset';
import { eventarcTriggerModule } from './eventarc-trigger';
import { existingTableModule } from './existing-table';
import { loadModule } from './load';
import { procedureModule } from './procedure';
import { schedulerModule } from './scheduler';
import { stateMachineModule } from './statemachine';
import { tableModule } from './table';
import { workflowModule } from './workflow';

/** Every built-in module type. */
export const builtinModules: readonly ModuleType[] = [
  datasetModule,
  eventarcTriggerModule,
  existingTableModule,
  loadModule,
  procedureModule,
  schedulerModule,
  stateMachineModule,
  tableModule,
  workflowModule,
] as ModuleType[];
