/** Apps, stacks, backends and the manifest: the cdktf side of the output layout. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, GcsBackend, LocalBackend, Manifest, TerraformStack, type StackManifest } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { installSinglePass, synthesizedObject } from './fast-stack';
import { appOf, stackOf, wrapApp, wrapStack, type StackScope, type SynthApp } from './refs';
import './stack-traces';

/** cdktf's version (written into manifest.json and every stack). */
export const CDKTF_VERSION: string = (JSON.parse(fs.readFileSync(require.resolve('cdktf/package.json'), 'utf8')) as { version: string }).version;

/** Name of the manifest file in the output folder. */
export const MANIFEST_FILE = Manifest.fileName;
/** Folder of the stacks in the output folder. */
export const STACKS_FOLDER = Manifest.stacksFolder;
/** File name of a synthesized stack. */
export const STACK_FILE = 'cdk.tf.json';

/** One stack's entry in manifest.json. */
export type StackManifestEntry = StackManifest;

/** Where an environment stack deploys and keeps its state. */
export interface EnvironmentStackSettings {
  /** Stack name: the environment (dv, qa, np, pd). */
  readonly name: string;
  readonly projectId: string;
  readonly region: string;
  /** Terraform GCS backend (literals: backends cannot reference anything). */
  readonly backend: { readonly bucket: string; readonly prefix: string };
}

/** Creates an app writing into `outdir` (created if missing). */
export function createApp(outdir: string): SynthApp {
  fs.mkdirSync(outdir, { recursive: true });
  // stackTraces: false keeps construct paths of this machine out of manifest annotations.
  return wrapApp(new App({ outdir, stackTraces: false }), outdir);
}

/** Adds one environment's stack: the Google provider (project, region) and the GCS backend. */
export function createEnvironmentStack(app: SynthApp, settings: EnvironmentStackSettings): StackScope {
  const stack = new TerraformStack(appOf(app), settings.name);
  new GoogleProvider(stack, 'google', { project: settings.projectId, region: settings.region });
  new GcsBackend(stack, { bucket: settings.backend.bucket, prefix: settings.backend.prefix });
  installSinglePass(stack);
  return wrapStack(stack, settings.name);
}

/** Adds a stack without provider and with a local backend (for tools and tests that run Terraform). */
export function createLocalStack(app: SynthApp, name: string, statePath: string): StackScope {
  const stack = new TerraformStack(appOf(app), name);
  new LocalBackend(stack, { path: statePath });
  installSinglePass(stack);
  return wrapStack(stack, name);
}

/** Writes every stack of the app and its manifest.json (cdktf's own synthesis). */
export function synthApp(app: SynthApp): void {
  appOf(app).synth();
}

/**
 * The object a stack was synthesized to (what its cdk.tf.json holds), when the single resolve pass
 * produced it in this process; undefined otherwise (then read the file).
 */
export function synthesizedStack(scope: StackScope): unknown {
  return synthesizedObject(stackOf(scope));
}

/** The stack entries of an output folder's manifest.json. */
export function readManifest(outdir: string): Record<string, StackManifestEntry> {
  const text = fs.readFileSync(path.join(outdir, MANIFEST_FILE), 'utf8');
  return (JSON.parse(text) as { stacks: Record<string, StackManifestEntry> }).stacks;
}

/** Writes manifest.json for these stack entries exactly as cdktf's own Manifest writes it. */
export function writeManifest(outdir: string, stacks: Readonly<Record<string, StackManifestEntry>>): void {
  const manifest = new Manifest(CDKTF_VERSION, outdir, false);
  for (const name of Object.keys(stacks).sort()) manifest.stacks[name] = stacks[name];
  manifest.writeToFile();
}
