// The passage dialog: a cited passage highlighted inside its article, fetched from GET /api/documents/:id.

import { getJson } from './api.js';
import { element, sourceLine, sourceTitle } from './render-answer.js';

const $ = (id) => document.getElementById(id);

/** Wires the <dialog> in index.html and returns `open(citation, trigger)`; closing gives `trigger` the focus back. */
export function createPassageDialog() {
  const dialog = $('source-dialog');
  const eyebrow = $('dialog-eyebrow');
  const title = $('dialog-title');
  const meta = $('dialog-meta');
  const body = $('dialog-body');
  const documents = new Map();
  // Each opening gets a number, so a slow fetch for an earlier citation cannot overwrite a later one.
  let request = 0;
  let returnFocus = null;

  $('dialog-close').addEventListener('click', () => dialog.close());
  // A click on the backdrop lands on the <dialog> itself, outside its content box.
  dialog.addEventListener('click', (event) => {
    if (event.target === dialog) dialog.close();
  });
  dialog.addEventListener('close', () => {
    request++;
    if (returnFocus?.isConnected) returnFocus.focus();
    returnFocus = null;
  });

  async function open(citation, trigger) {
    const current = ++request;
    returnFocus = trigger;
    eyebrow.textContent = `Source ${citation.n}`;
    title.textContent = sourceTitle(citation);
    meta.textContent = sourceLine(citation);
    body.replaceChildren(element('p', 'thinking', 'Loading the article…'));
    if (!dialog.open) dialog.showModal();
    try {
      if (!documents.has(citation.docId)) documents.set(citation.docId, getJson(`/api/documents/${encodeURIComponent(citation.docId)}`));
      const article = await documents.get(citation.docId);
      if (current !== request) return;
      const credits = [article.author ? `by ${article.author}` : '', article.translator ? `translated by ${article.translator}` : ''];
      if (credits.some(Boolean)) meta.textContent = [sourceLine(citation), ...credits].filter(Boolean).join(' · ');
      showPassage(article.text, citation);
    } catch (error) {
      documents.delete(citation.docId);
      if (current !== request) return;
      // Without the article, the quote alone still shows what the answer rests on.
      const quote = element('blockquote');
      quote.append(element('mark', 'passage', citation.quote));
      body.replaceChildren(element('p', 'error-message', `${error.message} Showing the quoted passage only.`), quote);
    }
  }

  /** The article as text nodes: before, <mark>quote</mark>, after. The offsets are checked against the quote. */
  function showPassage(text, citation) {
    let start = citation.start;
    let end = citation.end;
    if (text.slice(start, end) !== citation.quote) {
      const found = text.indexOf(citation.quote);
      if (found !== -1) [start, end] = [found, found + citation.quote.length];
    }
    const mark = element('mark', 'passage', text.slice(start, end));
    const article = element('div', 'article-text');
    article.append(text.slice(0, start), mark, text.slice(end));
    body.replaceChildren(article);
    mark.scrollIntoView({ block: 'center' });
  }

  return { open, forgetDocuments: () => documents.clear() };
}
