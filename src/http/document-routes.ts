/** @module GET /api/documents and /api/documents/:id: metadata and cleaned text, for showing a citation in context. */
import { Router } from 'express';
import { IndexNotReadyError, NotFoundError } from '../errors.ts';
import type { EngineHolder } from '../engine.ts';

export function documentRoutes(holder: EngineHolder): Router {
  const router = Router();
  const engineOrFail = () => {
    const engine = holder.current();
    if (engine === null) throw new IndexNotReadyError();
    return engine;
  };

  router.get('/api/documents', (_request, response) => {
    const { index } = engineOrFail();
    const counts = new Map(index.manifest.documents.map((entry) => [entry.id, entry.passages]));
    response.json({
      documents: index.documents.map((document) => ({
        id: document.id,
        title: document.title,
        date: document.date,
        outlet: document.outlet,
        author: document.author,
        translator: document.translator,
        passages: counts.get(document.id) ?? 0,
      })),
    });
  });

  router.get('/api/documents/:id', (request, response) => {
    const { index } = engineOrFail();
    const id = String(request.params.id);
    const document = index.document(id);
    if (document === undefined) throw new NotFoundError(`No document with id "${id.slice(0, 200)}".`);
    response.json({
      id: document.id,
      title: document.title,
      date: document.date,
      outlet: document.outlet,
      author: document.author,
      translator: document.translator,
      sourcePath: document.sourcePath,
      text: document.text,
      passages: index.passages.filter((passage) => passage.docId === id).map(({ id: passageId, ordinal, start, end }) => ({ id: passageId, ordinal, start, end })),
    });
  });
  return router;
}
