/** Why generation stopped, unified across providers, with the provider's own word kept in `raw`. */
export interface FinishReason {
  unified: 'stop' | 'length' | 'tool-calls' | 'content-filter' | 'error' | 'other';
  raw?: string;
}
