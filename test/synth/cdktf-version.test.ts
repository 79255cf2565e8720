/**
 * src/synth/cdk/fast-stack.ts replaces two methods of cdktf's TerraformStack and reads private members
 * and internal modules (cdktf/lib/_tokens, token-map, util), as cdktf 0.21.0 has them. cdktf is archived,
 * but a version change (a lock-file update) must stop the build loudly rather than synthesize wrong stacks.
 */
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

/** The cdktf version the patch in fast-stack.ts was written against. */
const PATCHED_CDKTF = '0.21.0';

describe('the cdktf internals fast-stack.ts patches', () => {
  it(`belong to cdktf ${PATCHED_CDKTF}`, () => {
    const installed = (JSON.parse(fs.readFileSync(require.resolve('cdktf/package.json'), 'utf8')) as { version: string }).version;
    if (installed !== PATCHED_CDKTF) {
      throw new Error(
        `cdktf ${installed} is installed, but src/synth/cdk/fast-stack.ts patches TerraformStack.prepareStack/toTerraform as cdktf ${PATCHED_CDKTF} ` +
          'has them: review fast-stack.ts against the new cdktf sources, then update PATCHED_CDKTF here.',
      );
    }
    expect(installed).toBe(PATCHED_CDKTF);
  });

  it('still has the internal modules and private members the patch reads', () => {
    const root = path.dirname(require.resolve('cdktf/package.json'));
    for (const internal of ['lib/_tokens', 'lib/tokens/private/token-map', 'lib/util']) expect(fs.existsSync(path.join(root, `${internal}.js`))).toBe(true);
    const stackSource = fs.readFileSync(path.join(root, 'lib', 'terraform-stack.js'), 'utf8');
    for (const member of ['rawOverrides', 'cdktfVersion', 'prepareStack', 'toTerraform', 'ensureBackendExists']) expect(stackSource).toContain(member);
  });

  it('bundles the json-stable-stringify src/synth/cdk/stack-file.ts writes split stacks with, at the version read', () => {
    const fromCdktf = createRequire(require.resolve('cdktf/package.json'));
    const { version } = JSON.parse(fs.readFileSync(fromCdktf.resolve('json-stable-stringify/package.json'), 'utf8')) as { version: string };
    expect(version).toBe('1.3.0');
  });
});
