/** Where a piece of media lives: a URL, inline base64 bytes, or an upstream file id. */
export type MediaSource =
  | { kind: 'url'; url: string }
  | { kind: 'base64'; mediaType: string; data: string }
  | { kind: 'file-id'; fileId: string };

/** Prompt-cache hint on a part (Anthropic `cache_control`, explicit breakpoints elsewhere). */
export interface CacheHint {
  ttl?: '5m' | '1h';
}

/** Plain text. */
export interface TextPart {
  type: 'text';
  text: string;
  cache?: CacheHint;
}

/** An image given by URL or inline bytes; `detail` is OpenAI's fidelity hint. */
export interface ImagePart {
  type: 'image';
  source: MediaSource;
  detail?: 'low' | 'high' | 'auto';
}

/** A document or audio file (PDF, wav, ...). */
export interface FilePart {
  type: 'file';
  source: MediaSource;
  filename?: string;
  mediaType?: string;
}

/** Model reasoning ("thinking") with the provider's signature when it has one. */
export interface ReasoningPart {
  type: 'reasoning';
  text: string;
  signature?: string;
  redactedData?: string;
}

/** A tool call made by the assistant. Arguments stay a JSON string: upstreams stream partial JSON. */
export interface ToolCallPart {
  type: 'tool-call';
  callId: string;
  toolName: string;
  argumentsJson: string;
}

/** The result of a tool call, sent back by the caller. */
export interface ToolResultPart {
  type: 'tool-result';
  callId: string;
  toolName?: string;
  content: Array<TextPart | ImagePart>;
  isError?: boolean;
}

/** A refusal the model gave instead of an answer (OpenAI `refusal`). */
export interface RefusalPart {
  type: 'refusal';
  text: string;
}
