import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { splitStack } from '../../src/synth/split/split-stack';
import { tempDir } from './helpers';

const TERRAFORM = process.env.GDP_TERRAFORM_BIN ?? '/usr/local/bin/terraform';

function terraform(cwd: string, args: string[]): string {
  return execFileSync(TERRAFORM, [...args, '-no-color'], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, TF_CLI_CONFIG_FILE: '/dev/null', TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1', TF_INPUT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** One environment's stack of `terraform_data` stand-ins: `source` in part a, `copy` (reading it) in part b. */
const UNSPLIT = {
  '//': { metadata: { backend: 'local', stackName: 'dv', version: '0.21.0' }, outputs: {} },
  terraform: { backend: { local: { path: 'unused.tfstate' } } },
  resource: {
    terraform_data: {
      source: { input: 'hello from a' },
      copy: { input: 'b got: ${terraform_data.source.output}${terraform_data.source.output}, not $${terraform_data.source.output}', depends_on: ['terraform_data.source'] },
      later: { input: 'waits', depends_on: ['terraform_data.copy'] },
    },
  },
  output: {},
};

describe('split stacks through the real terraform binary', () => {
  it('apply in wave order, and the reading stack gets the value through the output and the remote state', () => {
    const dir = tempDir('gdp-split-tf-');
    const owners = new Map([
      ['terraform_data.source', 'a'],
      ['terraform_data.copy', 'b'],
      ['terraform_data.later', 'b'],
    ]);
    const split = splitStack(structuredClone(UNSPLIT), { env: 'dv', backend: { bucket: 'b', prefix: 'gdp/dv' }, owners, localStateDir: path.join(dir, 'state') });
    expect(split.waves).toEqual([['dv-a'], ['dv-b']]);
    const b = split.stacks.find((s) => s.name === 'dv-b')!;
    // the reference became a read of a's output; the depends_on a read of a's state
    const copy = (b.tf.resource as Record<string, Record<string, { input: string; depends_on: string[] }>>).terraform_data.copy;
    const read = '${data.terraform_remote_state.cross-stack-reference-input-dv-a.outputs.cross-stack-output-terraform_data-source-output}';
    expect(copy.input).toBe(`b got: ${read}${read}, not $\${terraform_data.source.output}`);
    expect(copy.depends_on).toEqual(['data.terraform_remote_state.cross-stack-reference-input-dv-a']);
    const later = (b.tf.resource as Record<string, Record<string, { depends_on: string[] }>>).terraform_data.later;
    expect(later.depends_on).toEqual(['terraform_data.copy']);
    for (const wave of split.waves) {
      for (const name of wave) {
        const stackDir = path.join(dir, name);
        fs.mkdirSync(stackDir, { recursive: true });
        fs.writeFileSync(path.join(stackDir, 'cdk.tf.json'), JSON.stringify(split.stacks.find((s) => s.name === name)!.tf, null, 2));
        terraform(stackDir, ['init', '-input=false']);
        terraform(stackDir, ['apply', '-auto-approve', '-input=false']);
      }
    }
    const state = JSON.parse(terraform(path.join(dir, 'dv-b'), ['show', '-json'])) as {
      values: { root_module: { resources: { address: string; values: { output: string } }[] } };
    };
    const applied = state.values.root_module.resources.find((r) => r.address === 'terraform_data.copy')!;
    expect(applied.values.output).toBe('b got: hello from ahello from a, not ${terraform_data.source.output}');
  });
});
