/**
 * Container image references: the repository plus the tag or digest of one environment, and their grammar
 * (the OCI distribution reference: lowercase path components, tags of up to 128 characters, sha256 digests).
 */
import type { EnvironmentName } from '../../core/environment';
import type { ContainerConfig } from './container-schema';

type PerEnvironment = string | Partial<Record<EnvironmentName | 'default', string>>;

/** The image of one environment, and where its tag or digest is written. */
export interface ImageChoice {
  readonly repository: string;
  readonly tag?: string;
  readonly digest?: string;
  /** Path of the value chosen (`image.tag.pd`, `image.digest`), for diagnostics. */
  readonly path: readonly (string | number)[];
}

function pick(value: PerEnvironment | undefined, env: EnvironmentName, field: string): { value?: string; path: (string | number)[] } | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return { value, path: ['image', field] };
  if (value[env] !== undefined) return { value: value[env], path: ['image', field, env] };
  if (value.default !== undefined) return { value: value.default, path: ['image', field, 'default'] };
  return { path: ['image', field] };
}

/** The image an environment runs; a digest wins over a tag. Undefined tag and digest: none given for this environment. */
export function imageFor(config: ContainerConfig, env: EnvironmentName): ImageChoice {
  const digest = pick(config.image.digest, env, 'digest');
  if (digest?.value !== undefined) return { repository: config.image.repository, digest: digest.value, path: digest.path };
  const tag = pick(config.image.tag, env, 'tag');
  if (tag?.value !== undefined) return { repository: config.image.repository, tag: tag.value, path: tag.path };
  return { repository: config.image.repository, path: (digest ?? tag)?.path ?? ['image'] };
}

/** The full reference `repository:tag` or `repository@digest`. */
export function imageReference(choice: ImageChoice): string {
  if (choice.digest !== undefined) return `${choice.repository}@${choice.digest}`;
  return `${choice.repository}:${choice.tag ?? ''}`;
}

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const HOST = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*(?::\d+)?$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;

/** Why a repository path is malformed, or undefined. */
export function repositoryProblem(repository: string): string | undefined {
  if (/[:@]/.test(repository.replace(/^[^/]*/, ''))) return 'holds a tag or digest; give it in tag or digest instead';
  const parts = repository.split('/');
  if (parts.length < 2) return 'has no registry host (e.g. europe-west4-docker.pkg.dev/<project>/<repository>/<image>)';
  const [host, ...path] = parts;
  if (!HOST.test(host) || !(host.includes('.') || host.includes(':') || host === 'localhost')) return `starts with "${host}", which is not a registry host`;
  const bad = path.find((p) => !COMPONENT.test(p));
  if (bad !== undefined) return `has the path component "${bad}"; components are lowercase letters and digits, separated by ".", "_" or "-"`;
  if (repository.length > 255) return `is ${repository.length} characters long; the limit is 255`;
  return undefined;
}

/** Why a tag is malformed, or undefined. */
export function tagProblem(tag: string): string | undefined {
  return TAG.test(tag) ? undefined : 'is not a tag: up to 128 letters, digits, "_", "." and "-", not starting with "." or "-"';
}

/** Why a digest is malformed, or undefined. */
export function digestProblem(digest: string): string | undefined {
  return DIGEST.test(digest) ? undefined : 'is not a digest: sha256: followed by 64 lowercase hex digits';
}
