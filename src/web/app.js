// The chat page: the conversation (kept in localStorage), asking over server-sent events, and the page's controls.

import { authHeaders, describeError, errorFromResponse, readEvents, saveApiKey, ServiceError } from './api.js';
import { createPassageDialog } from './passage-dialog.js';
import { element, renderAnswerCard, withoutCitationMarkers } from './render-answer.js';

const CONVERSATION_KEY = 'news-rag:conversation';
// The server takes at most 50 history turns; the last few questions are what a follow-up refers to.
const HISTORY_TURNS = 10;
const HISTORY_CHARS = 4000;

const $ = (id) => document.getElementById(id);
const elements = {
  status: $('service-status'), newChat: $('new-chat'), keyForm: $('key-form'), keyInput: $('api-key'),
  welcome: $('welcome'), conversation: $('conversation'), form: $('ask-form'), question: $('question'),
  send: $('send'), stop: $('stop'),
};

/** turns: { id, question, status: 'streaming'|'done'|'stopped'|'error', text, citations, provisional?, response?, error? } */
const state = { turns: loadTurns(), controller: null };
const turnViews = new Map();
const passageDialog = createPassageDialog();

function loadTurns() {
  try {
    const turns = JSON.parse(localStorage.getItem(CONVERSATION_KEY) ?? '[]');
    if (!Array.isArray(turns)) return [];
    // A reload in the middle of an answer cut it off: show it as stopped rather than forever "thinking".
    return turns.map((turn) => (turn.status === 'streaming' ? { ...turn, status: 'stopped' } : turn));
  } catch {
    return [];
  }
}

function saveTurns() {
  try {
    localStorage.setItem(CONVERSATION_KEY, JSON.stringify(state.turns));
  } catch {
    // Storage full or disabled: the conversation still works, it just won't survive a reload.
  }
}

/** Previous questions and answers, without citation markers: their numbers mean nothing to the next turn. */
function buildHistory() {
  const history = [];
  for (const turn of state.turns.slice(-HISTORY_TURNS)) {
    const answer = withoutCitationMarkers(turn.response?.answer ?? turn.text ?? '').trim();
    if (turn.status === 'error' || answer === '') continue;
    history.push({ role: 'user', content: turn.question }, { role: 'assistant', content: answer.slice(0, HISTORY_CHARS) });
  }
  return history;
}

async function ask(question) {
  const history = buildHistory();
  const turn = { id: crypto.randomUUID(), question: question.trim(), status: 'streaming', text: '', citations: [] };
  state.turns.push(turn);
  const controller = new AbortController();
  state.controller = controller;
  setBusy(true);
  saveTurns();
  renderAll();
  scrollToEnd();

  try {
    let response;
    try {
      response = await fetch('/api/ask', {
        method: 'POST',
        headers: authHeaders({ 'Content-Type': 'application/json', Accept: 'text/event-stream' }),
        body: JSON.stringify(history.length > 0 ? { question: turn.question, history } : { question: turn.question }),
        signal: controller.signal,
      });
    } catch (error) {
      if (controller.signal.aborted) throw error;
      throw new ServiceError("Can't reach the service.");
    }
    if (!response.ok || response.body === null) throw await errorFromResponse(response);
    for await (const { event, data } of readEvents(response.body)) {
      if (event === 'citations') {
        turn.citations = data.citations;
        turn.provisional = data.provisional;
      } else if (event === 'token') {
        turn.text += data.text;
      } else if (event === 'done') {
        // The final response replaces the streamed text: the citation check may have renumbered or dropped markers.
        turn.response = data;
        turn.status = 'done';
      } else if (event === 'error') {
        throw describeError(0, data);
      }
      updateTurn(turn);
    }
    if (turn.status !== 'done') throw new ServiceError('The connection closed before the answer was finished. Try again.');
  } catch (error) {
    if (controller.signal.aborted) {
      turn.status = 'stopped';
    } else {
      turn.status = 'error';
      turn.error = error instanceof ServiceError ? error.message : "Can't reach the service.";
      if (error instanceof ServiceError && error.needsKey) showKeyForm();
    }
  } finally {
    state.controller = null;
    setBusy(false);
    saveTurns();
    updateTurn(turn);
  }
}

async function refreshStatus() {
  let response;
  try {
    response = await fetch('/api/health', { headers: authHeaders({ Accept: 'application/json' }) });
  } catch {
    elements.status.textContent = "Can't reach the service.";
    return;
  }
  // /api/health answers 503 with `ready: false` (not an error body) while the index is being built.
  const health = await response.json().catch(() => null);
  if (response.ok && health !== null) {
    const mode = health.answerMode === 'llm' ? `answers by ${health.model ?? 'a language model'}` : 'extractive answers';
    elements.status.textContent = `${health.documents} articles · ${mode}`;
  } else if (health?.ready === false) {
    elements.status.textContent = 'Indexing the articles…';
    setTimeout(refreshStatus, 3000);
  } else {
    const error = describeError(response.status, health, response.headers.get('Retry-After'));
    elements.status.textContent = error.needsKey ? 'API key needed' : error.message;
    if (error.needsKey) showKeyForm();
  }
}

function renderTurn(turn) {
  const item = element('li', 'turn');
  const question = element('div', 'question');
  question.append(element('p', 'question-text', turn.question));
  item.append(question, renderAnswerCard(turn, passageDialog.open));
  return item;
}

function updateTurn(turn) {
  const view = turnViews.get(turn.id);
  if (view === undefined) return renderAll();
  const nearEnd = window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 120;
  view.replaceChild(renderAnswerCard(turn, passageDialog.open), view.querySelector('.answer-card'));
  if (nearEnd && turn.status === 'streaming') scrollToEnd();
}

function renderAll() {
  turnViews.clear();
  elements.conversation.replaceChildren(...state.turns.map((turn) => {
    const view = renderTurn(turn);
    turnViews.set(turn.id, view);
    return view;
  }));
  elements.welcome.hidden = state.turns.length > 0;
}

function scrollToEnd() {
  window.scrollTo({ top: document.documentElement.scrollHeight });
}

function setBusy(busy) {
  elements.send.disabled = busy;
  elements.stop.hidden = !busy;
  elements.form.setAttribute('aria-busy', String(busy));
}

function showKeyForm() {
  elements.keyForm.hidden = false;
  elements.keyInput.focus();
}

function resizeComposer() {
  elements.question.style.height = 'auto';
  elements.question.style.height = `${Math.min(elements.question.scrollHeight, 200)}px`;
}

elements.form.addEventListener('submit', (event) => {
  event.preventDefault();
  const question = elements.question.value;
  if (state.controller !== null || question.trim() === '') return;
  elements.question.value = '';
  resizeComposer();
  ask(question);
});

elements.question.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    elements.form.requestSubmit();
  } else if (event.key === 'Escape' && state.controller !== null) {
    state.controller.abort();
  }
});
elements.question.addEventListener('input', resizeComposer);

elements.stop.addEventListener('click', () => {
  state.controller?.abort();
  elements.question.focus();
});

elements.newChat.addEventListener('click', () => {
  state.controller?.abort();
  state.turns = [];
  saveTurns();
  renderAll();
  elements.question.focus();
});

for (const example of document.querySelectorAll('.example')) {
  example.addEventListener('click', () => {
    elements.question.value = example.textContent.trim();
    elements.form.requestSubmit();
  });
}

elements.keyForm.addEventListener('submit', (event) => {
  event.preventDefault();
  saveApiKey(elements.keyInput.value.trim());
  elements.keyInput.value = '';
  elements.keyForm.hidden = true;
  passageDialog.forgetDocuments();
  refreshStatus();
  elements.question.focus();
});

renderAll();
refreshStatus();
if (state.turns.length > 0) scrollToEnd();
