/** readProcText reads a /proc file whole, as readFileSync would, with less work per file. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readProcText } from '../../src/harness/proc/proc-file.js';

describe('readProcText', () => {
  it('reads /proc/<pid>/stat as readFileSync does', () => {
    // Fields up to the CPU times stay put between two reads a moment apart.
    const head = (text: string) => text.split(' ').slice(0, 8).join(' ');
    expect(head(readProcText(`/proc/${process.pid}/stat`)!)).toBe(head(readFileSync(`/proc/${process.pid}/stat`, 'latin1')));
  });

  it('reads a file larger than its buffer whole, and one that fills a read exactly', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'proc-file-'));
    try {
      for (const size of [16 * 1024, 16 * 1024 + 1, 100_000]) {
        const file = path.join(dir, String(size));
        const text = Array.from({ length: size }, (_, i) => String.fromCharCode(33 + (i % 90))).join('');
        writeFileSync(file, text, 'latin1');
        expect(readProcText(file)).toBe(text);
      }
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it('says undefined for a process that is gone', () => {
    expect(readProcText(`/proc/${2 ** 22 + 1}/stat`)).toBeUndefined();
  });
});
