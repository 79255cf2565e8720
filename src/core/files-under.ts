/** Listing a folder's files, for code that must know every file it wrote or may remove. */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Files under a folder, recursively, relative to it with POSIX separators; none when the folder does not exist. */
export function filesUnder(dir: string): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { recursive: true, withFileTypes: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
}
