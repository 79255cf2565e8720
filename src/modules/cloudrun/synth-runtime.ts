/**
 * What services and jobs share in a stack: the runtime service account (created by gdp unless the file
 * names one) with the roles the file asks for and read access to its secrets, and the container block.
 */
import { SERVICE_ACCOUNT_PURPOSES } from '../../core/environment';
import { serviceAccountEmail } from '../../core/naming';
import type { SynthContext } from '../../core/synth-context';
import type { ResourceRef } from '../../synth/cdk';
import type { CloudRunV2ServiceTemplateVpcAccess } from '@cdktf/provider-google/lib/cloud-run-v2-service';
import type { SecretManagerSecretIamMemberConfig } from '@cdktf/provider-google/lib/secret-manager-secret-iam-member';
import { cpuCount } from './checks';
import { isSecretValue, type ContainerConfig } from './container-schema';
import { imageFor, imageReference } from './image';
import { runtimeAccountEmail, runtimeAccountId, type RunKind } from './naming';

const SECRET_MEMBER = '@cdktf/provider-google/lib/secret-manager-secret-iam-member';

/** Provider classes of the runtime account's grants beyond gdp's own factories. */
export const RUNTIME_PROVIDER_CLASSES = [SECRET_MEMBER] as const;

/** The runtime account's email and what the service or job must wait for (the account and its grants). */
export interface RuntimeIdentity {
  readonly email: string;
  readonly dependsOn: readonly ResourceRef[];
}

/**
 * Creates the runtime account (unless given; a given gdp account such as `${service_accounts.workflows}` is
 * waited for) and its grants: project roles, dataset roles, secret access.
 */
export function synthRuntimeIdentity(ctx: SynthContext<ContainerConfig>, kind: RunKind): RuntimeIdentity {
  const config = ctx.resolved;
  const { env, entity } = ctx;
  const email = runtimeAccountEmail(env, kind, entity.name, config.service_account);
  const member = `serviceAccount:${email}`;
  const dependsOn: ResourceRef[] = [];
  const purpose = SERVICE_ACCOUNT_PURPOSES.find((p) => serviceAccountEmail(env, p) === email);
  if (config.service_account !== undefined && purpose !== undefined) dependsOn.push(...ctx.serviceAccount(purpose).dependsOn);
  if (config.service_account === undefined) {
    dependsOn.push(
      ctx.resources.serviceAccount(ctx.id('runtime'), {
        accountId: runtimeAccountId(env, kind, entity.name),
        displayName: `gdp ${kind === 'gcr' ? 'Cloud Run service' : 'Cloud Run job'} ${entity.name}`,
        project: env.project_id,
      }),
    );
  }
  const account = [...dependsOn];
  for (const role of [...new Set(config.permissions.project_roles)].sort()) {
    dependsOn.push(ctx.resources.projectIamMember(ctx.id('runtime', role.replace(/^roles\//, '')), { project: env.project_id, role, member, dependsOn: account }));
  }
  for (const [dataset, role] of Object.entries(config.permissions.datasets).sort(([a], [b]) => a.localeCompare(b))) {
    const datasetId = ctx.attributesOf('datasets', dataset)?.dataset_id ?? dataset;
    dependsOn.push(
      ctx.resources.bigqueryDatasetIamMember(ctx.id('runtime', 'dataset', dataset), { project: env.project_id, datasetId, role, member, dependsOn: account }),
    );
  }
  for (const [key, secret] of Object.entries(config.secrets).sort(([a], [b]) => a.localeCompare(b))) {
    dependsOn.push(
      ctx.resource<SecretManagerSecretIamMemberConfig>(SECRET_MEMBER, ctx.id('runtime', 'secret', key), {
        project: secret.project ?? env.project_id,
        secretId: secret.secret_id ?? key,
        role: 'roles/secretmanager.secretAccessor',
        member,
        dependsOn: account,
      }),
    );
  }
  return { email, dependsOn };
}

/** CPU as Cloud Run takes it: whole CPUs as a number, less than one in millicpus. */
export function cpuLimit(cpu: number | string): string {
  const n = cpuCount(cpu);
  return n >= 1 ? String(n) : `${Math.round(n * 1000)}m`;
}

/** A container as services and jobs both take it (the provider's two types differ only in ports). */
export interface ContainerBlock {
  readonly image: string;
  readonly command?: string[];
  readonly args?: string[];
  readonly env?: { name: string; value?: string; valueSource?: { secretKeyRef: { secret: string; version: string } } }[];
  readonly resources: { limits: Record<string, string>; cpuIdle?: boolean };
}

/** The container block; `cpuIdle` (request-based CPU) only for services. */
export function containerBlock(ctx: SynthContext<ContainerConfig>, cpuIdle?: boolean): ContainerBlock {
  const config = ctx.resolved;
  const text = (s: string): string => ctx.escape(s);
  const env = Object.entries(config.env).map(([name, value]) => {
    if (!isSecretValue(value)) return { name, value: text(String(value)) };
    const declared = config.secrets[value.secret];
    const id = declared?.secret_id ?? value.secret;
    const secret = declared?.project !== undefined && declared.project !== ctx.env.project_id ? `projects/${declared.project}/secrets/${id}` : id;
    return { name, valueSource: { secretKeyRef: { secret, version: String(value.version) } } };
  });
  return {
    image: text(imageReference(imageFor(config, ctx.env.name))),
    command: config.command?.map(text),
    args: config.args?.map(text),
    env: env.length === 0 ? undefined : env,
    resources: { limits: { cpu: cpuLimit(config.cpu), memory: config.memory }, cpuIdle },
  };
}

/** VPC egress through a connector or Direct VPC egress. */
export function vpcAccess(config: ContainerConfig): CloudRunV2ServiceTemplateVpcAccess | undefined {
  const vpc = config.vpc;
  if (vpc === undefined) return undefined;
  const egress = vpc.egress === 'all_traffic' ? 'ALL_TRAFFIC' : 'PRIVATE_RANGES_ONLY';
  if (vpc.connector !== undefined) return { connector: vpc.connector, egress };
  return { egress, networkInterfaces: [{ network: vpc.network, subnetwork: vpc.subnetwork, tags: vpc.network_tags }] };
}
