/** Reading service logs: the tail for error messages and `stack logs`. */
import { open } from 'node:fs/promises';

/** The last `lines` lines of a file, reading at most the last 64 KiB. Empty when the file is missing. */
export async function readLogTail(file: string, lines: number): Promise<string> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch {
    return '';
  }
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, 64 * 1024);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    return buffer
      .toString('utf8')
      .split('\n')
      .filter((line) => line.trim())
      .slice(-lines)
      .join('\n');
  } finally {
    await handle.close();
  }
}
