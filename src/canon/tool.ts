/** A JSON Schema document, kept as given. */
export type JsonSchema = Record<string, unknown>;

/** A function the model may call. */
export interface CanonTool {
  name: string;
  description?: string;
  /** JSON Schema of the arguments; undefined means "no parameters". */
  inputSchema?: JsonSchema;
  strict?: boolean;
}

/** How the model must use the tools. */
export type CanonToolChoice = 'auto' | 'none' | 'required' | { toolName: string };
