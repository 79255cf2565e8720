/**
 * Measures `terraform plan` against the number of resources in one state, on `terraform_data` stand-ins
 * (Terraform's built-in resource: no provider, no cloud, so only Terraform's own cost per resource is
 * measured: graph, state, diff), and the same resources split into several states by gdp's splitter.
 *
 *   node -r ./scripts/ts-register.js scripts/measure-split-plan.ts [--sizes 1000,5000,20000] [--parts 10]
 *
 * For each size: one state (`plan` of an empty state, then `plan` with nothing to change, which is what a
 * CI plan of a deployed environment does), then the same resources split into `--parts` stacks (blocks of
 * consecutive resources), each stack planned. The deployed state is written the way `terraform apply`
 * writes it for terraform_data (applying 20,000 resources through the local backend takes far longer than
 * planning them); the plan saying "No changes" proves the state is what apply would have left. Prints CPU (user+system of terraform and its children, GNU time) and wall seconds, and peak
 * memory. Needs the terraform binary (GDP_TERRAFORM_BIN, default /usr/local/bin/terraform).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { splitStack } from '../src/synth/split/split-stack';

const TERRAFORM = process.env.GDP_TERRAFORM_BIN ?? '/usr/local/bin/terraform';
const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const sizes = arg('sizes', '1000,5000,20000').split(',').map(Number);
const partsCount = Number(arg('parts', '10'));

interface Timing {
  wall: number;
  cpu: number;
  maxKb: number;
}

/** Runs terraform under GNU time; returns wall, CPU (user+sys) seconds and peak resident KB. */
function timed(cwd: string, args: string[]): Timing {
  const file = path.join(cwd, '.time');
  execFileSync('/usr/bin/time', ['-o', file, '-f', '%e %U %S %M', TERRAFORM, ...args, '-no-color', '-input=false'], {
    cwd,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, TF_CLI_CONFIG_FILE: '/dev/null', TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1' },
  });
  const [wall, user, sys, maxKb] = fs.readFileSync(file, 'utf8').trim().split(/\s+/).map(Number);
  return { wall, cpu: user + sys, maxKb };
}

/** A stack of n terraform_data resources; each 10th waits for the one before (some graph edges). */
function standIns(n: number): Record<string, unknown> {
  const resources: Record<string, Record<string, unknown>> = {};
  for (let i = 0; i < n; i++) {
    resources[`r${i}`] = { input: `value ${i}`, ...(i % 10 === 9 ? { depends_on: [`terraform_data.r${i - 1}`] } : {}) };
  }
  return { terraform: { backend: { local: { path: 'unused' } } }, resource: { terraform_data: resources } };
}

/** The state `terraform apply` leaves for these stand-ins (same shape as Terraform 1.11 writes). */
function deployedState(stack: { resource?: { terraform_data?: Record<string, { input: string; depends_on?: string[] }> } }): string {
  const resources = Object.entries(stack.resource?.terraform_data ?? {}).map(([name, r], i) => ({
    mode: 'managed',
    type: 'terraform_data',
    name,
    provider: 'provider["terraform.io/builtin/terraform"]',
    instances: [
      {
        schema_version: 0,
        attributes: { id: `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`, input: { value: r.input, type: 'string' }, output: { value: r.input, type: 'string' }, triggers_replace: null },
        sensitive_attributes: [],
        ...(r.depends_on ? { dependencies: r.depends_on } : {}),
      },
    ],
  }));
  return JSON.stringify({ version: 4, terraform_version: '1.11.4', serial: 1, lineage: '6f0e4c1a-0000-4000-8000-000000000000', outputs: {}, resources, check_results: null });
}

function writeStack(dir: string, tf: unknown): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'cdk.tf.json'), JSON.stringify(tf));
}

/** Plans with nothing to change; throws when Terraform would change something (the state is wrong). */
function planUnchanged(dir: string): Timing {
  const t = timed(dir, ['plan', '-lock=false', '-detailed-exitcode']);
  return t;
}

const show = (t: Timing): string => `${t.cpu.toFixed(1)} s CPU, ${t.wall.toFixed(1)} s wall, ${Math.round(t.maxKb / 1024)} MB`;

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'gdp-measure-split-'));
try {
  console.log(`terraform plan on terraform_data stand-ins (${execFileSync(TERRAFORM, ['version'], { encoding: 'utf8' }).split('\n')[0]}, ${os.cpus().length} cores)`);
  for (const n of sizes) {
    const tf = standIns(n);
    // One state.
    const one = path.join(root, `one-${n}`);
    const oneTf = structuredClone(tf) as { terraform: { backend: { local: { path: string } } } };
    const stateFile = path.join(one, 'terraform.tfstate');
    oneTf.terraform.backend.local.path = stateFile;
    writeStack(one, oneTf);
    timed(one, ['init']);
    const create = timed(one, ['plan', '-lock=false', '-refresh=false']);
    fs.writeFileSync(stateFile, deployedState(tf as never));
    const plan = planUnchanged(one);
    console.log(`${n} resources, 1 state: plan (all new) ${show(create)}; plan (deployed, nothing to change) ${show(plan)}`);
    // The same resources in partsCount states of consecutive resources.
    const block = Math.ceil(n / partsCount);
    const owners = new Map(Array.from({ length: n }, (_, i) => [`terraform_data.r${i}`, `p${String(Math.floor(i / block)).padStart(2, '0')}`]));
    const split = splitStack(structuredClone(tf) as never, { env: 'm', backend: { bucket: 'b', prefix: 'p' }, owners, localStateDir: path.join(root, `split-${n}`, 'state') });
    fs.mkdirSync(path.join(root, `split-${n}`, 'state'), { recursive: true });
    let cpu = 0;
    let slowest = 0;
    for (const s of split.stacks) {
      const dir = path.join(root, `split-${n}`, s.name);
      writeStack(dir, s.tf);
      timed(dir, ['init']);
      fs.writeFileSync(path.join(root, `split-${n}`, 'state', `${s.name}.tfstate`), deployedState(s.tf as never));
      const t = planUnchanged(dir);
      cpu += t.cpu;
      slowest = Math.max(slowest, t.wall);
    }
    console.log(`${n} resources, ${split.stacks.length} states of ${block}: plan (deployed, nothing to change) ${cpu.toFixed(1)} s CPU for all, slowest state ${slowest.toFixed(1)} s wall`);
  }
} finally {
  fs.rmSync(root, { recursive: true, force: true });
}
