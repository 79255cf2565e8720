/**
 * The guard a state machine's `source_objects` add at the start of its workflow. Eventarc cannot filter
 * Cloud Storage events by object name (gcp-domain.md §5.2), so the workflow itself ends executions whose
 * object matches none of the source objects. Executions without a Cloud Storage event run normally.
 *
 * The patterns are matched against `<bucket>/<object name>` with `text.match_regex` (RE2). They are plain
 * list values of a for loop rather than literals inside an expression, so they need no escaping beyond
 * YAML's own.
 */

/** What a source object says about a file (resolved: the bucket is a real name). */
export interface SourceObjectFilter {
  readonly bucket: string;
  readonly prefix?: string;
  readonly suffix?: string;
}

/** Escapes RE2 metacharacters; a backslash before punctuation is always a literal in RE2. */
export function escapeRe2(text: string): string {
  return text.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

/**
 * The RE2 pattern matching `<bucket>/<object name>` for one source object: the bucket exactly, a name
 * starting with the prefix and ending with the suffix. Names shorter than prefix + suffix, where the two
 * overlap (prefix `a.csv`, suffix `.csv`, name `a.csv`), are listed as alternatives since RE2 has no
 * look-ahead.
 */
export function sourceObjectPattern(object: SourceObjectFilter): string {
  const prefix = object.prefix ?? '';
  const suffix = object.suffix ?? '';
  const alternatives = [`${escapeRe2(prefix)}.*${escapeRe2(suffix)}`];
  for (let overlap = Math.min(prefix.length, suffix.length); overlap >= 1; overlap--) {
    if (prefix.endsWith(suffix.slice(0, overlap))) alternatives.push(escapeRe2(prefix + suffix.slice(overlap)));
  }
  const name = alternatives.length === 1 ? alternatives[0] : `(?:${alternatives.join('|')})`;
  return `^${escapeRe2(object.bucket)}/${name}$`;
}

/** Names of the guard's variables and steps start with this, to stay clear of the user's names. */
export const GUARD_PREFIX = 'gdp_source_';

/**
 * Native Cloud Workflows steps that end the execution early, returning `{skipped: true, reason, object}`,
 * when the execution argument `argName` is a Cloud Storage event (`data.bucket` and `data.name` are text)
 * whose object matches none of `objects`. Returns no steps when there are no objects.
 */
export function sourceObjectGuardSteps(objects: readonly SourceObjectFilter[], argName: string): Record<string, unknown>[] {
  return objectGuardSteps(objects.map(sourceObjectPattern), argName, {
    prefix: GUARD_PREFIX,
    reason: 'the object matches none of the source_objects of this workflow',
  });
}

/** How a guard names its steps and variables and explains a skipped execution. */
export interface ObjectGuardOptions {
  /** Prefix of every step and variable name (keeps guards apart from each other and from the user's names). */
  readonly prefix: string;
  /** The `reason` of the skipped result. */
  readonly reason: string;
}

/**
 * Native steps that end the execution early, returning `{skipped: true, reason, object}`, when the argument
 * `argName` is a Cloud Storage event whose `<bucket>/<object name>` matches none of the RE2 `patterns`.
 * Returns no steps when there are no patterns.
 */
export function objectGuardSteps(patterns: readonly string[], argName: string, options: ObjectGuardOptions): Record<string, unknown>[] {
  if (patterns.length === 0) return [];
  const v = (name: string): string => `${options.prefix}${name}`;
  const step = (name: string, body: Record<string, unknown>): Record<string, unknown> => ({ [v(name)]: body });
  const when = (condition: string, steps: Record<string, unknown>[]): Record<string, unknown> => ({ switch: [{ condition, steps }] });

  // Read `<bucket>/<name>` from the event, one level at a time: map.get fails on a value that is not a map.
  const readObject = [
    step('read_data', { assign: [{ [v('data')]: `\${map.get(${argName}, "data")}` }] }),
    step(
      'read_object',
      when(`\${get_type(${v('data')}) == "map"}`, [
        step(
          'is_storage_event',
          when(`\${get_type(map.get(${v('data')}, "bucket")) == "string" and get_type(map.get(${v('data')}, "name")) == "string"}`, [
            step('object', { assign: [{ [v('object')]: `\${${v('data')}.bucket + "/" + ${v('data')}.name}` }] }),
          ]),
        ),
      ]),
    ),
  ];
  const match = [
    step('match', {
      for: {
        value: v('pattern'),
        in: [...patterns],
        steps: [
          step(
            'test',
            when(`\${text.match_regex(${v('object')}, ${v('pattern')})}`, [
              step('matched', { assign: [{ [v('matched')]: true }], next: 'break' }),
            ]),
          ),
        ],
      },
    }),
    step(
      'skip',
      when(`\${${v('matched')} == false}`, [
        step('skipped', {
          return: { skipped: true, reason: options.reason, object: `\${${v('object')}}` },
        }),
      ]),
    ),
  ];
  return [
    step('guard', {
      steps: [
        step('init', { assign: [{ [v('object')]: null }, { [v('matched')]: false }] }),
        step('read_event', when(`\${get_type(${argName}) == "map"}`, readObject)),
        step('filter', when(`\${${v('object')} != null}`, match)),
      ],
    }),
  ];
}
