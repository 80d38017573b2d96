import { readFileSync, statSync } from 'node:fs';
import { inputError } from '../errors.js';

/** Files larger than this are refused rather than loaded whole. */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

/**
 * Reads a user-supplied text file as UTF-8, refusing what would silently
 * corrupt: binary content, UTF-16, oversize files. A UTF-8 BOM is stripped and
 * CRLF is normalised to LF.
 */
export function readUserTextFile(path: string, what: string): string {
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw inputError('E_INPUT', `${what} is a directory, expected a file`, { file: path });
    size = st.size;
  } catch (err) {
    if ((err as { code?: string }).code === 'ENOENT') throw inputError('E_INPUT', `${what} not found`, { file: path });
    throw err;
  }
  if (size > MAX_INPUT_BYTES) {
    throw inputError(
      'E_INPUT',
      `${what} is ${(size / 1048576).toFixed(0)} MB; the limit is ${MAX_INPUT_BYTES / 1048576} MB. Split it or pass --limit with a smaller file.`,
      { file: path },
    );
  }
  const buf = readFileSync(path);
  if ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff)) {
    throw inputError('E_INPUT', `${what} is UTF-16 encoded; save it as UTF-8`, { file: path });
  }
  const nul = buf.indexOf(0);
  if (nul !== -1) {
    const line = buf.subarray(0, nul).toString('utf8').split('\n').length;
    throw inputError('E_INPUT', `${what} looks binary (a NUL byte); expected UTF-8 text`, { file: path, line });
  }
  let text = buf.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return text.replace(/\r\n?/g, '\n');
}
