/**
 * Sentence splitting for news paragraphs.
 *
 * byline splits every paragraph of every article at start-up, so the splitter is a single left-to-right scan
 * with bounded look-around at each candidate boundary (linear time, no regular expression built per call).
 * A candidate boundary is a run of terminal punctuation (`.`, `?`, `!`, `…`), optionally followed by closing
 * quotes or brackets, then whitespace. Whether it really ends a sentence is decided by what stands around it:
 * the word before (an abbreviation? an initial? a number?) and the word after (lowercase? a word that usually
 * opens a sentence?). Each rule below says what it handles.
 */

/** One sentence of a paragraph: `text === paragraph.slice(start, end)`, with no surrounding whitespace. */
export interface SentenceSpan {
  text: string;
  start: number;
  end: number;
}

/**
 * Splits one paragraph into its sentences, in order. Abbreviations (Mr., U.S., Inc.), initials (J. R. R.),
 * decimals, ellipses and quotations are kept inside their sentence; a quotation ending in `.`, `?` or `!`
 * stays with an attribution that follows it (`“Why?” she asked.`). Whitespace between sentences belongs to
 * no sentence. Runs in time linear in the paragraph's length.
 */
export function splitSentences(text: string): SentenceSpan[] {
  return spansBetween(text, findBoundaries(text));
}

// ---------------------------------------------------------------------------------------------------------
// Characters

/** Quote marks and brackets that may close a quotation or aside after its final punctuation: `.”`, `?)`. */
const CLOSERS = new Set(['"', "'", '”', '’', ')', ']', '»', '›', '}']);
/** Quote marks and brackets that may open the next sentence: `. “We…`, `. (The…`. */
const OPENERS = new Set(['"', "'", '“', '‘', '’', '(', '[', '«', '‹', '¿', '¡', '{']);
/** Bullets that start a list item wherever they stand after whitespace. */
const BULLETS = new Set(['•', '⁃', '◦', '▪', '‣', '●', '∙']);
/** What the scan stops at: terminal punctuation and bullets (a native search skips everything else). */
const PUNCTUATION = /[.?!…•⁃◦▪‣●∙]/g;
/** Currency signs: a sentence may open with an amount (`$5 million was…`). */
const CURRENCY = new Set(['$', '€', '£', '¥', '₹']);

/** The characters JavaScript's `\s` and `String.prototype.trim` treat as whitespace (incl. NBSP). */
function isSpace(code: number): boolean {
  return (
    code === 32 ||
    (code >= 9 && code <= 13) ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

const UPPERCASE = /^[\p{Lu}\p{Lt}]$/u;
const LOWERCASE = /^\p{Ll}$/u;
const LETTER = /^\p{L}$/u;
const DIGIT = /^\p{Nd}$/u;

function isUpper(ch: string): boolean {
  const code = ch.charCodeAt(0);
  if (code < 128) return code >= 65 && code <= 90;
  return UPPERCASE.test(ch);
}

function isLower(ch: string): boolean {
  const code = ch.charCodeAt(0);
  if (code < 128) return code >= 97 && code <= 122;
  return LOWERCASE.test(ch);
}

function isLetter(ch: string): boolean {
  const code = ch.charCodeAt(0);
  if (code < 128) return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  return LETTER.test(ch);
}

function isDigit(ch: string): boolean {
  const code = ch.charCodeAt(0);
  if (code < 128) return code >= 48 && code <= 57;
  return DIGIT.test(ch);
}

// ---------------------------------------------------------------------------------------------------------
// Words

/** Builds a set from a space-separated word list. */
function words(list: string): Set<string> {
  return new Set(list.split(/\s+/).filter((word) => word !== ''));
}

/**
 * Titles and prefixes that always stand before a name or number, so a period after them never ends a
 * sentence: `Mr. Smith`, `Gov. Newsom`, `Sen. Warren`, `Mt. Fuji`, `Lt. Col. Vindman`, `Smith vs. Jones`.
 * Case-sensitive: `Rev.` is a title, `rev.` is not.
 */
const TITLES = words(`
  Mr Mrs Ms Mx Messrs Mmes Dr Drs Prof Profs Gov Govs Sen Sens Rep Reps Pres Gen Lt Col Maj Capt Cpt Cmdr Cdr
  Adm Brig Sgt Cpl Pvt Spc Insp Supt Det Rev Fr Msgr Hon Rt Atty Amb Mt Ft Sra Mme Mlle vs Vs
`);

/**
 * Abbreviations that may also end a sentence (`Acme Inc.`, `Jan.`): case-sensitive, as some are words in
 * lowercase (`sec.`). After one, a capitalised word opens a new sentence only if it is a typical sentence
 * opener (see SENTENCE_STARTERS): `Acme Inc. Chairman Bob Ray` goes on, `Acme Inc. The firm` ends. A number
 * always belongs to it (`Jan. 5`, `Vol. 3`).
 *
 * Left out on purpose: `No.` (before a number it is too short to end a sentence anyway, and the answer `No.`
 * ends one); state and street abbreviations (`Mass.`, `Ave.`), which news style follows with a comma inside a
 * sentence, so a capital after them starts a new one (`…in Boston, Mass. Police said…`).
 */
const ABBREVIATIONS = words(`
  Co co Inc Corp Ltd Bros Jr Sr Esq Vol Vols Fig Figs Dept Univ Assn St Hwy Sec Ch Chap Pt
  Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec
`);

/**
 * Abbreviations that are no English word, written in lowercase or capitalised (`approx.`, `Govt.`, `et al.`).
 * Written in capitals they are acronyms of their own (`EST`, `CA`), so those forms do not match. Units and
 * `etc.` are left out: they close a phrase, so a capital after them starts a new sentence (`…rose 0.5 pct.
 * Analysts said…`).
 */
const ABBREVIATIONS_ANY_CASE = words(`
  approx appt dept est govt intl natl misc mfg mgr ibid viz cf al pp vol vols inc ltd corp llc plc bros jr sr
  esp incl excl ca
`);

/**
 * Words that typically open a sentence: pronouns, determiners, conjunctions, auxiliaries and sentence
 * adverbs. A capitalised word of this kind after an abbreviation (`… in the U.S. The …`) shows that the
 * abbreviation also ended the sentence; a name after it (`U.S. Government`, `Co. Chairman`) does not.
 * Names that are also words (`May`, `Will`, `Bill`) are left out on purpose.
 */
const SENTENCE_STARTERS = words(`
  I He She It We They You Me Him Her Us Them His Its Our Their My Your
  Nobody Everybody Somebody Anybody Everyone Someone Anyone Nothing Everything Something Anything
  This That These Those There Here Such
  A An The Some Many Most Much All Both Each Every Few Several No None Any Another Other Neither Either
  And But Or Nor So Yet Also However Meanwhile Moreover Furthermore Nevertheless Nonetheless Still Then Now Thus
  Therefore Instead Later Earlier Previously Afterwards Finally Today Yesterday Tomorrow Tonight
  Although Though While When Whenever Where Wherever What Whatever Who Whom Whose Which Why How If Unless As
  Because Since After Before During Despite In On At For From With Without By Of To Into Under Over Among
  Between Following According Not Only Even Just Once Please
  Is Are Was Were Be Been Being Do Does Did Has Have Had Can Could Should Would Must Shall Let
  Yes Thank Thanks
`);

/** Clock-time suffixes, compared in lowercase without their last period. */
const CLOCK_SUFFIXES = words('a.m p.m');

/** Capitalised words that continue a clock time: zones, weekdays, months (`3 p.m. Eastern`, `p.m. Monday`). */
const TIME_WORDS = words(`
  Eastern Central Pacific Mountain Atlantic Alaska Hawaii Greenwich Coordinated Universal Standard Daylight
  Summer Local Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June
  July August September October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec
`);

/** Prepositions that open a time adverbial at the head of a sentence (`At 5 a.m.`, `By 6 p.m.`). */
const TIME_PREPOSITIONS = words('At By Before After Until Till From Since Around About Shortly Just Near Nearly');

/**
 * Speech verbs that mark the words after a closing quote as its attribution (`“Why?” Smith asked.`).
 */
const SPEECH_VERBS = words(`
  said says say stated states asked asks added adds told tells wrote writes explained explains replied
  replies answered answers responded responds continued continues noted notes argued argues insisted
  insists claimed claims declared declares warned warns shouted shouts yelled yells exclaimed exclaims
  tweeted tweets posted posts recalled recalls remarked remarks commented comments announced announces
  concluded concludes admitted admits acknowledged acknowledges suggested suggests advised advises
  cried cries wondered wonders
`);

// ---------------------------------------------------------------------------------------------------------
// The scan

/** Offsets where one sentence ends and the next may begin (whitespace between them is trimmed later). */
function findBoundaries(text: string): number[] {
  const cuts: number[] = [];
  const markers = findListMarkers(text);
  let marker = 0;
  const n = text.length;
  let i = 0;
  let sentenceStart = 0;
  while (i < n) {
    PUNCTUATION.lastIndex = i;
    const found = PUNCTUATION.exec(text);
    const at = found === null ? n : found.index;
    // A list marker (`1.`, `b)`, `2.)`) opens an item; its own period never ends a sentence.
    const item = markers[marker];
    if (item !== undefined && item.start <= at) {
      if (item.start > 0) cuts.push((sentenceStart = item.start));
      marker++;
      i = item.end;
      continue;
    }
    if (found === null) break;
    i = at;
    // A bullet after whitespace opens a new item: `• first • second`.
    if (BULLETS.has(found[0])) {
      if (i > 0 && isSpace(text.charCodeAt(i - 1))) cuts.push((sentenceStart = i));
      i++;
      continue;
    }
    const group = readTerminators(text, i);
    const cut = decide(text, group, sentenceStart);
    if (cut >= 0) cuts.push((sentenceStart = cut));
    i = group.afterClosers;
  }
  return cuts;
}

/** A run of terminal punctuation and what follows it. */
interface TerminatorGroup {
  start: number;
  /** Offset just after the punctuation run. */
  end: number;
  /** Offset just after the closing quotes or brackets that follow the run. */
  afterClosers: number;
  /** How many dots (`…` counts three). */
  dots: number;
  /** Whether the run holds a `?` or `!`. */
  question: boolean;
  /** Whether the run is a spaced ellipsis (`. . .`). */
  spaced: boolean;
  /** Whether a closing quote mark (not a bracket) follows the run. */
  quoteClosed: boolean;
}

/** Reads the punctuation run starting at `start`, including a spaced ellipsis (`. . . .`), and its closers. */
function readTerminators(text: string, start: number): TerminatorGroup {
  const n = text.length;
  let j = start;
  let dots = 0;
  let question = false;
  let spaced = false;
  while (j < n) {
    const ch = text.charAt(j);
    if (ch === '.') dots++;
    else if (ch === '…') dots += 3;
    else if (ch === '?' || ch === '!') question = true;
    else if (ch === ' ' && !question && text.charAt(j + 1) === '.' && endsSpacedDot(text, j + 2)) {
      // `. . .`: a spaced ellipsis is one mark, not three sentence ends.
      spaced = true;
    } else break;
    j++;
  }
  let k = j;
  let quoteClosed = false;
  while (k < n && CLOSERS.has(text.charAt(k))) {
    const ch = text.charAt(k);
    if (ch !== ')' && ch !== ']' && ch !== '}') quoteClosed = true;
    k++;
  }
  return { start, end: j, afterClosers: k, dots, question, spaced, quoteClosed };
}

/** Whether the dot before `at` belongs to a spaced ellipsis: it is followed by a space, a closer or the end. */
function endsSpacedDot(text: string, at: number): boolean {
  if (at >= text.length) return true;
  const ch = text.charAt(at);
  return ch === ' ' || ch === '.' || CLOSERS.has(ch);
}

/**
 * Where the sentence ends at this punctuation run, or -1 when it does not end here. `sentenceStart` is where
 * the current sentence began (0 or the last boundary).
 */
function decide(text: string, group: TerminatorGroup, sentenceStart: number): number {
  const n = text.length;
  // Punctuation inside a token (3.14, U.S.-led, example.com, Jr.'s) or at the very end decides nothing.
  if (group.afterClosers >= n || !isSpace(text.charCodeAt(group.afterClosers))) return -1;
  const next = readNextWord(text, group.afterClosers);
  if (next === null) return -1;
  const first = initialOf(text, next);
  // A lowercase word continues the sentence: `Yahoo! in`, `“Great.” she said`, `(… engineer.) at`.
  if (isLower(first)) return -1;

  const before = group.start > 0 ? text.charAt(group.start - 1) : '';
  if (before === '[' || before === '(') {
    // `victims[.]` or `time[?]`: punctuation supplied by an editor ends the sentence like any other.
    const supplied = before === '[' && group.end === group.start + 1 && text.charAt(group.end) === ']';
    if (supplied) return startsSentence(first) ? group.afterClosers : -1;
    // `[...]` or `[…]` marks words left out of a quotation, often across a sentence end: it ends one only
    // before a word that typically opens a sentence (`difficult [...] I've always believed`), not before a
    // name or a citation (`governing of [...] Australia`, `stairways [...]" (Smith 55)`).
    if (before === '[' && group.dots > 1 && text.charAt(group.end) === ']') {
      const opening = !hasTextBetween(text, sentenceStart, group.start - 1);
      return !opening && SENTENCE_STARTERS.has(next.word) ? group.afterClosers : -1;
    }
    return -1;
  }

  const detached = group.start === 0 || isSpace(text.charCodeAt(group.start - 1));
  if (detached && !group.question) {
    // A free-standing ellipsis (`is . . . I`, `ready … We`) marks an omission inside the sentence; with a
    // fourth dot (`. . . .`) it is an ellipsis plus the sentence's own period.
    if (group.dots === 3) return -1;
    return startsSentence(first) ? group.afterClosers : -1;
  }
  if (group.spaced) {
    // `compounds. . . . The`: the word's period ends the sentence; the spaced ellipsis opens the next one.
    return isUpper(first) ? group.start + 1 : -1;
  }
  if (group.question || group.dots > 1) {
    if (!startsSentence(first)) return -1;
    // `“Why?” Smith asked.`: a quotation ending in ? or ! keeps its attribution.
    if (group.quoteClosed && isAttribution(text, next, true)) return -1;
    return group.afterClosers;
  }
  return decidePeriod(text, group, next, first, sentenceStart);
}

/** Whether anything but whitespace stands in `text[from, to)`; scans back over whitespace only. */
function hasTextBetween(text: string, from: number, to: number): boolean {
  let b = to - 1;
  while (b >= from && isSpace(text.charCodeAt(b))) b--;
  return b >= from;
}

/** Whether a sentence may open with this character (a capital, a digit, an amount, a bullet). */
function startsSentence(first: string): boolean {
  return isUpper(first) || isDigit(first) || CURRENCY.has(first) || BULLETS.has(first);
}

/** The word after a candidate boundary: past whitespace and opening quotes or brackets. */
interface NextWord {
  /** Offset of the word's first character. */
  start: number;
  /** Its leading letters and digits (`It` for `It's`), possibly empty when it opens with a symbol. */
  word: string;
}

function readNextWord(text: string, from: number): NextWord | null {
  const n = text.length;
  let p = from;
  // Two rounds at most: the word itself, or (`. [...] You want…`) the word behind one omission mark that
  // opens the next sentence. Never more, so a run of marks cannot make the scan quadratic.
  for (let round = 0; round < 2; round++) {
    while (p < n && isSpace(text.charCodeAt(p))) p++;
    while (p < n && OPENERS.has(text.charAt(p))) p++;
    const omission = p < n && p > 0 && text.charAt(p - 1) === '[' && (text.charAt(p) === '.' || text.charAt(p) === '…');
    if (!omission || round === 1) break;
    while (p < n && (text.charAt(p) === '.' || text.charAt(p) === '…')) p++;
    if (p < n && text.charAt(p) === ']') p++;
  }
  if (p >= n) return null;
  let q = p;
  while (q < n && (isLetter(text.charAt(q)) || isDigit(text.charAt(q)))) q++;
  return { start: p, word: text.slice(p, q) };
}

/**
 * The character that says whether the next word is capitalised: its first, or for a name behind a lowercase
 * particle the name's (`al-Muhandis`, `el-Sisi` → `M`, `S`), so `…the airstrike. al-Muhandis was…` splits.
 */
function initialOf(text: string, next: NextWord): string {
  const first = next.word.charAt(0) || text.charAt(next.start);
  const hyphen = next.start + next.word.length;
  if (next.word.length <= 3 && isLower(first) && text.charAt(hyphen) === '-') {
    const name = text.charAt(hyphen + 1);
    if (isUpper(name)) return name;
  }
  return first;
}

/** The token before the punctuation run, without opening quotes or brackets: `U.S` for `(U.S.`. */
function wordBefore(text: string, end: number): { word: string; start: number; closed: boolean } {
  let s = end;
  while (s > 0 && !isSpace(text.charCodeAt(s - 1))) s--;
  let from = s;
  while (from < end && OPENERS.has(text.charAt(from))) from++;
  let to = end;
  while (to > from && CLOSERS.has(text.charAt(to - 1))) to--;
  return { word: text.slice(from, to), start: s, closed: to < end };
}

/** Decides a single period after a word: abbreviations, initials and numbers. */
function decidePeriod(
  text: string,
  group: TerminatorGroup,
  next: NextWord,
  first: string,
  sentenceStart: number,
): number {
  const cut = group.afterClosers;
  const before = wordBefore(text, group.start);
  const word = before.word;
  // `called it “a disaster”. The`: the period stands after a quotation or aside, so it is no abbreviation.
  if (before.closed) return startsSentence(first) ? cut : -1;
  // `“This is great.” Smith said.`: a quotation keeps its attribution.
  if (group.quoteClosed && isAttribution(text, next, false)) return -1;

  if (isUpper(first)) {
    // A title always precedes a name: `Mr. Smith`, `Gov. Newsom`, `Mt. Fuji`.
    if (TITLES.has(word)) return -1;
    if (word.length === 1 && isLetter(word)) return decideInitial(text, before.start, word, next) ? cut : -1;
    if (CLOCK_SUFFIXES.has(word.toLowerCase())) {
      return endsAfterClockTime(text, before.start, sentenceStart, next) ? cut : -1;
    }
    // An abbreviation or acronym ends the sentence only before a word that typically opens one:
    // `the U.S. Government` goes on, `in the U.S. How about you?` ends.
    if (isAbbreviation(word)) return SENTENCE_STARTERS.has(next.word) ? cut : -1;
    return cut;
  }
  if (isDigit(first) || CURRENCY.has(first)) {
    // `p. 55`, `No. 5`, `N°. 1026`: a number after an abbreviation belongs to it.
    return endsBeforeNumber(word) ? cut : -1;
  }
  if (BULLETS.has(first)) return cut;
  // Dashes and other symbols after a period (`. — Reuters`) are left with the sentence.
  return -1;
}

/**
 * A single letter and a period: an initial (`Jonas E. Smith`, `J. R. R. Tolkien`) unless it ends a sentence
 * (`you and I. Did…`, `vitamin C. The…`, `World War I. The…`): that needs a sentence-opening word after it, and
 * either a lowercase word before it or a Roman numeral.
 */
function decideInitial(text: string, tokenStart: number, letter: string, next: NextWord): boolean {
  if (!SENTENCE_STARTERS.has(next.word)) return false;
  if (isLower(letter)) return true;
  if (letter === 'I' || letter === 'V' || letter === 'X') return true;
  const previous = previousWordInitial(text, tokenStart);
  return previous !== '' && isLower(previous);
}

/** The first letter of the word before the token starting at `tokenStart`, or '' at the paragraph's start. */
function previousWordInitial(text: string, tokenStart: number): string {
  let e = tokenStart;
  while (e > 0 && isSpace(text.charCodeAt(e - 1))) e--;
  let s = e;
  while (s > 0 && !isSpace(text.charCodeAt(s - 1))) s--;
  while (s < e && !isLetter(text.charAt(s))) s++;
  return s < e ? text.charAt(s) : '';
}

/**
 * After a clock time (`at 6 p.m.`) a capitalised word opens a new sentence, unless it belongs to the time —
 * a time zone, weekday or month (`10 a.m. Central European Time`, `3 p.m. Monday`, `5:30 a.m. EST`) — or the
 * time is an adverbial opening the sentence (`At 5 a.m. Mr. Smith went…`), which cannot stand alone.
 */
function endsAfterClockTime(text: string, tokenStart: number, sentenceStart: number, next: NextWord): boolean {
  if (SENTENCE_STARTERS.has(next.word)) return true;
  if (TIME_WORDS.has(next.word) || isAllCaps(next.word)) return false;
  return !opensWithTimeAdverbial(text, sentenceStart, tokenStart);
}

/** Whether `text[from, to)` is a short time adverbial: a preposition and at most two more words (`At 5`). */
function opensWithTimeAdverbial(text: string, from: number, to: number): boolean {
  let words = 0;
  let firstWord = '';
  let p = from;
  while (p < to && words <= 3) {
    while (p < to && isSpace(text.charCodeAt(p))) p++;
    if (p >= to) break;
    const s = p;
    while (p < to && !isSpace(text.charCodeAt(p))) p++;
    if (words === 0) firstWord = text.slice(s, p);
    words++;
  }
  return words <= 3 && TIME_PREPOSITIONS.has(firstWord);
}

/** An all-capital word of two letters or more: a time zone after a clock time (`EST`, `UTC`). */
function isAllCaps(word: string): boolean {
  if (word.length < 2) return false;
  for (let i = 0; i < word.length; i++) if (!isUpper(word.charAt(i))) return false;
  return true;
}

/** Known abbreviations and dotted acronyms (`U.S`, `a.m`, `Ph.D`, `e.g`). */
function isAbbreviation(word: string): boolean {
  if (ABBREVIATIONS.has(word)) return true;
  const lower = word.toLowerCase();
  if (ABBREVIATIONS_ANY_CASE.has(lower) && word.slice(1) === lower.slice(1)) return true;
  return isDottedAcronym(word);
}

/** Letters separated by single dots: `U.S`, `U.S.A`, `a.m`, `Ph.D`. */
function isDottedAcronym(word: string): boolean {
  if (word.length < 3) return false;
  let letters = 0;
  let run = 0;
  for (let i = 0; i < word.length; i++) {
    const ch = word.charAt(i);
    if (ch === '.') {
      if (run === 0 || run > 2) return false;
      run = 0;
    } else if (isLetter(ch)) {
      run++;
      letters++;
    } else return false;
  }
  return run > 0 && run <= 2 && letters < word.length;
}

/**
 * Whether a period after this word ends the sentence when a number follows: after a number or a plain word
 * (`in 2019. 2020 was…`, `won. 15 people…`) it does; after an abbreviation, a letter or a sign (`p. 55`,
 * `No. 5`, `N°. 1026`) it does not.
 */
function endsBeforeNumber(word: string): boolean {
  if (word === '') return false;
  if (isDigit(word.charAt(0))) return true;
  if (word.length < 3 || TITLES.has(word) || isAbbreviation(word)) return false;
  for (let i = 0; i < word.length; i++) {
    const ch = word.charAt(i);
    if (!isLetter(ch) && ch !== '-' && ch !== "'" && ch !== '’') return false;
  }
  return true;
}

/**
 * Whether the words after a closing quote are its attribution: a name of a few capitalised words, then a
 * speech verb. After `?` or `!` the quote cannot take a comma, so any such clause is its attribution
 * (`“Why?” Smith asked reporters.`); after a period only a clause that ends with the verb is
 * (`“…a trial.” Pelosi said.`), since `“…” Trump claimed the plan…` is a sentence of its own. A pronoun
 * opens a new sentence (`“It is over.” He left.`), so it never counts here.
 */
function isAttribution(text: string, next: NextWord, question: boolean): boolean {
  if (SENTENCE_STARTERS.has(next.word)) return false;
  const n = text.length;
  let p = next.start;
  for (let count = 0; count < 6 && p < n; count++) {
    let q = p;
    while (q < n && !isSpace(text.charCodeAt(q))) q++;
    let e = q;
    while (e > p && !isLetter(text.charAt(e - 1))) e--;
    const core = text.slice(p, e);
    const tail = e < q;
    if (core === '') return false;
    if (SPEECH_VERBS.has(core)) return count > 0 && (question || tail || q >= n);
    if (!isUpper(core.charAt(0))) return false;
    // A name word may carry a period only as an initial or a short abbreviation (`J.`, `Jr.`).
    if (tail && !(q - e === 1 && text.charAt(e) === '.' && core.length <= 3)) return false;
    p = q;
    while (p < n && isSpace(text.charCodeAt(p))) p++;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------------------
// Enumerated lists

/** A list marker (`1.`, `2.)`, `b)`, `• 9.`) as a span of the paragraph. */
interface ListMarker {
  start: number;
  end: number;
}

/** A marker opening the paragraph: an optional bullet, a number or lowercase letter, then `.`, `.)` or `)`. */
const FIRST_MARKER = /^\s*(?:[•⁃◦▪‣●∙]\s*)?(\d{1,2}|[a-z])(\.\)|\.|\))(?=\s)/u;
/** The same marker anywhere after whitespace. */
const ANY_MARKER = /(?<=^|\s)(?:[•⁃◦▪‣●∙]\s*)?(\d{1,2}|[a-z])(\.\)|\.|\))(?=\s)/gu;

/**
 * The markers of an enumerated list written inline (`1. The first item 2. The second item`): only when the
 * paragraph opens with a marker, and only markers that continue its sequence (1, 2, 3… or a, b, c…) in the
 * same style, so a stray `5.` in a sentence is never taken for one.
 */
function findListMarkers(text: string): ListMarker[] {
  const head = FIRST_MARKER.exec(text);
  if (head === null) return [];
  const style = head[2];
  let expected = head[1] ?? '';
  const markers: ListMarker[] = [];
  ANY_MARKER.lastIndex = 0;
  for (let m = ANY_MARKER.exec(text); m !== null; m = ANY_MARKER.exec(text)) {
    const value = m[1] ?? '';
    if (value !== expected || m[2] !== style) continue;
    markers.push({ start: m.index, end: m.index + m[0].length });
    expected = successor(value);
  }
  return markers;
}

/** The next value of a list sequence: `9` → `10`, `b` → `c`. */
function successor(value: string): string {
  if (isDigit(value.charAt(0))) return String(Number(value) + 1);
  return String.fromCharCode(value.charCodeAt(0) + 1);
}

// ---------------------------------------------------------------------------------------------------------
// Spans

/** Cuts the paragraph at the boundaries and trims each piece; empty pieces are dropped. */
function spansBetween(text: string, cuts: number[]): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  let from = 0;
  for (const cut of [...cuts, text.length]) {
    if (cut <= from) continue;
    let start = from;
    let end = cut;
    while (start < end && isSpace(text.charCodeAt(start))) start++;
    while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
    if (end > start) spans.push({ text: text.slice(start, end), start, end });
    from = cut;
  }
  return spans;
}
