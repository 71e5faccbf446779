/** @module benchmarks/ef-sweep.svg: recall@10 against p50 query latency for each ef, one line per corpus size. Hand-written SVG. */
import type { EfPoint } from './bench-scale.ts';

const WIDTH = 640;
const HEIGHT = 400;
const MARGIN = { left: 60, right: 130, top: 40, bottom: 50 };
const COLORS = ['#3b6fb6', '#e08a2c', '#2a7d3b', '#8e44ad'];
const TARGET_RECALL = 0.98;

const escapeXml = (text: string) => text.replace(/[&<>"]/g, (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[character] ?? character);

export function efSweepSvg(series: { label: string; points: EfPoint[] }[], subtitle = 'm 16, efConstruction 200, cosine; recall against hnswlib BruteforceSearch'): string {
  const all = series.flatMap((entry) => entry.points);
  const maxLatency = Math.max(0.01, ...all.map((point) => point.p50Ms)) * 1.1;
  const minRecall = Math.min(TARGET_RECALL - 0.02, ...all.map((point) => point.recallAt10));
  const floor = Math.floor(minRecall * 20) / 20;
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (latency: number) => MARGIN.left + (latency / maxLatency) * plotWidth;
  const y = (recall: number) => MARGIN.top + (1 - (recall - floor) / (1 - floor)) * plotHeight;

  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" font-family="system-ui, sans-serif" font-size="11">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#fff"/>`,
    `<text x="${MARGIN.left}" y="18" font-size="14" font-weight="600">HNSW ef sweep: recall@10 vs p50 query latency</text>`,
    `<text x="${MARGIN.left}" y="32" fill="#555">${escapeXml(subtitle)}</text>`,
  ];
  for (let tick = 0; tick <= 5; tick++) {
    const latency = (maxLatency * tick) / 5;
    parts.push(`<line x1="${x(latency)}" y1="${MARGIN.top}" x2="${x(latency)}" y2="${HEIGHT - MARGIN.bottom}" stroke="#eee"/>`);
    parts.push(`<text x="${x(latency)}" y="${HEIGHT - MARGIN.bottom + 16}" text-anchor="middle" fill="#555">${latency.toFixed(2)}</text>`);
  }
  for (let recall = floor; recall <= 1.0001; recall += 0.05) {
    parts.push(`<line x1="${MARGIN.left}" y1="${y(recall)}" x2="${WIDTH - MARGIN.right}" y2="${y(recall)}" stroke="#eee"/>`);
    parts.push(`<text x="${MARGIN.left - 6}" y="${y(recall) + 4}" text-anchor="end" fill="#555">${recall.toFixed(2)}</text>`);
  }
  parts.push(
    `<line x1="${MARGIN.left}" y1="${y(TARGET_RECALL)}" x2="${WIDTH - MARGIN.right}" y2="${y(TARGET_RECALL)}" stroke="#b3261e" stroke-dasharray="4 3"/>`,
    `<text x="${WIDTH - MARGIN.right - 4}" y="${y(TARGET_RECALL) + 14}" text-anchor="end" fill="#b3261e">target ${TARGET_RECALL}</text>`,
    `<text x="${MARGIN.left + plotWidth / 2}" y="${HEIGHT - 12}" text-anchor="middle">p50 latency per query (ms)</text>`,
    `<text transform="translate(16 ${MARGIN.top + plotHeight / 2}) rotate(-90)" text-anchor="middle">recall@10 vs exact search</text>`,
  );
  series.forEach((entry, index) => {
    const color = COLORS[index % COLORS.length] as string;
    const coordinates = entry.points.map((point) => `${x(point.p50Ms).toFixed(1)},${y(point.recallAt10).toFixed(1)}`).join(' ');
    parts.push(`<polyline points="${coordinates}" fill="none" stroke="${color}" stroke-width="2"/>`);
    for (const point of entry.points) {
      parts.push(
        `<circle cx="${x(point.p50Ms).toFixed(1)}" cy="${y(point.recallAt10).toFixed(1)}" r="3.5" fill="${color}"><title>${escapeXml(`${entry.label}, ef ${point.ef}: recall ${point.recallAt10.toFixed(4)}, p50 ${point.p50Ms.toFixed(3)} ms`)}</title></circle>`,
        `<text x="${(x(point.p50Ms) + 5).toFixed(1)}" y="${(y(point.recallAt10) + 12).toFixed(1)}" font-size="9" fill="${color}">${point.ef}</text>`,
      );
    }
    const legendY = MARGIN.top + 40 + index * 18;
    parts.push(`<rect x="${WIDTH - MARGIN.right + 10}" y="${legendY + 20}" width="12" height="3" fill="${color}"/><text x="${WIDTH - MARGIN.right + 26}" y="${legendY + 25}">${escapeXml(entry.label)}</text>`);
  });
  parts.push(`<text x="${WIDTH - MARGIN.right + 10}" y="${MARGIN.top + 50}" fill="#555">point labels: ef</text>`, '</svg>');
  return `${parts.join('\n')}\n`;
}
