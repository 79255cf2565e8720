import type { CodeTable } from '../core/code-table';

/** Codes of `gdp verify`: credentials and API access, then what the check found. */
export const VERIFY_CODES = {
  GDP840: { severity: 'error', title: 'No Google credentials', hint: 'Run `gcloud auth application-default login` (or set GOOGLE_APPLICATION_CREDENTIALS to a key file, or pass --access-token-file).' },
  GDP841: { severity: 'error', title: 'Google API not reachable or refused the request', hint: 'Check the network, the project id, and that the account may read the resources (roles/viewer or the services’ viewer roles).' },
  GDP842: { severity: 'warning', title: 'Deployed resource missing', hint: 'Deploy the environment (`cdktf deploy <env>`); if it was deployed, someone deleted the resource.' },
  GDP843: { severity: 'warning', title: 'Deployed resource differs from the configuration', hint: 'Deploy again to put the configuration back, or change the configuration to what is deployed; `gdp drift` shows what the state says.' },
} as const satisfies CodeTable;

/** A code of `gdp verify`. */
export type VerifyCode = keyof typeof VERIFY_CODES;
