import { hashWord, pairKey, WordTable } from './word-table.js';

/**
 * The classifier's vocabulary: general words and two-word phrases of programming, maths,
 * summarising and role-play, each tagged with cue flags. Phrases are looked up as word pairs, so
 * "how many" or "key points" cost one table read. Lists are generic English, not any dataset's
 * templates.
 */
export const Cue = {
  codeVerb: 1 << 0,
  codeObject: 1 << 1,
  notCodeModifier: 1 << 2,
  codeLanguage: 1 << 3,
  codeTerm: 1 << 4,
  codeContest: 1 << 5,
  mathStrong: 1 << 6,
  mathWeak: 1 << 7,
  numberWord: 1 << 8,
  quantityQuestion: 1 << 9,
  quantityNoun: 1 << 10,
  quantityLead: 1 << 11,
  summaryStrong: 1 << 12,
  summarySoft: 1 << 13,
  documentNoun: 1 << 14,
  documentReference: 1 << 15,
  questionWord: 1 << 16,
  contentVerb: 1 << 17,
  otherTask: 1 << 18,
  persona: 1 << 19,
  personaVerb: 1 << 20,
  demand: 1 << 21,
  texCommand: 1 << 22,
  /** Skipped when pairing words, so "the following news article" still pairs "following article". */
  transparent: 1 << 23,
  /** First word of some phrase: only then is the pair table consulted. */
  pairStart: 1 << 24,
  codeLanguageShared: 1 << 25,
} as const;

const UNIGRAMS: Array<[number, string]> = [
  [
    Cue.codeVerb,
    'write create implement complete fix debug refactor optimize optimise generate define rewrite convert port build develop code modify',
  ],
  [
    Cue.codeObject,
    'function functions program programs script scripts method methods subroutine subroutines code snippet snippets query queries regex algorithm algorithms endpoint endpoints api',
  ],
  [
    Cue.notCodeModifier,
    'dress zip postal post promo area discount country bar qr morse penal civil tax honor honour moral building color colour ethics cheat genetic secret access training exercise workout fitness loyalty reward rewards tv radio degree study exchange mentoring mentorship school graduate support welfare government nutrition diet meal treatment recovery',
  ],
  [
    Cue.codeLanguage,
    'javascript typescript golang php sql mysql postgresql sqlite bash powershell html css kotlin haskell matlab django numpy pandas nodejs jquery regex typeerror valueerror keyerror indexerror syntaxerror referenceerror nullpointerexception segfault',
  ],
  // Languages whose names are also everyday words (a snake, a coffee, a singer) weigh less.
  [Cue.codeLanguageShared, 'python java rust ruby swift perl scala lua dart react flask json yaml'],
  [
    Cue.codeTerm,
    'compiler compile compiles compiled runtime stacktrace traceback exception exceptions segfault recursion recursive recursively array arrays tuple tuples boolean booleans bool substring substrings hashmap hashtable dict struct enum nullptr lambda str kwargs argv iterator iterable repo repository git npm pip docker kubernetes sdk debugging debug bug bugs syntax parse parser function functions variable variables loop loops string strings method methods module modules library libraries import script scripts database databases frontend backend framework deploy http api apis endpoint endpoints null undefined directory directories shell terminal cli',
  ],
  [Cue.codeContest, 'stdin stdout'],
  [
    Cue.mathStrong,
    'calculate compute solve evaluate simplify probability remainder divisible divisor divisors integer integers equation equations polynomial polynomials perimeter radius diameter hypotenuse arithmetic modulo factorial digit digits percent percentage fraction fractions decimal ' +
      'proof theorem lemma primes irrational matrix matrices determinant eigenvalue eigenvalues derivative derivatives integral integrals integrate differentiate logarithm exponent inequality inequalities congruent parabola hyperbola coefficient coefficients quadratic trigonometric sine cosine vertices polygon hexagon pentagon gcd lcm permutations combinations variance',
  ],
  [
    Cue.mathWeak,
    'total each per twice half times average ratio area volume triangle rectangle circle angle degrees dollars cents miles hours minutes sum product difference factor multiple value maximum minimum least greatest cost costs price profit discount interest speed rate distance weigh weighs sold bought buy pay pays paid earn earns earned spend spent left remaining fewer find determine mean median combined altogether save saves saved remain remains pounds grams kilograms kg km inches feet cubic score scores scored prove prime vertex coin coins dice sequence series',
  ],
  [
    Cue.numberWord,
    'two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty hundred thousand million half twice double triple dozen third quarter',
  ],
  [
    Cue.quantityNoun,
    'value sum product total number probability area volume remainder smallest largest least greatest average ratio cost price percentage distance length perimeter minimum maximum difference',
  ],
  [Cue.quantityLead, 'is was are be find compute determine calculate evaluate'],
  [
    Cue.summaryStrong,
    'summary summaries summarize summarized summarizes summarizing summarise summarised summarises summarising summarization summarisation tldr recap recaps recapped recapping synopsis',
  ],
  [Cue.summarySoft, 'gist condense condensed shorten abstract headline headlines outline highlights'],
  [
    Cue.documentNoun,
    'article articles text passage passages transcript transcripts document documents meeting meetings email emails report reports story paper essay excerpt excerpts conversation discussion dialogue chapter lecture speech post thread minutes notes review context',
  ],
  [Cue.questionWord, 'what why how who whom whose when where which did does do was were'],
  [
    Cue.contentVerb,
    'discuss discussed discusses discussing discussion decide decided decides decision conclude concluded conclusion said say says mention mentioned mentions suggest suggested suggests suggestion propose proposed proposal recommend recommended recommendation agree agreed agreement disagree disagreed think thought argue argued argues report reported reports happen happened happens outcome opinion opinions view views reason reasons talk talked explain explained describe described present presented choose chose believe believed consider considered prefer preferred feel felt plan planned',
  ],
  [
    Cue.otherTask,
    'translate translation classify categorize categorise categories category rewrite paraphrase proofread extract sentiment grammar spelling',
  ],
  [Cue.persona, 'roleplay roleplaying'],
  [Cue.personaVerb, 'act be play pretend respond reply become simulate behave'],
  [
    Cue.demand,
    'must should without ensure constraint constraints requirement requirements tradeoff tradeoffs design architecture optimize optimise scalable scalability prove justify compare analyze analyse thorough thoroughly comprehensive',
  ],
  [
    Cue.texCommand,
    'frac dfrac tfrac sqrt cdot times div pi theta alpha beta gamma delta lambda le leq ge geq ne neq sum prod int infty binom left right text mathrm mathbf mathbb circ pmod bmod mod log ln sin cos tan angle triangle overline begin end approx equiv cdots ldots dots lfloor rfloor lceil rceil in subset cup cap mid pm boxed quad omega sigma mu perp parallel cong sim vec hat',
  ],
  [Cue.transparent, 'news'],
];

/** `#` stands for any number, so "3 sentences" pairs like "three sentences". */
export const NUMBER_TOKEN = '#';

const BIGRAMS: Array<[number, string]> = [
  [Cue.codeObject, 'unit test|unit tests'],
  [
    Cue.codeTerm,
    'stack trace|null pointer|command line|syntax error|type error|linked list|hash map|hash table|data structure|data structures|time complexity|space complexity|big o|given list|input list|given string|input string|given array|input array|returns true|returns false|returns none|returns null|return true|return false|return none|return null|your code|the function|these tests|following tests|this code|my code|the code|following code|code below|code above|code snippet|source code',
  ],
  [
    Cue.codeContest,
    'input format|output format|test case|test cases|standard input|standard output|time limit|memory limit|sample input|sample output|first line',
  ],
  [Cue.quantityQuestion, 'how many|how much'],
  [
    Cue.mathStrong,
    'prime number|prime numbers|prime factor|prime factors|real number|real numbers|real root|real roots|greatest common|least common|square root|square roots|cube root|cube roots|express your|common fraction|simplest form|radical form|geometric sequence|geometric series|arithmetic sequence|express the|perfect square|perfect squares|perfect cube|perfect cubes|expected value|standard deviation',
  ],
  [Cue.mathWeak, 'number of|more than|less than'],
  [
    Cue.quantityQuestion,
    'how long|how far|how old|how fast|find the|find all|find a|find an|find her|find his|find their|find its|determine the|determine all|what percent|what fraction',
  ],
  [Cue.summaryStrong, 'tl dr'],
  [
    Cue.summarySoft,
    'key points|key takeaways|key findings|key facts|key ideas|main points|main ideas|main takeaways|main arguments|main findings|main topic|main topics|main themes|main message|few sentences|one sentence|two sentences|three sentences|four sentences|five sentences|# sentences|single sentence|one line|one paragraph|short paragraph|few words|bullet points|brief overview|short overview|quick overview|level overview|in brief|boil down|boils down|sum up|main idea|central idea|it about',
  ],
  [
    Cue.otherTask,
    'reply to|respond to|correct the|correct any|correct all|which of|which passage|which one|which sentence|identify all|identify the|identify which|label the|label each|topic for|topic of|fill in|multiple choice|true or',
  ],
  [
    Cue.persona,
    "act as|acting as|let's play|pretend to|pretend you|pretend you're|role play|the role|in character|imagine you|imagine you're|imagine yourself",
  ],
  [
    Cue.demand,
    'step by|at least|at most|make sure|edge case|edge cases|explain why|in detail|trade off|trade offs',
  ],
];

const DOCUMENT_DETERMINERS = 'the this these following above below attached given';

function build(): { unigrams: WordTable; bigrams: WordTable } {
  const unigrams = new WordTable(2048);
  const bigrams = new WordTable(2048);
  for (const [flags, words] of UNIGRAMS)
    for (const word of words.split(' ')) unigrams.add(hashWord(word), flags);
  for (const [flags, phrases] of BIGRAMS) {
    for (const phrase of phrases.split('|')) {
      const [first = '', second = ''] = phrase.split(' ');
      bigrams.add(pairKey(hashWord(first), hashWord(second)), flags);
      unigrams.add(hashWord(first), Cue.pairStart);
    }
  }
  const nouns = UNIGRAMS.find(([flags]) => flags === Cue.documentNoun)?.[1].split(' ') ?? [];
  for (const determiner of DOCUMENT_DETERMINERS.split(' ')) {
    unigrams.add(hashWord(determiner), Cue.pairStart);
    for (const noun of nouns) {
      bigrams.add(pairKey(hashWord(determiner), hashWord(noun)), Cue.documentReference);
    }
  }
  return { unigrams, bigrams };
}

/** The vocabulary tables, built once at module load. */
export const LEXICON = build();

/** Hashes the scanner compares against directly. */
export const WORD = {
  code: hashWord('code'),
  of: hashWord('of'),
  the: hashWord('the'),
  you: hashWord('you'),
  to: hashWord('to'),
  c: hashWord('c'),
  is: hashWord('is'),
  what: hashWord('what'),
  whats: hashWord("what's"),
  number: hashWord(NUMBER_TOKEN),
} as const;
