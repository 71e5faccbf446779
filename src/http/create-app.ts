/** @module createApp(deps): the Express app with its routes, security middleware and error mapping. Never listens. */
import cors from 'cors';
import express, { type NextFunction, type Request, type Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import { MethodNotAllowedError, NotFoundError, RateLimitedError, UnauthorizedError, UnsupportedMediaTypeError } from '../errors.ts';
import { createAskHandler } from './ask-route.ts';
import { documentRoutes } from './document-routes.ts';
import type { EngineHolder } from '../engine.ts';
import { createErrorHandler } from './error-handler.ts';
import { createOpenAICompatibleErrorHandler } from './openai-compatible-errors.ts';
import type { Metrics } from './metrics.ts';
import { createMetrics } from './metrics.ts';
import { hasBearerToken } from './bearer-token.ts';

export interface AppDependencies {
  config: Config;
  holder: EngineHolder;
  logger: Logger;
  metrics?: Metrics;
  /** Answer mode and model, for /api/health. */
  answerMode: string;
  answerModel: string | null;
  /** Starts a background re-index; present when the server can rebuild. */
  reindex?: () => Promise<{ started: boolean; message: string }>;
  /** Extra routers mounted before the fallbacks, e.g. the OpenAI-compatible /v1 API. */
  extraRoutes?: (app: express.Express) => void;
}

const WEB_ROOT = fileURLToPath(new URL('../web/', import.meta.url));
const CLIENT_CLOSED_REQUEST = 499;

export function createApp(dependencies: AppDependencies): express.Express {
  const { config, holder, logger } = dependencies;
  const metrics = dependencies.metrics ?? createMetrics(false);
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.set('etag', false);

  app.use((request, response, next) => {
    const incoming = request.headers['x-request-id'];
    const requestId = typeof incoming === 'string' && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    response.locals.requestId = requestId;
    response.setHeader('X-Request-Id', requestId);
    const started = performance.now();
    // 'close', not 'finish': it comes exactly once for every response, including those the client abandoned, which
    // never finish and would otherwise go unlogged and uncounted.
    response.on('close', () => {
      const route = routeLabel(request);
      const aborted = !response.writableFinished;
      // An abandoned response has no real status (headers may not even have gone out): nginx's 499, "client closed request".
      const status = aborted ? CLIENT_CLOSED_REQUEST : response.statusCode;
      metrics.requests.inc({ route, method: request.method, status: String(status) });
      const seconds = (performance.now() - started) / 1000;
      metrics.requestSeconds.observe({ route, method: request.method }, seconds);
      // One access line per request; the query string is left out, since it is where secrets would leak.
      const ms = Math.round(seconds * 10_000) / 10;
      logger.info({ requestId, method: request.method, route, status, ms, ...(aborted ? { aborted } : {}) }, 'request');
    });
    next();
  });
  // No upgrade-insecure-requests: the page is also served over plain HTTP (HOST=0.0.0.0 on a LAN), where upgrading
  // its own script and API requests to https would break it.
  app.use(helmet({ contentSecurityPolicy: { directives: { 'script-src': ["'self'"], 'connect-src': ["'self'"], 'upgrade-insecure-requests': null } } }));
  const origins = config.CORS_ORIGINS.split(',').map((origin) => origin.trim()).filter(Boolean);
  // Closed unless an allow-list is configured: browsers on other origins get no CORS headers.
  app.use(cors({ origin: origins.length === 0 ? false : origins }));

  if (config.RATE_LIMIT_PER_MINUTE > 0) {
    app.use(['/api', '/v1'], rateLimit({
      windowMs: 60_000,
      limit: config.RATE_LIMIT_PER_MINUTE,
      standardHeaders: 'draft-7',
      legacyHeaders: false,
      handler: (_request, response, next) => {
        const resetTime = (_request as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
        const seconds = resetTime === undefined ? 60 : Math.max(1, Math.ceil((resetTime.getTime() - Date.now()) / 1000));
        next(new RateLimitedError(seconds));
      },
    }));
  }

  const { ADMIN_TOKEN: adminToken } = config;
  const { reindex } = dependencies;
  if (adminToken !== undefined && reindex !== undefined) {
    // Before the API-key check: this route is authorised by ADMIN_TOKEN alone. One Authorization header cannot carry
    // both secrets, and the admin token is the stronger one.
    app.post('/api/admin/reindex', async (request, response) => {
      if (!hasBearerToken(request.headers.authorization, adminToken)) throw new UnauthorizedError('POST /api/admin/reindex needs "Authorization: Bearer <ADMIN_TOKEN>".');
      const result = await reindex();
      response.status(result.started ? 202 : 409).json(result);
    });
  }

  if (config.API_KEY !== undefined) {
    const key = config.API_KEY;
    app.use(['/api', '/v1'], (request, _response, next) => {
      next(hasBearerToken(request.headers.authorization, key) ? undefined : new UnauthorizedError());
    });
  }

  // The media type is checked before parsing, so a form or text body gets 415 rather than a JSON parse error.
  app.use(requireJsonOnPost);
  // Not strict: `null` or `"text"` is valid JSON, just not an object, and parseBody says exactly that.
  app.use(express.json({ limit: config.BODY_LIMIT, type: () => true, strict: false }));

  app.post('/api/ask', createAskHandler({ holder, maxQuestionChars: config.MAX_QUESTION_CHARS, metrics, bodyLimit: config.BODY_LIMIT, logger }));
  app.get('/api/health', (_request, response) => {
    const engine = holder.current();
    const status = holder.currentStatus();
    const body = {
      status: status.state,
      ready: engine !== null,
      documents: engine?.index.documents.length ?? 0,
      passages: engine?.index.passages.length ?? 0,
      embedder: engine?.embedderId ?? null,
      answerMode: dependencies.answerMode,
      model: dependencies.answerModel,
      indexBuiltAt: engine?.index.manifest.builtAt ?? null,
      askWorkers: engine?.askWorkers?.() ?? 0,
      ...(status.state === 'ready' ? {} : { message: status.message }),
    };
    response.status(engine === null ? 503 : 200).json(body);
  });
  app.use(documentRoutes(holder));
  app.get('/metrics', async (_request, response) => {
    response.setHeader('Content-Type', metrics.registry.contentType);
    response.send(await metrics.registry.metrics());
  });
  // Reached only when re-indexing is off; then the route stays behind the API key like the rest of /api.
  app.post('/api/admin/reindex', () => {
    throw new NotFoundError('Re-indexing over HTTP is off; set ADMIN_TOKEN to enable it.');
  });
  dependencies.extraRoutes?.(app);

  app.use(express.static(WEB_ROOT, { index: 'index.html', maxAge: '5m' }));
  const allowed: Record<string, string[]> = {
    '/api/ask': ['POST'],
    '/api/health': ['GET'],
    '/api/documents': ['GET'],
    '/api/admin/reindex': ['POST'],
    '/metrics': ['GET'],
  };
  app.use((request, _response, next) => {
    const methods = allowed[request.path] ?? (/^\/api\/documents\/[^/]+$/.test(request.path) ? ['GET'] : undefined);
    if (methods !== undefined && !methods.includes(request.method) && !(request.method === 'HEAD' && methods.includes('GET'))) {
      next(new MethodNotAllowedError(request.method, request.path, methods));
      return;
    }
    next(new NotFoundError(`No route ${request.method} ${request.path}. See README for the API.`));
  });
  // /v1 speaks OpenAI's error shape, also for errors raised before its router (API key, rate limit, body parsing).
  app.use('/v1', createOpenAICompatibleErrorHandler(logger, config.BODY_LIMIT));
  app.use(createErrorHandler(logger, config.BODY_LIMIT));
  return app;
}

/** POST bodies must be JSON: a form or plain text is refused with 415 rather than read as an empty question. */
function requireJsonOnPost(request: Request, _response: Response, next: NextFunction): void {
  if (request.method !== 'POST') return next();
  const length = Number(request.headers['content-length'] ?? 0);
  const hasBody = length > 0 || request.headers['transfer-encoding'] !== undefined;
  if (hasBody && !request.is('application/json') && !request.is('application/*+json')) return next(new UnsupportedMediaTypeError());
  next();
}

function routeLabel(request: Request): string {
  // originalUrl, not path: a response finished inside a router mounted at /v1 sees path without the /v1 prefix.
  const path = request.originalUrl.split('?')[0] ?? '';
  if (path.startsWith('/api/documents/')) return '/api/documents/:id';
  if (['/api/ask', '/api/health', '/api/documents', '/api/admin/reindex', '/metrics', '/v1/models', '/v1/chat/completions', '/'].includes(path)) return path;
  if (path.startsWith('/v1/models/')) return '/v1/models/:id';
  return path.startsWith('/api') || path.startsWith('/v1') ? 'unknown' : 'static';
}
