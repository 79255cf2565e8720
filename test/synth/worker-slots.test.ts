/** How many synthesis workers run at once: CPUs, memory and the user's --jobs / GDP_SYNTH_JOBS. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { runSynth } from '../../src/synth/run-synth';
import { estimatedWorkerMb, requestedJobs, SYNTH_JOBS_ENV, workerSlots } from '../../src/synth/worker-slots';
import { tempDir } from './helpers';

describe('workerSlots', () => {
  it('runs one worker per environment when CPUs and memory allow', () => {
    expect(workerSlots({ environments: 4, entities: 8668, cpus: 8, availableMb: 16_000 })).toBe(4);
  });

  it('runs no more workers than CPUs', () => {
    expect(workerSlots({ environments: 4, entities: 8668, cpus: 2, availableMb: 16_000 })).toBe(2);
  });

  it('runs fewer workers when half the available memory does not hold them all, and at least one', () => {
    // GIVEN a project whose workers are estimated at some hundreds of MB each
    const each = estimatedWorkerMb(8668);
    // WHEN half the available memory holds two of them, then not even one
    expect(workerSlots({ environments: 4, entities: 8668, cpus: 8, availableMb: 2 * (2 * each) + 1 })).toBe(2);
    expect(workerSlots({ environments: 4, entities: 8668, cpus: 8, availableMb: each })).toBe(1);
  });

  it('estimates larger workers for larger projects', () => {
    expect(estimatedWorkerMb(31_000)).toBeGreaterThan(estimatedWorkerMb(8668));
    expect(estimatedWorkerMb(8668)).toBeGreaterThanOrEqual(236);
  });
});

describe('requestedJobs', () => {
  it('reads a whole number from 1, nothing when not given', () => {
    expect(requestedJobs('3', 'GDP_SYNTH_JOBS')).toBe(3);
    expect(requestedJobs(1, '--jobs')).toBe(1);
    expect(requestedJobs(undefined, 'GDP_SYNTH_JOBS')).toBeUndefined();
    expect(requestedJobs('', 'GDP_SYNTH_JOBS')).toBeUndefined();
  });

  it('refuses what is not a number of processes, naming where it came from', () => {
    for (const bad of ['0', '-1', '1.5', 'two', Number.NaN]) {
      expect(requestedJobs(bad, '--jobs')).toEqual({ error: expect.stringContaining('--jobs=') as string });
    }
  });
});

describe('runSynth with GDP_SYNTH_JOBS', () => {
  it('refuses a value that is not a number of processes before any work, writing nothing', async () => {
    // GIVEN a bad GDP_SYNTH_JOBS and an output folder that does not exist
    const out = path.join(tempDir(), 'cdktf.out');
    const stderr = new PassThrough();
    let text = '';
    stderr.on('data', (c: Buffer) => (text += c.toString('utf8')));
    process.env[SYNTH_JOBS_ENV] = 'many';
    try {
      // WHEN synth runs on folders that are not even there
      const { exitCode } = await runSynth(
        { configDir: path.join(out, 'missing'), environmentsDir: path.join(out, 'missing'), environments: ['dv', 'qa'], outdir: out },
        { stdout: new PassThrough(), stderr },
      );
      // THEN exit 2, the variable named, nothing written
      expect(exitCode).toBe(2);
      expect(text).toContain('GDP_SYNTH_JOBS="many"');
      expect(fs.existsSync(out)).toBe(false);
    } finally {
      delete process.env[SYNTH_JOBS_ENV];
    }
  });
});

describe('runSynth with a jobs option', () => {
  it('refuses a value that is not a number of processes before any work, as the CLI does', async () => {
    for (const jobs of [Number.NaN, 0, 2.5]) {
      const out = path.join(tempDir(), 'cdktf.out');
      const stderr = new PassThrough();
      let text = '';
      stderr.on('data', (c: Buffer) => (text += c.toString('utf8')));
      const { exitCode } = await runSynth(
        { configDir: path.join(out, 'missing'), environmentsDir: path.join(out, 'missing'), environments: ['dv', 'qa'], outdir: out, jobs },
        { stdout: new PassThrough(), stderr },
      );
      expect({ jobs, exitCode }).toEqual({ jobs, exitCode: 2 });
      expect(text).toContain(`jobs="${jobs}"`);
      expect(fs.existsSync(out)).toBe(false);
    }
  });
});
