/** @module A hand-written SVG grouped bar chart for shares (0..1): no dependencies, so the HTML report stays self-contained. */
import { escapeHtml } from './escape-html.ts';

export interface BarSeries {
  name: string;
  color: string;
  /** One value per category, 0..1; null draws no bar. */
  values: (number | null)[];
}

export interface BarChartInput {
  title: string;
  categories: string[];
  series: BarSeries[];
}

const BAR_HEIGHT = 9;
const BAR_GAP = 2;
const GROUP_GAP = 10;
const LABEL_WIDTH = 190;
const PLOT_WIDTH = 360;
const TOP = 40;

export function groupedBarChart(input: BarChartInput): string {
  const groupHeight = input.series.length * (BAR_HEIGHT + BAR_GAP) + GROUP_GAP;
  const height = TOP + input.categories.length * groupHeight + 24;
  const width = LABEL_WIDTH + PLOT_WIDTH + 60;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(input.title)}" font-family="system-ui, sans-serif" font-size="11">`,
    `<text x="0" y="14" font-weight="600" font-size="13">${escapeHtml(input.title)}</text>`,
  ];
  input.series.forEach((series, index) => {
    const x = LABEL_WIDTH + index * 130;
    parts.push(`<rect x="${x}" y="22" width="10" height="10" fill="${series.color}"/><text x="${x + 14}" y="31">${escapeHtml(series.name)}</text>`);
  });
  for (const tick of [0, 0.25, 0.5, 0.75, 1]) {
    const x = LABEL_WIDTH + tick * PLOT_WIDTH;
    parts.push(`<line x1="${x}" y1="${TOP - 2}" x2="${x}" y2="${height - 20}" stroke="#ddd"/><text x="${x}" y="${height - 6}" text-anchor="middle" fill="#666">${tick}</text>`);
  }
  input.categories.forEach((category, row) => {
    const y = TOP + row * groupHeight;
    const middle = y + (input.series.length * (BAR_HEIGHT + BAR_GAP)) / 2 + 3;
    parts.push(`<text x="${LABEL_WIDTH - 8}" y="${middle}" text-anchor="end">${escapeHtml(category)}</text>`);
    input.series.forEach((series, index) => {
      const value = series.values[row];
      if (value === null || value === undefined) return;
      const barY = y + index * (BAR_HEIGHT + BAR_GAP);
      const barWidth = Math.max(0, Math.min(1, value)) * PLOT_WIDTH;
      parts.push(
        `<rect x="${LABEL_WIDTH}" y="${barY}" width="${barWidth.toFixed(1)}" height="${BAR_HEIGHT}" fill="${series.color}"><title>${escapeHtml(`${category} · ${series.name}: ${value.toFixed(3)}`)}</title></rect>`,
        `<text x="${(LABEL_WIDTH + barWidth + 4).toFixed(1)}" y="${barY + BAR_HEIGHT - 1}" font-size="9" fill="#444">${value.toFixed(2)}</text>`,
      );
    });
  });
  parts.push('</svg>');
  return parts.join('\n');
}
