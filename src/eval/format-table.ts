/** @module Plain-text tables for the terminal: the summary and the side-by-side comparison. */
import type { ComparisonRow } from './compare.ts';
import type { Summary } from './evaluate.ts';

export interface MetricColumn {
  key: keyof Summary;
  label: string;
  /** Short header for the comparison table. */
  short: string;
  unit: 'ratio' | 'ms';
}

export const METRIC_COLUMNS: MetricColumn[] = [
  { key: 'hitAt1', label: 'Retrieval hit@1 (document)', short: 'hit@1', unit: 'ratio' },
  { key: 'hitAt5', label: 'Retrieval hit@5 (document)', short: 'hit@5', unit: 'ratio' },
  { key: 'mrr', label: 'MRR (document)', short: 'MRR', unit: 'ratio' },
  { key: 'passageRecallAt5', label: 'Gold-passage recall@5', short: 'psg@5', unit: 'ratio' },
  { key: 'factCoverage', label: 'Answer fact coverage', short: 'facts', unit: 'ratio' },
  { key: 'citationPrecision', label: 'Citation precision', short: 'cit.P', unit: 'ratio' },
  { key: 'citationRecall', label: 'Citation recall', short: 'cit.R', unit: 'ratio' },
  { key: 'abstentionPrecision', label: 'Abstention precision', short: 'abst.P', unit: 'ratio' },
  { key: 'abstentionRecall', label: 'Abstention recall', short: 'abst.R', unit: 'ratio' },
  { key: 'latencyP50Ms', label: 'Latency p50 (ms)', short: 'p50 ms', unit: 'ms' },
  { key: 'latencyP95Ms', label: 'Latency p95 (ms)', short: 'p95 ms', unit: 'ms' },
];

export function formatMetric(value: number | null | undefined, unit: MetricColumn['unit']): string {
  if (value === null || value === undefined) return 'n/a';
  return unit === 'ms' ? value.toFixed(1) : value.toFixed(3);
}

export function renderTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  ');
  return [line(headers), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}

export function summaryTable(summary: Summary): string {
  const rows = METRIC_COLUMNS.map((column) => [column.label, formatMetric(summary[column.key], column.unit)]);
  return renderTable(['Metric', 'Value'], rows);
}

export function comparisonTable(rows: readonly ComparisonRow[]): string {
  const headers = ['Variant', 'passages', ...METRIC_COLUMNS.map((column) => column.short)];
  const lines: string[][] = [];
  let group = '';
  for (const row of rows) {
    if (row.group !== group) {
      group = row.group;
      lines.push([`[${group}]`, ...headers.slice(1).map(() => '')]);
    }
    const name = `  ${row.name}${row.isDefault ? ' *' : ''}`;
    if (row.summary === null) lines.push([name, '-', ...METRIC_COLUMNS.map(() => '-')]);
    else lines.push([name, String(row.passages ?? ''), ...METRIC_COLUMNS.map((column) => formatMetric(row.summary?.[column.key], column.unit))]);
  }
  const notes = rows.filter((row) => row.skipped !== undefined).map((row) => `${row.group} (${row.name}): ${row.skipped}`);
  return [renderTable(headers, lines), '(* = the current configuration)', ...notes].join('\n');
}
