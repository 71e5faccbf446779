/** @module Typed errors. Each carries its HTTP status, a stable code and whether retrying may help; http/ maps them in one place. */

export interface AppErrorOptions {
  cause?: unknown;
  retryable?: boolean;
  /**
   * More than the client may see, for the logs only (e.g. which server failed and what it said). Must hold no
   * secret either: logs are read by more people than the keys are shared with.
   */
  detail?: string;
}

export class AppError extends Error {
  readonly status: number;
  readonly code: string;
  readonly retryable: boolean;
  readonly detail: string | undefined;

  constructor(status: number, code: string, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.status = status;
    this.code = code;
    this.retryable = options.retryable ?? false;
    this.detail = options.detail;
  }
}

export class BadRequestError extends AppError {
  constructor(message: string, code = 'bad_request', options?: AppErrorOptions) {
    super(400, code, message, options);
  }
}

export class UnauthorizedError extends AppError {
  constructor(message = 'A valid API key is required: send it as "Authorization: Bearer <key>".') {
    super(401, 'unauthorized', message);
  }
}

export class NotFoundError extends AppError {
  constructor(message: string) {
    super(404, 'not_found', message);
  }
}

export class MethodNotAllowedError extends AppError {
  readonly allowed: string[];
  constructor(method: string, path: string, allowed: string[]) {
    super(405, 'method_not_allowed', `${method} is not allowed on ${path}; use ${allowed.join(' or ')}.`);
    this.allowed = allowed;
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(limit: string) {
    super(413, 'payload_too_large', `The request body is larger than the limit of ${limit}.`);
  }
}

export class UnsupportedMediaTypeError extends AppError {
  constructor(message = 'Send the request body as JSON with "Content-Type: application/json".') {
    super(415, 'unsupported_media_type', message);
  }
}

export class RateLimitedError extends AppError {
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number) {
    super(429, 'rate_limited', `Too many requests; try again in ${retryAfterSeconds} s.`, { retryable: true });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** The index is being built or loaded; the request can be retried shortly. */
export class IndexNotReadyError extends AppError {
  constructor(message = 'The index is still loading; try again in a few seconds.') {
    super(503, 'index_not_ready', message, { retryable: true });
  }
}

/** The index on disk does not match the configuration (other embedder, format, chunking). */
export class IndexMismatchError extends AppError {
  constructor(message: string) {
    super(503, 'index_mismatch', message);
  }
}

/** An index file is missing, truncated or unreadable. */
export class IndexCorruptError extends AppError {
  constructor(message: string, options?: AppErrorOptions) {
    super(503, 'index_corrupt', message, options);
  }
}

/** A document could not be read or indexed; the message names the file. */
export class IngestError extends AppError {
  readonly file: string;
  constructor(file: string, problem: string, options?: AppErrorOptions) {
    super(422, 'ingest_failed', `${file}: ${problem}`, options);
    this.file = file;
  }
}

/** A configured outside service (LLM or embedding server) failed or timed out. */
export class UpstreamError extends AppError {
  constructor(message: string, options?: AppErrorOptions) {
    super(503, 'upstream_unavailable', message, { retryable: true, ...options });
  }
}

/** The environment holds an invalid setting; the message names the variable. */
export class ConfigError extends AppError {
  constructor(message: string) {
    super(500, 'config_invalid', message);
  }
}

/**
 * An error's kind: its `name`, or its class name when that is plain 'Error' (as for all of the openai client's
 * errors), so they are told apart without importing the client.
 */
export function errorKind(error: unknown): string {
  if (!(error instanceof Error)) return '';
  return error.name !== 'Error' ? error.name : error.constructor.name;
}

export function isAbortError(error: unknown): boolean {
  const kind = errorKind(error);
  return kind === 'AbortError' || kind === 'APIUserAbortError';
}

/**
 * A one-line, secret-free account of why a call to the model server failed, for `warning` fields and logs.
 * Reads the openai client's error shapes by their fields so this module needs no import of the client.
 */
export function describeUpstreamError(error: unknown): string {
  if (error instanceof UpstreamError) return error.message;
  const name = errorKind(error);
  const status = (error as { status?: unknown } | null)?.status;
  if (name === 'APIConnectionTimeoutError') return 'The language model did not answer in time.';
  if (name === 'APIConnectionError') return 'The language model server could not be reached.';
  if (status === 429) return 'The language model server is rate-limiting requests (HTTP 429).';
  if (typeof status === 'number') return `The language model server failed (HTTP ${status}).`;
  if (name === 'SyntaxError' || name === 'OpenAIError') return 'The language model server sent a response that could not be read.';
  return 'The language model failed.';
}
