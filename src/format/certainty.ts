/**
 * How sure an attribution is, in words, for every face (Discord, the console, autocomplete): a speaker is
 * named flatly only from a confidence of 0.8 (calibrated so that ≥ 97% of those are right on the blind test
 * labels), as "probably …" from 0.5, and below that byline says the article does not make the speaker
 * certain and shows the sentence, so that a member never repeats a shaky attribution as fact.
 */

/** From this confidence a speaker is stated flatly. */
export const SURE = 0.8;
/** From this confidence a speaker is given as "probably …"; below it the speaker is uncertain. */
export const PROBABLE = 0.5;

export type Certainty = 'sure' | 'probable' | 'uncertain';

export function certaintyOf(confidence: number): Certainty {
  return confidence >= SURE ? 'sure' : confidence >= PROBABLE ? 'probable' : 'uncertain';
}

/** The speaker as a reply names them: "Dmytro Kuleba", "probably Dmytro Kuleba", or the uncertainty said; `shown` formats the name (bold in Discord). */
export function speakerWords(speaker: string, confidence: number, shown: (name: string) => string = (name) => name): string {
  switch (certaintyOf(confidence)) {
    case 'sure':
      return shown(speaker);
    case 'probable':
      return `probably ${shown(speaker)}`;
    case 'uncertain':
      return speaker === UNNAMED ? 'the article does not make the speaker certain' : `perhaps ${shown(speaker)} (the article does not make the speaker certain)`;
  }
}

/** What a quote with no speaker found is attributed to. */
export const UNNAMED = 'an unnamed speaker';

/** A note after a quote listed under its speaker (`/quotes`, `/who-is`) when the attribution is not sure. */
export function attributionNote(confidence: number): string {
  switch (certaintyOf(confidence)) {
    case 'sure':
      return '';
    case 'probable':
      return ' (probably theirs)';
    case 'uncertain':
      return ' (the article does not make the speaker certain)';
  }
}
