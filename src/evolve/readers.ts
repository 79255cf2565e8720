/**
 * Moves readers of a table version to the next version: `${tables["x_v1"]…}` and `${tables.x_v1…}`
 * references in any file, and `table: x_v1` (a load's source) in load files. Writers (`target: x_v1`)
 * are left alone: they keep feeding the old version until they are moved on purpose.
 */

/** A file's new text, or undefined when nothing in it reads the table. */
export function moveReaders(relative: string, text: string, oldName: string, newName: string): string | undefined {
  const esc = oldName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  let out = text
    .replace(new RegExp(`(\\$\\{\\s*tables\\[\\s*["'])${esc}(["']\\s*\\])`, 'g'), `$1${newName}$2`)
    .replace(new RegExp(`(\\$\\{\\s*tables\\.)${esc}\\b`, 'g'), `$1${newName}`);
  if (relative.startsWith('loads/')) out = out.replace(new RegExp(`(^|[{,\\s])(table:\\s*["']?)${esc}(["']?)(?=\\s*(?:[,}#]|$))`, 'gm'), `$1$2${newName}$3`);
  return out === text ? undefined : out;
}
