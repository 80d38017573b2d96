import { closeSync, openSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';

/** Write to a temporary name, then rename: a killed process never leaves half a file. */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

/**
 * A file written piece by piece to a temporary name and renamed into place on
 * close, for outputs too large to build as one string. Until close() the
 * final path keeps its previous content.
 */
export class AtomicFileWriter {
  private readonly tmp: string;
  private fd: number | null;
  private buffer: string[] = [];
  private buffered = 0;
  constructor(
    private readonly path: string,
    private readonly flushAt = 1 << 20,
  ) {
    this.tmp = `${path}.${process.pid}.tmp`;
    this.fd = openSync(this.tmp, 'w');
  }

  write(text: string): void {
    this.buffer.push(text);
    this.buffered += text.length;
    if (this.buffered >= this.flushAt) this.flush();
  }

  private flush(): void {
    if (this.fd === null) throw new Error(`${this.path} is already closed`);
    if (this.buffer.length) writeSync(this.fd, this.buffer.join(''));
    this.buffer = [];
    this.buffered = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.fd!);
    this.fd = null;
    renameSync(this.tmp, this.path);
  }

  /** Drops the temporary file; the final path is untouched. */
  abort(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    rmSync(this.tmp, { force: true });
  }
}
