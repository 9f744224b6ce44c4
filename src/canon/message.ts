import type {
  FilePart,
  ImagePart,
  ReasoningPart,
  RefusalPart,
  TextPart,
  ToolCallPart,
  ToolResultPart,
} from './content-part.js';
import type { VendorFields } from './request.js';

/** System (and OpenAI `developer`) instructions. `developer` is remembered so a same-shape hop keeps it. */
export interface SystemMessage {
  /** Fields of the caller\'s shape the hub does not model, restored on a same-shape hop. */
  vendor?: VendorFields;
  role: 'system';
  content: TextPart[];
  /** The caller used OpenAI's `developer` role. */
  developer?: boolean;
  name?: string;
}

/** What the end user said. */
export interface UserMessage {
  /** Fields of the caller\'s shape the hub does not model, restored on a same-shape hop. */
  vendor?: VendorFields;
  role: 'user';
  content: Array<TextPart | ImagePart | FilePart>;
  name?: string;
}

/** What the model said earlier (or a prefill the caller wants continued). */
export interface AssistantMessage {
  /** Fields of the caller\'s shape the hub does not model, restored on a same-shape hop. */
  vendor?: VendorFields;
  role: 'assistant';
  content: Array<TextPart | ReasoningPart | ToolCallPart | RefusalPart>;
  name?: string;
}

/** Results of tool calls. One canonical message may carry several results. */
export interface ToolMessage {
  /** Fields of the caller\'s shape the hub does not model, restored on a same-shape hop. */
  vendor?: VendorFields;
  role: 'tool';
  content: ToolResultPart[];
}

/** One turn of the conversation, in the hub's terms. */
export type CanonMessage = SystemMessage | UserMessage | AssistantMessage | ToolMessage;
