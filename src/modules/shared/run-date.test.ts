import { parseRunDateMarker, RUN_DATE_MARKER, runDateMarker, runDatePrologueSteps, type NativeStep } from './run-date';

/**
 * A tiny interpreter for the subset of Cloud Workflows the prologue uses (switch with nested steps,
 * for over a list, assign), evaluating expressions as JavaScript with Workflows' functions.
 */
function runSteps(steps: NativeStep[], vars: Record<string, unknown>, now: Date): void {
  const pad = (n: number): string => String(n).padStart(2, '0');
  const scope: Record<string, unknown> = {
    get_type: (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'list' : typeof v === 'object' ? 'map' : typeof v === 'string' ? 'string' : typeof v),
    keys: (m: Record<string, unknown>) => Object.keys(m),
    len: (s: string) => s.length,
    text_match_regex: (s: string, re: string) => new RegExp(re).test(s),
    text_substring: (s: string, start: number, end: number) => s.substring(start, end),
    sys_now: () => now.getTime() / 1000,
    time_format: (seconds: number, zone: string) => {
      const p = Object.fromEntries(
        new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
          .formatToParts(new Date(seconds * 1000))
          .map((x) => [x.type, x.value]),
      );
      return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}.000000+${pad(0)}:00`;
    },
  };
  const evaluate = (expr: unknown): unknown => {
    const m = /^\$\{(.*)\}$/s.exec(String(expr));
    if (!m) return expr;
    const js = m[1].replace(/\b(text|time|sys)\.(\w+)/g, '$1_$2');
    const names = [...Object.keys(scope), ...Object.keys(vars)];
    return new Function(...names, `return (${js});`)(...names.map((n) => (n in vars ? vars[n] : scope[n])));
  };
  for (const step of steps) {
    const [, body] = Object.entries(step)[0] as [string, Record<string, unknown>];
    if (body.switch) {
      const match = (body.switch as { condition: string; steps: NativeStep[] }[]).find((c) => evaluate(c.condition) === true);
      if (match) runSteps(match.steps, vars, now);
    } else if (body.for) {
      const loop = body.for as { value: string; in: string; steps: NativeStep[] };
      for (const item of evaluate(loop.in) as unknown[]) {
        vars[loop.value] = item;
        runSteps(loop.steps, vars, now);
      }
      delete vars[loop.value];
    } else if (body.assign) {
      for (const a of body.assign as Record<string, string>[]) {
        const [target, value] = Object.entries(a)[0];
        const indexed = /^(\w+)\[(\w+)\]$/.exec(target);
        if (!indexed) throw new Error(`unexpected assignment target ${target}`);
        (vars[indexed[1]] as Record<string, unknown>)[vars[indexed[2]] as string] = evaluate(value);
      }
    } else {
      throw new Error(`unexpected step ${JSON.stringify(step)}`);
    }
  }
}

describe('run date marker', () => {
  it('carries the time zone after the marker', () => {
    expect(runDateMarker('Europe/Paris')).toBe('@gdp:run_date:Europe/Paris');
    expect(parseRunDateMarker('@gdp:run_date:Europe/Paris')).toBe('Europe/Paris');
    expect(parseRunDateMarker('@gdp:run_date:Etc/GMT+1')).toBe('Etc/GMT+1');
    expect(parseRunDateMarker('run-@gdp:run_date:Europe/Paris')).toBeUndefined();
    expect(parseRunDateMarker('@gdp:run_date:Europe/Paris.csv')).toBeUndefined();
  });
});

describe('runDatePrologueSteps', () => {
  it('fills in the run date of every top-level marker in its own time zone', () => {
    // GIVEN the argument a scheduler sends, at 22:30 UTC on 31 March (already 1 April in Paris)
    const args = {
      source: 'scheduler',
      date: runDateMarker('Europe/Paris'),
      utc_date: runDateMarker('Etc/UTC'),
      count: 3,
      nested: { date: runDateMarker('Etc/UTC') },
      note: 'not @gdp:run_date:Etc/UTC',
    };
    const vars: Record<string, unknown> = { args };
    // WHEN the prologue runs
    runSteps(runDatePrologueSteps('args'), vars, new Date(Date.UTC(2024, 2, 31, 22, 30)));
    // THEN top-level markers hold the local date; everything else is untouched
    expect(vars.args).toEqual({
      source: 'scheduler',
      date: '2024-04-01',
      utc_date: '2024-03-31',
      count: 3,
      nested: { date: runDateMarker('Etc/UTC') },
      note: 'not @gdp:run_date:Etc/UTC',
    });
  });

  it('leaves an argument that is not a map alone', () => {
    for (const value of [null, 'x', [runDateMarker('Etc/UTC')]]) {
      const vars: Record<string, unknown> = { event: value };
      runSteps(runDatePrologueSteps('event'), vars, new Date());
      expect(vars.event).toEqual(value);
    }
  });

  it('uses the argument name and stays within Workflows limits', () => {
    const strings: string[] = [];
    const collect = (v: unknown): void => {
      if (typeof v === 'string') strings.push(v);
      else if (v && typeof v === 'object') Object.entries(v).forEach(([k, x]) => (collect(k), collect(x)));
    };
    collect(runDatePrologueSteps('input'));
    expect(strings).toContain('${keys(input)}');
    expect(strings.some((s) => s.includes('args'))).toBe(false);
    expect(strings.some((s) => s.includes(`"^${RUN_DATE_MARKER}"`))).toBe(true);
    for (const s of strings) expect(s.length).toBeLessThanOrEqual(400);
    expect(() => runDatePrologueSteps('not valid')).toThrow(/not a Cloud Workflows variable name/);
  });
});
