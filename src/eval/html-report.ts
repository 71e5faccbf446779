/** @module The self-contained HTML report: summary, definitions, charts, comparison and every question in detail. */
import { groupedBarChart } from './bar-chart.ts';
import type { ComparisonRow } from './compare.ts';
import { escapeHtml } from './escape-html.ts';
import type { QuestionResult } from './evaluate.ts';
import { formatMetric, METRIC_COLUMNS } from './format-table.ts';
import type { EvalReport } from './report.ts';

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#222}
table{border-collapse:collapse;margin:.5rem 0 1.5rem}td,th{border:1px solid #ddd;padding:.25rem .5rem;text-align:left;vertical-align:top}
td.num{text-align:right;font-variant-numeric:tabular-nums}tr.group th{background:#f4f4f4}details{border:1px solid #ddd;border-radius:6px;margin:.4rem 0;padding:.4rem .7rem}
summary{cursor:pointer}.badge{display:inline-block;border-radius:4px;padding:0 .4rem;font-size:12px;margin-left:.3rem;color:#fff}
.ok{background:#2a7d3b}.bad{background:#b3261e}.info{background:#666}blockquote{margin:.3rem 0 .3rem 1rem;color:#444;border-left:3px solid #ccc;padding-left:.6rem}
.muted{color:#666}.charts{display:flex;flex-wrap:wrap;gap:2rem}dt{font-weight:600}dd{margin:0 0 .5rem 1rem}`;

export function renderHtmlReport(report: EvalReport): string {
  const settings = Object.entries(report.settings).map(([key, value]) => `<tr><th>${escapeHtml(key)}</th><td>${escapeHtml(String(value))}</td></tr>`);
  const summaryRows = METRIC_COLUMNS.map(
    (column) => `<tr><th>${escapeHtml(column.label)}</th><td class="num">${formatMetric(report.summary[column.key], column.unit)}</td></tr>`,
  );
  const definitions = Object.entries(report.definitions).map(([term, text]) => `<dt>${escapeHtml(term)}</dt><dd>${escapeHtml(text)}</dd>`);
  const byTypeChart = groupedBarChart({
    title: 'By question type',
    categories: report.byType.map((entry) => `${entry.type} (${entry.count})`),
    series: [
      { name: 'hit@5', color: '#3b6fb6', values: report.byType.map((entry) => entry.hitAt5) },
      { name: 'fact coverage', color: '#e08a2c', values: report.byType.map((entry) => entry.factCoverage) },
      { name: 'right to answer/abstain', color: '#2a7d3b', values: report.byType.map((entry) => entry.decisionAccuracy) },
    ],
  });
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Evaluation report</title><style>${STYLE}</style></head><body>
<h1>Evaluation report</h1>
<p class="muted">Generated ${escapeHtml(report.generatedAt)} · source: ${escapeHtml(report.source)} · retrieval metrics from ${escapeHtml(report.retrievalFrom)} ·
${report.summary.questions} questions (${report.summary.answerable} answerable, ${report.summary.unanswerable} unanswerable)</p>
<h2>Summary</h2><table>${summaryRows.join('')}</table>
<div class="charts">${byTypeChart}${report.comparison === undefined ? '' : comparisonChart(report.comparison)}</div>
${report.comparison === undefined ? '' : comparisonSection(report.comparison)}
<h2>Settings</h2><table>${settings.join('')}</table>
<h2>Definitions</h2><dl>${definitions.join('')}</dl>
<h2>Questions</h2>
${report.questions.map(questionDetail).join('\n')}
</body></html>
`;
}

function comparisonChart(rows: readonly ComparisonRow[]): string {
  const measured = rows.filter((row) => row.summary !== null);
  return groupedBarChart({
    title: 'Ablations',
    categories: measured.map((row) => `${row.name}${row.isDefault ? ' *' : ''}`),
    series: [
      { name: 'MRR', color: '#3b6fb6', values: measured.map((row) => row.summary?.mrr ?? null) },
      { name: 'fact coverage', color: '#e08a2c', values: measured.map((row) => row.summary?.factCoverage ?? null) },
      { name: 'abstention recall', color: '#2a7d3b', values: measured.map((row) => row.summary?.abstentionRecall ?? null) },
    ],
  });
}

function comparisonSection(rows: readonly ComparisonRow[]): string {
  const header = `<tr><th>Variant</th><th>passages</th>${METRIC_COLUMNS.map((column) => `<th>${escapeHtml(column.short)}</th>`).join('')}</tr>`;
  const lines: string[] = [];
  let group = '';
  for (const row of rows) {
    if (row.group !== group) {
      group = row.group;
      lines.push(`<tr class="group"><th colspan="${METRIC_COLUMNS.length + 2}">${escapeHtml(group)}</th></tr>`);
    }
    const name = `${escapeHtml(row.name)}${row.isDefault ? ' <span class="badge info">current</span>' : ''}`;
    if (row.summary === null) {
      lines.push(`<tr><td>${name}</td><td colspan="${METRIC_COLUMNS.length + 1}" class="muted">${escapeHtml(row.skipped ?? 'skipped')}</td></tr>`);
      continue;
    }
    const summary = row.summary;
    const cells = METRIC_COLUMNS.map((column) => `<td class="num">${formatMetric(summary[column.key], column.unit)}</td>`).join('');
    lines.push(`<tr><td>${name}</td><td class="num">${row.passages ?? ''}</td>${cells}</tr>`);
  }
  return `<h2>Comparison</h2><table>${header}${lines.join('')}</table>`;
}

function decisionBadge(result: QuestionResult): string {
  if (result.abstained) return result.answerable ? '<span class="badge bad">abstained (wrongly)</span>' : '<span class="badge ok">abstained (rightly)</span>';
  if (!result.answerable) return '<span class="badge bad">answered an unanswerable question</span>';
  const facts = `${Math.round(result.factShare * 100)}% facts`;
  return `<span class="badge ${result.factShare === 1 ? 'ok' : 'info'}">${facts}</span>`;
}

function questionDetail(result: QuestionResult): string {
  const history = result.history.map((turn) => `<li><b>${escapeHtml(turn.role)}:</b> ${escapeHtml(turn.content)}</li>`).join('');
  const citations = result.citations
    .map(
      (citation) =>
        `<li>[${citation.n}] ${escapeHtml(citation.docId)} <span class="badge ${citation.precise ? 'ok' : 'bad'}">${citation.precise ? 'precise' : 'imprecise'}</span><blockquote>${escapeHtml(citation.quote)}</blockquote></li>`,
    )
    .join('');
  const found = result.goldPassagesFound.filter(Boolean).length;
  const lines = [
    history === '' ? '' : `<p><b>History</b></p><ol>${history}</ol>`,
    result.standaloneQuestion !== null && result.standaloneQuestion !== result.question ? `<p><b>Standalone question:</b> ${escapeHtml(result.standaloneQuestion)}</p>` : '',
    `<p><b>Answer:</b> ${escapeHtml(result.answer)}</p>`,
    result.warning === undefined ? '' : `<p><b>Warning:</b> ${escapeHtml(result.warning)}</p>`,
    citations === '' ? '' : `<p><b>Citations</b></p><ul>${citations}</ul>`,
    result.missedFacts.length === 0 ? '' : `<p><b>Missed facts:</b> ${result.missedFacts.map(escapeHtml).join('; ')}</p>`,
    `<p class="muted">Gold documents: ${escapeHtml(result.goldDocs.join(', ') || 'none')} · retrieved documents: ${escapeHtml(result.retrievedDocs.join(', ') || 'none')} · ` +
      `first gold rank: ${result.goldRank ?? '–'} · gold passages found: ${found}/${result.goldPassagesFound.length} · ${result.latencyMs.toFixed(1)} ms</p>`,
  ];
  return `<details><summary><b>${escapeHtml(result.id)}</b> <span class="muted">[${escapeHtml(result.type)}]</span> ${escapeHtml(result.question)} ${decisionBadge(result)}</summary>
${lines.filter(Boolean).join('\n')}
</details>`;
}
