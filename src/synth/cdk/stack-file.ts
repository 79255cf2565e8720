/**
 * Writes a stack that gdp assembled itself (the stacks of a split environment, see src/synth/split) in the
 * exact format of `cdktf synth`: the bytes of cdktf's own serializer (see stable-json.ts), and a manifest
 * entry shaped like cdktf's.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Manifest } from 'cdktf';
import { STACK_FILE, type StackManifestEntry } from './app';
import { writeStableJson } from './stable-json';

/** Writes `stacks/<name>/cdk.tf.json` under `outdir` as cdktf would; returns the stack's manifest entry. */
export function writeStackFile(outdir: string, name: string, tf: unknown, dependencies: readonly string[]): StackManifestEntry {
  const entry: StackManifestEntry = {
    name,
    constructPath: name,
    workingDirectory: path.join(Manifest.stacksFolder, name),
    synthesizedStackPath: path.join(Manifest.stacksFolder, name, STACK_FILE),
    stackMetadataPath: path.join(Manifest.stacksFolder, name, Manifest.stackMetadataPath),
    annotations: [],
    dependencies: [...dependencies],
  };
  fs.mkdirSync(path.join(outdir, entry.workingDirectory), { recursive: true });
  writeStableJson(path.join(outdir, entry.synthesizedStackPath), tf);
  return entry;
}
