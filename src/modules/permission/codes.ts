import type { CodeTable } from '../../core/code-table';

/** Diagnostic codes of the permission module. */
export const PERMISSION_CODES = {
  GDP650: {
    severity: 'error',
    title: 'Invalid member',
    hint: 'Write members as group:<email>, user:<email>, serviceAccount:<email>, domain:<domain>, allUsers or allAuthenticatedUsers.',
  },
  GDP651: { severity: 'error', title: 'Invalid role', hint: 'Write a role as roles/<service>.<role> (e.g. roles/bigquery.dataViewer) or a custom role projects/<project>/roles/<id>.' },
  GDP652: {
    severity: 'error',
    title: 'Role does not apply to the resource',
    hint: 'Grant BigQuery roles on datasets and tables, Cloud Storage roles on buckets and Workflows roles on workflows; grant other roles on the project.',
  },
  GDP653: {
    severity: 'error',
    title: 'Member not allowed by the dataset’s confidentiality',
    hint: 'c3 (restricted) data is granted to named groups (group:…) and service accounts only; c2 (internal) data to anyone but allUsers and allAuthenticatedUsers; c1 data to anyone (README: "Permissions").',
  },
  GDP654: {
    severity: 'error',
    title: 'Public member on a project or bucket',
    hint: 'Projects take no allUsers or allAuthenticatedUsers members, and gdp buckets enforce public access prevention: grant named principals.',
  },
  GDP655: {
    severity: 'error',
    title: 'Authoritative binding shares its role with other grants',
    hint: 'An authoritative binding owns every member of its role on its resource: put all those members in the binding, or make it additive (remove authoritative).',
  },
  GDP656: {
    severity: 'warning',
    title: 'Authoritative binding of a role gdp grants its own accounts',
    hint: 'gdp grants its service accounts this role additively where they need it; a binding would remove those grants on the next apply. Use additive members for this role.',
  },
  GDP657: { severity: 'error', title: 'Invalid grant', hint: 'Give each grant members, roles and exactly one target: project: true, datasets, tables, buckets or workflows.' },
} as const satisfies CodeTable;

/** A code of this module. */
export type PermissionCode = keyof typeof PERMISSION_CODES;
