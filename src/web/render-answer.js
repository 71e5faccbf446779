// Rendering one answer card: its text with citation markers, its state (streaming, abstained, stopped, error) and
// its sources. Only text nodes carry text from the service: no innerHTML anywhere.

export function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** "2016-06-26" → "June 26, 2016", computed in UTC so the day never shifts with the viewer's time zone. */
export function formatDate(iso) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? '');
  if (!match) return null;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toLocaleDateString('en-US', { timeZone: 'UTC', year: 'numeric', month: 'long', day: 'numeric' });
}

export function sourceLine(citation) {
  return [citation.outlet, formatDate(citation.date)].filter(Boolean).join(' · ');
}

/** Citation markers `[1]`, `[1, 2]` or `[1,2]`: the pattern of src/answer/citation-markers.ts, which the page cannot import. */
const CITATION_MARKER = String.raw`\[(\d+(?:\s*,\s*\d+)*)\]`;

/** The text without its citation markers and the spaces before them. */
export function withoutCitationMarkers(text) {
  return text.replace(new RegExp(String.raw`\s*${CITATION_MARKER}`, 'g'), '');
}

/** The answer as paragraphs of text nodes, with each `[n]` (or `[n, m]`) turned into marker buttons. */
function renderAnswerText(container, text, citations, onCite) {
  const byNumber = new Map(citations.map((citation) => [citation.n, citation]));
  const paragraphs = text.split(/\n{2,}/).filter((paragraph) => paragraph.trim() !== '');
  container.replaceChildren(...paragraphs.map((paragraph) => {
    const node = element('p');
    let last = 0;
    for (const match of paragraph.matchAll(new RegExp(CITATION_MARKER, 'g'))) {
      node.append(paragraph.slice(last, match.index));
      for (const number of match[1].split(',').map(Number)) {
        const citation = byNumber.get(number);
        if (citation === undefined) {
          node.append(element('span', 'marker marker-unknown', String(number)));
          continue;
        }
        const marker = element('button', 'marker', String(number));
        marker.type = 'button';
        marker.setAttribute('aria-label', `Source ${number}: ${sourceTitle(citation)}`);
        marker.addEventListener('click', () => onCite(citation, marker));
        node.append(marker);
      }
      last = match.index + match[0].length;
    }
    node.append(paragraph.slice(last));
    return node;
  }));
}

/** An article without a headline is named by its id, said plainly rather than passed off as a title. */
export function sourceTitle(citation) {
  return citation.title ?? `Untitled article (${citation.docId})`;
}

function renderSources(citations, answer, onCite) {
  const section = element('section', 'sources');
  section.append(element('h3', 'sources-title', citations.length === 1 ? 'Source' : 'Sources'));
  const list = element('ol', 'source-list');
  for (const citation of [...citations].sort((a, b) => a.n - b.n)) {
    const button = element('button', 'source');
    button.type = 'button';
    button.append(element('span', 'source-number', String(citation.n)));
    const body = element('span', 'source-body');
    body.append(element('span', 'source-title', sourceTitle(citation)));
    const line = sourceLine(citation);
    if (line) body.append(element('span', 'source-meta', line));
    // An extractive answer repeats its quotes word for word; showing them twice would only add noise.
    if (!answer.includes(citation.quote.trim())) body.append(element('span', 'source-quote', `“${citation.quote.trim()}”`));
    button.append(body);
    button.addEventListener('click', () => onCite(citation, button));
    const item = element('li');
    item.append(button);
    list.append(item);
  }
  section.append(list);
  return section;
}

/** `onCite(citation, trigger)` opens a citation; `trigger` gets the focus back when it closes. */
export function renderAnswerCard(turn, onCite) {
  const card = element('article', 'answer-card');
  const text = element('div', 'answer-text');
  text.setAttribute('aria-live', 'polite');
  text.setAttribute('aria-busy', String(turn.status === 'streaming'));
  const response = turn.response;

  if (turn.status === 'error') {
    card.classList.add('is-error');
    text.setAttribute('role', 'alert');
    text.append(element('p', 'error-message', turn.error));
    card.append(text);
    return card;
  }
  if (response?.abstained) {
    card.classList.add('is-abstained');
    const head = element('p', 'abstained-head');
    const icon = element('span', 'abstained-icon', '∅');
    icon.setAttribute('aria-hidden', 'true');
    head.append(icon, 'Not in the articles');
    text.append(head, element('p', 'abstained-message', response.answer.trim() || "The indexed articles don't cover this."));
    card.append(text);
    return card;
  }

  const answer = response?.answer ?? turn.text;
  const citations = response?.citations ?? turn.citations;
  if (answer.trim() !== '') renderAnswerText(text, answer, citations, onCite);
  if (turn.status === 'streaming' && answer.trim() === '') {
    const thinking = element('p', 'thinking');
    thinking.append(element('span', 'dots'), turn.provisional ? `Reading ${turn.citations.length} passages…` : 'Searching the articles…');
    text.append(thinking);
  }
  if (turn.status === 'streaming' && answer.trim() !== '') text.lastElementChild?.append(element('span', 'caret'));
  card.append(text);

  if (turn.status === 'stopped') {
    card.classList.add('is-stopped');
    card.append(element('p', 'note note-stopped', answer.trim() === '' ? 'Stopped before an answer arrived.' : 'Stopped — the answer is incomplete.'));
  }
  if (response?.warning) card.append(element('p', 'note note-warning', response.warning));
  const final = turn.status === 'done' || !turn.provisional;
  if (final && citations.length > 0) card.append(renderSources(citations, answer, onCite));
  return card;
}
