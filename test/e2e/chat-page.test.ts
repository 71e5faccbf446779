/** The chat page in headless Debian Chromium (playwright-core) against the real app on an ephemeral port. */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Browser, type BrowserContextOptions, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reply, startFakeOpenAI } from '../fakes/openai-server.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

const SCREENSHOTS = resolve('test-results/screenshots');
const CONVERSATION_KEY = 'news-rag:conversation';
const LAVROV = 'What did Lavrov call for in Eastern Ghouta?';
const UNANSWERABLE = 'What is the population of Damascus?';
const SCRIPT_TEXT = '<script>window.__xss=1</script>';
const IMG_TEXT = '<img src=x onerror="window.__xss=1">';

/** Debian's Chromium, never a downloaded browser; a missing one fails the run rather than skipping it. */
function chromiumPath(): string {
  try {
    return execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}

interface StoredCitation { n: number; quote: string; docId: string }
interface StoredTurn { question: string; response?: { citations: StoredCitation[] } }

let browser: Browser;
let server: TestServer;
const openPages: Page[] = [];
const pageErrors: string[] = [];

async function openPage(url: string, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 800 }, ...options });
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  // An inline script or handler would be blocked by the server's CSP and show up here.
  page.on('console', (message) => {
    if (message.type() === 'error' && message.text().includes('Content Security Policy')) pageErrors.push(message.text());
  });
  await page.goto(url);
  openPages.push(page);
  return page;
}

async function ask(page: Page, question: string): Promise<void> {
  await page.fill('#question', question);
  await page.press('#question', 'Enter');
}

/** Waits until the last answer card has finished (no longer aria-busy). */
async function lastAnswerSettled(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const answers = document.querySelectorAll('.answer-text');
    // The form stays busy until the stream has closed, a moment after the answer itself is complete.
    const formIdle = document.querySelector('#ask-form')?.getAttribute('aria-busy') !== 'true';
    return formIdle && answers.length > 0 && answers[answers.length - 1]?.getAttribute('aria-busy') === 'false';
  });
}

async function storedTurns(page: Page): Promise<StoredTurn[]> {
  return page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? '[]') as StoredTurn[], CONVERSATION_KEY);
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

beforeAll(async () => {
  const executablePath = chromiumPath();
  if (executablePath === '') throw new Error('Chromium is missing: run `apt-get install -y chromium` (the browser tests drive Debian\'s Chromium through playwright-core).');
  mkdirSync(SCREENSHOTS, { recursive: true });
  [browser, server] = await Promise.all([
    chromium.launch({ executablePath, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] }),
    startTestServer(),
  ]);
});

afterAll(async () => {
  for (const page of openPages) await page.context().close();
  await browser?.close();
  await server?.close();
  console.log(`Chat page screenshots: ${SCREENSHOTS}`);
  if (pageErrors.length > 0) throw new Error(`Errors in the page: ${pageErrors.join('; ')}`);
});

describe('chat page', () => {
  let page: Page;

  it('shows example questions on the empty page', async () => {
    page = await openPage(server.url);
    await expect.poll(() => page.locator('.example').count()).toBe(3);
    expect(await page.locator('.example').first().isVisible()).toBe(true);
    await expect.poll(() => page.textContent('#service-status')).toMatch(/5 articles/);
    await screenshot(page, '1-empty');
  });

  it('streams a cited answer and opens the quoted passage in its article', async () => {
    const streamed = page.waitForResponse((response) => response.url().endsWith('/api/ask'));
    await page.getByRole('button', { name: LAVROV }).click();
    expect((await streamed).headers()['content-type']).toMatch(/^text\/event-stream/);
    await lastAnswerSettled(page);
    expect(await page.locator('.answer-text button.marker').count()).toBeGreaterThanOrEqual(1);
    expect(await page.locator('.source').count()).toBeGreaterThanOrEqual(1);
    expect(await page.isDisabled('#send')).toBe(false);
    await screenshot(page, '2-answered');

    const [turn] = await storedTurns(page);
    const marker = page.locator('.answer-text button.marker').first();
    const citation = turn?.response?.citations.find((candidate) => String(candidate.n) === '1');
    expect(await marker.textContent()).toBe('1');
    await marker.click();
    await page.locator('#source-dialog mark').waitFor();
    expect(await page.textContent('#source-dialog mark')).toBe(citation?.quote);
    await screenshot(page, '3-citation-open');
    await page.keyboard.press('Escape');
    expect(await page.locator('#source-dialog').isVisible()).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.classList.contains('marker'))).toBe(true);
  });

  it('sends the conversation as history with a follow-up, keeps it over a reload, and starts over', async () => {
    // Focus first: the dialog closed by the last test hands focus back to its marker.
    await page.focus('#question');
    await page.fill('#question', 'And what did Russia do');
    await page.press('#question', 'Shift+Enter');
    await expect.poll(() => page.inputValue('#question')).toBe('And what did Russia do\n');
    await page.fill('#question', 'And what did Moscow do about the gunmen there?');
    const request = page.waitForRequest((candidate) => candidate.url().endsWith('/api/ask'));
    await page.press('#question', 'Enter');
    const body = (await request).postDataJSON() as { question: string; history: { role: string; content: string }[] };
    expect(body.question).toBe('And what did Moscow do about the gunmen there?');
    expect(body.history[0]).toEqual({ role: 'user', content: LAVROV });
    expect(body.history[1]?.role).toBe('assistant');
    expect(body.history[1]?.content).toMatch(/Lavrov/);
    expect(body.history[1]?.content).not.toMatch(/\[\d+\]/);
    await lastAnswerSettled(page);

    await page.reload();
    await expect.poll(() => page.locator('.turn').count()).toBe(2);
    expect(await page.locator('.question-text').first().textContent()).toBe(LAVROV);
    expect(await page.locator('#welcome').isVisible()).toBe(false);

    await page.click('#new-chat');
    expect(await page.locator('.turn').count()).toBe(0);
    expect(await page.locator('#welcome').isVisible()).toBe(true);
    expect(await storedTurns(page)).toEqual([]);
  });

  it('says plainly when the articles do not hold the answer', async () => {
    await ask(page, UNANSWERABLE);
    await lastAnswerSettled(page);
    const card = page.locator('.answer-card').last();
    expect(await card.getAttribute('class')).toContain('is-abstained');
    expect(await card.textContent()).toContain('Not in the articles');
    expect(await card.locator('.marker').count()).toBe(0);
  });

  it('reads well at phone width and in dark mode', async () => {
    const phone = await openPage(server.url, { viewport: { width: 375, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    await screenshot(phone, '4-mobile-empty');
    await ask(phone, LAVROV);
    await lastAnswerSettled(phone);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await screenshot(phone, '5-mobile-answered');

    const dark = await openPage(server.url, { colorScheme: 'dark' });
    await ask(dark, 'Why did Russia and Iran disagree over Syria in 2016?');
    await lastAnswerSettled(dark);
    expect(await dark.evaluate(() => getComputedStyle(document.body).backgroundColor)).not.toBe('rgb(245, 244, 240)');
    await screenshot(dark, '6-dark-answered');
    await dark.locator('.source').first().click();
    await dark.locator('#source-dialog mark').waitFor();
    await screenshot(dark, '7-dark-citation-open');
  });
});

describe('chat page against other servers', () => {
  it('shows markup inside an article as text, never running it', { timeout: 60_000 }, async () => {
    const docsDir = mkdtempSync(join(tmpdir(), 'news-rag-xss-'));
    cpSync('seeds', docsDir, { recursive: true });
    writeFileSync(join(docsDir, '900_tartus_graffiti.txt'), [
      'Graffiti at the Tartus naval base',
      '',
      'TARTUS – March 3, 2018 – Russian naval engineers at the Tartus naval base are extending the pier for the Mediterranean squadron.',
      `Vandals painted the slogan ${SCRIPT_TEXT} on the pier wall of the Tartus naval base.`,
      `Guards at the Tartus naval base also found the graffiti ${IMG_TEXT} beside the dry dock.`,
      '',
    ].join('\n'));
    const xssServer = await startTestServer({ docsDir });
    try {
      const page = await openPage(xssServer.url);
      await ask(page, 'What graffiti did vandals paint at the Tartus naval base?');
      await lastAnswerSettled(page);
      expect(await page.innerText('.answer-text')).toContain(SCRIPT_TEXT);
      await page.locator('.source').first().click();
      await page.locator('#source-dialog mark').waitFor();
      await screenshot(page, '10-markup-as-text');
      const shown = await page.innerText('#source-dialog');
      expect(shown).toContain(SCRIPT_TEXT);
      expect(shown).toContain(IMG_TEXT);
      expect(await page.locator('.thread script, .thread img, #source-dialog script, #source-dialog img').count()).toBe(0);
      expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();
    } finally {
      await xssServer.close();
      rmSync(docsDir, { recursive: true, force: true });
    }
  });

  it('stops an answer mid-stream', { timeout: 60_000 }, async () => {
    const words = Array.from({ length: 150 }, (_, position) => `word${position} `);
    const fake = await startFakeOpenAI({
      chat: (request) => (request.body?.stream === true ? reply.stream(words, { delayMs: 200 }) : reply.chat('A standalone question?')),
    });
    const llmServer = await startTestServer({ env: { OPENAI_BASE_URL: fake.url, OPENAI_API_KEY: 'test' } });
    try {
      const page = await openPage(llmServer.url);
      await ask(page, LAVROV);
      await page.locator('.answer-text', { hasText: 'word1' }).waitFor();
      expect(await page.isDisabled('#send')).toBe(true);
      await screenshot(page, '8-streaming');
      await page.click('#stop');
      await page.locator('.note-stopped').waitFor();
      expect(await page.isDisabled('#send')).toBe(false);
      expect(await page.locator('#stop').isVisible()).toBe(false);
      expect(await page.textContent('.answer-text')).toContain('word0');
      await screenshot(page, '9-stopped');
    } finally {
      await llmServer.close();
      await fake.close();
    }
  });

  it('asks for the API key when the server requires one, and sends it', async () => {
    const locked = await startTestServer({ env: { API_KEY: 'open-sesame' } });
    try {
      const page = await openPage(locked.url);
      await page.locator('#api-key').waitFor();
      expect(await page.textContent('#service-status')).toBe('API key needed');
      await screenshot(page, '11-api-key');
      await page.fill('#api-key', 'open-sesame');
      await page.press('#api-key', 'Enter');
      await expect.poll(() => page.textContent('#service-status')).toMatch(/5 articles/);
      expect(await page.locator('#key-form').isVisible()).toBe(false);
      const request = page.waitForRequest((candidate) => candidate.url().endsWith('/api/ask'));
      await ask(page, LAVROV);
      expect((await request).headers().authorization).toBe('Bearer open-sesame');
      await lastAnswerSettled(page);
      expect(await page.locator('.answer-text button.marker').count()).toBeGreaterThanOrEqual(1);
    } finally {
      await locked.close();
    }
  });

  it('tells how long to wait when rate-limited', async () => {
    // One request a minute: the page's health check takes it, so the question gets 429 with Retry-After.
    const limited = await startTestServer({ env: { RATE_LIMIT_PER_MINUTE: '1' } });
    try {
      const page = await openPage(limited.url);
      await expect.poll(() => page.textContent('#service-status')).toMatch(/5 articles/);
      await ask(page, LAVROV);
      await lastAnswerSettled(page);
      expect(await page.textContent('.answer-card.is-error')).toMatch(/^Too many requests — wait \d+ s\.$/);
    } finally {
      await limited.close();
    }
  });

  it('explains that the service is still indexing, then that it cannot be reached', async () => {
    const loading = await startTestServer({ withoutIndex: true });
    let page: Page;
    try {
      page = await openPage(loading.url);
      await expect.poll(() => page.textContent('#service-status')).toBe('Indexing the articles…');
      await ask(page, LAVROV);
      await lastAnswerSettled(page);
      expect(await page.textContent('.answer-card.is-error')).toBe('The service is still indexing the articles — try again in a few seconds.');
    } finally {
      await loading.close();
    }
    await ask(page, LAVROV);
    await expect.poll(() => page.locator('.answer-card.is-error').count()).toBe(2);
    expect(await page.locator('.answer-card.is-error').last().textContent()).toBe("Can't reach the service.");
    expect(await page.isDisabled('#send')).toBe(false);
  });
});
