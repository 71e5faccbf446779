/** @module Turn checked claims into an Answer: number the quotes, write the `[n]` markers, and date claims when sources span years. */
import { formatDate } from '../format-date.ts';
import type { Answer, AnswerMode, Citation, Passage } from '../types.ts';
import { spanKey } from '../span-key.ts';

export { formatDate };

/** An exact span of a document that supports a claim. */
export interface Quote {
  passage: Passage;
  start: number;
  end: number;
  text: string;
  /** Retrieval score of the passage. */
  score: number;
}

export interface CheckedClaim {
  text: string;
  quotes: Quote[];
  support: number;
}


/**
 * When the cited articles come from different years, a reader must know when each claim was made:
 * "(Reported June 26, 2016)" before the claim. Within one year the citations' dates suffice. The marker is left out
 * where it would repeat: after a claim of the same date, or before a quote whose own dateline gives the date
 * ("WASHINGTON – June 26, 2016 – …").
 */
function timeMarker(claim: CheckedClaim, spansYears: boolean, previousDate: string | null | undefined): string {
  if (!spansYears) return '';
  const date = claim.quotes[0]?.passage.date ?? null;
  if (date === previousDate) return '';
  if (date === null) return '(Undated report) ';
  const written = formatDate(date);
  return claim.text.includes(written) ? '' : `(Reported ${written}) `;
}

export function composeAnswer(claims: readonly CheckedClaim[], mode: AnswerMode, model: string | null): Answer {
  const citations: Citation[] = [];
  const numberOf = new Map<string, number>();
  const years = new Set(claims.flatMap((claim) => claim.quotes.map((quote) => quote.passage.date?.slice(0, 4) ?? 'unknown')));
  const spansYears = [...years].filter((year) => year !== 'unknown').length >= 2;

  let previousDate: string | null | undefined;
  const sentences = claims.map((claim) => {
    const numbers = claim.quotes.map((quote) => {
      const key = spanKey(quote.passage.docId, quote.start, quote.end);
      let n = numberOf.get(key);
      if (n === undefined) {
        n = citations.length + 1;
        numberOf.set(key, n);
        citations.push({
          n,
          docId: quote.passage.docId,
          title: quote.passage.title,
          date: quote.passage.date,
          outlet: quote.passage.outlet,
          passageId: quote.passage.id,
          quote: quote.text,
          start: quote.start,
          end: quote.end,
          score: Number(quote.score.toFixed(4)),
        });
      }
      return n;
    });
    const marker = timeMarker(claim, spansYears, previousDate);
    previousDate = claim.quotes[0]?.passage.date ?? null;
    return { text: `${marker}${claim.text}`, citations: numbers, support: Number(claim.support.toFixed(3)) };
  });

  const answer = sentences.map((sentence) => `${sentence.text} ${sentence.citations.map((n) => `[${n}]`).join('')}`).join(' ');
  return { answer, abstained: false, citations, sentences, mode, model };
}

export function abstention(message: string, mode: AnswerMode, model: string | null): Answer {
  return { answer: message, abstained: true, citations: [], sentences: [], mode, model };
}
