/**
 * Word and line cues as precompiled regexes. Every pattern is a plain alternation or uses only
 * bounded repetition, so matching is linear in the text with no catastrophic backtracking, and the
 * classifier only runs them over bounded windows of the prompt.
 */

/** Most matches counted per pattern: beyond this, more of the same adds no information. */
const MATCH_CAP = 40;

/** Counts matches of a global regex in `text`, up to a cap. */
export function countMatches(pattern: RegExp, text: string): number {
  pattern.lastIndex = 0;
  let count = 0;
  while (count < MATCH_CAP && pattern.exec(text) !== null) count++;
  pattern.lastIndex = 0;
  return count;
}

/**
 * Lines that open like a statement in a common programming language. Case-sensitive on purpose:
 * prose capitalises "Return ..." or "Import ...", code does not.
 */
export const CODE_LINE =
  /^[ \t]*(?:def \w+\(|class [A-Z]\w*|(?:async )?function\*? ?[\w$]*\s?\(|import [\w{*'"]|from [\w.]+ import |return\b|assert\b|#include|#define|(?:public|private|protected|static) \w|(?:const|let|var) [\w$]+ ?=|fn \w+|func \w+|package \w+;?$|using \w[\w.]*;|elif |else\b|try\b|except\b|catch\b|finally\b|if ?\(|for ?\(|for \w+ in |while ?\(|switch ?\(|print\(|console\.\w|System\.out|SELECT |INSERT INTO|UPDATE \w+ SET|CREATE TABLE|module\.exports|export (?:default|const|function|class|interface|type)|await \w|throw new|int main|impl \w|pub fn|#!\/)/gm;

// "dress code", "code of conduct", "training program": the word without its programming sense.
const NOT_CODE_BEFORE =
  '(?<!\\b(?:dress|zip|postal|post|promo|area|discount|country|bar|qr|morse|penal|civil|tax|honou?r|moral|building|colou?r|ethics|cheat|genetic|secret|access|training|exercise|workout|fitness|loyalty|rewards?|tv|radio|degree|study|exchange|mentor(?:ing|ship)|school|graduate|support|welfare|government|nutrition|diet|meal|treatment|recovery)\\s)';

/** "write a function", "implement the method", "fix this code": someone asking for software. */
export const CODE_REQUEST = new RegExp(
  `\\b(?:write|create|implement|complete|fix|debug|refactor|optimi[sz]e|generate|define|code up|rewrite|convert|port)\\b[^.?!\\n]{0,40}?\\b${NOT_CODE_BEFORE}(?:functions?|programs?|scripts?|methods?|subroutines?|classes|class [A-Z]\\w*|code(?! of\\b)|snippets?|quer(?:y|ies)|regex|regular expression|algorithm|unit tests?|endpoints?|api)\\b`,
  'gi',
);

/** Programming languages and tools; several have everyday meanings, so each weighs little alone. */
export const CODE_LANGUAGE =
  /\b(?:python|javascript|typescript|node\.?js|java|golang|rust|ruby|php|sql|bash|powershell|html|css|kotlin|swift|haskell|scala|perl|matlab|lua|dart|react|django|numpy|pandas|json|yaml|linux shell)\b|\bc(?:\+\+|#)(?!\w)/gi;

/** Vocabulary of programming that is rare elsewhere. */
export const CODE_TERM =
  /\b(?:compiler?|runtime|stack ?trace|traceback|exception|segfault|null pointer|syntax error|unit tests?|recursion|recursive(?:ly)?|arrays?|linked list|hash ?map|tuples?|boolean|substrings?|list of (?:integers|numbers|strings|words|tuples)|data structure|time complexity|big-?o|return(?:s|ed)? (?:true|false|none|null|the|a|an)|input (?:list|string|array)|given (?:list|string|array)|your code|the function|pass (?:these|the following) tests)\b/gi;

/** Competitive-programming statements: code even though they read like maths. */
export const CODE_CONTEST =
  /\b(?:input format|output format|test cases?|first line (?:of (?:the )?input )?contains|standard (?:input|output)|stdin|stdout|time limit|sample (?:input|output))\b/gi;

/** TeX commands seen in maths problems. Whole command names only (`\in` is not `\infty`). */
export const TEX_COMMAND =
  /\\(?:frac|dfrac|tfrac|sqrt|cdot|times|div|pi|theta|alpha|beta|gamma|delta|lambda|le|leq|ge|geq|ne|neq|sum|prod|int|infty|binom|left|right|text|mathrm|mathbf|mathbb|circ|pmod|bmod|mod|log|ln|sin|cos|tan|angle|triangle|overline|begin|end|approx|equiv|cdots|ldots|dots|lfloor|rfloor|lceil|rceil|in|subset|cup|cap|mid|pm|boxed|quad|omega|sigma|mu|perp|parallel|cong|sim|vec|hat)(?![a-zA-Z])/g;

/** Words that almost only appear in maths problems. */
export const MATH_STRONG =
  /\b(?:calculate|compute|solve|evaluate|simplify|probability|remainder|divisible|divisors?|integers?|prime (?:numbers?|factors?)|equations?|polynomials?|real (?:numbers?|roots?)|greatest common|least common|square roots?|cube roots?|perimeter|radius|diameter|hypotenuse|express your answer|common fraction|simplest (?:radical )?form|how many|how much|arithmetic|geometric (?:sequence|series)|modulo|factorial|digits?|percent(?:age)?|fraction|decimal)\b/gi;

/** Words common in word problems but also in everyday text; they only tip a close call. */
export const MATH_WEAK =
  /\b(?:total|each|per|twice|half|times|average|ratio|area|volume|triangle|rectangle|circle|angle|degrees|dollars|cents|miles|hours|minutes|sum|product|difference|factor|multiple|value|maximum|minimum|least|greatest|number of|costs?|price|profit|discount|interest|speed|rate|distance|weighs?|sold|bought|buy|pays?|paid|earn(?:s|ed)?|spend|spent|left|remaining|more than|less than|fewer)\b/gi;

/** Spelled-out quantities: word problems often write "three boxes" instead of "3 boxes". */
export const NUMBER_WORD =
  /\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|thousand|million|half|twice|double|triple|dozen|third|quarter)\b/gi;

/** A question asking for a quantity or a result. */
export const QUANTITY_QUESTION =
  /\b(?:how (?:many|much|long|far|old|fast)|what (?:is|was|are|will be) the (?:value|sum|product|total|number|probability|area|volume|remainder|smallest|largest|least|greatest|average|ratio|cost|price|percentage|distance|length)|find (?:the|all|a|an)|determine (?:the|all)|compute|evaluate|what percent|what fraction)\b/gi;

/** Explicit requests to condense: the core summary cue. */
export const SUMMARY_STRONG =
  /\b(?:summar(?:y|ies|i[sz]e[sd]?|i[sz]ing|i[sz]ation)|tl;? ?dr|too long;? ?didn'?t read|recap|synopsis)\b/gi;

/** Softer condensing cues: strong next to a document, weak without one. */
export const SUMMARY_SOFT =
  /\b(?:key (?:points|takeaways|findings|facts)|main (?:points|ideas|takeaways|arguments|findings|topics?)|gist|in (?:a few|one|two|three|four|five|\d+) (?:sentences?|bullet points?|bullets|words|lines|paragraphs?)|(?:brief|short|high-level|quick) (?:overview|abstract|description)|condense|abstract|headline|boil (?:it|this) down|what (?:is|was) (?:it|this|the (?:article|text|passage|story|meeting|discussion)) about)\b/gi;

/** The prompt points at a body of text it carries. */
export const DOCUMENT_REFERENCE =
  /\b(?:the|this|these|following|above|below|attached|given) (?:news )?(?:articles?|text|passages?|transcripts?|documents?|meetings?|e-?mails?|reports?|story|paper|essay|excerpts?|conversation|discussion|dialogue|chapter|lecture|speech|post|thread|minutes|notes|review)\b|^(?:article|text|passage|document|transcript|story|context|e-?mail|report)s?(?: excerpt)?\s*:/gim;

/** A question about what a document says: query-focused summarisation. */
export const CONTENT_QUESTION =
  /\b(?:what|why|how|who|when|which|did|does|do|was|were)\b[^?\n]{0,120}?\b(?:discuss(?:ed|es|ion)?|decid(?:e|ed|es|ion)|conclu(?:de|ded|sion)|said|say|says|mention(?:ed|s)?|suggest(?:ed|s|ion)?|propos(?:e|ed|al)|agree(?:d|ment)?|think|thought|argue[ds]?|report(?:ed|s)?|happen(?:ed|s)?|outcome|opinions?|views?|reasons?)\b/gi;

/** Tasks over a document that are not summarising it: classify, translate, reply, extract. */
export const OTHER_DOCUMENT_TASK =
  /\b(?:translate|classify|categori[sz]e|categories|reply to|respond to|write a (?:reply|response)|rewrite|paraphrase|proofread|correct (?:the|any|all)|extract|which (?:of the following|passage|one|sentence)|identify (?:all|the|which)|label (?:the|each|it)|sentiment|topic (?:for|of)|fill in|multiple choice|true or false|grammar|spelling)\b/gi;

/** Role-play and persona set-ups ("I want you to act as ..."): chat, whatever the role. */
export const PERSONA =
  /\b(?:act(?:ing)? as (?:a|an|my|the)\b|i want you to (?:act|be|play|pretend|respond|reply|become)|pretend (?:to be|you are|you're)|role-?play|play the (?:role|part)|in the role of|stay in character|imagine (?:you are|you're|yourself)|you are (?:now )?(?:a|an|my) (?!list\b|string\b|array\b|number\b|integer\b)\w+(?: \w+)?(?:,|\.| who| with| that| named| called| specializing| specialising| working| tasked))/gi;

/** Signals of a demanding request, for complexity: steps, constraints, justification. */
export const DEMAND =
  /\b(?:step[- ]by[- ]step|first\b[^.\n]{0,60}\bthen|must|should|at least|at most|no more than|without|ensure|make sure|constraints?|requirements?|trade-?offs?|design|architecture|optimi[sz]e|scalab(?:le|ility)|edge cases?|prove|justify|explain why|compare|analy[sz]e|evaluate|in detail|thorough(?:ly)?|comprehensive)\b/gi;
