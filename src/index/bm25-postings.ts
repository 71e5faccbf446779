/**
 * @module BM25+ over fielded passages in flat typed arrays. Everything a term contributes to a passage's score
 * depends only on the corpus, so it is computed once at load ("impacts"); a query adds up the impacts of its terms'
 * postings in one array and keeps the best few. MiniSearch, used before, scored every posting through objects and
 * maps at query time: 0.13 ms a question on the seeds, 352 ms at 100k passages (BENCHMARKS.md, session 2).
 * Scoring follows MiniSearch's, so rankings did not change: per-field BM25+ (k 1.2, b 0.7, δ 0.5) times the field's
 * boost, summed over fields and query terms, times the number of distinct query terms matched.
 */

const K1 = 1.2;
const B = 0.7;
const DELTA = 0.5;
const MAGIC = 'bm25-postings/1';

/** One passage's fields, each as the index terms it contains (with repeats) and its length. */
export interface FieldedTerms {
  fields: { terms: readonly string[]; length: number }[];
}

/** Counts as stored: per term its postings, per posting the term's frequency in each field. */
interface PostingCounts {
  documentCount: number;
  fieldCount: number;
  terms: string[];
  /** Start of each term's postings; one more entry than terms. */
  offsets: Int32Array;
  documents: Int32Array;
  /** fieldCount × postings, field-major. */
  frequencies: Int32Array;
  /** fieldCount × documentCount, field-major. */
  lengths: Int32Array;
}

export interface ScoredHit {
  index: number;
  score: number;
}

export class Bm25Postings {
  private readonly termIds: Map<string, number>;
  private readonly impacts: Float64Array;
  /** Scratch space for one query at a time (queries are synchronous), cleared after use. */
  private readonly scores: Float64Array;
  private readonly matched: Uint16Array;

  private constructor(private readonly counts: PostingCounts, fieldBoosts: readonly number[]) {
    if (fieldBoosts.length !== counts.fieldCount) throw new Error(`expected ${counts.fieldCount} field boosts, got ${fieldBoosts.length}`);
    this.termIds = new Map(counts.terms.map((term, id) => [term, id]));
    this.impacts = computeImpacts(counts, fieldBoosts);
    this.scores = new Float64Array(counts.documentCount);
    this.matched = new Uint16Array(counts.documentCount);
  }

  static build(passages: readonly FieldedTerms[], fieldBoosts: readonly number[]): Bm25Postings {
    const fieldCount = fieldBoosts.length;
    const byTerm = new Map<string, number[]>();
    const lengths = new Int32Array(fieldCount * passages.length);
    passages.forEach((passage, document) => {
      const perTerm = new Map<string, number[]>();
      passage.fields.forEach((field, fieldId) => {
        lengths[fieldId * passages.length + document] = field.length;
        for (const term of field.terms) {
          let frequencies = perTerm.get(term);
          if (frequencies === undefined) perTerm.set(term, (frequencies = new Array<number>(fieldCount).fill(0)));
          frequencies[fieldId] = (frequencies[fieldId] as number) + 1;
        }
      });
      for (const [term, frequencies] of perTerm) {
        let postings = byTerm.get(term);
        if (postings === undefined) byTerm.set(term, (postings = []));
        postings.push(document, ...frequencies);
      }
    });
    const terms = [...byTerm.keys()];
    const stride = fieldCount + 1;
    const total = terms.reduce((sum, term) => sum + (byTerm.get(term) as number[]).length / stride, 0);
    const offsets = new Int32Array(terms.length + 1);
    const documents = new Int32Array(total);
    const frequencies = new Int32Array(fieldCount * total);
    let position = 0;
    terms.forEach((term, id) => {
      offsets[id] = position;
      const postings = byTerm.get(term) as number[];
      for (let at = 0; at < postings.length; at += stride, position++) {
        documents[position] = postings[at] as number;
        for (let fieldId = 0; fieldId < fieldCount; fieldId++) frequencies[fieldId * total + position] = postings[at + 1 + fieldId] as number;
      }
    });
    offsets[terms.length] = position;
    return new Bm25Postings({ documentCount: passages.length, fieldCount, terms, offsets, documents, frequencies, lengths }, fieldBoosts);
  }

  /** A JSON header (terms, sizes) followed by the integer arrays, 4-byte aligned. */
  serialize(): Buffer {
    const { documentCount, fieldCount, terms, offsets, documents, frequencies, lengths } = this.counts;
    const header = Buffer.from(JSON.stringify({ magic: MAGIC, documentCount, fieldCount, postings: documents.length, terms }), 'utf8');
    const headerBytes = Math.ceil(header.length / 4) * 4;
    const arrays = [offsets, documents, frequencies, lengths];
    const body = Buffer.alloc(4 + headerBytes + arrays.reduce((sum, array) => sum + array.byteLength, 0), 0x20);
    body.writeUInt32LE(header.length, 0);
    header.copy(body, 4);
    let at = 4 + headerBytes;
    for (const array of arrays) {
      Buffer.from(array.buffer, array.byteOffset, array.byteLength).copy(body, at);
      at += array.byteLength;
    }
    return body;
  }

  /** Throws a plain Error naming what is wrong; the loader wraps it as a corrupt-index error. */
  static deserialize(data: Buffer, fieldBoosts: readonly number[]): Bm25Postings {
    if (data.length < 4) throw new Error('the lexical index file is truncated');
    const headerLength = data.readUInt32LE(0);
    const headerBytes = Math.ceil(headerLength / 4) * 4;
    if (4 + headerBytes > data.length) throw new Error('the lexical index file is truncated');
    const header = JSON.parse(data.toString('utf8', 4, 4 + headerLength)) as { magic?: unknown; documentCount: number; fieldCount: number; postings: number; terms: string[] };
    if (header.magic !== MAGIC) throw new Error('the lexical index file has an unknown format');
    const { documentCount, fieldCount, postings, terms } = header;
    // A copy gives the typed arrays the alignment they need; the file is read once at load.
    const ints = new Int32Array(data.buffer.slice(data.byteOffset + 4 + headerBytes, data.byteOffset + data.length));
    const sizes = [terms.length + 1, postings, fieldCount * postings, fieldCount * documentCount];
    if (ints.length !== sizes.reduce((sum, size) => sum + size, 0)) throw new Error('the lexical index file has the wrong size');
    let at = 0;
    const [offsets, documents, frequencies, lengths] = sizes.map((size) => ints.subarray(at, (at += size))) as [Int32Array, Int32Array, Int32Array, Int32Array];
    return new Bm25Postings({ documentCount, fieldCount, terms, offsets, documents, frequencies, lengths }, fieldBoosts);
  }

  /** `weights` maps each distinct query term to how much it counts (its repeats, or a discount for expansions). */
  search(weights: ReadonlyMap<string, number>, limit: number): ScoredHit[] {
    const { offsets, documents } = this.counts;
    const touched: number[] = [];
    for (const [term, weight] of weights) {
      const id = this.termIds.get(term);
      if (id === undefined) continue;
      for (let posting = offsets[id] as number, end = offsets[id + 1] as number; posting < end; posting++) {
        const document = documents[posting] as number;
        if (this.matched[document] === 0) touched.push(document);
        this.matched[document] = (this.matched[document] as number) + 1;
        this.scores[document] = (this.scores[document] as number) + weight * (this.impacts[posting] as number);
      }
    }
    const best: ScoredHit[] = [];
    for (const document of touched) {
      const score = (this.scores[document] as number) * (this.matched[document] as number);
      this.scores[document] = 0;
      this.matched[document] = 0;
      if (limit <= 0 || (best.length === limit && score <= (best[limit - 1] as ScoredHit).score)) continue;
      let at = best.length;
      while (at > 0 && (best[at - 1] as ScoredHit).score < score) at--;
      best.splice(at, 0, { index: document, score });
      if (best.length > limit) best.pop();
    }
    return best;
  }
}

function computeImpacts({ documentCount, fieldCount, offsets, documents, frequencies, lengths }: PostingCounts, fieldBoosts: readonly number[]): Float64Array {
  const total = documents.length;
  const impacts = new Float64Array(total);
  for (let fieldId = 0; fieldId < fieldCount; fieldId++) {
    let lengthSum = 0;
    for (let document = 0; document < documentCount; document++) lengthSum += lengths[fieldId * documentCount + document] as number;
    const averageLength = documentCount === 0 ? 1 : lengthSum / documentCount || 1;
    const boost = fieldBoosts[fieldId] as number;
    for (let id = 0; id + 1 < offsets.length; id++) {
      const start = offsets[id] as number;
      const end = offsets[id + 1] as number;
      let withField = 0;
      for (let posting = start; posting < end; posting++) if ((frequencies[fieldId * total + posting] as number) > 0) withField++;
      const inverseFrequency = Math.log(1 + (documentCount - withField + 0.5) / (withField + 0.5));
      for (let posting = start; posting < end; posting++) {
        const frequency = frequencies[fieldId * total + posting] as number;
        if (frequency === 0) continue;
        const length = lengths[fieldId * documentCount + (documents[posting] as number)] as number;
        const saturated = (frequency * (K1 + 1)) / (frequency + K1 * (1 - B + (B * length) / averageLength));
        impacts[posting] = (impacts[posting] as number) + boost * inverseFrequency * (DELTA + saturated);
      }
    }
  }
  return impacts;
}
