import { Cue, LEXICON, WORD } from './lexicon.js';
import { pairKey } from './word-table.js';

/** Counts of vocabulary cues; see `lexicon.ts` for the words behind each. */
export interface CueCounts {
  codeRequests: number;
  codeLanguages: number;
  /** Language names that are also everyday words (Python, Java, Rust). */
  codeLanguagesShared: number;
  codeTerms: number;
  contestCues: number;
  texCommands: number;
  mathStrong: number;
  mathWeak: number;
  numberWords: number;
  quantityQuestions: number;
  summaryStrong: number;
  summarySoft: number;
  documentReferences: number;
  contentQuestions: number;
  otherDocumentTasks: number;
  persona: number;
  demands: number;
}

/** Where, in the scanned text, each kind of cue is looked for. */
export interface CueRanges {
  /** Role-play set-ups count only near the start. */
  personaEnd: number;
  /** Questions about a document and other document tasks count only in its instruction. */
  instructionHeadEnd: number;
  instructionTailStart: number;
  /**
   * The instruction is a separate paragraph around a document: then requests to summarise count
   * only there too, so an article that mentions "a summary" does not ask for one.
   */
  framed: boolean;
}

/** A verb ("write") reaches an object ("function") at most this many words later. */
const REQUEST_SPAN = 8;
/** A question word ("what") reaches a content verb ("discussed") at most this many words later. */
const QUESTION_SPAN = 25;
const FAR_AWAY = -1_000_000;
/** A number pairs like a word ("3 sentences"), so it carries the number token's flags. */
const NUMBER_FLAGS = LEXICON.unigrams.get(WORD.number);

/**
 * Consumes the words of a text in order and counts cues, using the previous two words for phrases
 * ("how many", "the function") and short spans for requests ("write a Python function").
 */
export class WordCues {
  readonly counts: CueCounts = {
    codeRequests: 0,
    codeLanguages: 0,
    codeLanguagesShared: 0,
    codeTerms: 0,
    contestCues: 0,
    texCommands: 0,
    mathStrong: 0,
    mathWeak: 0,
    numberWords: 0,
    quantityQuestions: 0,
    summaryStrong: 0,
    summarySoft: 0,
    documentReferences: 0,
    contentQuestions: 0,
    otherDocumentTasks: 0,
    persona: 0,
    demands: 0,
  };
  private readonly ranges: CueRanges;
  private previousHash = 0;
  private previousFlags = 0;
  private beforePreviousHash = 0;
  private beforePreviousFlags = 0;
  private wordIndex = 0;
  private lastVerb = FAR_AWAY;
  private lastQuestionWord = FAR_AWAY;
  private lastCodeRequest = FAR_AWAY;
  private sentenceStart = 0;

  constructor(ranges: CueRanges) {
    this.ranges = ranges;
  }

  /** A word ended. `start` is its offset; `firstOnLine` and `next` (the following char code) help labels. */
  word(hash: number, start: number, firstOnLine: boolean, next: number): void {
    const flags = LEXICON.unigrams.get(hash);
    if ((flags & Cue.transparent) !== 0) return;
    const pair =
      (this.previousFlags & Cue.pairStart) === 0 ? 0 : LEXICON.bigrams.get(pairKey(this.previousHash, hash));
    const all = flags | pair;
    const index = this.wordIndex;
    const counts = this.counts;
    if (all !== 0) {
      if ((all & Cue.codeObject) !== 0 && index - this.lastVerb <= REQUEST_SPAN) {
        if ((this.previousFlags & Cue.notCodeModifier) === 0) {
          counts.codeRequests++;
          this.lastCodeRequest = index;
        }
      }
      if ((flags & Cue.codeVerb) !== 0) this.lastVerb = index;
      if ((flags & Cue.codeLanguage) !== 0) counts.codeLanguages++;
      if ((flags & Cue.codeLanguageShared) !== 0) counts.codeLanguagesShared++;
      if ((all & Cue.codeTerm) !== 0) counts.codeTerms++;
      if ((all & Cue.codeContest) !== 0) counts.contestCues++;
      if ((all & Cue.mathStrong) !== 0) counts.mathStrong++;
      if ((all & Cue.mathWeak) !== 0) counts.mathWeak++;
      if ((flags & Cue.numberWord) !== 0) counts.numberWords++;
      if ((all & Cue.quantityQuestion) !== 0) counts.quantityQuestions++;
      if (
        (flags & Cue.quantityNoun) !== 0 &&
        this.previousHash === WORD.the &&
        (this.beforePreviousFlags & Cue.quantityLead) !== 0
      ) {
        counts.quantityQuestions++;
      }
      const inInstruction =
        start < this.ranges.instructionHeadEnd || start >= this.ranges.instructionTailStart;
      if (inInstruction || !this.ranges.framed) {
        if ((all & Cue.summaryStrong) !== 0) counts.summaryStrong++;
        if ((all & Cue.summarySoft) !== 0) counts.summarySoft++;
      }
      if ((pair & Cue.documentReference) !== 0) counts.documentReferences++;
      if ((flags & Cue.documentNoun) !== 0 && firstOnLine && next === 58) counts.documentReferences++;
      if ((all & Cue.demand) !== 0) counts.demands++;
      if (start < this.ranges.personaEnd) {
        if ((all & Cue.persona) !== 0) counts.persona++;
        if (
          (flags & Cue.personaVerb) !== 0 &&
          this.previousHash === WORD.to &&
          this.beforePreviousHash === WORD.you
        ) {
          counts.persona++;
        }
      }
      if (inInstruction) {
        if ((flags & Cue.contentVerb) !== 0 && index - this.lastQuestionWord <= QUESTION_SPAN) {
          counts.contentQuestions++;
          this.lastQuestionWord = FAR_AWAY;
        }
        // Only a question opens with its question word ("What did ...", "So why did ..."): a "which"
        // or "when" mid-sentence is a relative clause in ordinary prose.
        if ((flags & Cue.questionWord) !== 0 && index - this.sentenceStart <= 1)
          this.lastQuestionWord = index;
        if ((all & Cue.otherTask) !== 0) counts.otherDocumentTasks++;
      }
    }
    // "code of conduct", "code of ethics": the request was not for software after all.
    if (hash === WORD.of && this.previousHash === WORD.code && this.lastCodeRequest === index - 1) {
      counts.codeRequests--;
    }
    this.shift(hash, flags);
  }

  /** A run of digits: pairs like a number word ("3 sentences"); "what is 15% of 80" asks for a quantity. */
  number(): void {
    if (
      this.previousHash === WORD.whats ||
      (this.previousHash === WORD.is && this.beforePreviousHash === WORD.what)
    ) {
      this.counts.quantityQuestions++;
    }
    this.shift(WORD.number, NUMBER_FLAGS);
  }

  /** A backslash command (`\frac`). */
  texCommand(hash: number): void {
    if ((LEXICON.unigrams.get(hash) & Cue.texCommand) !== 0) this.counts.texCommands++;
  }

  /** `c++` or `c#`, which the word splitter cannot see as words. */
  cLanguage(): void {
    this.counts.codeLanguages++;
  }

  /** Punctuation that ends a phrase (comma, colon): the next word starts a new pair. */
  breakPhrase(): void {
    this.previousHash = 0;
    this.previousFlags = 0;
    this.beforePreviousHash = 0;
    this.beforePreviousFlags = 0;
  }

  /** End of a sentence or line: spans (verb to object, question to verb) stop here too. */
  breakSentence(): void {
    this.breakPhrase();
    this.sentenceStart = this.wordIndex;
    this.lastVerb = FAR_AWAY;
    this.lastQuestionWord = FAR_AWAY;
  }

  private shift(hash: number, flags: number): void {
    this.beforePreviousHash = this.previousHash;
    this.beforePreviousFlags = this.previousFlags;
    this.previousHash = hash;
    this.previousFlags = flags;
    this.wordIndex++;
  }
}
