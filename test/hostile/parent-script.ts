/** A parent process for tests: starts `sleep` through diesWithParent, prints its pid, then waits. */
import { spawn } from 'node:child_process';
import { diesWithParent } from '../../src/core/child-lifetime';

const start = diesWithParent('sleep', ['600']);
const child = spawn(start.command, start.args, { stdio: 'ignore' });
process.stdout.write(`${child.pid}\n`);
setInterval(() => undefined, 1000);
