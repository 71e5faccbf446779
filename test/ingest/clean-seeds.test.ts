/** Cleaning and metadata of the five seed articles: what must go, what must stay, and that nothing else is lost. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanArticle } from '../../src/ingest/index.ts';
import type { DocumentMetadata } from '../../src/types.ts';

const SEEDS_DIR = path.resolve(import.meta.dirname, '../../seeds');

interface SeedExpectation {
  file: string;
  metadata: DocumentMetadata;
  /** Text that must not survive anywhere in the cleaned article. */
  gone: string[];
  /** Raw lines (prefixes are enough) that are written off as not-article; hand-picked, not computed by the cleaner. */
  boilerplateLines: string[];
  /** Story sentences and headings that must survive verbatim. */
  kept: string[];
  /** The date line and byline, which follow the headline whatever their place on the page ("avatar" dropped). */
  header?: string[];
}

const SEEDS: SeedExpectation[] = [
  {
    file: '000_24caf35a25bf3ee3.txt',
    metadata: { title: null, date: null, outlet: null, author: null, translator: null },
    gone: [],
    boilerplateLines: [],
    kept: [
      'Russian state media recently published a series of articles showing differences in several stances between Moscow and the Syrian regime.',
      'An article published on Friday by Russian newspaper Vzglyad warned of escalating the dispute',
      'It explained that the residents of towns included in agreements are being shut off from the outside world by Russian police checkpoints.',
      'After the liberation, Moscow insisted on deploying Russian police, barring Iranian or pro-Iranian groups from carrying out reprisals in the region.',
    ],
  },
  {
    file: '001_0ee55f5e9b0ac4c9.txt',
    metadata: {
      title: 'Russia Wages Hidden War in Syria to Pit Factions Against Each Other',
      date: null,
      outlet: 'Al-Souria Net',
      author: null,
      translator: 'The Syrian Observer',
    },
    gone: ['Logo Wide', 'Helpful keywords', 'translated and edited by', 'Responsibility for the information'],
    boilerplateLines: ['Logo Wide', 'This article was translated and edited by', 'Helpful keywords'],
    kept: [
      'Rebel military sources claim Moscow is communicating directly with armed groups in Homs',
      'Throughout its ongoing military operations in Syria since the end of September, Russia has not achieved results',
      'Russian Maneuver',
      'Items of the Agreement',
      'Creating Strife',
      'The Factions’ Position',
      'Targeting Aid Groups',
      '— Regime forces would be compelled to stop all forms of shooting at civilians in Rastan and its countryside.',
      'Military sources told Al-Souria Net that Russia pledged within the terms of the proposed agreement to remove Assad, or to reach a political change to be agreed on later.',
      'They said that the Assad regime has spread rumors that the areas that have received the Russian offer to reconcile have accepted it, with the aim of sowing suspicion between the opposition groups, and pushing them indirectly to accept the Russian project.',
    ],
  },
  {
    file: '002_7621b428ae72702b.txt',
    metadata: {
      title: 'Russia Unhappy With Regime: Moscow’s Vision for Syria-Turkey Rapprochement',
      date: null,
      outlet: 'Syria TV',
      author: null,
      translator: 'The Syrian Observer',
    },
    gone: ['Logo Wide', '\nSearch', 'Helpful keywords', 'translated and edited by', 'has not verified the content'],
    boilerplateLines: ['Logo Wide', 'Search', 'This article was translated and edited by', 'Helpful keywords'],
    kept: [
      'Russia seeks high-level coordination with Turkey and the Syrian regime to manage the situation in this region, Syria TV says.',
      'Sources close to the Russian Foreign Ministry have confirmed that there is dissatisfaction within Russia regarding the Syrian regime.',
      'Russian initiative',
      'The Russian vision for normalization',
      'as seen in the unsuccessful attempt to reopen the Abu al-Zindeen crossing east of Aleppo in late June.',
      'further complicate the resolution of the Syrian issue.',
    ],
  },
  {
    file: '003_8c47a0223c456b1a.txt',
    metadata: { title: 'Iran, Russia split over Syria policy', date: '2016-06-26', outlet: 'G2 Bulletin', author: null, translator: null },
    gone: ['728 x 90', 'Moscow famous Red Square'],
    boilerplateLines: ['728 x 90', 'Moscow famous Red Square'],
    kept: [
      'WASHINGTON – June 26, 2016 – A potential schism appears to be developing between Iran and Russia',
      'The town was attacked by anti-Assad fighters during a Russian-imposed cease-fire.',
      '“We are closely partnering with the Syrian military but not Iran and Hezbollah,” the source quoted one Russian soldier as saying.',
      'It has enlarged its naval base at Tartous and set up an airfield at Hmeimim Airbase, just outside of Latakia in western Syria.',
    ],
  },
  {
    file: '004_94a778343d2d549c.txt',
    metadata: {
      title: 'Report: Tension Building Between Russia, Iran Over Demand for Iranian Army to Withdraw From Syrian Areas',
      date: '2018-06-08',
      outlet: 'The Algemeiner',
      author: 'Benjamin Kerstein',
      translator: null,
    },
    gone: [
      '15 Iyyar',
      'avatar by',
      'Photo: REUTERS',
      'Related coverage',
      'Lebanon’s Hezbollah, Allies Likely to Lose',
      'three sources...',
      'May 16, 2022',
      'Share this Story',
      'Let your voice be heard',
      'Join the Algemeiner',
      'reCAPTCHA',
    ],
    boilerplateLines: [
      'Monday, May 16th | 15 Iyyar 5782',
      // The date line and the byline stand in the header (below), not in their place on the page.
      'June 8, 2018 7:10 pm',
      'avatar by',
      'A woman gestures as she stands on rubble',
      'Related coverage',
      'May 16, 2022 7:14 am',
      'Lebanon’s Hezbollah, Allies Likely to Lose Parliamentary Majority',
      'Iran-backed Hezbollah and its allies are likely to lose',
      'Share this Story',
      'Let your voice be heard!',
      'Join the Algemeiner',
      'This site is protected by reCAPTCHA',
    ],
    kept: [
      'A major rift has developed between Russia and Iran in Syria over the former’s demand',
      'Hezbollah has thus far refused to comply.',
      // The paragraph right after the teaser must not be eaten with it.
      'The Observatory states that these tensions have “created a crack in the ranks of regime forces’ leadership and officers, splitting them between pro-Russian and others pro-Iran.”',
      '“We kind of expected this change in tone,” she told The Algemeiner, saying a “certain discord” was inevitable.',
      'Russia and Iran are widely credited with helping Assad turn the war in his favor.',
    ],
    header: ['June 8, 2018 7:10 pm', 'By Benjamin Kerstein'],
  },
];

const normalise = (line: string): string => line.replace(/\s+/g, ' ').trim();

describe.each(SEEDS)('cleanArticle on seed $file', (seed) => {
  const raw = readFileSync(path.join(SEEDS_DIR, seed.file), 'utf8');
  const { text, metadata } = cleanArticle(raw, 'txt');
  const paragraphs = text.split('\n\n');

  it('states exactly the expected metadata', () => {
    expect(metadata).toEqual(seed.metadata);
  });

  it('removes the boilerplate', () => {
    for (const phrase of seed.gone) expect(text, phrase).not.toContain(phrase);
  });

  it('keeps the story sentences and section headings', () => {
    for (const sentence of seed.kept) expect(text, sentence).toContain(sentence);
  });

  it('opens with the title, once', () => {
    const title = seed.metadata.title;
    if (title === null) {
      expect(paragraphs[0]).toBe(normalise(raw.split('\n').find((line) => line.trim() !== '') ?? ''));
      return;
    }
    expect(paragraphs[0]).toBe(title);
    expect(paragraphs.filter((paragraph) => paragraph === title)).toHaveLength(1);
  });

  it('keeps every other raw line verbatim, as its own paragraph, in the original order', () => {
    const isBoilerplate = (line: string): boolean => seed.boilerplateLines.some((prefix) => line.startsWith(prefix));
    const storyLines = [...new Set(raw.split(/\r?\n/).map(normalise))].filter((line) => line !== '' && !isBoilerplate(line));
    for (const line of storyLines) expect(paragraphs, line).toContain(line);
    const positions = storyLines.map((line) => paragraphs.indexOf(line));
    expect(positions).toEqual([...positions].sort((left, right) => left - right));
    // Nothing but those lines: no boilerplate line slipped through unlisted.
    expect(paragraphs).toHaveLength(storyLines.length + (seed.header?.length ?? 0));
  });

  it('puts the date line and byline right after the headline', () => {
    const header = seed.header ?? [];
    const start = seed.metadata.title === null ? 0 : 1;
    expect(paragraphs.slice(start, start + header.length)).toEqual(header);
  });

  it('uses one paragraph separator and no stray whitespace', () => {
    expect(text).not.toMatch(/\n{3,}|\r|^\s|\s$|[ \t]\n|\n[ \t]/);
  });
});
