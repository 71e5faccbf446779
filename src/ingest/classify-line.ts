/** @module Recognise one line of web leftovers (menus, ads, captions, share footers, disclaimers) by its shape. */

/** Why a line is not article text. `null` from classifyLine means the line is (as far as we can tell) the article. */
export type BoilerplateKind =
  | 'site-chrome'
  | 'advert'
  | 'photo-caption'
  | 'author-avatar'
  | 'site-date'
  | 'share-footer'
  | 'keywords'
  | 'translation-note'
  | 'related-heading';

export interface LineClass {
  kind: BoilerplateKind;
  /** Who translated the story, read from a translation note. */
  translator?: string;
}

const wordCount = (line: string): number => line.split(/\s+/).filter(Boolean).length;

// Site banners and menus: lone navigation words, and short lines naming a logo ("Logo Wide", "Site logo").
const MENU_WORD =
  /^(?:search|menu|main menu|home|navigation|toggle navigation|skip to (?:main )?content|sign in|log ?in|log ?out|register|my account|close|back to top|print|e-?mail|loading\W*)$/i;
const LOGO = /^(?:\S+\s+){0,2}logo(?:\s+\S+){0,2}$/i;

// Ad slots leave their IAB size behind ("728 x 90", "300×250") or a lone "Advertisement" label.
const AD_SIZE = /^\d{2,4}\s*[x×]\s*\d{2,4}$/i;
const AD_LABEL = /^(?:advertisement|advertising|sponsored(?: content)?|ad)$/i;

// Photo captions (a few sentences at most) end with a credit: "... Photo: REUTERS/Aboud Hamam.", "(AP Photo/Name)", "Image credit: X".
const PHOTO_CREDIT = /\b(?:photo|image|picture|photograph|illustration)s?(?:\s+credit)?\s*:\s*[^:]{1,80}$/i;
const WIRE_PHOTO = /\((?:[A-Z]+\s+)?photo\s*(?:\/|by|:)[^)]*\)\.?$/i;
const CREDIT_LINE = /^(?:photo|image|credit|caption)s?(?:\s+(?:by|credit))?\s*:/i;

// Author widgets render the avatar's alt text: "avatar by Benjamin Kerstein", "Author avatar".
const AVATAR = /^(?:author\s+)?avatar\b/i;

// A banner showing today's date rather than the article's: it opens with a weekday and either has no year
// ("Monday, May 16th") or lists several calendars side by side ("Monday, May 16th | 15 Iyyar 5782").
const WEEKDAY_START = /^(?:mon|tues|wednes|thurs|fri|satur|sun)day\b/i;

// Share, comment, subscribe and legal footers.
const SHARE = /^share(?:\s+(?:this|on|via|the|article|story|page))\b/i;
const CALL_TO_ACTION =
  /^(?:let your voice be heard|leave a (?:comment|reply)|post a comment|add a comment|comments?|join the (?:conversation|discussion|debate)|follow us\b.*|subscribe\b.*|sign up\b.*|get our newsletter\b.*|newsletter|all rights reserved|(?:copyright|©).*)\W*$/i;
// "Join the Algemeiner", "Join our community": a short membership pitch, not a sentence.
const JOIN_PITCH = /^(?:Join|JOIN) (?:the |our )?[A-Z][\w'’&.-]*(?:\s+[A-Z][\w'’&.-]*){0,3}\W*$/;
const CAPTCHA = /\breCAPTCHA\b/i;

// Tag lists under the story: "Helpful keywords", "Tags: Syria, Russia".
const KEYWORDS = /^(?:helpful keywords|keywords|tags|topics|filed under)(?:\s*:.*)?$/i;

// Translators' notes: "This article was translated and edited by The Syrian Observer. ..." and the
// responsibility disclaimer that usually follows it.
const TRANSLATED = /^(?:this|the) (?:article|story|report|piece|text|interview) (?:was|has been|is) translated\b/i;
const TRANSLATED_BY = /^translated(?: and edited)?(?: from [A-Z]\w+)?(?: into [A-Z]\w+)? by\b/i;
const TRANSLATOR = /translated(?: and edited)?(?: from [A-Z]\w+)?(?: into [A-Z]\w+)? by ([^.;,]+?)\s*(?:[.;,]|$)/i;
const RESPONSIBILITY = /^responsibility for the (?:information|content|views)\b.*\blies\b/i;

// Teaser lists of other stories: "Related coverage", "Read more", "See also", "You may also like".
const RELATED_HEADING =
  /^(?:related(?: coverage| stories| articles| posts| content| news| reading)?|read (?:more|also|next)|see also|more (?:on this|stories|from [\w ]{1,30})|recommended(?: for you)?|you (?:may|might) also like|also read|most read|trending(?: now)?)\s*:?$/i;
// The same with the teaser's headline on the line: "Read more: Iran and Russia at odds".
const RELATED_INLINE = /^(?:related|read (?:more|also)|see also|also read)\s*:\s*\S.{0,150}$/i;

/** Classifies one trimmed, non-empty line. Each rule is a shape that recurs across news sites, never a seed's wording. */
export function classifyLine(line: string): LineClass | null {
  const words = wordCount(line);
  if (MENU_WORD.test(line) || (words <= 4 && LOGO.test(line))) return { kind: 'site-chrome' };
  if (AD_SIZE.test(line) || AD_LABEL.test(line)) return { kind: 'advert' };
  if (words <= 60 && (PHOTO_CREDIT.test(line) || WIRE_PHOTO.test(line) || CREDIT_LINE.test(line))) return { kind: 'photo-caption' };
  if (words <= 8 && AVATAR.test(line)) return { kind: 'author-avatar' };
  if (line.length <= 80 && WEEKDAY_START.test(line) && (line.includes('|') || !/\b\d{4}\b/.test(line))) {
    return { kind: 'site-date' };
  }
  if ((words <= 25 && SHARE.test(line)) || CAPTCHA.test(line)) return { kind: 'share-footer' };
  if (words <= 15 && (CALL_TO_ACTION.test(line) || JOIN_PITCH.test(line))) return { kind: 'share-footer' };
  if (words <= 40 && KEYWORDS.test(line)) return { kind: 'keywords' };
  if (TRANSLATED.test(line) || (words <= 12 && TRANSLATED_BY.test(line))) {
    const translator = TRANSLATOR.exec(line)?.[1]?.trim();
    return translator ? { kind: 'translation-note', translator } : { kind: 'translation-note' };
  }
  if (RESPONSIBILITY.test(line)) return { kind: 'translation-note' };
  if (RELATED_HEADING.test(line) || RELATED_INLINE.test(line)) return { kind: 'related-heading' };
  return null;
}

/** Ends like a sentence: a period, colon or comma, possibly inside closing quotes or brackets. */
export function endsLikeSentence(line: string): boolean {
  return /[.,;:]["'”’)\]]*$/.test(line);
}

/**
 * Looks like a headline (or a section heading or a teaser headline): a short line that does not end like a
 * sentence. Questions and exclamations count, because headlines use them.
 */
export function isHeadlineLike(line: string): boolean {
  const words = wordCount(line);
  return words >= 1 && words <= 25 && line.length <= 200 && !endsLikeSentence(line) && !endsWithEllipsis(line);
}

/** A teaser excerpt is cut off with an ellipsis: "three sources..." or "[…]". */
export function endsWithEllipsis(line: string): boolean {
  return /(?:\.\.\.|…)\s*\]?["'”’]*$/.test(line);
}
