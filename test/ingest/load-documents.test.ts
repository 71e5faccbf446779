/** loadDocuments on real folders in the OS temp dir: good files load, bad ones are skipped with a warning. */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IngestError } from '../../src/errors.ts';
import { loadDocuments } from '../../src/ingest/index.ts';
import type { IngestWarning } from '../../src/ingest/index.ts';

const ARTICLE = 'Harbour Reopens\n\nThe harbour reopened on Monday after repairs to the sea wall.\n\nFishing boats left at dawn.';
const PAGE = `<html><head><title>Bridge Opens | Valley Post</title><meta property="og:site_name" content="Valley Post">
<meta property="article:published_time" content="2023-05-01T09:00:00Z"></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">Top stories menu</a></li></ul></nav>
<article><h1>Bridge Opens</h1><p>The new bridge opened to traffic on Monday, cutting the trip across the valley to ten minutes.</p>
<p>Engineers said the span had passed its final load tests.</p></article>
<script>trackPageView("bridge");</script><footer>Subscribe to our newsletter</footer></body></html>`;

let folder: string;

beforeEach(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'ingest-test-'));
});

afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function write(name: string, content: string | Uint8Array): Promise<void> {
  await writeFile(path.join(folder, name), content);
}

describe('loadDocuments', () => {
  it('loads .txt, .md and .html files in name order and ignores other extensions', async () => {
    await write('b-article.txt', ARTICLE);
    await write('a-page.html', PAGE);
    await write('c-notes.md', '---\ntitle: Rain Returns\ndate: 2020-02-02\n---\n# Rain Returns\n\nRain fell across the *plains* on Sunday.\n');
    await write('d-data.json', '{"not": "an article"}');
    await write('e-image.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0]));

    const { documents, warnings } = await loadDocuments(folder);

    expect(warnings).toEqual([]);
    expect(documents.map((document) => document.sourcePath)).toEqual(['a-page.html', 'b-article.txt', 'c-notes.md']);
    const [page, article, notes] = documents;
    expect(page).toMatchObject({ id: 'a-page', title: 'Bridge Opens', date: '2023-05-01', outlet: 'Valley Post', translator: null });
    expect(page?.text).toBe(
      'Bridge Opens\n\nThe new bridge opened to traffic on Monday, cutting the trip across the valley to ten minutes.\n\nEngineers said the span had passed its final load tests.',
    );
    expect(article).toMatchObject({ id: 'b-article', title: 'Harbour Reopens', date: null, outlet: null });
    expect(article?.contentHash).toBe(createHash('sha256').update(ARTICLE).digest('hex'));
    expect(notes).toMatchObject({ id: 'c-notes', title: 'Rain Returns', date: '2020-02-02', text: 'Rain Returns\n\nRain fell across the plains on Sunday.' });
  });

  it('skips bad files with a warning naming each, and reports them through onWarning as they happen', async () => {
    await write('good.txt', ARTICLE);
    await write('binary.txt', new Uint8Array([0x41, 0x00, 0x42, 0x43]));
    await write('latin1.txt', new Uint8Array([0xff, 0xfe, 0x41]));
    await write('huge.txt', `Huge Story\n\n${'A long sentence about the harbour. '.repeat(40)}`);
    await write('chrome.txt', 'Logo Wide\nSearch\n728 x 90\n');
    await write('blank.md', '   \n\n');
    // A folder with an article's name cannot be read (EISDIR): unlike chmod, this fails even when tests run as root.
    await mkdir(path.join(folder, 'folder.txt'));

    const seen: IngestWarning[] = [];
    const { documents, warnings } = await loadDocuments(folder, { maxFileBytes: 1000, onWarning: (warning) => seen.push(warning) });

    expect(documents.map((document) => document.id)).toEqual(['good']);
    expect(seen).toEqual(warnings);
    const problemOf = (file: string): string => warnings.find((warning) => warning.file === file)?.problem ?? '<no warning>';
    expect(warnings.map((warning) => warning.file).sort()).toEqual(['binary.txt', 'blank.md', 'chrome.txt', 'folder.txt', 'huge.txt', 'latin1.txt']);
    expect(problemOf('binary.txt')).toMatch(/binary/);
    expect(problemOf('latin1.txt')).toMatch(/UTF-8/);
    expect(problemOf('huge.txt')).toMatch(/too large: 1\.\d KB, the limit is 1000 bytes/);
    expect(problemOf('chrome.txt')).toMatch(/empty after cleaning/);
    expect(problemOf('blank.md')).toMatch(/empty after cleaning/);
    expect(problemOf('folder.txt')).toMatch(/unreadable/);
  });

  it('skips a second file whose name without extension is already a document id, naming both files', async () => {
    await write('story.txt', ARTICLE);
    await write('story.md', '# Rain Returns\n\nRain fell across the plains on Sunday.\n');
    await write('story.html', PAGE);
    await write('other.txt', ARTICLE);

    const seen: IngestWarning[] = [];
    const { documents, warnings } = await loadDocuments(folder, { onWarning: (warning) => seen.push(warning) });

    // Name order decides: story.html comes first and keeps the id.
    expect(documents.map((document) => [document.id, document.sourcePath])).toEqual([['other', 'other.txt'], ['story', 'story.html']]);
    expect(new Set(documents.map((document) => document.id)).size).toBe(documents.length);
    expect(warnings.map((warning) => warning.file)).toEqual(['story.md', 'story.txt']);
    for (const warning of warnings) expect(warning.problem).toMatch(/same document id "story" as story\.html/);
    expect(seen).toEqual(warnings);
  });

  it('gives the id to the next file with it when the first is skipped as bad', async () => {
    await write('story.md', '   \n\n');
    await write('story.txt', ARTICLE);
    const { documents, warnings } = await loadDocuments(folder);
    expect(documents.map((document) => document.sourcePath)).toEqual(['story.txt']);
    expect(warnings).toEqual([{ file: 'story.md', problem: expect.stringMatching(/empty after cleaning/) }]);
  });

  it('skips a page of 200,000 nested elements (2.2 MB) with a warning naming it, in bounded time, and loads the rest', async () => {
    await write('a-good.txt', ARTICLE);
    await write('deep.html', `<html><body>${'<div>'.repeat(200_000)}Deep text.${'</div>'.repeat(200_000)}</body></html>`);
    await write('z-page.html', PAGE);

    const started = performance.now();
    const { documents, warnings } = await loadDocuments(folder);

    expect(performance.now() - started).toBeLessThan(5000);
    expect(documents.map((document) => document.sourcePath)).toEqual(['a-good.txt', 'z-page.html']);
    expect(warnings).toEqual([{ file: 'deep.html', problem: expect.stringMatching(/^could not be cleaned: HTML nested more than 256 elements deep/) }]);
  });

  it('throws IngestError naming the folder when it does not exist', async () => {
    const missing = path.join(folder, 'nope');
    const error = await loadDocuments(missing).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(IngestError);
    expect((error as IngestError).file).toBe(missing);
    expect((error as IngestError).message).toBe(`${missing}: folder does not exist`);
  });

  it('throws IngestError for an empty folder and for a folder of unsupported files', async () => {
    await expect(loadDocuments(folder)).rejects.toThrow(/no \.txt, \.md or \.html files/);
    await write('photo.jpg', 'not text');
    await expect(loadDocuments(folder)).rejects.toBeInstanceOf(IngestError);
  });

  it('throws IngestError summarising every problem when no file can be indexed', async () => {
    await write('binary.txt', new Uint8Array([0, 1, 2]));
    await write('latin1.md', new Uint8Array([0xff, 0xfe, 0x41]));
    const error = await loadDocuments(folder).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(IngestError);
    expect((error as IngestError).message).toMatch(/none of the 2 files could be indexed: binary\.txt \(binary.*\); latin1\.md \(not valid UTF-8/);
  });

  it('loads the seed folder without warnings', async () => {
    const { documents, warnings } = await loadDocuments(path.resolve(import.meta.dirname, '../../seeds'));
    expect(warnings).toEqual([]);
    expect(documents.map((document) => document.id)).toEqual([
      '000_24caf35a25bf3ee3',
      '001_0ee55f5e9b0ac4c9',
      '002_7621b428ae72702b',
      '003_8c47a0223c456b1a',
      '004_94a778343d2d549c',
    ]);
    for (const document of documents) expect(document.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });
});
