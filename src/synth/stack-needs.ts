/**
 * Stack-level resources: one service account per purpose that is used, its baseline grants, and the needs
 * modules register (dataset roles, bucket roles, project roles, the Cloud Storage service agent's publisher
 * grant).
 * Everything is collected while entities are synthesized and emitted once at the end, de-duplicated,
 * in sorted order, with ids built from names only.
 */
import type { Environment } from '../core/environment';
import { serviceAccountEmail, serviceAccountId } from '../core/naming';
import type { BucketRole, DatasetRole, ServiceAccountInfo, ServiceAccountPurpose, StackNeed } from '../core/synth-context';
import { FACTORY_TYPES, attributeOf, plannedRef, type ResourceFactories, type ResourceRef } from './cdk';

/** Project roles each purpose's account gets as soon as the purpose is used (reference/gcp-domain.md §7). */
export const BASELINE_ROLES: Readonly<Record<ServiceAccountPurpose, readonly `roles/${string}`[]>> = {
  workflows: ['roles/bigquery.jobUser'],
  triggers: ['roles/eventarc.eventReceiver', 'roles/workflows.invoker'],
  schedulers: ['roles/workflows.invoker'],
};

/** Other needs that come with a purpose: Eventarc triggers on Cloud Storage need the agent's publisher grant. */
const BASELINE_NEEDS: Readonly<Record<ServiceAccountPurpose, readonly StackNeed[]>> = {
  workflows: [],
  triggers: [{ kind: 'storage-service-agent-publisher' }],
  schedulers: [],
};

/** Dataset roles from weakest to strongest: one grant per account and dataset holds the strongest asked for. */
const DATASET_ROLE_RANK: Readonly<Record<DatasetRole, number>> = {
  'roles/bigquery.dataViewer': 1,
  'roles/bigquery.dataEditor': 2,
  'roles/bigquery.dataOwner': 3,
};

/** Bucket roles from weakest to strongest: one grant per account and bucket holds the strongest asked for. */
const BUCKET_ROLE_RANK: Readonly<Record<BucketRole, number>> = {
  'roles/storage.objectViewer': 1,
  'roles/storage.objectAdmin': 2,
};

const STORAGE_AGENT_ID = 'gcs_service_agent';
const STORAGE_AGENT_GRANT_ID = 'iam_gcs_service_agent_pubsub_publisher';

/** What the stack needs to know about datasets to grant roles on them. */
export interface DatasetLookup {
  /** The dataset's id in this environment and its primary resource; undefined when no such dataset exists. */
  (name: string): { readonly datasetId: string; readonly resource?: ResourceRef } | undefined;
}

/** `roles/bigquery.jobUser` → `bigquery_jobuser`. */
function roleSlug(role: string): string {
  return role.replace(/^roles\//, '').toLowerCase().replace(/[^a-z0-9]+/g, '_');
}

/** Collects and emits the stack-level resources of one environment. */
export class StackNeeds {
  private readonly purposes = new Set<ServiceAccountPurpose>();
  private readonly projectRoles = new Map<string, { purpose: ServiceAccountPurpose; role: string }>();
  private readonly datasetRoles = new Map<string, { purpose: ServiceAccountPurpose; dataset: string; role: DatasetRole }>();
  private readonly bucketRoles = new Map<string, { purpose: ServiceAccountPurpose; bucket: string; role: BucketRole; dependsOn: readonly ResourceRef[] }>();
  private storageAgentPublisher = false;

  constructor(
    private readonly env: Environment,
    private readonly datasets: DatasetLookup,
  ) {}

  /** The account of a purpose; registers the account and its baseline grants. */
  serviceAccount(purpose: ServiceAccountPurpose): ServiceAccountInfo {
    if (!this.purposes.has(purpose)) {
      this.purposes.add(purpose);
      for (const role of BASELINE_ROLES[purpose]) this.need({ kind: 'project-role', purpose, role });
      for (const n of BASELINE_NEEDS[purpose]) this.need(n);
    }
    const email = serviceAccountEmail(this.env, purpose);
    const created = this.creates(purpose);
    const dependsOn = [
      ...(created ? [this.accountRef(purpose)] : []),
      ...BASELINE_ROLES[purpose].map((role) => this.projectRoleRef(purpose, role)),
    ];
    return { purpose, email, member: `serviceAccount:${email}`, created, dependsOn };
  }

  /** Registers a need; returns the resource that will fulfil it. */
  need(need: StackNeed): ResourceRef {
    switch (need.kind) {
      case 'project-role':
        this.serviceAccount(need.purpose);
        this.projectRoles.set(`${need.purpose}\u0000${need.role}`, { purpose: need.purpose, role: need.role });
        return this.projectRoleRef(need.purpose, need.role);
      case 'dataset-role': {
        if (!this.datasets(need.dataset)) throw new Error(`gdp: a dataset-role need names dataset "${need.dataset}", which is not declared`);
        this.serviceAccount(need.purpose);
        const key = `${need.purpose}\u0000${need.dataset}`;
        const existing = this.datasetRoles.get(key);
        if (!existing || DATASET_ROLE_RANK[need.role] > DATASET_ROLE_RANK[existing.role]) {
          this.datasetRoles.set(key, { purpose: need.purpose, dataset: need.dataset, role: need.role });
        }
        return this.datasetRoleRef(need.purpose, need.dataset);
      }
      case 'bucket-role': {
        this.serviceAccount(need.purpose);
        const key = `${need.purpose}\u0000${need.bucket}`;
        const existing = this.bucketRoles.get(key);
        const dependsOn = [...(existing?.dependsOn ?? []), ...(need.dependsOn ?? [])];
        const role = !existing || BUCKET_ROLE_RANK[need.role] > BUCKET_ROLE_RANK[existing.role] ? need.role : existing.role;
        this.bucketRoles.set(key, { purpose: need.purpose, bucket: need.bucket, role, dependsOn });
        return this.bucketRoleRef(need.purpose, need.bucket);
      }
      case 'storage-service-agent-publisher':
        this.storageAgentPublisher = true;
        return plannedRef(FACTORY_TYPES.projectIamMember, STORAGE_AGENT_GRANT_ID);
    }
  }

  /** Creates every registered resource, sorted by id. */
  emit(resources: ResourceFactories): void {
    const env = this.env;
    const project = env.project_id;
    for (const purpose of [...this.purposes].sort()) {
      if (!this.creates(purpose)) continue;
      resources.serviceAccount(this.accountRef(purpose).name, {
        accountId: serviceAccountId(env, purpose),
        displayName: `${env.app_name} ${purpose} (${env.name})`,
        description: `Identity of the ${purpose} of ${env.app_name} in ${env.name}. Managed by gdp.`,
        project,
      });
    }
    const grants = [
      ...[...this.projectRoles.values()].map((g) => ({ ref: this.projectRoleRef(g.purpose, g.role), emit: () => this.emitProjectRole(resources, g.purpose, g.role) })),
      ...[...this.datasetRoles.values()].map((g) => ({ ref: this.datasetRoleRef(g.purpose, g.dataset), emit: () => this.emitDatasetRole(resources, g) })),
      ...[...this.bucketRoles.values()].map((g) => ({ ref: this.bucketRoleRef(g.purpose, g.bucket), emit: () => this.emitBucketRole(resources, g) })),
    ].sort((a, b) => a.ref.name.localeCompare(b.ref.name));
    for (const g of grants) g.emit();
    if (this.storageAgentPublisher) {
      const agent = resources.storageProjectServiceAccount(STORAGE_AGENT_ID, { project });
      resources.projectIamMember(STORAGE_AGENT_GRANT_ID, { project, role: 'roles/pubsub.publisher', member: attributeOf(agent, 'member') });
    }
  }

  private emitProjectRole(resources: ResourceFactories, purpose: ServiceAccountPurpose, role: string): void {
    resources.projectIamMember(this.projectRoleRef(purpose, role).name, {
      project: this.env.project_id,
      role,
      member: `serviceAccount:${serviceAccountEmail(this.env, purpose)}`,
      dependsOn: this.creates(purpose) ? [this.accountRef(purpose)] : [],
    });
  }

  private emitDatasetRole(resources: ResourceFactories, g: { purpose: ServiceAccountPurpose; dataset: string; role: DatasetRole }): void {
    const dataset = this.datasets(g.dataset)!;
    resources.bigqueryDatasetIamMember(this.datasetRoleRef(g.purpose, g.dataset).name, {
      project: this.env.project_id,
      datasetId: dataset.datasetId,
      role: g.role,
      member: `serviceAccount:${serviceAccountEmail(this.env, g.purpose)}`,
      dependsOn: [...(this.creates(g.purpose) ? [this.accountRef(g.purpose)] : []), ...(dataset.resource ? [dataset.resource] : [])],
    });
  }

  private emitBucketRole(resources: ResourceFactories, g: { purpose: ServiceAccountPurpose; bucket: string; role: BucketRole; dependsOn: readonly ResourceRef[] }): void {
    // The grant waits for the account, and for the bucket when gdp creates it.
    resources.storageBucketIamMember(this.bucketRoleRef(g.purpose, g.bucket).name, {
      bucket: g.bucket,
      role: g.role,
      member: `serviceAccount:${serviceAccountEmail(this.env, g.purpose)}`,
      dependsOn: [...(this.creates(g.purpose) ? [this.accountRef(g.purpose)] : []), ...g.dependsOn],
    });
  }

  /** gdp creates the account unless the environment names an existing one. */
  private creates(purpose: ServiceAccountPurpose): boolean {
    return (this.env.service_accounts as Partial<Record<ServiceAccountPurpose, string>>)[purpose] === undefined;
  }

  private accountRef(purpose: ServiceAccountPurpose): ResourceRef {
    return plannedRef(FACTORY_TYPES.serviceAccount, `sa_${purpose}`);
  }

  private projectRoleRef(purpose: ServiceAccountPurpose, role: string): ResourceRef {
    return plannedRef(FACTORY_TYPES.projectIamMember, `iam_${purpose}_${roleSlug(role)}`);
  }

  private datasetRoleRef(purpose: ServiceAccountPurpose, dataset: string): ResourceRef {
    return plannedRef(FACTORY_TYPES.bigqueryDatasetIamMember, `iam_${purpose}_on_dataset_${dataset}`);
  }

  /** Bucket names may hold dots, which Terraform local names may not: `a.b-c` → `iam_<purpose>_on_bucket_a_b-c`. */
  private bucketRoleRef(purpose: ServiceAccountPurpose, bucket: string): ResourceRef {
    return plannedRef(FACTORY_TYPES.storageBucketIamMember, `iam_${purpose}_on_bucket_${bucket.toLowerCase().replace(/[^a-z0-9_-]/g, '_')}`);
  }
}
