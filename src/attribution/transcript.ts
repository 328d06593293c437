/**
 * Interviews and transcripts, where the speaker is given by the layout rather than by a cue:
 *
 * - a **turn**: a paragraph opening with its speaker's label and a colon — `SMITH: …`, `Q: …` / `A: …`,
 *   `Questioner: …`, `Stallman: …` — or a bracketed label, colon optional: `((WN)) : …`,
 *   `((Dorsa Derakhshani))  …`. The paragraph's words
 *   after the label are that speaker's. A name label is the person of that name in the article (so `SMITH`
 *   is "John Smith"); an interviewer's label (a bracketed tag, `Q`, `Question`, `Interviewer`, the
 *   publication's own name) is the publication, read from the article's source ("Wikinews" for
 *   en.wikinews.org), or "the interviewer";
 * - an **answer**: in an interview, the paragraphs after an interviewer's question up to the next turn are
 *   the answer of the person interviewed, even with no label of their own (a common layout, and what many
 *   exports keep). The person interviewed is the person the article introduces just before the questions
 *   begin: of the people named in the paragraphs before the first question, the one the article mentions
 *   most (ties: the latest named). A question may also be a whole paragraph in bold (`**Why now?**`).
 *
 * Labels are told from prose by their shape: one to four capitalised words (or an all-capitals name, or a
 * bracketed tag) and a colon opening the paragraph, never a sentence that merely contains a colon
 * ("Blankenship concurred: …" has a lower-case verb), never a section heading (`Note:`, `Update:`, `Sources:`).
 */
import type { ArticleText } from '../model.ts';
import type { Entity, PeopleRegistry } from './people.ts';
import { isSpeechVerb } from './lexicon.ts';

export interface Turn {
  /** 0-based paragraph. */
  paragraph: number;
  /** Offsets of the spoken words in the paragraph (after the label). */
  start: number;
  end: number;
  /** The label as written ("SMITH", "((WN))"), or null for an unlabelled answer. */
  label: string | null;
  /** True when the turn is the interviewer's (a question). */
  interviewer: boolean;
  /** An unlabelled paragraph that carries on the labelled turn before it (its label is that turn's). */
  continued?: boolean;
}

/** A speaker's label opening a paragraph: a bracketed tag, or one to four capitalised words, then a colon. */
const LABEL = /^\s*(?:(\(\([^()\n]{1,40}\)\)|\[[^[\]\n]{1,40}\])\s*:?\s+|((?:[A-Z][\p{L}.'’-]*)(?:\s+(?:[A-Z][\p{L}.'’-]*|de|van|von|bin|al)){0,3})?\s*:\s+)(?=\S)/u;
/** A whole paragraph in bold (Markdown's `**…**` or `__…__`) that ends with a question mark. */
const BOLD_QUESTION = /^\s*(\*\*|__)(\s*)(?:(?!\1)[^\n])+?\?\s*\1\s*$/u;
/** Labels that stand for the one asking. */
const INTERVIEWER = /^(?:q|question|questioner|interviewer|host|moderator|reporter)$/i;
/** Labels that stand for the one answering. */
const INTERVIEWEE = /^(?:a|answer|interviewee|guest)$/i;
/** Section headings, captions and notes: a word and a colon that introduce no one's words. */
const HEADINGS = new Set([
  'note', 'notes', 'update', 'updated', 'updates', 'correction', 'corrections', 'source', 'sources', 'image', 'file',
  'photo', 'picture', 'video', 'audio', 'caption', 'credit', 'credits', 'see', 'related', 'warning', 'disclaimer',
  'editor', "editor's", 'editors', 'summary', 'background', 'contact', 'email', 'tel', 'phone', 'web', 'website',
  'link', 'links', 'read', 'more', 'also', 'tags', 'category', 'categories', 'date', 'time', 'location', 'where',
  'when', 'what', 'who', 'why', 'how', 'result', 'results', 'score', 'final', 'total', 'example', 'examples',
  'ps', 'p.s.', 'nb', 'n.b.', 'edit', 'full', 'text', 'transcript', 'statement', 'breaking', 'exclusive',
]);

/** The publication an article comes from, by its source's host name ("en.wikinews.org" → "Wikinews"). */
export function publicationOf(article: ArticleText): string | null {
  const source = article.source;
  if (!source || !/^https?:\/\//i.test(source)) return null;
  try {
    const parts = new URL(source).hostname.replace(/^www\./, '').split('.');
    const name = parts.length >= 2 ? parts[parts.length - 2] : parts[0];
    return name ? name.charAt(0).toUpperCase() + name.slice(1) : null;
  } catch {
    return null;
  }
}

/** The label at the start of a paragraph and where the spoken words start, or null when there is none. */
export function labelOf(text: string): { label: string; start: number; end?: number } | null {
  // A question set in bold with no label ("**Why now?**"), as Q&As print the interviewer's turns.
  const bold = BOLD_QUESTION.exec(text);
  if (bold) return { label: '', start: bold.index + bold[1]!.length + (bold[2]?.length ?? 0), end: bold.index + bold[0].trimEnd().length - bold[1]!.length };
  const match = LABEL.exec(text);
  if (!match) return null;
  const label = (match[1] ?? match[2] ?? '').trim();
  // An unlabelled turn (": Why …?") is a question whose label an export dropped.
  if (label === '') return /\?\s*$/.test(text) ? { label: '', start: match[0].length } : null;
  const words = label.split(/\s+/);
  // "Note: …", "Update: …", "Image: …": a heading or caption introduces no one's words.
  if (!label.startsWith('(') && !label.startsWith('[') && HEADINGS.has(words[0]!.toLowerCase().replace(/[’]/g, "'"))) return null;
  return { label, start: match[0].length };
}

/**
 * A label that names no one (`Q:`, `A:`, `Interviewer:`, an outlet's initials `((WN))`): it stands for a
 * role in the exchange, so it is no mention of a person.
 */
export function isRoleLabel(label: string): boolean {
  const name = bare(label);
  return name === '' || INTERVIEWER.test(name) || INTERVIEWEE.test(name) || (name !== label && /^[A-Z]{1,5}$/.test(name));
}

/** A label without its brackets: "((Dorsa Derakhshani))" → "Dorsa Derakhshani". */
function bare(label: string): string {
  return label.replace(/^\(\(|\)\)$|^\[|\]$/g, '').trim();
}

/**
 * The one asking: an empty label, `Q`/`Interviewer`…, the publication's name, or a bracketed abbreviation
 * (`((WN))`, `[WSS]`: an outlet's or reporter's initials); a bracketed name (`((Dorsa Derakhshani))`) is a speaker.
 */
function isInterviewerLabel(label: string, publication: string | null): boolean {
  const name = bare(label);
  if (name === '' || INTERVIEWER.test(name)) return true;
  if (name !== label && /^[A-Z]{1,5}$/.test(name)) return true;
  return publication !== null && name.toLowerCase() === publication.toLowerCase();
}

/** First-person words: a later paragraph of an answer speaks as the one answering. */
const FIRST_PERSON = /(?:^|[^\p{L}'’])(?:I|I'm|I’m|I've|I’ve|I'd|I’d|me|my|mine|we|we're|we’re|our|ours|us)(?=[^\p{L}'’]|$)/iu;
/**
 * First-person words in the one answering's own voice: case kept ("US" is the country, not "us"), and the
 * words inside quotation marks left out ("He said, “We will win.”" is a narrator reporting, not an answer).
 */
const OWN_FIRST_PERSON = /(?:^|[^\p{L}'’])(?:I|I['’](?:m|ve|d|ll)|[Mm]e|[Mm]y|[Mm]ine|[Ww]e|[Ww]e['’](?:re|ve|ll|d)|[Oo]urs?|us)(?=[^\p{L}'’]|$)/u;
/** Text outside quotation marks. */
function unquoted(text: string): string {
  return text.replace(/“[^”]*”?|"[^"]*"?|«[^»]*»?|„[^“”]*[“”]?/gu, ' ');
}
/**
 * Does a paragraph read as a narrator's rather than the one answering's? English marks the speaker by the
 * first person, so a narrator names the one answering in the third person ("Tseng said", "Smith, who …") or
 * reports a third person's words ("she said", "they told"): outside quotation marks, a word of the label's
 * name, or a subject pronoun before a speech verb.
 */
function narrated(text: string, label: string): boolean {
  const plain = unquoted(text);
  const names = bare(label).split(/[\s.]+/).filter((word) => word.length > 2 && /^\p{Lu}/u.test(word));
  const words = plain.split(/[^\p{L}'’-]+/u);
  if (names.some((name) => words.some((word) => word.toLowerCase() === name.toLowerCase()))) return true;
  return words.some((word, n) => /^(?:he|she|they)$/i.test(word) && isSpeechVerb((words[n + 1] ?? '').toLowerCase()));
}
/** How many plain question paragraphs make an article a Q&A (see findTurns). */
const PLAIN_QUESTIONS = 3;
/** Longest plain paragraph read as a question. */
const QUESTION_WORDS = 40;

/** A short paragraph, no quotation, ending in a question mark: an interviewer's question printed plain. */
function isPlainQuestion(text: string): boolean {
  const trimmed = text.trim();
  return /\?$/.test(trimmed) && !/[“”"«»„]/u.test(trimmed) && trimmed.split(/\s+/).length <= QUESTION_WORDS;
}

/**
 * A transcript's narrative line naming who answers next: a capitalised name of one to three words, an
 * optional aside between commas, a verb of answering or beginning (Levin 1993, 37.7 "say verbs", intransitive)
 * with at most an adverb of order or manner, and the line's end.
 */
const ANSWER_INTRODUCTION = /^((?:\p{Lu}[\p{L}'’.-]+)(?: \p{Lu}[\p{L}'’.-]+){0,2})(?:, [^,:;]{1,100},)? (?:answered|replied|responded|began|interjected|explained|went on|cut in|jumped in)(?: (?:first|next|quickly|immediately|at once|briefly|slowly|instead))?[.:]$/u;

/** Most paragraphs one answer is read to run over when the next question is near. */
const ANSWER_PARAGRAPHS = 8;

/**
 * The turns and interview answers of an article (see the module comment). Everything between a question
 * and the next question (when it comes within ANSWER_PARAGRAPHS) is the answer; after the last question,
 * the first paragraph is its answer and the next ones continue it while they speak in the first person, so
 * the narrative that follows an interview is not taken for it. In a transcript (two labelled turns or more) a
 * labelled answer is carried over the unlabelled paragraphs after it the same way (see `narrated`).
 */
export function findTurns(article: ArticleText): Turn[] {
  const publication = publicationOf(article);
  const labels = article.paragraphs.map((text) => {
    const found = labelOf(text);
    return found ? { ...found, interviewer: isInterviewerLabel(found.label, publication) } : null;
  });
  // A Q&A whose questions lost their bold and labels: plain short paragraphs ending in "?", each followed by
  // one that does not, three times or more (a news story asks a question now and then, not in that rhythm).
  const questions = article.paragraphs.map((text, n) => labels[n] === null && isPlainQuestion(text) && !isPlainQuestion(article.paragraphs[n + 1] ?? '?') && (article.paragraphs[n + 1] ?? '').trim() !== '');
  if (questions.filter(Boolean).length >= PLAIN_QUESTIONS) {
    questions.forEach((question, n) => {
      if (question) labels[n] = { label: '', start: article.paragraphs[n]!.length - article.paragraphs[n]!.trimStart().length, interviewer: true };
    });
  }
  // A labelled answer is continued only in a transcript (two labelled turns or more): a news story with one
  // "Name:" paragraph is no transcript, and its later paragraphs are narrative.
  const transcript = labels.filter((label) => label !== null).length >= 2;
  // A label whose every turn ends in a question asks, whether or not its name says so ("Soundcheck: … Why?"):
  // a question's turn is not carried over the paragraphs after it, which answer it.
  const askers = new Set<string>();
  const tellers = new Set<string>();
  labels.forEach((label, n) => {
    if (!label) return;
    (/\?\W*$/u.test(article.paragraphs[n]!.trim()) ? askers : tellers).add(bare(label.label).toLowerCase());
  });
  const turns: Turn[] = [];
  let afterQuestion = false;
  let answering = false;
  /** The labelled (non-interviewer) turn whose paragraphs are being continued, if any. */
  let speaking: string | null = null;
  article.paragraphs.forEach((text, paragraph) => {
    const end = text.trimEnd().length;
    const found = labels[paragraph];
    if (found) {
      turns.push({ paragraph, start: found.start, end: found.end ?? end, label: found.label, interviewer: found.interviewer });
      afterQuestion = found.interviewer;
      answering = false;
      const asks = askers.has(bare(found.label).toLowerCase()) && !tellers.has(bare(found.label).toLowerCase());
      speaking = !transcript || found.interviewer || found.label === '' || asks ? null : found.label;
      return;
    }
    // "Abernethy, who plays drums, answered first.": in a transcript, a line of narrative that only says who
    // answers (a stage direction: a name, an aside, a verb of answering, no object) opens that person's turn,
    // carried over the unlabelled paragraphs after it as a labelled answer is.
    const introduced = transcript ? ANSWER_INTRODUCTION.exec(text.trim()) : null;
    if (introduced) {
      speaking = introduced[1]!;
      afterQuestion = false;
      answering = false;
      return;
    }
    const words = text.trim().split(/\s+/).length;
    const heading = words < 5 && !/[.!?…"”]$/.test(text.trim());
    const nextTurn = labels.findIndex((label, n) => n > paragraph && label !== null);
    const beforeQuestion = nextTurn > paragraph && nextTurn - paragraph <= ANSWER_PARAGRAPHS && labels[nextTurn]!.interviewer;
    const beforeLabel = nextTurn > paragraph && nextTurn - paragraph <= ANSWER_PARAGRAPHS;
    const start = text.length - text.trimStart().length;
    // A labelled answer runs over the paragraphs after it (only the first carries the label).
    // A paragraph opening with a quotation mark is a quotation with its own cue, not the answer running on.
    const quotation = /^[“"‘'«„]/u.test(text.trimStart());
    if (!heading && !quotation && speaking !== null && (OWN_FIRST_PERSON.test(unquoted(text)) || (beforeLabel && !narrated(text, speaking)))) {
      turns.push({ paragraph, start, end, label: speaking, interviewer: false, continued: true });
      return;
    }
    speaking = null;
    if (!heading && (afterQuestion || (answering && (beforeQuestion || FIRST_PERSON.test(text))))) {
      turns.push({ paragraph, start, end, label: null, interviewer: false });
      answering = true;
    } else {
      answering = false;
    }
    afterQuestion = false;
  });
  return turns;
}

/**
 * The entity a turn belongs to: for an answer or an interviewee's label, the person interviewed; for an
 * interviewer's label, the publication (or "the interviewer"); for a name label, the person of that name.
 */
export function speakerOfTurn(turn: Turn, publication: string | null, registry: PeopleRegistry, interviewee: Entity | null): Entity | null {
  if (turn.label === null || INTERVIEWEE.test(bare(turn.label))) return interviewee;
  if (isInterviewerLabel(turn.label, publication)) return registry.named(publication ?? 'the interviewer', publication !== null);
  const label = bare(turn.label).replace(/\s+/g, ' ');
  // "Mayor Ana Ruiz": the name may follow a title; the longest tail of the label the article knows.
  const words = titleCase(label).split(' ');
  for (let from = 0; from < words.length; from++) {
    const known = registry.find(words.slice(from).join(' '));
    if (known) return known;
  }
  return registry.named(titleCase(label), false);
}

function titleCase(label: string): string {
  return label === label.toUpperCase() ? label.toLowerCase().replace(/(^|[\s'-])(\p{L})/gu, (_, a: string, b: string) => a + b.toUpperCase()) : label;
}

/**
 * The person interviewed in the section whose first question is at paragraph `first`: of the people named
 * (not by pronoun) in the paragraphs before it, the one they mention most (an interview's introduction is about
 * the person interviewed; later questions may name others more often); ties go to the latest.
 */
export function intervieweeBefore(first: number, registry: PeopleRegistry, publication: string | null): Entity | null {
  let best: Entity | null = null;
  let bestCount = 0;
  let bestLatest = -1;
  for (const entity of registry.entities) {
    if (!entity.named || entity.organisation || entity.place || entity.plural) continue;
    if (publication && entity.name.toLowerCase() === publication.toLowerCase()) continue;
    const before = entity.mentions.filter((m) => m.paragraph - 1 < first);
    if (before.length === 0) continue;
    const count = before.length;
    const latest = Math.max(...before.map((m) => m.paragraph));
    if (count > bestCount || (count === bestCount && latest > bestLatest)) {
      best = entity;
      bestCount = count;
      bestLatest = latest;
    }
  }
  return best;
}
