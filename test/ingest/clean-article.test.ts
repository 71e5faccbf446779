/** cleanArticle on HTML and Markdown, and the general rules on articles other than the seeds. */
import { describe, expect, it } from 'vitest';
import { cleanArticle } from '../../src/ingest/index.ts';

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <title>Ceasefire Holds in the North | The Daily Ledger</title>
  <meta property="og:title" content="Ceasefire Holds in the North">
  <meta property="og:site_name" content="The Daily Ledger">
  <meta property="article:published_time" content="2021-03-04T08:15:00Z">
  <style>body { color: red; }</style>
  <script>window.tracker = { id: 42 };</script>
</head>
<body>
  <nav><a href="/">Home</a> <a href="/world">World news</a> <a href="/login">Sign in</a></nav>
  <header><div class="logo">Site Logo</div></header>
  <main>
    <article>
      <h1>Ceasefire Holds in the North</h1>
      <p class="byline">By Amira Haddad</p>
      <p>The ceasefire agreed last week held through the weekend, officials said on Monday, &amp; aid convoys began to move.</p>
      <figure><img src="a.jpg" alt="Trucks"><figcaption>Aid trucks at the crossing. Photo: Staff</figcaption></figure>
      <h2>Aid Resumes</h2>
      <p>Convoys carrying food and medicine crossed into the region for the first time in a month, according to <a href="/un">the United Nations</a>.</p>
      <p>Local councils said the supplies would last <em>about two weeks</em> if distribution went as planned.</p>
      <p>Diplomats are expected to meet again next Thursday to discuss a longer truce &lt;and prisoner exchanges&gt;.</p>
      <script>document.write('ad');</script>
    </article>
  </main>
  <footer><p>Share this Story: Facebook Twitter</p><p>Copyright 2021 The Daily Ledger. All rights reserved.</p></footer>
</body>
</html>`;

describe('cleanArticle on HTML', () => {
  const { text, metadata } = cleanArticle(PAGE, 'html');

  it('keeps the article text with entities decoded and no tags', () => {
    expect(text).toContain('officials said on Monday, & aid convoys began to move.');
    expect(text).toContain('according to the United Nations.');
    expect(text).toContain('would last about two weeks if distribution');
    expect(text).toContain('a longer truce <and prisoner exchanges>.');
    expect(text).toContain('\n\nAid Resumes\n\n');
    expect(text).not.toMatch(/<\/?(?:p|a|em|h1|h2|figure|img)\b/);
    expect(text).not.toContain('&amp;');
  });

  it('drops scripts, styles, navigation, captions and footers', () => {
    for (const leftover of ['tracker', 'color: red', "document.write", 'World news', 'Sign in', 'Site Logo', 'Photo: Staff', 'Share this Story', 'Copyright']) {
      expect(text, leftover).not.toContain(leftover);
    }
  });

  it('opens with the headline once and reads metadata from the meta tags', () => {
    expect(text.startsWith('Ceasefire Holds in the North\n\n')).toBe(true);
    expect(text.split('Ceasefire Holds in the North')).toHaveLength(2);
    expect(metadata).toEqual({ title: 'Ceasefire Holds in the North', date: '2021-03-04', outlet: 'The Daily Ledger', author: 'Amira Haddad', translator: null });
  });

  it('keeps the byline Readability lifts out of the story, after the headline, so it can be quoted', () => {
    expect(text.split('\n\n').slice(0, 3)).toEqual(['Ceasefire Holds in the North', 'By Amira Haddad', expect.stringMatching(/^The ceasefire agreed/)]);
  });

  it("takes a bare-name Readability byline for the author without writing a \"By\" the page does not have", () => {
    const page = `<html><body><article><h1>Talks Stall Again</h1><p class="byline">Maria Lopez</p><p>Negotiators left the capital on Sunday without a deal on the border crossings, a spokesman said. They will meet again next week in Geneva, officials added.</p><p>A second round of talks is planned for the spring, according to diplomats close to the process, who spoke on condition of anonymity.</p></article></body></html>`;
    const cleaned = cleanArticle(page, 'html');
    expect(cleaned.metadata.author).toBe('Maria Lopez');
    expect(cleaned.text).not.toContain('By Maria Lopez');
  });

  it('takes the author a meta tag declares, but not a profile URL', () => {
    const page = (content: string) => `<html><head><meta name="author" content="${content}"></head><body><h1>Talks Stall Again</h1><p>Negotiators left the capital on Sunday without a deal on the border crossings, a spokesman said.</p></body></html>`;
    expect(cleanArticle(page('Omar Nasser'), 'html').metadata.author).toBe('Omar Nasser');
    expect(cleanArticle(page('https://example.com/staff/omar'), 'html').metadata.author).toBeNull();
  });

  it('falls back to <time datetime> and the text rules when meta tags are missing', () => {
    const page = `<html><body><h1>Talks Stall Again</h1><time datetime="2019-11-02">2 November 2019</time>
      <p>Negotiators left the capital without an agreement on Saturday.</p></body></html>`;
    const result = cleanArticle(page, 'html');
    expect(result.metadata).toMatchObject({ title: 'Talks Stall Again', date: '2019-11-02', outlet: null });
    expect(result.text).toContain('Negotiators left the capital without an agreement on Saturday.');
  });

  it('keeps a paragraph whose source is wrapped over several lines as one paragraph', () => {
    const result = cleanArticle('<p>The talks\n      resumed on Friday\n after a pause.</p><p>Both sides\nattended.</p>', 'html');
    expect(result.text).toBe('The talks resumed on Friday after a pause.\n\nBoth sides attended.');
  });

  it('reads a page nested 200 elements deep, in document order, and refuses one nested 1,000 deep', () => {
    const nested = (depth: number) => `${'<div>'.repeat(depth)}<p>The ceasefire agreed last week held through the weekend, officials said on Monday.</p><p>Aid convoys began to move on Tuesday morning.</p>${'</div>'.repeat(depth)}`;
    const started = performance.now();
    expect(cleanArticle(nested(200), 'html').text).toBe('The ceasefire agreed last week held through the weekend, officials said on Monday.\n\nAid convoys began to move on Tuesday morning.');
    expect(() => cleanArticle(nested(1000), 'html')).toThrow(RangeError);
    expect(() => cleanArticle(nested(1000), 'html')).toThrow(/nested more than 256 elements deep/);
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('does not take comparisons in scripts, tags in comments or paragraphs left open for nesting', () => {
    const page = `<script>${'if (a<b) { c(); } '.repeat(20_000)}</script><!-- ${'<div>'.repeat(20_000)} -->
      ${'<p>The ceasefire agreed last week held through the weekend, officials said on Monday. '.repeat(300)}`;
    expect(cleanArticle(page, 'html').text).toContain('The ceasefire agreed last week held through the weekend');
  });

  it('reads a bare HTML fragment', () => {
    const result = cleanArticle('<p>Officials confirmed the report on Tuesday.</p><p>More talks are planned.</p>', 'html');
    expect(result.text).toBe('Officials confirmed the report on Tuesday.\n\nMore talks are planned.');
  });
});

describe('cleanArticle on Markdown', () => {
  const markdown = [
    '---',
    'title: "Grain Deal Extended"',
    'date: 2022-07-22',
    'source: Harbour Wire',
    'author: Lena Petrova',
    '---',
    '',
    '# Grain Deal Extended',
    '',
    '![Ships at port](ships.jpg)',
    '',
    'The grain corridor will stay open for **another 120 days**, officials',
    'said on Friday, after talks in [Istanbul](https://example.com/istanbul).',
    '',
    '## What Changes',
    '',
    '- Inspections move to two ports.',
    '* Ships may carry _fertiliser_ as well.',
    '',
    '> "This is a step forward," one envoy said.',
    '',
    '```',
    'tonnes = 1_000_000',
    '```',
  ].join('\n');
  const { text, metadata } = cleanArticle(markdown, 'md');

  it('strips the syntax and keeps the words', () => {
    expect(text).toBe(
      [
        'Grain Deal Extended',
        'The grain corridor will stay open for another 120 days, officials said on Friday, after talks in Istanbul.',
        'What Changes',
        'Inspections move to two ports.',
        'Ships may carry fertiliser as well.',
        '"This is a step forward," one envoy said.',
        'tonnes = 1_000_000',
      ].join('\n\n'),
    );
  });

  it('reads title, date and outlet from the front matter', () => {
    expect(metadata).toEqual({ title: 'Grain Deal Extended', date: '2022-07-22', outlet: 'Harbour Wire', author: 'Lena Petrova', translator: null });
  });
});

describe('bylines', () => {
  const article = (...lines: string[]) => cleanArticle(lines.join('\n'), 'txt');
  const story = 'Negotiators left the capital on Sunday without a deal on the border crossings, a spokesman said.';

  it('reads the author and keeps the byline after the headline, wherever the page put it', () => {
    const before = article('By Jane Doe and John Roe', 'Talks Stall Again', story);
    expect(before.metadata.author).toBe('Jane Doe and John Roe');
    expect(before.metadata.title).toBe('Talks Stall Again');
    expect(before.text.split('\n\n')).toEqual(['Talks Stall Again', 'By Jane Doe and John Roe', story]);
  });

  it("drops an author widget's avatar label and a role after the name", () => {
    expect(article('Talks Stall Again', 'avatar by Jane Doe', story).text).toContain('\n\nBy Jane Doe\n\n');
    expect(article('Talks Stall Again', 'Written by Jane Doe, Staff Writer', story).metadata.author).toBe('Jane Doe');
  });

  it('does not take a sentence or phrase that opens with "By" for a byline, nor move it', () => {
    for (const line of ['By Monday the convoys had crossed.', 'By Christmas, the troops had left.', 'By Ramadan, the talks had collapsed.', 'By Signing Up, You Agree To Our Terms', 'By Design', 'By This Time Tomorrow']) {
      const cleaned = article('Talks Stall Again', story, line);
      expect(cleaned.metadata.author, line).toBeNull();
      expect(cleaned.text.endsWith(line) || !cleaned.text.includes(line), line).toBe(true);
    }
  });

  it('reads names that open with a month, agencies, and a person filing for an agency', () => {
    expect(article('Talks Stall Again', 'By April Ryan', story).metadata.author).toBe('April Ryan');
    expect(article('Talks Stall Again', 'By The Associated Press', story).metadata.author).toBe('The Associated Press');
    expect(article('Talks Stall Again', 'By Jane Doe, Reuters', story).metadata.author).toBe('Jane Doe');
    expect(article('Talks Stall Again', 'By Jane Doe • Middle East Correspondent', story).metadata.author).toBe('Jane Doe');
  });

  it('reads no byline from the body of the story', () => {
    const body = Array.from({ length: 12 }, (_, index) => `Paragraph ${index} of the story says something about the talks.`);
    expect(article('Talks Stall Again', ...body, 'By Jane Doe').metadata.author).toBeNull();
  });

  it('has no story when only the headline, date line and byline are left', () => {
    expect(article('Talks Stall Again', 'June 8, 2018 7:10 pm', 'By Jane Doe').text).toBe('');
  });
});

describe('general cleaning rules', () => {
  it('keeps an article section heading that follows a teaser block', () => {
    const raw = [
      'Port Strike Ends',
      'Dock workers returned to work on Tuesday after a nine-day strike.',
      'Read more',
      'March 3, 2020',
      'Unrelated Story About Elections',
      'Voters went to the polls in a tight race that...',
      'Wage Deal',
      'The new contract raises pay by four percent a year.',
    ].join('\n');
    const { text } = cleanArticle(raw, 'txt');
    expect(text).toBe('Port Strike Ends\n\nDock workers returned to work on Tuesday after a nine-day strike.\n\nWage Deal\n\nThe new contract raises pay by four percent a year.');
  });

  it('reads the date formats a dateline uses, and never a date inside the story', () => {
    const dated = (line: string) => cleanArticle(`Headline Here\n${line}\nBody sentence.`, 'txt').metadata.date;
    expect(dated('26 June 2016')).toBe('2016-06-26');
    expect(dated('Jun. 26, 2016')).toBe('2016-06-26');
    expect(dated('2016-06-26')).toBe('2016-06-26');
    expect(dated('Published: Sunday, June 26, 2016 at 9:30 a.m.')).toBe('2016-06-26');
    expect(dated('LONDON, 26 June 2016 - Markets fell sharply.')).toBe('2016-06-26');
    expect(dated('The vote took place on June 26, 2016, officials said.')).toBeNull();
    expect(dated('Monday, May 16th | 15 Iyyar 5782')).toBeNull();
  });

  it('finds no outlet from a single mention of a cited source', () => {
    const raw = 'Talks Collapse\nThe minister told Reuters the talks had failed.\nNo date was set for new talks.';
    expect(cleanArticle(raw, 'txt').metadata.outlet).toBeNull();
  });

  it('keeps one copy of a long paragraph printed twice, and drops a repeated short caption entirely', () => {
    const paragraph = 'The council approved the budget on Wednesday after a long debate.';
    const raw = ['Budget Passes', 'Council chamber at night', 'Council chamber at night', paragraph, paragraph].join('\n');
    expect(cleanArticle(raw, 'txt').text).toBe(`Budget Passes\n\n${paragraph}`);
  });

  it('returns empty text when nothing but boilerplate is left', () => {
    expect(cleanArticle('Logo Wide\nSearch\n728 x 90\nShare this Story: Facebook', 'txt').text).toBe('');
  });
});
