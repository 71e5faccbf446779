/** @module The OpenAI-compatible /v1 API: one model that answers questions over the articles, with cited answers. */
import { Router, type Response } from 'express';
import { randomUUID } from 'node:crypto';
import type { Model } from 'openai/resources/models';
import type { Logger } from 'pino';
import { askQuestion, type AskRequest } from '../answer/ask-question.ts';
import type { Config } from '../config.ts';
import type { Engine, EngineHolder } from '../engine.ts';
import { IndexNotReadyError, MethodNotAllowedError } from '../errors.ts';
import { statusMessage } from './ask-route.ts';
import { createOpenAICompatibleErrorHandler, describeFailure, type FailureContext, type OpenAIErrorBody, ParamError } from './openai-compatible-errors.ts';
import {
  chatCompletion,
  type CompletionMeta,
  completionChunk,
  estimateUsage,
  type NewsRagChunk,
  newsRagField,
  sourcesBlock,
  textPieces,
} from './openai-compatible-format.ts';
import { parseChatCompletionBody, toAskRequest } from './openai-compatible-request.ts';
import { EventStream } from './sse.ts';

export interface OpenAICompatibleOptions {
  holder: EngineHolder;
  /** Uses MODEL_NAME (the served model's id), MAX_QUESTION_CHARS and BODY_LIMIT. */
  config: Config;
  logger: Logger;
}

/** The methods each /v1 path allows, for a 405 that says what to use instead. */
const ALLOWED: Array<[RegExp, string[]]> = [
  [/^\/v1\/models\/?$/, ['GET']],
  [/^\/v1\/models\/[^/]+$/, ['GET']],
  [/^\/v1\/chat\/completions\/?$/, ['POST']],
];

export function createOpenAICompatibleRoutes({ holder, config, logger }: OpenAICompatibleOptions): Router {
  const router = Router();
  const modelName = config.MODEL_NAME;
  const model: Model = { id: modelName, object: 'model', created: unixNow(), owned_by: 'news-rag' };
  const modelNotFound = (name: string) =>
    new ParamError(404, 'model_not_found', `The model '${name.slice(0, 200)}' does not exist; this server serves '${modelName}'.`, 'model');

  router.get('/v1/models', (_request, response) => {
    response.json({ object: 'list', data: [model] });
  });

  router.get('/v1/models/:id', (request, response) => {
    const id = String(request.params.id);
    if (id !== modelName) throw modelNotFound(id);
    response.json(model);
  });

  router.post('/v1/chat/completions', async (request, response) => {
    const body = parseChatCompletionBody(request.body);
    if (body.model !== modelName) throw modelNotFound(body.model);
    const ask = toAskRequest(body.messages, config.MAX_QUESTION_CHARS);
    // Taken once, so a re-index that swaps the engine mid-answer cannot mix two indexes.
    const engine = holder.current();
    if (engine === null) throw new IndexNotReadyError(statusMessage(holder));
    const meta: CompletionMeta = { id: `chatcmpl-${randomUUID().replaceAll('-', '')}`, created: unixNow(), model: modelName };
    const controller = new AbortController();
    // A client that goes away stops the work it asked for.
    response.on('close', () => {
      if (!response.writableFinished) controller.abort();
    });
    if (body.stream === true) {
      const failure = { logger, bodyLimit: config.BODY_LIMIT, requestId: String(response.locals.requestId ?? '') };
      await streamCompletion({ response, engine, ask, meta, signal: controller.signal, includeUsage: body.stream_options?.include_usage === true, failure });
      return;
    }
    const result = await askQuestion(engine.ask, ask, { signal: controller.signal });
    response.json(chatCompletion(meta, ask, result));
  });

  router.use('/v1', (request, _response, next) => {
    const path = `${request.baseUrl}${request.path}`;
    const methods = ALLOWED.find(([pattern]) => pattern.test(path))?.[1];
    if (methods !== undefined && !methods.includes(request.method)) {
      next(new MethodNotAllowedError(request.method, path, methods));
      return;
    }
    next(new ParamError(404, 'not_found', `No route ${request.method} ${path.slice(0, 200)}. This server offers GET /v1/models and POST /v1/chat/completions.`, null));
  });
  router.use('/v1', createOpenAICompatibleErrorHandler(logger, config.BODY_LIMIT));

  return router;
}

interface StreamOptions {
  response: Response;
  engine: Engine;
  ask: AskRequest;
  meta: CompletionMeta;
  signal: AbortSignal;
  /** `stream_options.include_usage`: OpenAI then sends one more chunk, with no choices and the usage. */
  includeUsage: boolean;
  failure: FailureContext;
}

/** Standard `chat.completion.chunk` events, the structured answer on the last one, then `[DONE]`. */
async function streamCompletion({ response, engine, ask, meta, signal, includeUsage, failure }: StreamOptions): Promise<void> {
  // EventStream sets the headers and notices a closed connection; OpenAI's wire format has data lines only.
  const events = new EventStream(response);
  const send = (data: NewsRagChunk | OpenAIErrorBody | '[DONE]') => {
    if (!events.isClosed) response.write(`data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`);
  };
  send(completionChunk(meta, { role: 'assistant', content: '' }));
  try {
    // The answerer's live text (onText) is not forwarded: an LLM draft still goes through the citation check, which can
    // drop sentences and renumbers the citations, and a chat client cannot take back text it has shown. The checked
    // answer goes out instead, in pieces, so streamed and non-streamed content are the same.
    const result = await askQuestion(engine.ask, ask, { signal });
    for (const piece of textPieces(result.answer)) send(completionChunk(meta, { content: piece }));
    const sources = sourcesBlock(result);
    if (sources !== '') send(completionChunk(meta, { content: sources }));
    send({ ...completionChunk(meta, {}, 'stop'), news_rag: newsRagField(result) });
    if (includeUsage) send({ ...meta, object: 'chat.completion.chunk', choices: [], usage: estimateUsage(ask, `${result.answer}${sources}`) });
  } catch (error) {
    if (signal.aborted) return;
    send(describeFailure(error, failure).body);
  } finally {
    send('[DONE]');
    events.end();
  }
}

function unixNow(): number {
  return Math.floor(Date.now() / 1000);
}
