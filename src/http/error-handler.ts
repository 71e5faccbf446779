/** @module The one place errors become HTTP: AppError → its status and `{ error: { code, message } }`; anything else → a plain 500. */
import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import { AppError, BadRequestError, isAbortError, MethodNotAllowedError, PayloadTooLargeError, RateLimitedError } from '../errors.ts';

/** body-parser's own errors, recognised by their `type`. */
function fromBodyParser(error: unknown, bodyLimit: string): AppError | null {
  const type = (error as { type?: unknown } | null)?.type;
  if (type === 'entity.too.large') return new PayloadTooLargeError(bodyLimit);
  if (type === 'entity.parse.failed') return new BadRequestError('The request body is not valid JSON.', 'invalid_json');
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') return new AppError(415, 'unsupported_media_type', 'Send the body as UTF-8 JSON.');
  if (type === 'request.aborted') return new BadRequestError('The request was aborted by the client.', 'request_aborted');
  if (typeof type === 'string') return new BadRequestError('The request body could not be read.', 'invalid_body');
  return null;
}

/**
 * Express's router and body-parser raise http-errors with a 4xx `status` and `expose: true` for the client's own
 * mistakes that carry no `type`: a URL that does not percent-decode (`/api/documents/%ZZ`), a gzip or brotli body
 * that does not inflate. `expose` (http-errors) or URIError (the router's decodeParam) tells them from other errors
 * with a `status`, such as the openai client's, which must stay 500s.
 */
function fromHttpError(error: unknown): AppError | null {
  const { status, expose } = (error ?? {}) as { status?: unknown; expose?: unknown };
  if (!(expose === true || error instanceof URIError) || typeof status !== 'number' || status < 400 || status > 499) return null;
  return new AppError(status, 'bad_request', 'The request could not be read: its URL or body encoding is malformed.');
}

export function toAppError(error: unknown, bodyLimit: string): AppError | null {
  if (error instanceof AppError) return error;
  return fromBodyParser(error, bodyLimit) ?? fromHttpError(error);
}

export function errorBody(error: AppError): { error: { code: string; message: string } } {
  return { error: { code: error.code, message: error.message } };
}

export interface FailedRequest {
  requestId: string;
  method?: string;
  path?: string;
}

/**
 * Logs a failed request once, for both APIs and for errors inside streams: an unexpected error with its stack, since
 * it is a bug; a known 5xx as a warning; a client's own mistake as info. `known` is `toAppError(error)`.
 */
export function logFailure(logger: Logger, error: unknown, known: AppError | null, request: FailedRequest): void {
  if (known === null && isAbortError(error)) {
    // The work stopped because the client went away (see the route's 'close' handler): no bug, nobody to answer.
    logger.info({ requestId: request.requestId }, 'request abandoned by the client');
  } else if (known === null) {
    logger.error({ err: error, ...request }, 'unhandled error');
  } else if (known.status >= 500) {
    logger.warn({ requestId: request.requestId, code: known.code, message: known.message, detail: known.detail }, 'request failed');
  } else {
    logger.info({ requestId: request.requestId, code: known.code, status: known.status }, 'request rejected');
  }
}

export function createErrorHandler(logger: Logger, bodyLimit: string): ErrorRequestHandler {
  return (error, request, response, _next) => {
    const known = toAppError(error, bodyLimit);
    const requestId = String(response.locals.requestId ?? '');
    logFailure(logger, error, known, { requestId, method: request.method, path: request.path });
    if (response.headersSent) {
      // A stream already started: end it; the client has the error event or a cut stream, never a stack trace.
      response.end();
      return;
    }
    if (known instanceof MethodNotAllowedError) response.setHeader('Allow', known.allowed.join(', '));
    if (known instanceof RateLimitedError) response.setHeader('Retry-After', String(known.retryAfterSeconds));
    const status = known?.status ?? 500;
    const body = known === null ? { error: { code: 'internal_error', message: `Something went wrong on our side (request ${requestId}).` } } : errorBody(known);
    response.status(status).json(body);
  };
}
