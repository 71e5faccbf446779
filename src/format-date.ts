/** @module Publication dates as readers write them, shared by the index (BM25 metadata) and the answers. */

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2016-06-26" → "June 26, 2016". */
export function formatDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  const name = MONTHS[(month ?? 1) - 1] ?? '';
  return `${name} ${day}, ${year}`;
}
