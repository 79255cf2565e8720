/** The built-in module types. Adding a module type: add its folder, then one line here (`gdp new module` does both). */
import type { AnyModuleType } from '../core/module-type';
import { bucketModule } from './bucket';
import { cloudRunJobModule } from './cloudrun/job';
import { cloudRunServiceModule } from './cloudrun/service';
import { dataQualityModule } from './dataquality';
import { datasetModule } from './dataset';
import { eventarcTriggerModule } from './eventarc-trigger';
import { existingTableModule } from './existing-table';
import { loadModule } from './load';
import { alertModule, channelModule } from './monitoring';
import { permissionModule } from './permission';
import { procedureModule } from './procedure';
import { schedulerModule } from './scheduler';
import { stateMachineModule } from './statemachine';
import { tableModule } from './table';
import { workflowModule } from './workflow';

/** Every built-in module type. */
export const builtinModules: readonly AnyModuleType[] = [
  alertModule,
  bucketModule,
  channelModule,
  cloudRunJobModule,
  cloudRunServiceModule,
  dataQualityModule,
  datasetModule,
  eventarcTriggerModule,
  existingTableModule,
  loadModule,
  permissionModule,
  procedureModule,
  schedulerModule,
  stateMachineModule,
  tableModule,
  workflowModule,
];
