/** @module Prometheus metrics (prom-client) on a registry of the app's own, so several apps in one process never collide. */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  registry: Registry;
  requests: Counter<'route' | 'method' | 'status'>;
  requestSeconds: Histogram<'route' | 'method'>;
  retrieveSeconds: Histogram;
  generateSeconds: Histogram<'mode'>;
  abstentions: Counter;
  fallbacks: Counter;
  indexPassages: Gauge;
  indexDocuments: Gauge;
}

export function createMetrics(collectProcessMetrics = true): Metrics {
  const registry = new Registry();
  if (collectProcessMetrics) collectDefaultMetrics({ register: registry });
  const fast = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
  return {
    registry,
    requests: new Counter({ name: 'http_requests_total', help: 'HTTP requests by route and status.', labelNames: ['route', 'method', 'status'], registers: [registry] }),
    requestSeconds: new Histogram({ name: 'http_request_duration_seconds', help: 'HTTP request latency.', labelNames: ['route', 'method'], buckets: fast, registers: [registry] }),
    retrieveSeconds: new Histogram({ name: 'rag_retrieve_duration_seconds', help: 'Retrieval time per question.', buckets: fast, registers: [registry] }),
    generateSeconds: new Histogram({ name: 'rag_generate_duration_seconds', help: 'Answer generation time per question.', labelNames: ['mode'], buckets: fast, registers: [registry] }),
    abstentions: new Counter({ name: 'rag_abstentions_total', help: 'Answers where the service abstained.', registers: [registry] }),
    fallbacks: new Counter({ name: 'rag_fallbacks_total', help: 'LLM answers replaced by the extractive fallback.', registers: [registry] }),
    indexPassages: new Gauge({ name: 'rag_index_passages', help: 'Passages in the loaded index.', registers: [registry] }),
    indexDocuments: new Gauge({ name: 'rag_index_documents', help: 'Documents in the loaded index.', registers: [registry] }),
  };
}
