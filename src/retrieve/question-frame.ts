/**
 * @module Words that frame a question rather than say what it is about ("tell me what the article reported"):
 * neither query expansion nor evidence scoring looks for them in the articles.
 */

export const QUESTION_FRAME: ReadonlySet<string> = new Set(
  `tell know explain describe happen happened happening mention mentioned report reported reporting according article
  articles news story stories source sources think thing things give show way kind sort much many anything something
  please try tried trying piece pieces per reportedly supposedly regarding concerning ok okay currently actually really
  exactly specifically basically mainly going get got summary summarize summarise detail details say yes`.split(/\s+/),
);
