/**
 * @module `npm run loadtest [-- --connections 64 --duration 60 --url URL --reindex]`: autocannon against POST /api/ask
 * with rotating evaluation questions (answerable and not), the server's resident memory sampled every second from
 * its /metrics, and optionally a re-index swapped in mid-run. Exits 1 on any error, time-out, non-2xx or memory growth.
 */
import autocannon from 'autocannon';
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    connections: { type: 'string', default: '64' },
    duration: { type: 'string', default: '60' },
    url: { type: 'string' },
    reindex: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(
    'Usage: npm run loadtest -- [--connections 64] [--duration 60] [--url http://host:port] [--reindex]\n' +
      '  Without --url, starts `src/server.ts` over a copy of seeds/ on a free port.\n' +
      '  --reindex adds an article and calls POST /api/admin/reindex mid-run (with --url, set ADMIN_TOKEN).\n' +
      '  API_KEY, when set, is sent as the bearer token. The started server runs with its answer cache off, so every\n' +
      '  request does the full work; set ANSWER_CACHE_SIZE to measure with it.',
  );
  process.exit(0);
}
const connections = Number(values.connections);
const duration = Number(values.duration);
/** Memory is compared from the end of warm-up (a sixth of the run, at least 2 s), when caches and JIT have settled. */
const warmupSeconds = Math.max(2, Math.round(duration / 6));
/** Resident memory may grow this much after warm-up and still count as flat (shrinking as the GC catches up is fine). */
const RSS_TOLERANCE = 0.1;
/** Failures this long after the new index is visible still count as "during the swap". */
const SWAP_WINDOW_AFTER_MS = 1000;

interface ServerUnderTest {
  url: string;
  adminToken: string | undefined;
  docsDir: string | null;
  stop(): Promise<void>;
}

/** `npm start`'s code in its own process, so the figures are the server's and not shared with autocannon's event loop. */
async function startServer(): Promise<ServerUnderTest> {
  const workDir = mkdtempSync(join(tmpdir(), 'news-rag-loadtest-'));
  const docsDir = join(workDir, 'docs');
  cpSync('seeds', docsDir, { recursive: true });
  const adminToken = randomBytes(16).toString('hex');
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DOCS_DIR: docsDir, INDEX_DIR: join(workDir, 'index'), ADMIN_TOKEN: adminToken, RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'info', ANSWER_MODE: 'extractive', EMBEDDER: 'local', API_KEY: '', ANSWER_CACHE_SIZE: process.env.ANSWER_CACHE_SIZE ?? '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  // The port is read from the "Listening on" log line; after that the server's logs (errors only, under load) pass through.
  const port = await new Promise<number>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /Listening on http:\/\/[^:]+:(\d+)/.exec(output);
      if (match === null) return;
      child.stdout?.off('data', onData);
      child.stdout?.on('data', (line: Buffer) => {
        if (/"level":[5-6]\d/.test(line.toString('utf8'))) process.stderr.write(line);
      });
      resolve(Number(match[1]));
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the server exited (${code}) before listening:\n${output}`)));
  });
  const url = `http://127.0.0.1:${port}`;
  for (let waited = 0; (await fetch(`${url}/api/health`)).status !== 200; waited += 100) {
    if (waited > 120_000) throw new Error('the index did not load within 120 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    adminToken,
    docsDir,
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(killer);
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}

/** The evaluation questions as request bodies; about a quarter are unanswerable, some are follow-ups with history. */
function questionBodies(): string[] {
  return readFileSync('test/eval/questions.jsonl', 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const { question, history } = JSON.parse(line) as { question: string; history?: unknown };
      return JSON.stringify(history === undefined ? { question } : { question, history });
    });
}

async function residentBytes(url: string, headers: Record<string, string>): Promise<number | null> {
  try {
    const text = await (await fetch(`${url}/metrics`, { headers })).text();
    const match = /^process_resident_memory_bytes (\d+(?:\.\d+)?(?:e\+\d+)?)$/m.exec(text);
    return match === null ? null : Number(match[1]);
  } catch {
    return null;
  }
}

const megabytes = (bytes: number | null) => (bytes === null ? 'n/a' : `${(bytes / 2 ** 20).toFixed(1)} MB`);

async function main(): Promise<number> {
  const server: ServerUnderTest = values.url === undefined
    ? await startServer()
    : { url: values.url.replace(/\/$/, ''), adminToken: process.env.ADMIN_TOKEN, docsDir: null, stop: async () => undefined };
  const auth: Record<string, string> = process.env.API_KEY ? { authorization: `Bearer ${process.env.API_KEY}` } : {};
  try {
    const bodies = questionBodies();
    let next = 0;
    const failures: number[] = [];
    const rss: (number | null)[] = [];
    const sampler = setInterval(() => void residentBytes(server.url, auth).then((bytes) => rss.push(bytes)), 1000);

    const cache = values.url === undefined ? `, answer cache ${process.env.ANSWER_CACHE_SIZE ?? '0'}` : '';
    console.log(`POST ${server.url}/api/ask: ${connections} connections for ${duration} s, ${bodies.length} rotating questions${cache}${values.reindex ? ', re-index mid-run' : ''}`);
    const options: autocannon.Options = {
      url: `${server.url}/api/ask`,
      connections,
      duration,
      requests: [{ method: 'POST', headers: { 'content-type': 'application/json', ...auth }, setupRequest: (request) => ({ ...request, body: bodies[next++ % bodies.length] }) }],
    };
    let instance: autocannon.Instance | undefined;
    const finished = new Promise<autocannon.Result>((resolve, reject) => {
      instance = autocannon(options, (error: unknown, result) => (error ? reject(error) : resolve(result)));
    });
    if (instance === undefined) throw new Error('autocannon did not start');
    instance.on('response', (_client, statusCode) => {
      if (statusCode < 200 || statusCode >= 300) failures.push(Date.now());
    });
    instance.on('reqError', () => failures.push(Date.now()));

    let swap: Promise<{ startedAt: number; visibleAt: number; status: number }> | null = null;
    if (values.reindex) swap = new Promise((resolve) => setTimeout(resolve, (duration * 1000) / 2)).then(() => reindex(server, auth));
    const result = await finished;
    clearInterval(sampler);

    const afterWarmup = rss[warmupSeconds - 1] ?? null;
    const atEnd = rss.filter((bytes) => bytes !== null).at(-1) ?? null;
    const growth = afterWarmup === null || atEnd === null ? null : (atEnd - afterWarmup) / afterWarmup;
    const flat = growth !== null && growth <= RSS_TOLERANCE;
    const rows: [string, string][] = [
      ['requests/s (mean)', result.requests.average.toFixed(0)],
      ['requests total', String(result.requests.total)],
      ['latency p50', `${result.latency.p50} ms`],
      ['latency p99', `${result.latency.p99} ms`],
      ['latency max', `${result.latency.max} ms`],
      ['errors', String(result.errors)],
      ['timeouts', String(result.timeouts)],
      ['non-2xx', String(result.non2xx)],
      [`RSS after ${warmupSeconds} s warm-up`, megabytes(afterWarmup)],
      ['RSS at end', megabytes(atEnd)],
      ['RSS max', megabytes(Math.max(...rss.map((bytes) => bytes ?? 0)))],
      ['RSS growth', growth === null ? 'n/a' : `${(growth * 100).toFixed(1)} % (${flat ? 'flat' : 'NOT flat'}, tolerance +${RSS_TOLERANCE * 100} %)`],
    ];
    let swapFailures = 0;
    if (swap !== null) {
      const { startedAt, visibleAt, status } = await swap;
      swapFailures = failures.filter((at) => at >= startedAt && at <= visibleAt + SWAP_WINDOW_AFTER_MS).length;
      rows.push(['re-index', `POST /api/admin/reindex → ${status}; new index visible after ${visibleAt - startedAt} ms`]);
      rows.push(['failed requests during the swap', String(swapFailures)]);
    }
    for (const [name, value] of rows) console.log(`${name.padEnd(34)} ${value}`);
    const passed = result.errors === 0 && result.timeouts === 0 && result.non2xx === 0 && flat && swapFailures === 0 && (swap === null || (await swap).status === 202);
    console.log(passed ? 'PASS' : 'FAIL');
    return passed ? 0 : 1;
  } finally {
    await server.stop();
  }
}

/** Adds an article (when the script owns the documents) and asks the server to rebuild; waits until the new index serves. */
async function reindex(server: ServerUnderTest, auth: Record<string, string>): Promise<{ startedAt: number; visibleAt: number; status: number }> {
  const health = async () => (await (await fetch(`${server.url}/api/health`, { headers: auth })).json()) as { indexBuiltAt: string | null; documents: number };
  const before = await health();
  if (server.docsDir !== null) copyFileSync('test/fixtures/reindex-article.txt', join(server.docsDir, 'zz_reindex_probe.txt'));
  const startedAt = Date.now();
  const response = await fetch(`${server.url}/api/admin/reindex`, { method: 'POST', headers: { authorization: `Bearer ${server.adminToken ?? ''}` } });
  if (response.status !== 202) return { startedAt, visibleAt: startedAt, status: response.status };
  while ((await health()).indexBuiltAt === before.indexBuiltAt && Date.now() - startedAt < 60_000) await new Promise((resolve) => setTimeout(resolve, 50));
  return { startedAt, visibleAt: Date.now(), status: response.status };
}

process.exit(await main());
