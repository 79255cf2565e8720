/** A writable stream that keeps what is written to it. */
import { Writable } from 'node:stream';

/** Collects what is written to it. */
export class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer, _enc: string, done: () => void): void {
    this.text += chunk.toString('utf8');
    done();
  }
}
