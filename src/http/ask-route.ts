/** @module POST /api/ask: a JSON answer, or with `Accept: text/event-stream` citations, then text, then the full response. */
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { askQuestion, type AskResult } from '../answer/ask-question.ts';
import { AppError, IndexNotReadyError } from '../errors.ts';
import type { AskResponse, Citation, ScoredPassage } from '../types.ts';
import type { EngineHolder } from '../engine.ts';
import { errorBody, logFailure, toAppError } from './error-handler.ts';
import type { Metrics } from './metrics.ts';
import { askRequestSchema, parseBody } from './request-schemas.ts';
import { EventStream, wantsEventStream } from './sse.ts';

export function toAskResponse(result: AskResult): AskResponse {
  const { standaloneQuestion: _question, passages: _passages, ...response } = result;
  return response;
}

/** What the LLM sees as numbered passages, sent before generation so a client can show sources while text arrives. */
function provisionalCitations(passages: readonly ScoredPassage[]): Citation[] {
  return passages.map(({ passage, score }, position) => ({
    n: position + 1,
    docId: passage.docId,
    title: passage.title,
    date: passage.date,
    outlet: passage.outlet,
    passageId: passage.id,
    quote: passage.text,
    start: passage.start,
    end: passage.end,
    score: Number(score.toFixed(4)),
  }));
}

export interface AskHandlerOptions {
  holder: EngineHolder;
  maxQuestionChars: number;
  metrics: Metrics;
  bodyLimit: string;
  logger: Logger;
}

export function createAskHandler({ holder, maxQuestionChars, metrics, bodyLimit, logger }: AskHandlerOptions) {
  const schema = askRequestSchema(maxQuestionChars);
  const observe = (result: AskResult, configuredMode: AskResult['mode']) => {
    metrics.retrieveSeconds.observe(result.timings.retrieveMs / 1000);
    metrics.generateSeconds.observe({ mode: result.mode }, result.timings.generateMs / 1000);
    if (result.abstained) metrics.abstentions.inc();
    // withFallback answers in the fallback's mode and says why in a warning; an answer about an article's byline or
    // date is extractive whatever the configured mode, and no fallback.
    if (result.mode !== configuredMode && result.warning !== undefined) metrics.fallbacks.inc();
  };

  return async (request: Request, response: Response): Promise<void> => {
    const body = parseBody(schema, request.body);
    const engine = holder.current();
    if (engine === null) throw new IndexNotReadyError(statusMessage(holder));
    const controller = new AbortController();
    response.on('close', () => {
      if (!response.writableFinished) controller.abort();
    });

    if (!wantsEventStream(request.headers.accept)) {
      const result = await askQuestion(engine.ask, body, { signal: controller.signal });
      observe(result, engine.ask.answerer.mode);
      response.json(toAskResponse(result));
      return;
    }

    const stream = new EventStream(response);
    let streamedText = false;
    try {
      const result = await askQuestion(engine.ask, body, {
        signal: controller.signal,
        onPassages: (passages) => {
          if (engine.ask.answerer.mode === 'llm') stream.send('citations', { citations: provisionalCitations(passages), provisional: true });
        },
        onText: (text) => {
          streamedText = true;
          stream.send('token', { text });
        },
      });
      observe(result, engine.ask.answerer.mode);
      if (!streamedText) {
        stream.send('citations', { citations: result.citations, provisional: false });
        for (const sentence of result.answer.match(/[^]*?(?:\]\s|$)/g)?.filter(Boolean) ?? [result.answer]) stream.send('token', { text: sentence });
      }
      stream.send('done', toAskResponse(result));
    } catch (error) {
      if (controller.signal.aborted) return;
      const known = toAppError(error, bodyLimit);
      logFailure(logger, error, known, { requestId: String(response.locals.requestId ?? ''), method: request.method, path: request.path });
      stream.send('error', errorBody(known ?? new AppError(500, 'internal_error', 'Something went wrong on our side.')));
    } finally {
      stream.end();
    }
  };
}

export function statusMessage(holder: EngineHolder): string | undefined {
  const status = holder.currentStatus();
  return status.state === 'ready' ? undefined : status.message;
}
