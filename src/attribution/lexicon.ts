/**
 * The words attribution needs to know. The open classes (first names and their gender, role nouns, places,
 * organisation words, verb forms) come from compromise's lexicon, read once at start-up and looked up word by
 * word: compromise's own tagger runs at ~86 ms per article, too slow for start-up over a large library, while
 * its lexicon answers in a map lookup. The closed classes that news attribution hinges on (speech verbs,
 * pronouns, title modifiers, markers of names and titles) are listed here by hand; the reporting verbs are
 * widened by WordNet's verbs of communication that take a that-clause.
 */
import { createRequire } from 'node:module';
import nlp from 'compromise/two';
import { wordnetReportingVerbs } from './gazetteer.ts';

const require = createRequire(import.meta.url);
/**
 * WordNet's irregular noun forms (its `noun.exc`, as wink-lexicon ships it): "children" → "child", "women" →
 * "woman". A form whose base differs is a plural the -s rule cannot see.
 */
const IRREGULAR_PLURALS = new Map(
  Object.entries(require('wink-lexicon/src/wn-noun-exceptions.js') as Record<string, unknown>).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== entry[0],
  ),
);

interface CompromiseModel {
  one: { lexicon: Record<string, string | string[]> };
  two: { orgWords: Record<string, unknown>; placeWords?: Record<string, unknown> };
}
interface CompromiseMethods {
  two: { transform: { verb: { conjugate(word: string, model: CompromiseModel): Record<string, string> } } };
}

/**
 * Caches a word predicate: attribution asks the same few thousand words the same questions over and over,
 * and a Map lookup is cheaper than the lexicon lookups and suffix tests behind each answer.
 */
function memo(predicate: (lower: string) => boolean): (lower: string) => boolean {
  const cache = new Map<string, boolean>();
  return (lower) => {
    let answer = cache.get(lower);
    if (answer === undefined) {
      answer = predicate(lower);
      cache.set(lower, answer);
    }
    return answer;
  };
}

const model = nlp.model() as unknown as CompromiseModel;
const methods = nlp.methods() as unknown as CompromiseMethods;
const lexicon = model.one.lexicon;

/** The lexicon's tags of a lower-cased word (empty when unknown). */
/**
 * Derivational endings that make English adjectives (-al, -ive, -ous, -ful, -less, -able/-ible, -ic,
 * -ent/-ant, -ary: "local", "defensive", "unanimous"), for words the lexicon does not list.
 */
export const ADJECTIVE_ENDING = /(?:al|ive|ous|ful|less|able|ible|ic|ent|ant|ary)$/;

export function tagsOf(lower: string): readonly string[] {
  if (!Object.hasOwn(lexicon, lower)) return [];
  const tags = lexicon[lower];
  if (tags === undefined) return [];
  return typeof tags === 'string' ? [tags] : tags;
}

function hasTag(lower: string, ...wanted: string[]): boolean {
  return tagsOf(lower).some((tag) => wanted.includes(tag));
}

/**
 * WordNet's irregular verb forms (its `verb.exc`, as wink-lexicon ships it) with their verb: "lost" → "lose",
 * "rose" → "rise". The lexicon tags some of them adjectives only ("lost", "woke").
 */
const IRREGULAR_VERB_FORMS = new Map(
  Object.entries(require('wink-lexicon/src/wn-verb-exceptions.js') as Record<string, unknown>).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== entry[0],
  ),
);

/** The verb an irregular inflected form belongs to ("won" → "win", "overshot" → "overshoot"), or null. */
export function irregularVerbBase(lower: string): string | null {
  return IRREGULAR_VERB_FORMS.get(lower) ?? null;
}

/** Is the word an irregular inflected form of a verb ("lost", "fell", "rose")? */
export function isIrregularVerbForm(lower: string): boolean {
  return IRREGULAR_VERB_FORMS.has(lower);
}

/**
 * WordNet's irregular forms that are their verb's past tense (compromise's conjugation of the base gives
 * them back): "rose" (rise), "lost" (lose), "drew" (draw), "sought" (seek) — and not a participle only
 * ("taken", "stolen"). The lexicon tags many of them nouns or adjectives only.
 */
const IRREGULAR_PAST_TENSES = new Set(
  [...IRREGULAR_VERB_FORMS].flatMap(([form, base]) => {
    try {
      return methods.two.transform.verb.conjugate(base, model).PastTense === form ? [form] : [];
    } catch {
      return [];
    }
  }),
);

/** Is the word the irregular past tense of a verb ("rose", "lost", "sought")? */
export function isIrregularPastTense(lower: string): boolean {
  return IRREGULAR_PAST_TENSES.has(lower);
}

/** Gender a first name carries in the lexicon ("Lloyd" → male), or null. */
export function firstNameGender(lower: string): 'male' | 'female' | null {
  const tags = tagsOf(lower);
  if (tags.includes('MaleName')) return 'male';
  if (tags.includes('FemaleName')) return 'female';
  return null;
}

export const isFirstName = memo(function isFirstName(lower: string): boolean {
  return hasTag(lower, 'MaleName', 'FemaleName', 'FirstName');
});

/** Honorifics before a name; the gendered ones give the person's gender. */
const HONORIFICS: Record<string, 'male' | 'female' | null> = {
  mr: 'male', 'mr.': 'male', mrs: 'female', 'mrs.': 'female', ms: 'female', 'ms.': 'female', miss: 'female',
  sir: 'male', dame: 'female', lady: 'female', lord: 'male', dr: null, 'dr.': null, prof: null, 'prof.': null,
  rev: null, 'rev.': null, sen: null, 'sen.': null, rep: null, 'rep.': null, gov: null, 'gov.': null,
  gen: null, 'gen.': null, col: null, 'col.': null, lt: null, 'lt.': null, sgt: null, 'sgt.': null,
  capt: null, 'capt.': null, st: null, 'st.': null,
};

export const isHonorific = memo(function isHonorific(lower: string): boolean {
  return Object.hasOwn(HONORIFICS, lower) || hasTag(lower, 'Honorific');
});

export function honorificGender(lower: string): 'male' | 'female' | null {
  return Object.hasOwn(HONORIFICS, lower) ? (HONORIFICS[lower] ?? null) : null;
}

/**
 * Nouns naming a person by role. The lexicon's `Actor` class (president, minister, secretary, spokesperson…)
 * plus the news roles it lacks.
 */
const EXTRA_ROLES = [
  'official', 'officer', 'spokesman', 'spokeswoman', 'spokesperson', 'senator', 'congressman', 'congresswoman',
  'diplomat', 'envoy', 'ambassador', 'minister', 'secretary', 'chancellor', 'premier', 'governor', 'mayor',
  'president', 'vice-president', 'prime', 'king', 'queen', 'prince', 'princess', 'sultan', 'emir', 'sheikh',
  'chief', 'head', 'leader', 'director', 'chairman', 'chairwoman', 'chair', 'ceo', 'founder', 'commissioner',
  'resident', 'witness', 'source', 'analyst', 'expert', 'researcher', 'scientist', 'professor', 'doctor',
  'lawyer', 'attorney', 'prosecutor', 'judge', 'justice', 'representative', 'lawmaker', 'legislator', 'mp',
  'general', 'commander', 'colonel', 'captain', 'lieutenant', 'sergeant', 'admiral', 'marshal', 'spokesperson',
  'coach', 'manager', 'player', 'captain', 'author', 'writer', 'reporter', 'journalist', 'editor', 'activist',
  'organiser', 'organizer', 'protester', 'protestor', 'candidate', 'nominee', 'member', 'councillor',
  'councilor', 'deputy', 'aide', 'adviser', 'advisor', 'counterpart', 'epidemiologist', 'economist', 'pilot',
  'survivor', 'victim', 'owner', 'worker', 'employee', 'student', 'teacher', 'nurse', 'physician', 'surgeon',
  'pope', 'cardinal', 'bishop', 'archbishop', 'imam', 'rabbi', 'priest', 'ayatollah', 'monarch', 'emperor',
  'speaker', 'whip', 'administrator', 'superintendent', 'inspector', 'detective', 'sheriff', 'constable',
  'man', 'woman', 'boy', 'girl', 'mother', 'father', 'son', 'daughter', 'wife', 'husband', 'brother', 'sister',
  'person', 'people', 'citizen', 'voter', 'fan', 'user', 'customer', 'passenger', 'patient', 'parent',
  'eyewitness', 'bystander', 'neighbour', 'neighbor', 'relative', 'friend', 'colleague', 'staffer', 'volunteer',
  'villager', 'tourist', 'driver', 'firefighter', 'paramedic', 'rescuer', 'soldier', 'investigator', 'official',
  'eyewitnesses', 'neighbours', 'neighbors', 'relatives', 'friends', 'colleagues', 'volunteers', 'villagers',
  'firefighters', 'paramedics', 'rescuers', 'soldiers', 'investigators', 'troops', 'staff', 'residents',
  'associates', 'allies', 'aides', 'supporters', 'critics', 'opponents', 'lawyers', 'spokespeople', 'members',
  'engineer', 'designer', 'architect', 'contractor', 'developer', 'planner', 'inspector', 'consultant',
  'representatives', 'officials', 'experts', 'residents', 'witnesses', 'sources', 'leaders', 'analysts',
  'scientists', 'researchers', 'protesters', 'activists', 'doctors', 'lawmakers', 'officers', 'authorities',
];
const ROLE_SET = new Set(EXTRA_ROLES);

/** Words that make a capitalised sequence an institution (the lexicon's organisation words plus state bodies). */
const EXTRA_ORG_HEADS = [
  'department', 'ministry', 'government', 'administration', 'police', 'agency', 'office', 'council', 'committee',
  'commission', 'parliament', 'congress', 'senate', 'house', 'assembly', 'court', 'army', 'navy', 'military',
  'forces', 'force', 'guard', 'corps', 'party', 'union', 'organization', 'organisation', 'foundation',
  'institute', 'university', 'hospital', 'bank', 'company', 'corporation', 'group', 'network', 'service',
  'services', 'board', 'authority', 'centre', 'center', 'embassy', 'cabinet', 'kremlin', 'pentagon',
  'white house', 'team', 'club', 'league', 'federation', 'association', 'coalition', 'movement', 'front',
  'regime', 'station', 'newspaper', 'agency', 'bureau', 'tribunal', 'secretariat', 'directorate', 'unicef',
  'who', 'nato', 'un', 'eu', 'fbi', 'cia', 'nasa',
  // Kinds of organization in WordNet that head bodies' names ("the Harbridge Supporters’ Trust", "the
  // Coastal Lifeboat Institution", "the Alliance for …").
  'trust', 'institution', 'alliance', 'charity', 'cooperative', 'consortium', 'syndicate',
];
const ORG_HEADS = new Set([...Object.keys(model.two.orgWords), ...EXTRA_ORG_HEADS]);

/** Common nouns that stand for an institution when used with "the" ("the ministry", "police"). */
const ORG_NOUNS = new Set([
  'ministry', 'department', 'government', 'administration', 'police', 'agency', 'office', 'council', 'committee',
  'commission', 'parliament', 'court', 'army', 'military', 'company', 'firm', 'embassy', 'cabinet', 'party',
  'organisation', 'organization', 'union', 'authority', 'authorities', 'regime', 'group', 'airline', 'club',
  'team', 'university', 'hospital', 'school', 'board', 'bank', 'court', 'prosecutors', 'state', 'kremlin',
  'pentagon', 'police', 'association', 'federation', 'league', 'coalition', 'agency', 'network', 'newspaper',
  'agencies', 'companies', 'governments', 'ministries', 'campaign', 'city', 'town', 'county', 'municipality',
  'council', 'district', 'daily', 'website', 'site', 'broadcaster', 'channel', 'magazine', 'journal', 'outlet', 'station',
  'report', 'reports', 'statement', 'study', 'complaint', 'lawsuit', 'survey', 'announcement', 'release',
  'embassy', 'consulate', 'prosecutors', 'organizers', 'organisers', 'stores', 'retailers', 'hospitals',
  'decision', 'ruling', 'verdict', 'judgment', 'judgement', 'service', 'services', 'authorities',
  'assembly', 'senate', 'congress', 'legislature', 'navy', 'forces', 'corporation', 'institute', 'foundation',
  'commission', 'tribunal', 'regulator', 'operator', 'manufacturer', 'producer', 'airport', 'museum',
  'estimate', 'data', 'document', 'bulletin', 'filing', 'analysis',
  'editorial', 'media', 'indictment', 'memo', 'poll', 'audit', 'inquiry', 'guidelines',
]);

/** True when a lower-cased noun names a person by their role ("official", "minister", "spokesperson"). */
export const isRoleNoun = memo(function isRoleNoun(lower: string): boolean {
  if (ROLE_SET.has(lower) || hasTag(lower, 'Actor')) return true;
  // "President-elect", "ex-president", "vice-chancellor", "co-founder".
  const [before, after] = lower.split('-');
  if (after !== undefined && /^(?:elect|designate)$/.test(after)) return isRoleNoun(before ?? '');
  if (after !== undefined && /^(?:ex|vice|deputy|co|under)$/.test(before ?? '')) return isRoleNoun(after);
  // Plurals of listed roles ("senators", "epidemiologists") and the learned professions ("herpetologist").
  const singular = /[a-z]men$/.test(lower) ? `${lower.slice(0, -3)}man` : singularOf(lower);
  if (singular !== lower && (ROLE_SET.has(singular) || hasTag(singular, 'Actor'))) return true;
  return PROFESSION_SHAPE.test(lower);
});

/** Endings of nouns of learned professions, which the lexicon lists only in part. */
const PROFESSION_SHAPE = /^[a-z]{2,}(?:ologist|ician|ographer|onomist|ochemist|ophysicist)s?$/;

/** The singular of a regular plural ("agencies" → "agency", "senators" → "senator"); the word itself otherwise. */
export function singularOf(lower: string): string {
  if (lower.length > 4 && lower.endsWith('ies')) return `${lower.slice(0, -3)}y`;
  if (lower.length > 3 && lower.endsWith('s') && !lower.endsWith('ss') && !lower.endsWith('us')) return lower.slice(0, -1);
  return lower;
}

/** True when a lower-cased head word makes a name or description an institution. */
export const isOrganisationHead = memo(function isOrganisationHead(lower: string): boolean {
  return ORG_HEADS.has(lower) || (lower.endsWith('s') && ORG_HEADS.has(lower.slice(0, -1)));
});

/** True for common nouns that stand for an institution ("ministry", "police", "government"). */
export const isOrganisationNoun = memo(function isOrganisationNoun(lower: string): boolean {
  // The words that head institutions' names stand for one too, named or not ("the alliance", "the
  // force", "the guild", "the trust"): news refers back to a body by the head of its name.
  return ORG_NOUNS.has(lower) || ORG_NOUNS.has(singularOf(lower)) || (lower.length > 3 && EXTRA_ORG_HEADS.includes(lower));
});

/**
 * Nouns of what an institution or a person issues (a report, a statement, a website): they speak for their
 * owner, so "the WHO's website said" and "a report by Tasnim News Agency" are said by the WHO and Tasnim.
 */
const DOCUMENT_NOUNS = new Set([
  'report', 'statement', 'website', 'site', 'release', 'study', 'estimate', 'data', 'account', 'post', 'tweet',
  'announcement', 'page', 'survey', 'letter', 'document', 'figure', 'bulletin', 'notice', 'filing', 'decision',
  'ruling', 'verdict', 'judgment', 'judgement', 'analysis', 'paper', 'article', 'editorial', 'complaint',
  // Legal papers and the findings of inquiries: "the indictment alleges", "the audit found", "a poll shows".
  'indictment', 'lawsuit', 'memo', 'poll', 'audit', 'review', 'inquiry', 'guideline', 'guidelines',
  // Advice and decisions issued by a body (WordNet noun.communication): "the state's guidance says".
  'guidance', 'advisory', 'resolution',
]);

/** True for the nouns of documents that speak for their owner ("report", "statement", "website"). */
export const isDocumentNoun = memo(function isDocumentNoun(lower: string): boolean {
  return DOCUMENT_NOUNS.has(lower) || DOCUMENT_NOUNS.has(singularOf(lower));
});

/** Nouns of a role that also give the gender of its holder. */
const GENDERED_ROLES: Record<string, 'male' | 'female'> = {
  spokesman: 'male', spokeswoman: 'female', chairman: 'male', chairwoman: 'female', congressman: 'male',
  congresswoman: 'female', king: 'male', queen: 'female', prince: 'male', princess: 'female', man: 'male',
  woman: 'female', boy: 'male', girl: 'female', mother: 'female', father: 'male', son: 'male', daughter: 'female',
  wife: 'female', husband: 'male', brother: 'male', sister: 'female', sultan: 'male', emir: 'male', pope: 'male',
  businessman: 'male', businesswoman: 'female', actress: 'female', actor: 'male', widow: 'female',
};

export function roleGender(lower: string): 'male' | 'female' | null {
  return Object.hasOwn(GENDERED_ROLES, lower) ? (GENDERED_ROLES[lower] ?? null) : null;
}

/** Plural role nouns name a group, referred to as "they". */
export function isPluralNoun(lower: string): boolean {
  if (lower !== singularOf(lower) && (ORG_NOUNS.has(singularOf(lower)) || ROLE_SET.has(singularOf(lower)))) return true;
  return lower === 'people' || lower === 'police' || lower === 'authorities' || (lower.endsWith('s') && !lower.endsWith('ss') && hasTag(lower, 'Plural')) || (/[^s]s$/.test(lower) && ROLE_SET.has(lower)) || IRREGULAR_PLURALS.has(lower);
}

/** Places: countries, cities, regions. Used as speakers they stand for their government ("the US stated"). */
export const isPlace = memo(function isPlace(lower: string): boolean {
  return hasTag(lower, 'Country', 'City', 'Place', 'Region') || PLACE_EXTRA.has(lower);
});
const PLACE_EXTRA = new Set(['us', 'u.s.', 'usa', 'uk', 'u.k.', 'eu', 'america', 'britain', 'washington', 'moscow', 'beijing', 'kyiv', 'kiev', 'tehran', 'london', 'paris', 'berlin', 'brussels']);

/** Demonyms and nationality adjectives ("Ukrainian", "French"): modifiers of a role. */
export const isDemonym = memo(function isDemonym(lower: string): boolean {
  return hasTag(lower, 'Demonym');
});

/** Words that qualify a title: "Defense Secretary", "Foreign Minister", "Prime Minister", "acting President". */
const TITLE_MODIFIERS = new Set([
  'defense', 'defence', 'foreign', 'prime', 'vice', 'deputy', 'acting', 'interim', 'state', 'home', 'interior',
  'health', 'finance', 'treasury', 'justice', 'education', 'energy', 'trade', 'economy', 'economic', 'chief',
  'supreme', 'general', 'attorney', 'executive', 'senior', 'junior', 'former', 'first', 'assistant', 'associate',
  'minority', 'majority', 'press', 'national', 'security', 'principal', 'permanent', 'special', 'high', 'top',
  'lead', 'head', 'federal', 'regional', 'provincial', 'local', 'opposition', 'culture', 'labour', 'labor',
  'agriculture', 'transport', 'environment', 'information', 'communications', 'affairs', 'public', 'prime-minister',
  'crown', 'grand', 'lieutenant', 'ex', 'then', 'incoming', 'outgoing', 'current', 'new', 'presidential',
]);

export const isTitleModifier = memo(function isTitleModifier(lower: string): boolean {
  return TITLE_MODIFIERS.has(lower);
});

/** Subject pronouns that may stand for a speaker, with what they can refer to. */
export const SUBJECT_PRONOUNS = new Map<string, 'male' | 'female' | 'group' | 'thing'>([
  ['he', 'male'], ['she', 'female'], ['they', 'group'], ['it', 'thing'],
]);

/** Possessive and object pronouns: mentions too, and evidence of gender. */
export const OTHER_PRONOUNS = new Map<string, 'male' | 'female' | 'group' | 'thing'>([
  ['him', 'male'], ['his', 'male'], ['himself', 'male'], ['her', 'female'], ['hers', 'female'], ['herself', 'female'],
  ['them', 'group'], ['their', 'group'], ['themselves', 'group'],
]);

/**
 * Verbs of saying (infinitives). A word is a speech verb when its infinitive is here ("stated" → state),
 * found through compromise's verb lemmatiser. The list is broad on purpose; attribution slots next to a quote
 * also accept past-tense verbs outside it (see `isCueVerb`).
 */
const SPEECH_VERBS = new Set([
  'say', 'state', 'tell', 'add', 'advise', 'warn', 'praise', 'condemn', 'tweet', 'write', 'explain', 'announce',
  'claim', 'note', 'argue', 'insist', 'urge', 'ask', 'reply', 'respond', 'answer', 'comment', 'remark', 'declare',
  'acknowledge', 'admit', 'assert', 'confirm', 'deny', 'describe', 'emphasise', 'emphasize', 'stress', 'underline',
  'suggest', 'report', 'recall', 'conclude', 'observe', 'predict', 'promise', 'threaten', 'vow', 'testify',
  'criticise', 'criticize', 'denounce', 'accuse', 'blame', 'complain', 'concede', 'contend', 'mention',
  'reiterate', 'reaffirm', 'indicate', 'estimate', 'express', 'quip', 'joke', 'shout', 'exclaim', 'whisper',
  'post', 'inform', 'assure', 'allege', 'caution', 'counter', 'demand', 'proclaim', 'pledge', 'point',
  'recount', 'remind', 'reveal', 'speculate', 'tout', 'welcome', 'lament', 'hail', 'dismiss', 'label', 'brand',
  'characterise', 'characterize', 'continue', 'elaborate', 'clarify', 'disclose', 'divulge', 'specify', 'cite',
  'concur', 'agree', 'disagree', 'object', 'protest', 'plead', 'beg', 'implore', 'appeal', 'announce', 'boast',
  'retort', 'rejoin', 'interject', 'summarise', 'summarize', 'surmise', 'posit', 'opine', 'muse', 'wonder',
  'affirm', 'certify', 'attest', 'guarantee', 'forecast', 'project', 'project', 'propose', 'recommend',
  'request', 'instruct', 'order', 'command', 'tell', 'brief', 'write', 'publish', 'message', 'text', 'email',
  'call', 'cry', 'yell', 'scream', 'mutter', 'murmur', 'sigh', 'laugh', 'smile', 'grumble', 'snap', 'bark',
  'deplore', 'decry', 'slam', 'blast', 'attack', 'reject', 'rebuke', 'chide', 'scold', 'thank', 'congratulate',
  'applaud', 'commend', 'celebrate', 'acclaim', 'laud', 'salute', 'honour', 'honor', 'defend', 'justify',
  'reassure', 'apologise', 'apologize', 'regret', 'mourn', 'pay', 'speak', 'talk', 'discuss', 'recommend',
  'read', 'invite', 'encourage', 'appreciate', 'mourn', 'endorse',
  // Refusals (Searle's commissives beside "reject") and verbs of characterising with "as" (Levin 1993, 29.2,
  // those whose first WordNet sense is a verb of communication: "identified the man as"). Not "name": as a
  // speech verb it makes a headline's "X names Y" (and "a man named Y") X's words; indirect.ts reads
  // "named … as" apart.
  'decline', 'refuse', 'identify', 'portray', 'list', 'dub', 'highlight', 'credit', 'designate',
  // Verbs of expressing (Levin 1993, 48.1.2 and 37.1 "transfer of a message"): "voiced concern", "conveyed sympathy".
  'voice', 'convey',
  // "maintained that …": a reporting verb of Quirk et al. 1985 (16.31, verbs of saying with a that-clause)
  // whose first WordNet sense is no verb of communication, so the WordNet class below misses it.
  'maintain',
]);

/** Speech verbs that introduce reported speech ("X said that …", "X stated he was …"). Narrower than the above. */
const REPORTING_VERBS = new Set([
  'say', 'state', 'tell', 'add', 'advise', 'warn', 'tweet', 'write', 'explain', 'announce', 'claim', 'note',
  'argue', 'insist', 'reply', 'respond', 'comment', 'remark', 'declare', 'acknowledge', 'admit', 'assert',
  'confirm', 'deny', 'emphasise', 'emphasize', 'stress', 'underline', 'suggest', 'report', 'recall', 'conclude',
  'observe', 'predict', 'promise', 'vow', 'testify', 'concede', 'contend', 'mention', 'reiterate', 'reaffirm',
  'indicate', 'estimate', 'allege', 'caution', 'counter', 'proclaim', 'pledge', 'reveal', 'speculate', 'disclose',
  'clarify', 'assure', 'inform', 'remind', 'complain', 'agree', 'believe', 'say', 'specify', 'affirm', 'forecast', 'boast', 'retort', 'maintain', 'point', 'charge', 'signal',
  'accuse', 'threaten', 'highlight', 'recommend', 'write', 'tweet', 'post', 'quote', 'show', 'find',
]);

// The open class beside the hand-listed one: every verb whose most frequent WordNet sense is a verb of
// communication taking a that-clause ("avowed that", "divulged that"), see gazetteer.ts.
for (const verb of wordnetReportingVerbs()) {
  SPEECH_VERBS.add(verb);
  REPORTING_VERBS.add(verb);
}

/**
 * The finite forms of every speech verb, mapped to their infinitive: built once at load from the regular
 * endings (state → stated, states; quip → quipped; deny → denied, denies) and compromise's conjugation for
 * the irregular ones (say → said, tell → told, write → wrote). A lookup then answers for any form.
 */
const SPEECH_FORMS = new Map<string, string>();
const conjugate = methods.two.transform.verb.conjugate;
for (const verb of SPEECH_VERBS) {
  const forms = new Set<string>();
  // Doubled final consonant (quip → quipped, admit → admitted); a wrong extra form is harmless.
  const stem = /[aeiou][bdgklmnprt]$/.test(verb) ? verb + verb.slice(-1) : verb;
  if (verb.endsWith('e')) forms.add(`${verb}d`);
  else if (/[^aeiou]y$/.test(verb)) forms.add(`${verb.slice(0, -1)}ied`);
  else forms.add(`${stem}ed`).add(`${verb}ed`);
  if (/(?:s|x|z|ch|sh)$/.test(verb)) forms.add(`${verb}es`);
  else if (/[^aeiou]y$/.test(verb)) forms.add(`${verb.slice(0, -1)}ies`);
  else forms.add(`${verb}s`);
  try {
    const conjugated = conjugate(verb, model);
    for (const tense of ['PastTense', 'PresentTense']) {
      const form = conjugated[tense];
      if (form && !form.includes(' ')) forms.add(form);
    }
  } catch {
    // the regular forms above stand
  }
  for (const form of forms) if (!SPEECH_FORMS.has(form)) SPEECH_FORMS.set(form, verb);
}

/** The infinitive of a speech verb's form ("stated" → "state", "told" → "tell"); the word itself otherwise. */
export function lemma(lower: string): string {
  return SPEECH_FORMS.get(lower) ?? lower;
}

/**
 * Base forms that are verbs after a subject ("scientists say", "they did say") and rarely nouns. Others
 * ("report", "call", "comment") are nouns too often to be read as verbs without a tense ending.
 */
const BASE_FORMS = new Set(['say', 'tell', 'add', 'warn', 'insist', 'argue', 'explain', 'announce', 'confirm', 'deny', 'suggest', 'stress', 'predict', 'urge', 'agree', 'admit', 'acknowledge', 'allege', 'assert', 'contend', 'maintain', 'note', 'state', 'believe', 'claim', 'write', 'estimate', 'warn']);

/** Verb forms that report speech when they stand as the verb (said, says, stated, tells, has told…). */
export const isSpeechVerb = memo(function isSpeechVerb(lower: string): boolean {
  if (BASE_FORMS.has(lower)) return true;
  return SPEECH_FORMS.has(lower);
});

/** The base form of a reporting verb ("report", "say"): a verb after a plural subject ("scientists report"). */
export function isReportingBase(lower: string): boolean {
  return REPORTING_VERBS.has(lower);
}

/** Speech verbs that take a reported clause ("stated he was …"). */
export const isReportingVerb = memo(function isReportingVerb(lower: string): boolean {
  if (BASE_FORMS.has(lower)) return REPORTING_VERBS.has(lower);
  const verb = SPEECH_FORMS.get(lower);
  return verb !== undefined && REPORTING_VERBS.has(verb);
});


/**
 * The general mechanism for an attribution slot next to a quote (`"…," Austin quipped`): any past-tense verb,
 * listed or not. A lower-case word ending in -ed, or a past form the lexicon knows.
 */
export const isCueVerb = memo(function isCueVerb(lower: string): boolean {
  if (isSpeechVerb(lower)) return true;
  if (FINITE_AUXILIARIES.has(lower) || lower === 'been' || lower === 'being') return false;
  if (!/^[a-z-]+$/.test(lower)) return false;
  if (/[^e]ed$|[^e]eed$|ied$|ted$|[^aeiou]ed$/.test(lower) && !hasTag(lower, 'Adjective')) return true;
  return hasTag(lower, 'PastTense') && !hasTag(lower, 'Adjective');
});

/** Past and present forms of "to be" and the auxiliaries: the finite verbs of a reported clause. */
export const FINITE_AUXILIARIES = new Set([
  'is', 'are', 'was', 'were', 'has', 'have', 'had', 'will', 'would', 'can', 'could', 'should', 'shall', 'may',
  'might', 'must', 'did', 'does', 'do', "'s", "won't", "can't", "isn't", "wasn't", "didn't", "doesn't",
  "weren't", "aren't", "hadn't", "hasn't", "haven't", "wouldn't", "couldn't", "shouldn't",
]);

/** Is the word a finite verb by its shape or lexicon class? (used to recognise a reported clause). */
export const isFiniteVerb = memo(function isFiniteVerb(lower: string): boolean {
  if (FINITE_AUXILIARIES.has(lower)) return true;
  return hasTag(lower, 'PastTense', 'PresentTense') || /^[a-z]{3,}ed$/.test(lower);
});

/** Days, months and other date words ("Wednesday, the same day …"): openers of a leading adverbial. */
export const isDateWord = memo(function isDateWord(lower: string): boolean {
  return hasTag(lower, 'WeekDay', 'Month', 'Date', 'Holiday');
});

/** Function words: never part of a name, and at a sentence start never a name themselves. */
export const isFunctionWord = memo(function isFunctionWord(lower: string): boolean {
  return hasTag(lower, 'Preposition', 'Conjunction', 'Determiner', 'Pronoun', 'Adverb', 'QuestionWord', 'Modal', 'Copula') || STOP.has(lower);
});
const STOP = new Set([
  'the', 'a', 'an', 'and', 'but', 'or', 'nor', 'so', 'yet', 'for', 'of', 'in', 'on', 'at', 'to', 'by', 'with',
  'from', 'as', 'after', 'before', 'during', 'since', 'until', 'while', 'when', 'where', 'if', 'though',
  'although', 'because', 'however', 'meanwhile', 'separately', 'also', 'then', 'this', 'that', 'these', 'those',
  'there', 'here', 'it', 'its', 'we', 'our', 'i', 'you', 'your', 'my', 'their', 'his', 'her', 'according',
  'following', 'despite', 'among', 'amid', 'about', 'over', 'under', 'into', 'onto', 'upon', 'within', 'without',
  'yesterday', 'today', 'tomorrow', 'earlier', 'later', 'last', 'next', 'speaking', 'now', 'still', 'not', 'no',
  'all', 'some', 'many', 'most', 'several', 'both', 'each', 'every', 'other', 'another', 'such', 'what', 'which',
  'who', 'whom', 'whose', 'why', 'how', 'is', 'was', 'are', 'were', 'be', 'been', 'has', 'have', 'had', 'will',
  'would', 'can', 'could', 'should', 'may', 'might', 'must', 'do', 'does', 'did',
]);

/** A common word of English (not a name) when written lower-case; sentence-initial capitals of these are not names. */
export const isCommonWord = memo(function isCommonWord(lower: string): boolean {
  if (isFunctionWord(lower)) return true;
  const tags = tagsOf(lower);
  if (tags.length === 0) return false;
  return !tags.some((tag) => NAME_TAGS.has(tag));
});
const NAME_TAGS = new Set(['MaleName', 'FemaleName', 'FirstName', 'LastName', 'Person', 'ProperNoun', 'Country', 'City', 'Place', 'Region', 'Organization', 'Demonym', 'SportsTeam', 'Honorific']);

/** Words that, right before a quoted span, mark it as a name, title or term, not an utterance. */
export const NAMING_MARKERS = new Set([
  'so-called', 'dubbed', 'named', 'called', 'titled', 'entitled', 'nicknamed', 'termed', 'branded', 'labelled',
  'labeled', 'codenamed', 'code-named', 'billed', 'renamed', 'word', 'term', 'phrase', 'slogan', 'hashtag',
  'motto', 'song', 'film', 'movie', 'book', 'album', 'novel',
  'operation', 'campaign', 'headline', 'banner', 'sign', 'signs', 'reading', 'tagged', 'hashtagged',
]);

/**
 * Every class above of one word, as bits, computed once per word: tokens carry their word's bits (see
 * tokens.ts), so the chunker and the clause readers test a bit instead of asking each predicate in turn —
 * they ask a dozen questions of every token of every article.
 */
export const WORD = {
  role: 1,
  organisationNoun: 2,
  organisationHead: 4,
  function: 8,
  finite: 16,
  speech: 32,
  plural: 64,
  date: 128,
  firstName: 256,
  place: 512,
  common: 1024,
  titleModifier: 2048,
  demonym: 4096,
  reporting: 8192,
  document: 16384,
  cue: 32768,
} as const;

const classes = new Map<string, number>();

/** The class bits of a lower-cased word (see `WORD`). */
export function classOf(lower: string): number {
  let bits = classes.get(lower);
  if (bits === undefined) {
    bits =
      (isRoleNoun(lower) ? WORD.role : 0) |
      // A document heads a mention as an institution does ("The review said", "the department's notice says"):
      // it speaks for its owner (see DOCUMENT_NOUNS).
      (isOrganisationNoun(lower) || isDocumentNoun(lower) ? WORD.organisationNoun : 0) |
      (isOrganisationHead(lower) ? WORD.organisationHead : 0) |
      (isFunctionWord(lower) ? WORD.function : 0) |
      (isFiniteVerb(lower) ? WORD.finite : 0) |
      (isSpeechVerb(lower) ? WORD.speech : 0) |
      (isPluralNoun(lower) ? WORD.plural : 0) |
      (isDateWord(lower) ? WORD.date : 0) |
      (isFirstName(lower) ? WORD.firstName : 0) |
      (isPlace(lower) ? WORD.place : 0) |
      (isCommonWord(lower) ? WORD.common : 0) |
      (isTitleModifier(lower) ? WORD.titleModifier : 0) |
      (isDemonym(lower) ? WORD.demonym : 0) |
      (isReportingVerb(lower) ? WORD.reporting : 0) |
      (isDocumentNoun(lower) ? WORD.document : 0) |
      (isCueVerb(lower) ? WORD.cue : 0);
    if (classes.size > 200_000) classes.clear();
    classes.set(lower, bits);
  }
  return bits;
}
