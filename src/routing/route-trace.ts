/** One candidate the router considered, and what it decided about it. */
export interface CandidateTrace {
  deployment: string;
  kept: boolean;
  /** Why it was skipped (or a note on why it was kept). */
  reason?: string;
}

/** The router's account of one decision, kept in the request log. */
export interface RouteTrace {
  /** The model form recognised: alias, provider-model, catalog-name, auto, strategy, policy, industry, fallback-list. */
  form: string;
  /** The classifier's class, complexity and features, for `auto`. */
  classification?: {
    taskClass: string;
    complexity: number;
    features: Record<string, number>;
    reason: string;
  };
  strategy?: string;
  candidates: CandidateTrace[];
}
