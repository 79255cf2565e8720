/** Next runs of Cloud Scheduler jobs (`gdp schedules`, and the schedule changes of `gdp plan`). */
export { projectSchedules, runTimes, type EnvironmentSchedules, type JobSchedule, type RunTime } from './next-runs';
export { renderSchedulesJson, renderSchedulesMarkdown, renderSchedulesText } from './render';
