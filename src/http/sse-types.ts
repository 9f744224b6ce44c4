/** One parsed server-sent event. `data` joins multi-line data fields with "\n". */
export interface SseEvent {
  event?: string;
  data: string;
  id?: string;
  retry?: number;
}

/** One event to write: a named or unnamed data frame, or a comment (keep-alive). */
export type SseFrame = { event?: string; data: string } | { comment: string };
