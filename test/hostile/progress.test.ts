import { createProgress, progressWanted, type ProgressStream } from '../../src/cli/progress';
import { validateProject } from '../../src/api';
import { ENVIRONMENTS_DIR, SALES, tempDir, writeFiles } from '../synth/helpers';

/** A stream that records writes and says whether it is a terminal. */
function stream(isTTY: boolean): ProgressStream & { text: string } {
  const s = {
    isTTY,
    text: '',
    write(t: string): boolean {
      s.text += t;
      return true;
    },
  };
  return s;
}

describe('progress on a terminal', () => {
  it('is shown on a terminal only: not in CI, not with --format json, not into a file or pipe', () => {
    expect(progressWanted(stream(true), {}, 'text')).toBe(true);
    expect(progressWanted(stream(true), { CI: 'true' }, 'text')).toBe(false);
    expect(progressWanted(stream(true), { CI: 'false' }, 'text')).toBe(true);
    expect(progressWanted(stream(true), {}, 'json')).toBe(false);
    expect(progressWanted(stream(false), {}, 'text')).toBe(false);
  });

  it('names each step of a validate run on one line and erases it at the end', async () => {
    const config = tempDir('gdp-progress-');
    writeFiles(config, { 'datasets/sales.yaml': SALES });
    const out = stream(true);
    let clock = 0;
    const progress = createProgress(out, true, () => (clock += 250));
    await validateProject({ configDir: config, environmentsDir: ENVIRONMENTS_DIR, environments: ['dv'], sqlCheck: false, onStep: (s) => progress.step(s) });
    progress.done();
    const frames = out.text.split('\r\u001b[2K').filter(Boolean);
    expect(frames).toEqual(['gdp: reading files (0.3 s)', 'gdp: checking 1 file for dv (0.5 s)']);
    expect(out.text.endsWith('\r\u001b[2K')).toBe(true);
  });

  it('writes nothing when disabled', () => {
    const out = stream(false);
    const progress = createProgress(out, false);
    progress.step('reading files');
    progress.done();
    expect(out.text).toBe('');
  });
});
