import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { definitionYaml } from '../../src/modules/workflow/synth';
import { yamlBytesBound } from '../../src/modules/workflow/limits';
import type { NativeDefinition } from '../../src/modules/workflow/native';
import { SEED_CONFIG } from '../../src/testing';

const bytes = (value: unknown): number => Buffer.byteLength(definitionYaml(value as NativeDefinition), 'utf8');

describe('the bound that spares writing a workflow as YAML to check its size', () => {
  it('is at least the size of the YAML of every seed workflow', () => {
    const folder = path.join(SEED_CONFIG, 'workflows');
    const files = fs.readdirSync(folder).filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const value: unknown = parse(fs.readFileSync(path.join(folder, f), 'utf8'));
      expect(yamlBytesBound(value)).toBeGreaterThanOrEqual(bytes(value));
    }
  });

  it('is at least the size of the YAML of random values (escapes, multi-line strings, deep nesting, odd keys)', () => {
    let seed = 11;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const pieces = ['a', ' ', '\n', '"', "'", ':', '#', '\t', '\u0001', 'é', '€', '😀', '- ', '${x}', 'yes', '0755', '2024-01-01', '.', '\\', '\r\n', '{', '['];
    const text = (): string => Array.from({ length: random(12) }, () => pieces[random(pieces.length)]).join('');
    const value = (depth: number): unknown => {
      const pick = depth > 5 ? random(4) : random(7);
      if (pick === 0) return text();
      if (pick === 1) return random(2) === 0 ? random(100000) - 50000 : random(1000) / 7;
      if (pick === 2) return [true, false, null][random(3)];
      if (pick === 3) return '';
      if (pick === 4) return Array.from({ length: random(4) }, () => value(depth + 1));
      return Object.fromEntries(Array.from({ length: random(4) }, () => [text() || 'k', value(depth + 1)]));
    };
    for (let i = 0; i < 3000; i++) {
      const v = value(0);
      const b = bytes(v);
      if (yamlBytesBound(v) < b) expect({ v, bound: yamlBytesBound(v), bytes: b }).toBeUndefined();
    }
  });
});
