/**
 * Handles on what the adapter created, so that code outside the adapter never touches a cdktf object.
 * The cdktf objects stay in module-private weak maps.
 */
import type { App, TerraformElement, TerraformStack } from 'cdktf';

/** An app being synthesized into one output folder (opaque). */
export interface SynthApp {
  /** Output folder (the layout of `cdktf synth`: manifest.json + stacks/<name>/cdk.tf.json). */
  readonly outdir: string;
}

/** A Terraform stack that resources are added to (opaque). */
export interface StackScope {
  /** The stack's name (the environment for environment stacks). */
  readonly stackName: string;
}

/** A resource or data source created through the adapter. */
export interface ResourceRef {
  /** Terraform type, e.g. `google_bigquery_dataset`. */
  readonly type: string;
  /** Terraform local name (the construct id), e.g. `dataset_sales`. */
  readonly name: string;
  /** Terraform address, e.g. `google_bigquery_dataset.dataset_sales` or `data.google_x.y`. */
  readonly address: string;
}

const apps = new WeakMap<SynthApp, App>();
const stacks = new WeakMap<StackScope, TerraformStack>();
const elements = new WeakMap<ResourceRef, TerraformElement>();

/** @internal Wraps a cdktf app. */
export function wrapApp(app: App, outdir: string): SynthApp {
  const handle: SynthApp = Object.freeze({ outdir });
  apps.set(handle, app);
  return handle;
}

/** @internal The cdktf app behind a handle. */
export function appOf(handle: SynthApp): App {
  const app = apps.get(handle);
  if (!app) throw new Error('gdp: not an app created by the synthesis adapter');
  return app;
}

/** @internal Wraps a cdktf stack. */
export function wrapStack(stack: TerraformStack, name: string): StackScope {
  const handle: StackScope = Object.freeze({ stackName: name });
  stacks.set(handle, stack);
  return handle;
}

/** @internal The cdktf stack behind a handle. */
export function stackOf(handle: StackScope): TerraformStack {
  const stack = stacks.get(handle);
  if (!stack) throw new Error('gdp: not a stack created by the synthesis adapter');
  return stack;
}

/** @internal Records a created element and returns its handle. */
export function wrapElement(element: TerraformElement, type: string, name: string, data: boolean): ResourceRef {
  const ref: ResourceRef = Object.freeze({ type, name, address: `${data ? 'data.' : ''}${type}.${name}` });
  elements.set(ref, element);
  return ref;
}

/** @internal The cdktf element behind a handle, if the adapter created it. */
export function elementOf(ref: ResourceRef): TerraformElement | undefined {
  return elements.get(ref);
}

/**
 * A handle for a resource that will exist in the stack but is not created yet (stack-level needs are
 * emitted after the entities). Usable in `dependsOn`; the output check verifies it was created.
 */
export function plannedRef(type: string, name: string): ResourceRef {
  return Object.freeze({ type, name, address: `${type}.${name}` });
}
