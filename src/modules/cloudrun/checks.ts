/** The rules services and jobs share: CPU and memory, environment variables, secrets, VPC, image, identity. */
import type { EnvironmentName } from '../../core/environment';
import type { Reporter } from '../../core/module-type';
import { didYouMean, listNames } from '../../core/suggest';
import type { CloudRunCode } from './codes';
import { isSecretValue, type ContainerConfig } from './container-schema';
import { digestProblem, imageFor, repositoryProblem, tagProblem } from './image';
import { FRACTIONAL_CPU, MIN_MEMORY_MIB, RESERVED_ENV_PREFIX, RESERVED_ENV_VARS, WHOLE_CPU_MEMORY } from './limits';

/** CPUs as a number (`500m` → 0.5). */
export function cpuCount(cpu: number | string): number {
  if (typeof cpu === 'number') return cpu;
  return cpu.endsWith('m') ? Number(cpu.slice(0, -1)) / 1000 : Number(cpu);
}

/** Memory in MiB (`2Gi` → 2048). */
export function memoryMiB(memory: string): number {
  const n = Number(memory.slice(0, -2));
  return memory.endsWith('Gi') ? n * 1024 : n;
}

function formatMiB(mib: number): string {
  return mib >= 1024 && mib % 1024 === 0 ? `${mib / 1024} GiB` : `${mib} MiB`;
}

/** Why Cloud Run refuses this CPU and memory (for a service or a job), or undefined. */
export function cpuMemoryProblem(cpu: number, mib: number, kind: 'service' | 'job', concurrency?: number): string | undefined {
  const floor = MIN_MEMORY_MIB[kind];
  if (mib < floor) return `memory ${formatMiB(mib)} is below the ${formatMiB(floor)} a Cloud Run ${kind} needs`;
  if (cpu < 1) {
    if (kind === 'job') return `a Cloud Run job needs at least 1 CPU, but cpu is ${cpu}`;
    if (cpu < FRACTIONAL_CPU.min) return `cpu ${cpu} is below Cloud Run's minimum of ${FRACTIONAL_CPU.min}`;
    if (Math.round(cpu * 100) !== cpu * 100) return `cpu ${cpu} is not a multiple of 0.01`;
    if (cpu < 0.5 && mib > FRACTIONAL_CPU.halfCpuMaxMiB) return `${cpu} CPU allows at most ${formatMiB(FRACTIONAL_CPU.halfCpuMaxMiB)}, but memory is ${formatMiB(mib)}`;
    if (mib > FRACTIONAL_CPU.belowOneMaxMiB) return `less than 1 CPU allows at most ${formatMiB(FRACTIONAL_CPU.belowOneMaxMiB)}, but memory is ${formatMiB(mib)}`;
    if (concurrency !== undefined && concurrency !== FRACTIONAL_CPU.concurrency) return `less than 1 CPU serves one request at a time, but concurrency is ${concurrency}`;
    return undefined;
  }
  const range = WHOLE_CPU_MEMORY[cpu];
  if (range === undefined) return `Cloud Run offers 1, 2, 4, 6 or 8 CPUs (or 0.08–1), not ${cpu}`;
  if (mib < range.minMiB || mib > range.maxMiB) {
    return `${cpu} CPU${cpu > 1 ? 's' : ''} take${cpu > 1 ? '' : 's'} ${formatMiB(Math.max(range.minMiB, floor))} to ${formatMiB(range.maxMiB)} of memory, but memory is ${formatMiB(mib)}`;
  }
  return undefined;
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** CPU and memory, environment variables, secrets and VPC: rules that need no environment. */
export function checkContainer(config: ContainerConfig, report: Reporter<CloudRunCode>, kind: 'service' | 'job', concurrency?: number): void {
  const cpu = cpuCount(config.cpu);
  const problem = cpuMemoryProblem(cpu, memoryMiB(config.memory), kind, concurrency);
  if (problem !== undefined) report('GDP713', [problem.startsWith('memory') ? 'memory' : 'cpu'], problem);

  const used = new Set<string>();
  const declared = Object.keys(config.secrets);
  for (const [name, value] of Object.entries(config.env)) {
    if (!ENV_NAME.test(name)) report('GDP714', ['env', name], `environment variable name "${name}" may only hold letters, digits and "_", starting with a letter or "_"`, { key: true });
    else if ((RESERVED_ENV_VARS as readonly string[]).includes(name) || name.startsWith(RESERVED_ENV_PREFIX)) {
      report('GDP715', ['env', name], `environment variable "${name}" is reserved: Cloud Run sets ${name.startsWith(RESERVED_ENV_PREFIX) ? `every ${RESERVED_ENV_PREFIX}* variable` : 'it'} itself`, { key: true });
    }
    if (!isSecretValue(value)) continue;
    used.add(value.secret);
    if (!declared.includes(value.secret)) {
      report('GDP716', ['env', name, 'secret'], `secret "${value.secret}" is not declared under secrets:.${didYouMean(value.secret, declared)}`, {
        hint: `Declared secrets: ${listNames(declared)}. Declare it as secrets: { ${value.secret}: { external: true } } if it exists in Secret Manager.`,
      });
    }
  }
  for (const name of declared) {
    if (!used.has(name)) report('GDP717', ['secrets', name], `secret "${name}" is declared but no environment variable reads it`, { key: true });
  }

  const vpc = config.vpc;
  if (vpc !== undefined) {
    const direct = vpc.network !== undefined || vpc.subnetwork !== undefined;
    if (vpc.connector !== undefined && direct) report('GDP722', ['vpc', 'connector'], 'vpc has both a connector and Direct VPC egress (network/subnetwork); give one', { key: true });
    else if (vpc.connector === undefined && !direct) report('GDP722', ['vpc'], 'vpc needs a connector, or a network and/or subnetwork for Direct VPC egress', { key: true });
    else if (vpc.network_tags !== undefined && !direct) report('GDP722', ['vpc', 'network_tags'], 'network_tags only apply to Direct VPC egress (network/subnetwork)', { key: true });
  }
}

const EMAIL = /^[^@\s/]+@[^@\s/]+\.gserviceaccount\.com$/;

/** The image and the service account, resolved for one environment. */
export function checkContainerInEnvironment(config: ContainerConfig, env: EnvironmentName, report: Reporter<CloudRunCode>): void {
  const image = imageFor(config, env);
  const repoProblem = repositoryProblem(config.image.repository);
  if (repoProblem !== undefined) report('GDP710', ['image', 'repository'], `image repository "${config.image.repository}" ${repoProblem}`);
  if (image.tag === undefined && image.digest === undefined) {
    report('GDP712', image.path, `no image ${image.path[1] === 'digest' ? 'digest' : 'tag'} is given for this environment`);
  } else if (image.digest !== undefined) {
    const p = digestProblem(image.digest);
    if (p !== undefined) report('GDP710', image.path, `image digest "${image.digest}" ${p}`);
  } else if (image.tag !== undefined) {
    const p = tagProblem(image.tag);
    if (p !== undefined) report('GDP710', image.path, `image tag "${image.tag}" ${p}`);
    else if (image.tag === 'latest') {
      const strict = env === 'np' || env === 'pd';
      const why = strict ? 'np and pd must run a pinned image' : 'each deployment may run a different image';
      report('GDP711', image.path, `image tag "latest" is not pinned: ${why}`, {
        severity: strict ? 'error' : 'warning',
      });
    }
  }
  if (config.service_account !== undefined && !EMAIL.test(config.service_account)) {
    report('GDP723', ['service_account'], `service_account "${config.service_account}" is not a service account email`);
  }
}
