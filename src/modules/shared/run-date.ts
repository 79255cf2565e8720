/**
 * `${date}` in a Cloud Scheduler body: the date of each run, filled in at run time.
 *
 * A scheduler job's body is fixed when it is deployed, so gdp cannot write the date into it. Instead
 * `${date}` resolves to a marker (`@gdp:run_date:<time zone>`) and every workflow that a scheduler
 * calls with `${date}` starts with {@link runDatePrologueSteps}, which replaces each top-level argument
 * value holding the marker by the current date (YYYY-MM-DD) in that time zone.
 */

/** Prefix of the value `${date}` resolves to in a scheduler body; the job's time zone follows it. */
export const RUN_DATE_MARKER = '@gdp:run_date:';

/** The value `${date}` resolves to for a job in this time zone. */
export function runDateMarker(timezone: string): string {
  return RUN_DATE_MARKER + timezone;
}

/** The time zone of a run-date marker, or undefined when the value is not exactly one marker. */
export function parseRunDateMarker(value: string): string | undefined {
  if (!value.startsWith(RUN_DATE_MARKER)) return undefined;
  const timezone = value.slice(RUN_DATE_MARKER.length);
  return /^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(timezone) ? timezone : undefined;
}

/** One native Cloud Workflows step: `{ <step name>: <step body> }`. */
export type NativeStep = Record<string, unknown>;

/**
 * Native Cloud Workflows steps (final syntax: their `${...}` are Workflows expressions, not gdp
 * references) that replace every top-level string value of the argument `argName` starting with
 * {@link RUN_DATE_MARKER} by `text.substring(time.format(sys.now(), <time zone>), 0, 10)`, the date
 * of the run in the zone written after the marker. Arguments that are not maps are left alone.
 */
export function runDatePrologueSteps(argName: string): NativeStep[] {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(argName)) throw new Error(`"${argName}" is not a Cloud Workflows variable name`);
  const value = `${argName}[gdp_run_date_key]`;
  const zone = `text.substring(${value}, ${RUN_DATE_MARKER.length}, len(${value}))`;
  // Nested switches rather than `and`: the type test must guard the regex call.
  const replaceMarker: NativeStep = {
    gdp_run_date_marker: {
      switch: [
        {
          condition: `\${text.match_regex(${value}, "^${RUN_DATE_MARKER}")}`,
          steps: [{ gdp_run_date_fill: { assign: [{ [value]: `\${text.substring(time.format(sys.now(), ${zone}), 0, 10)}` }] } }],
        },
      ],
    },
  };
  const perValue: NativeStep = {
    gdp_run_date_string: {
      switch: [{ condition: `\${get_type(${value}) == "string"}`, steps: [replaceMarker] }],
    },
  };
  return [
    {
      gdp_run_date: {
        switch: [
          {
            condition: `\${get_type(${argName}) == "map"}`,
            steps: [{ gdp_run_date_each: { for: { value: 'gdp_run_date_key', in: `\${keys(${argName})}`, steps: [perValue] } } }],
          },
        ],
      },
    },
  ];
}
