/**
 * SVG through Graphviz compiled to WebAssembly (@viz-js/viz, maintained, MIT; the wasm ships inside the
 * npm package): no system Graphviz and no network needed.
 */
import { instance } from '@viz-js/viz';
import type { Lineage } from './model';
import { renderDot, type DotOptions } from './render-dot';

/** The SVG text of a lineage graph. */
export async function renderSvg(lineage: Lineage, options: DotOptions = {}): Promise<string> {
  const viz = await instance();
  return viz.renderString(renderDot(lineage, options), { format: 'svg', engine: 'dot' });
}
