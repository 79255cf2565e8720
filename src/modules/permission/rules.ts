/**
 * Rules of who may get what, kept as data: members each confidentiality level accepts, the role families
 * each kind of resource accepts, and the roles gdp grants its own service accounts.
 */
/** Confidentiality levels of datasets (configuration/datasets/*.yaml `confidentiality`). */
export type Confidentiality = 'c1' | 'c2' | 'c3';

/**
 * Member kinds each level accepts. c3 (restricted) goes to named groups and service accounts only, so
 * access is reviewed per group and never to one person or a whole domain; c2 (internal) to anyone but the
 * public; c1 (public) to anyone, allUsers included.
 */
export const MEMBERS_BY_CONFIDENTIALITY: Readonly<Record<Confidentiality, readonly string[]>> = {
  c1: ['group', 'user', 'serviceAccount', 'domain', 'principal', 'principalSet', 'allUsers', 'allAuthenticatedUsers'],
  c2: ['group', 'user', 'serviceAccount', 'domain', 'principal', 'principalSet'],
  c3: ['group', 'serviceAccount'],
};

/**
 * Public members Google refuses on a resource: a project's policy takes neither (Resource Manager, "Policy
 * limitations"), and a bucket with public access prevention enforced — every gdp bucket — refuses both
 * (Cloud Storage docs, "Public access prevention").
 */
export const PUBLIC_MEMBERS = ['allUsers', 'allAuthenticatedUsers'] as const;

/**
 * Predefined role families each kind of resource accepts; Google refuses a role none of whose permissions
 * apply to the resource ("Role … is not supported for this resource"). Custom roles are not checked.
 */
export const ROLE_FAMILIES: Readonly<Record<'datasets' | 'tables' | 'buckets' | 'workflows', readonly string[]>> = {
  datasets: ['roles/bigquery.'],
  tables: ['roles/bigquery.'],
  buckets: ['roles/storage.'],
  workflows: ['roles/workflows.'],
};

/** Roles gdp grants its own service accounts, additively, per kind of resource (src/synth/stack-needs.ts). */
export const GDP_GRANTED_ROLES: Readonly<Record<'project' | 'datasets' | 'buckets', readonly string[]>> = {
  project: ['roles/bigquery.jobUser', 'roles/eventarc.eventReceiver', 'roles/workflows.invoker', 'roles/pubsub.publisher'],
  datasets: ['roles/bigquery.dataViewer', 'roles/bigquery.dataEditor', 'roles/bigquery.dataOwner'],
  buckets: ['roles/storage.objectViewer', 'roles/storage.objectAdmin'],
};

/** A role name: predefined (`roles/…`) or custom (`projects/<id>/roles/…`, `organizations/<id>/roles/…`). */
export const ROLE = /^(roles\/[A-Za-z0-9_.]+|projects\/[a-z][a-z0-9-]{4,28}[a-z0-9]\/roles\/[A-Za-z0-9_.]+|organizations\/\d+\/roles\/[A-Za-z0-9_.]+)$/;
