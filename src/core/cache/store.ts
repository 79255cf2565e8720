/**
 * The on-disk cache: one small JSON file per entry, named by the hash of its key, under a folder gdp owns
 * (`.gdp-cache/` of the project, or `GDP_CACHE_DIR`). Every read is checked (format, full key) and any
 * surprise is a miss; every write is a temp file renamed into place, so concurrent runs and interrupted
 * writes never leave a half entry under a real name; the folder can be deleted at any time.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { filesUnder } from '../files-under';

/** Written into every entry; an entry with another marker (older layout, foreign file) is a miss. */
const FORMAT = 'gdp-cache/1';
/** The cache's own folder inside the cache folder: deleting it never touches anything else. */
const ENTRIES = 'v1';
/** Default bound of the entries' total size; `GDP_CACHE_MAX_MB` changes it. */
export const DEFAULT_MAX_BYTES = 256 * 1024 * 1024;
/** `<namespace>/<2 hex>/<62 hex>.json`, or its temp file `….json.<pid>.<random>.tmp`: what gdp writes. */
const ENTRY_FILE = /^[a-z0-9-]+\/[0-9a-f]{2}\/[0-9a-f]{62}\.json(\.\d+\.[0-9a-z]+\.tmp)?$/;
/** After eviction the entries take at most this share of the bound (so the next runs do not evict again). */
const EVICT_TO = 0.8;

/** The SHA-256 of strings, each length-prefixed (so `["ab","c"]` and `["a","bc"]` differ). */
export function hashOf(parts: readonly string[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(`${Buffer.byteLength(p)}:`).update(p);
  return h.digest('hex');
}

interface StoredEntry {
  readonly format: string;
  readonly key: string;
  readonly value: unknown;
}

/** A folder of cache entries; `salt` (gdp's code and the module set) is part of every key. */
export class DiskCache {
  private readonly root: string;
  private readonly used: string[] = [];
  private wrote = false;

  constructor(
    /** The cache folder (`.gdp-cache/`). */
    readonly dir: string,
    private readonly salt: string,
    private readonly maxBytes = DEFAULT_MAX_BYTES,
  ) {
    this.root = path.join(dir, ENTRIES);
  }

  /** The value stored under a key in a namespace, or undefined (missing, corrupt, foreign or unreadable). */
  get(namespace: string, key: string): unknown {
    const hash = this.fullKey(namespace, key);
    const file = this.fileOf(namespace, hash);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
    try {
      const entry = JSON.parse(text) as Partial<StoredEntry> | null;
      if (entry === null || typeof entry !== 'object' || entry.format !== FORMAT || entry.key !== hash || !('value' in entry)) return undefined;
      this.used.push(file);
      return entry.value;
    } catch {
      return undefined;
    }
  }

  /** Stores a value (plain JSON data); a failure to write is ignored (the next run recomputes it). */
  set(namespace: string, key: string, value: unknown): void {
    const hash = this.fullKey(namespace, key);
    const file = this.fileOf(namespace, hash);
    const entry: StoredEntry = { format: FORMAT, key: hash, value };
    const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(temp, JSON.stringify(entry));
      fs.renameSync(temp, file);
      this.wrote = true;
    } catch {
      fs.rmSync(temp, { force: true });
    }
  }

  /**
   * Ends a run: marks the entries it read as recently used (their modification time) and, when it wrote,
   * evicts the least recently used entries while their total size is over the bound. Best effort: another
   * run may be evicting or writing at the same time, and a file that vanished is simply skipped.
   */
  finish(): void {
    const now = new Date();
    for (const file of this.used) {
      try {
        fs.utimesSync(file, now, now);
      } catch {
        // Evicted or deleted meanwhile: nothing to mark.
      }
    }
    this.used.length = 0;
    if (!this.wrote) return;
    this.wrote = false;
    this.evict();
  }

  private evict(): void {
    const entries: { file: string; size: number; mtime: number }[] = [];
    let total = 0;
    let files: string[];
    try {
      files = filesUnder(this.root);
    } catch {
      return; // unreadable: nothing to evict this time
    }
    for (const relative of files) {
      // Only files named the way gdp names entries and their temp files: a folder shared through
      // GDP_CACHE_DIR may hold anything else, and gdp never deletes a file it did not write.
      if (!ENTRY_FILE.test(relative)) continue;
      const file = path.join(this.root, relative);
      try {
        const s = fs.statSync(file);
        const stale = file.endsWith('.tmp') && Date.now() - s.mtimeMs > 60 * 60 * 1000;
        // A temp file is another run's write in progress, unless it is an hour old (that run was killed).
        if (stale) fs.rmSync(file, { force: true });
        else if (!file.endsWith('.tmp')) {
          entries.push({ file, size: s.size, mtime: s.mtimeMs });
          total += s.size;
        }
      } catch {
        // Removed by another run meanwhile.
      }
    }
    if (total <= this.maxBytes) return;
    entries.sort((a, b) => a.mtime - b.mtime);
    for (const e of entries) {
      if (total <= this.maxBytes * EVICT_TO) break;
      fs.rmSync(e.file, { force: true });
      total -= e.size;
    }
  }

  private fullKey(namespace: string, key: string): string {
    return hashOf([this.salt, namespace, key]);
  }

  /** The file of an entry, from its {@link fullKey}. */
  private fileOf(namespace: string, hash: string): string {
    return path.join(this.root, namespace, hash.slice(0, 2), `${hash.slice(2)}.json`);
  }
}
