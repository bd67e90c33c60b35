/**
 * Every relative link and image in README.md and docs/*.md points at a file that exists, and a
 * `#anchor` at a heading of the page it names: pages are moved and renamed, and a broken link is
 * invisible until a reader clicks it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { brokenLinks, markdownLinks } from '../helpers/markdown-links.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PAGES = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

describe('links in the README and docs', () => {
  it.each(PAGES)('%s: every relative link points at an existing file or heading', (page) => {
    const text = readFileSync(join(ROOT, page), 'utf8');
    const broken = brokenLinks(resolve(ROOT, page), text, { exists: existsSync, read: (file) => readFileSync(file, 'utf8') });
    expect(broken.map((b) => `${b.target} (${b.reason})`)).toEqual([]);
  });

  it('finds the links it is meant to check', () => {
    // A regex that matched nothing would pass every page: the README's own links must be seen.
    const links = markdownLinks(readFileSync(join(ROOT, 'README.md'), 'utf8'));
    expect(links).toContain('docs/models.md');
    expect(links).toContain('#reference-run-and-what-it-shows');
    expect(links.some((l) => l.endsWith('.svg'))).toBe(true);
  });

  it('reports a missing file, a missing heading on the page itself and one on another page', () => {
    const page = join(ROOT, 'README.md');
    const text = [
      '[ok](docs/models.md) [gone](docs/no-such-page.md) ![img](results/none.svg)',
      '[bad heading](#no-such-heading) [other page heading](docs/models.md#no-such-heading) [web](https://example.com/x)',
      '`[in code](docs/nowhere.md)`',
      '```',
      '[in a block](docs/nowhere.md)',
      '```',
    ].join('\n');
    const broken = brokenLinks(page, text, { exists: existsSync, read: (file) => readFileSync(file, 'utf8') });
    expect(broken.map((b) => relative(dirname(page), b.file) + (b.anchor ? `#${b.anchor}` : ''))).toEqual([
      'docs/no-such-page.md',
      'results/none.svg',
      'README.md#no-such-heading',
      'docs/models.md#no-such-heading',
    ]);
  });
});
