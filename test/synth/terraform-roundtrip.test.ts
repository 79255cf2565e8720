import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { attributeOf, createApp, createLocalStack, escapeTerraformTemplate, stackOutput, synthApp, terraformData } from '../../src/synth/cdk';
import { tempDir } from './helpers';

/** Text with everything Terraform's template layer and JSON could mangle. */
const INTENDED = [
  'workflow: ${sys.get_env("url")} and ${x}',
  'already escaped: $${y}, directive %{ok}, escaped directive %%{z}, lone $ and % and {braces}',
  'quotes "double" \'single\', backslashes \\ \\n \\" and a real tab\there',
  'second line: ${a + b}',
].join('\n');

const TERRAFORM = process.env.GDP_TERRAFORM_BIN ?? '/usr/local/bin/terraform';

function terraform(cwd: string, args: string[]): string {
  return execFileSync(TERRAFORM, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, TF_CLI_CONFIG_FILE: '/dev/null', TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1', TF_INPUT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

describe('Terraform round trip of literal text', () => {
  it('gives back exactly the intended text through a terraform_data resource and outputs', () => {
    // GIVEN a stack with no provider and a local backend, holding the escaped text
    const out = tempDir('gdp-tf-');
    const app = createApp(out);
    const stack = createLocalStack(app, 'roundtrip', path.join(out, 'roundtrip.tfstate'));
    const escaped = escapeTerraformTemplate(INTENDED);
    const data = terraformData(stack, 'text', escaped);
    stackOutput(stack, 'direct', escaped);
    stackOutput(stack, 'via_resource', attributeOf(data, 'output'));
    stackOutput(stack, 'mixed', `${attributeOf(data, 'output')}|${escaped}`);
    synthApp(app);
    const dir = path.join(out, 'stacks', 'roundtrip');
    expect(fs.readFileSync(path.join(dir, 'cdk.tf.json'), 'utf8')).toContain('$${sys.get_env(\\"url\\")}');
    // WHEN the real terraform binary applies it offline
    terraform(dir, ['init', '-input=false', '-no-color']);
    terraform(dir, ['apply', '-auto-approve', '-input=false', '-no-color']);
    const outputs = JSON.parse(terraform(dir, ['output', '-json'])) as Record<string, { value: string }>;
    // THEN every output is exactly the intended text
    expect(outputs.direct.value).toBe(INTENDED);
    expect(outputs.via_resource.value).toBe(INTENDED);
    expect(outputs.mixed.value).toBe(`${INTENDED}|${INTENDED}`);
    expect(fs.existsSync(path.join(out, 'roundtrip.tfstate'))).toBe(true);
  });

  it('fails without the escaping (the check above really went through Terraform)', () => {
    const out = tempDir('gdp-tf-');
    const app = createApp(out);
    const stack = createLocalStack(app, 'raw', path.join(out, 'raw.tfstate'));
    stackOutput(stack, 'raw', INTENDED);
    synthApp(app);
    const dir = path.join(out, 'stacks', 'raw');
    terraform(dir, ['init', '-input=false', '-no-color']);
    expect(() => terraform(dir, ['apply', '-auto-approve', '-input=false', '-no-color'])).toThrow(/Command failed/);
    expect(fs.existsSync(path.join(out, 'raw.tfstate'))).toBe(false);
  });

  it('escapes with replacer functions: `$$` in the text is not collapsed', () => {
    expect(escapeTerraformTemplate('$${a} ${b} %{c} %%{d} $$ %%')).toBe('$$${a} $${b} %%{c} %%%{d} $$ %%');
  });
});
