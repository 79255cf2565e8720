/** Monitoring: notification channels and alert policies (`configuration/monitoring/`). */
export { alertModule } from './alert';
export { channelModule } from './channel';
