/** @module Errors of the /v1 API in OpenAI's shape `{ error: { message, type, param, code } }`, so OpenAI clients raise their typed errors. */
import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import { AppError, MethodNotAllowedError, RateLimitedError } from '../errors.ts';
import { logFailure, toAppError } from './error-handler.ts';

export interface OpenAIErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

/** A request error that names the offending field, as OpenAI's `param` does (`messages[2].content`, `model`). */
export class ParamError extends AppError {
  readonly param: string | null;
  constructor(status: number, code: string, message: string, param: string | null) {
    super(status, code, message);
    this.param = param;
  }
}

/** OpenAI's own codes where it has one, so clients that branch on them (e.g. `invalid_api_key`) behave as with OpenAI. */
const OPENAI_CODES: Record<string, string> = { unauthorized: 'invalid_api_key', rate_limited: 'rate_limit_exceeded' };

/** The `type` OpenAI sends with each kind of status (a bad API key is an `invalid_request_error` there too). */
function errorType(status: number): string {
  if (status === 429) return 'requests';
  return status >= 500 ? 'server_error' : 'invalid_request_error';
}

export function openAIErrorBody(error: AppError): OpenAIErrorBody {
  return {
    error: {
      message: error.message,
      type: errorType(error.status),
      param: error instanceof ParamError ? error.param : null,
      code: OPENAI_CODES[error.code] ?? error.code,
    },
  };
}

export interface FailureContext {
  logger: Logger;
  bodyLimit: string;
  requestId: string;
}

/** Logs a failure the way the main error handler does and turns it into a status and body; unknown errors reveal nothing. */
export function describeFailure(error: unknown, { logger, bodyLimit, requestId }: FailureContext): { known: AppError | null; status: number; body: OpenAIErrorBody } {
  const known = toAppError(error, bodyLimit);
  logFailure(logger, error, known, { requestId });
  if (known === null) {
    const body = { error: { message: `Something went wrong on our side (request ${requestId}).`, type: 'server_error', param: null, code: 'internal_error' } };
    return { known, status: 500, body };
  }
  return { known, status: known.status, body: openAIErrorBody(known) };
}

/**
 * Error middleware for /v1. Mounted at the end of the /v1 router for its own errors; mounting it again in createApp
 * at `/v1` before the main error handler also gives the API-key, rate-limit and body-parser errors this shape.
 */
export function createOpenAICompatibleErrorHandler(logger: Logger, bodyLimit: string): ErrorRequestHandler {
  return (error, _request, response, _next) => {
    const { known, status, body } = describeFailure(error, { logger, bodyLimit, requestId: String(response.locals.requestId ?? '') });
    if (response.headersSent) {
      // A stream already started and reports its own errors; all that is left is to end it.
      response.end();
      return;
    }
    if (known instanceof MethodNotAllowedError) response.setHeader('Allow', known.allowed.join(', '));
    if (known instanceof RateLimitedError) response.setHeader('Retry-After', String(known.retryAfterSeconds));
    response.status(status).json(body);
  };
}
