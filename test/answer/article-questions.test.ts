/** Which questions ask about an article itself (its author, date, outlet) rather than about what it reports. */
import { describe, expect, it } from 'vitest';
import { articleFactAsked } from '../../src/answer/article-questions.ts';

describe('articleFactAsked', () => {
  it.each([
    ['who wrote the algemeiner story?', 'author'],
    ['Who is the author of the report?', 'author'],
    ["who's the reporter on this one", 'author'],
    ['What is the name of the author of the G2 Bulletin piece?', 'author'],
    ['and who penned it?', 'author'],
    ['When was the Algemeiner article published?', 'date'],
    ['what date was the report posted', 'date'],
    ['When did the Syria TV story come out?', 'date'],
    ["What's the publication date of the piece?", 'date'],
    ['Which outlet published the report on the Iran-Russia split?', 'outlet'],
    ['what newspaper ran the story about Rastan', 'outlet'],
    ['Who published the article about the Russian offer?', 'outlet'],
  ])('"%s" asks for the %s', (question, fact) => {
    expect(articleFactAsked(question)).toBe(fact);
  });

  it.each([
    'Who wrote to the Homs factions on behalf of Russia?',
    'When did the attempt to reopen the Abu al-Zindeen crossing fail?',
    'Which publication reported a potential schism between Iran and Russia over Syria?',
    'What does the author of the Vzglyad article warn about?',
    'When was Hmeimim Airbase built?',
    'Who attacked Khan Tuman?',
    'When were Russian soldiers posted to Damascus?',
    'When did tension between Russia and Iran over the withdrawal appear?',
    'What is the release date for the Iranian forces withdrawal?',
    'Who is the author of the demand for Iranian forces to withdraw?',
  ])('"%s" asks about the story, not the article', (question) => {
    expect(articleFactAsked(question)).toBeNull();
  });
});
