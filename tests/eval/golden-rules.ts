/**
 * The English Golden Rules of sentence boundary detection (pragmatic_segmenter, as carried in pySBD's tests),
 * run against byline's sentence splitter. The rules are read where they stand in ../shared, never copied.
 *
 * Sentences are compared as pySBD's tests compare them: each expected and produced sentence trimmed of
 * surrounding whitespace, the two lists equal in order and length.
 *
 * Run alone: `npx tsx tests/eval/golden-rules.ts [file]` prints the score and every failure.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { z } from 'zod';
import { splitSentences } from '../../src/article/sentences.ts';

/** Where the rules live: `../shared/segmentation/golden-rules-en.json` from the repository root. */
export const GOLDEN_RULES_FILE = fileURLToPath(
  new URL('../../../shared/segmentation/golden-rules-en.json', import.meta.url),
);

const GoldenRules = z.object({
  cases: z.array(
    z.object({
      text: z.string(),
      sentences: z.array(z.string()),
    }),
  ),
});

export interface GoldenRuleFailure {
  text: string;
  expected: string[];
  got: string[];
}

export interface GoldenRulesResult {
  passed: number;
  total: number;
  failures: GoldenRuleFailure[];
}

/** Splits every rule's text and counts the rules whose sentences come out exactly as expected. */
export function runGoldenRules(file: string = GOLDEN_RULES_FILE): GoldenRulesResult {
  const rules = GoldenRules.parse(JSON.parse(readFileSync(file, 'utf8')));
  const failures: GoldenRuleFailure[] = [];
  for (const rule of rules.cases) {
    const expected = rule.sentences.map((sentence) => sentence.trim());
    const got = splitSentences(rule.text).map((span) => span.text.trim());
    const same = expected.length === got.length && expected.every((sentence, i) => sentence === got[i]);
    if (!same) failures.push({ text: rule.text, expected, got });
  }
  return { passed: rules.cases.length - failures.length, total: rules.cases.length, failures };
}

/** Prints the score and the failures, one block each. */
function main(): void {
  const result = runGoldenRules(process.argv[2] ?? GOLDEN_RULES_FILE);
  console.log(`Golden Rules (English): ${result.passed}/${result.total} passed`);
  for (const failure of result.failures) {
    console.log(`\n✗ ${JSON.stringify(failure.text)}`);
    console.log(`  expected: ${JSON.stringify(failure.expected)}`);
    console.log(`  got:      ${JSON.stringify(failure.got)}`);
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
