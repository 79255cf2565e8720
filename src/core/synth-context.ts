/**
 * What a module's `synth` receives. Filled in by the synthesis layer (see src/synth/).
 */
import type { Environment } from './environment';

/** Context for creating one entity's resources in one environment's stack. */
export interface SynthContext {
  readonly env: Environment;
  /** The entity's configuration with every `${...}` resolved for this environment. */
  readonly resolved: unknown;
}
