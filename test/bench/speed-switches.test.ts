/**
 * The speed switches (src/core/speed.ts) and the measures whose equivalence is best shown on many
 * inputs: template scanning (FAST_TEMPLATES) and sorted entity lists (SORTED_LISTS).
 */
import fc from 'fast-check';
import type { Entity } from '../../src/core/module-type';
import { sortedLister } from '../../src/core/project';
import { parseTemplate } from '../../src/core/references';
import { readSpeedSettings, setAllSpeedMeasures, setSpeedMeasure, speedMeasureOn, SPEED_MEASURES, type SpeedMeasure } from '../../src/core/speed';
import { bundledConfiguration, compileFiles } from '../../src/testing';

afterEach(() => {
  setAllSpeedMeasures(undefined);
  readSpeedSettings();
});

describe('speed switches', () => {
  it('are on unless GDP_SPEED or the measure’s own variable is 0', () => {
    // GIVEN no variable THEN every measure is on
    readSpeedSettings({});
    for (const m of Object.keys(SPEED_MEASURES) as SpeedMeasure[]) expect(speedMeasureOn(m)).toBe(true);
    // GIVEN one measure's variable at 0 THEN only that one is off
    readSpeedSettings({ GDP_SPEED_SINGLE_RESOLVE: '0', GDP_SPEED_FAST_RESOLVE: '1' });
    expect(speedMeasureOn('SINGLE_RESOLVE')).toBe(false);
    expect(speedMeasureOn('FAST_RESOLVE')).toBe(true);
    // GIVEN GDP_SPEED=0 THEN all are off
    readSpeedSettings({ GDP_SPEED: '0' });
    expect((Object.keys(SPEED_MEASURES) as SpeedMeasure[]).some((m) => speedMeasureOn(m))).toBe(false);
  });

  it('give way to overrides set in the process', () => {
    // GIVEN the environment turns everything off WHEN a test forces one measure on THEN it is on
    readSpeedSettings({ GDP_SPEED: '0' });
    setSpeedMeasure('LITERAL_REFS', true);
    expect(speedMeasureOn('LITERAL_REFS')).toBe(true);
    setSpeedMeasure('LITERAL_REFS', undefined);
    expect(speedMeasureOn('LITERAL_REFS')).toBe(false);
  });
});

describe('FAST_TEMPLATES', () => {
  const parseBoth = (text: string): [unknown, unknown] => {
    setSpeedMeasure('FAST_TEMPLATES', true);
    const fast = parseTemplate(text);
    const again = parseTemplate(text);
    setSpeedMeasure('FAST_TEMPLATES', false);
    return [[fast, again], [parseTemplate(text), parseTemplate(text)]];
  };

  it('parses known texts like the character scan', () => {
    // GIVEN escapes, references, unclosed and malformed references WHEN parsed both ways THEN the same segments
    for (const text of ['', 'plain', '$${x}', '$$${x}', 'a${b}c', '${tables["t"].reference}', '${x', '${ x.y }${z}', "${a['b']}", '$', '${}', 'x$${y}${z}$']) {
      const [fast, slow] = parseBoth(text);
      expect(fast).toEqual(slow);
    }
  });

  it('parses any text like the character scan', () => {
    // GIVEN random texts made of the characters that matter WHEN parsed both ways THEN the same segments
    const alphabet = fc.constantFrom('$', '{', '}', 'a', '.', '[', ']', '"', "'", '\\', '\n', ' ', '_');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 40 }).map((cs) => cs.join('')), (text) => {
        const [fast, slow] = parseBoth(text);
        expect(fast).toEqual(slow);
      }),
      { numRuns: 2000 },
    );
  });

  it('gives each caller its own list', () => {
    // GIVEN a remembered template WHEN a caller changes its list THEN the next caller does not see it
    setSpeedMeasure('FAST_TEMPLATES', true);
    const first = parseTemplate('a${b}');
    first.pop();
    expect(parseTemplate('a${b}')).toHaveLength(2);
  });
});

describe('SORTED_LISTS', () => {
  it('sees entities added after a first listing', () => {
    // GIVEN a namespace listed once WHEN an entity is added THEN the next listing has it, in order
    setSpeedMeasure('SORTED_LISTS', true);
    const entity = (name: string): Entity => ({ kind: 'dataset', name, file: undefined as unknown as Entity['file'], config: {} });
    const byNamespace = new Map([['datasets', new Map([['b', entity('b')]])]]);
    const all = sortedLister(byNamespace);
    expect(all('datasets').map((e) => e.name)).toEqual(['b']);
    byNamespace.get('datasets')!.set('a', entity('a'));
    expect(all('datasets').map((e) => e.name)).toEqual(['a', 'b']);
    expect(all('nothing')).toEqual([]);
  });

  it('lists the same entities in the same order as without the cache', () => {
    // GIVEN the bundled example WHEN compiled with the cache on and off THEN every namespace lists the same
    setSpeedMeasure('SORTED_LISTS', true);
    const on = compileFiles({}, { base: bundledConfiguration() }).project;
    setSpeedMeasure('SORTED_LISTS', false);
    const off = compileFiles({}, { base: bundledConfiguration() }).project;
    for (const ns of ['datasets', 'tables', 'workflows', 'schedulers', 'loads', 'procedures']) {
      expect(on.all(ns).map((e) => e.name)).toEqual(off.all(ns).map((e) => e.name));
      expect(on.all(ns).map((e) => e.name)).toEqual([...on.all(ns).map((e) => e.name)].sort((a, b) => a.localeCompare(b)));
    }
  });
});
