/** Post-deploy verification: what Google's APIs say is deployed against the configuration. */
export { accessToken, GoogleReader, VerifyAbort, type CredentialOptions } from './client';
export { VERIFY_CODES, type VerifyCode } from './codes';
export { DEFAULT_ENDPOINTS, parseEndpoints, SERVICES, type Endpoints, type Service } from './endpoints';
export { expectedChecks, type Check, type Difference } from './expected';
export { renderVerifyJson, renderVerifyMarkdown, renderVerifyText } from './render';
export { runVerify, VERIFY_DIFFERENCES, type CheckResult, type VerifyOptions, type VerifyReport, type VerifyRun } from './run-verify';
