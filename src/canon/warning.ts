/** Something the gateway changed or could not honour; surfaced to the caller, never silent. */
export interface Warning {
  /** Machine-readable: 'unsupported-parameter', 'parameter-changed', ... */
  code: string;
  /** The request field concerned, as the caller named it. */
  field?: string;
  message: string;
}
