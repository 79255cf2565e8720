/** Runs the gdp CLI from the sources in this process (started by tests as a real child process). */
import { main } from '../../src/cli/main';

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
