/**
 * Switches for gdp's speed measures (docs/performance.md). Every measure is on by default and can be
 * turned off with its environment variable set to `0` (`GDP_SPEED_<NAME>=0`), or for all of them at
 * once with `GDP_SPEED=0`. They exist so that test/bench/identity.test.ts can prove that each measure
 * changes nothing in the Terraform written, and so that a suspected measure can be ruled out quickly.
 * Child processes inherit the variables, so a switch reaches the synthesis workers too.
 */

/** The speed measures, with what each one does. */
export const SPEED_MEASURES = {
  /** cdktf resolves each stack three times (prepare, per element, whole tree): once is enough for gdp's stacks. */
  SINGLE_RESOLVE: 'resolve each element of a stack once instead of three times',
  /** Only subtrees that hold a cdktf token go through cdktf's (slow) resolver; plain data is copied. */
  FAST_RESOLVE: 'copy plain values instead of passing them through cdktf token resolution',
  /** Attribute references are written as literal `${type.name.attr}` expressions, not cdktf tokens. */
  LITERAL_REFS: 'write attribute references as literal expressions instead of cdktf tokens',
  /** The output check reads the synthesized object instead of parsing the file cdktf wrote. */
  CHECK_IN_MEMORY: 'check the synthesized stack in memory instead of reading the written file back',
  /** Sorted entity lists per namespace are computed once, not on every lookup. */
  SORTED_LISTS: 'cache the sorted entities of each namespace',
  /** A synthesis computes each entity's attributes once per environment instead of on every request. */
  CACHED_ATTRIBUTES: "compute each entity's attributes once per stack",
  /** A loaded file drops its YAML syntax tree; it is parsed again only if a position is needed. */
  COMPACT_FILES: 'release the YAML syntax tree of each loaded file',
  /** Resolved configurations share every part that holds no reference with the configuration. */
  SHARED_RESOLVED: 'share unchanged parts between a configuration and its resolved copies',
  /** `${...}` templates are scanned by slices and remembered by text. */
  FAST_TEMPLATES: 'scan templates by slices and remember them by text',
  /** Configuration files are read many at a time. */
  PARALLEL_READS: 'read configuration files many at a time',
  /** Reference resolution lists the declared names only when it reports an error. */
  LAZY_NAMES: 'list declared names only for error messages',
} as const;

/** The name of a speed measure. */
export type SpeedMeasure = keyof typeof SPEED_MEASURES;

/** Environment variable that turns every measure off when set to `0`. */
export const SPEED_ENV = 'GDP_SPEED';

/** The environment variable of one measure (`GDP_SPEED_SINGLE_RESOLVE`). */
export function speedEnvVariable(measure: SpeedMeasure): string {
  return `${SPEED_ENV}_${measure}`;
}

const overrides = new Map<SpeedMeasure, boolean>();
/** The environment's settings, read once: `process.env` is slow to read and some checks run per value. */
let fromEnvironment: Map<SpeedMeasure, boolean> | undefined;

/** Reads the settings of every measure from an environment (`process.env` by default). */
export function readSpeedSettings(env: NodeJS.ProcessEnv = process.env): void {
  fromEnvironment = new Map(
    (Object.keys(SPEED_MEASURES) as SpeedMeasure[]).map((m) => [m, env[SPEED_ENV] !== '0' && env[speedEnvVariable(m)] !== '0']),
  );
}

/** Whether a measure is on: an override from {@link setSpeedMeasure}, else the environment (default on). */
export function speedMeasureOn(measure: SpeedMeasure): boolean {
  const forced = overrides.get(measure);
  if (forced !== undefined) return forced;
  if (!fromEnvironment) readSpeedSettings();
  return fromEnvironment!.get(measure)!;
}

/** Turns a measure on or off in this process (tests); `undefined` returns it to the environment's setting. */
export function setSpeedMeasure(measure: SpeedMeasure, on: boolean | undefined): void {
  if (on === undefined) overrides.delete(measure);
  else overrides.set(measure, on);
}

/** Sets every measure at once (tests); `undefined` returns all of them to the environment's setting. */
export function setAllSpeedMeasures(on: boolean | undefined): void {
  for (const m of Object.keys(SPEED_MEASURES) as SpeedMeasure[]) setSpeedMeasure(m, on);
}
