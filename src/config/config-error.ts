/**
 * An invalid configuration. `issues` holds one `path: message` line per problem, all of them
 * collected before throwing so the user can fix everything in one pass.
 */
export class ConfigError extends Error {
  readonly issues: string[];

  constructor(issues: string[], source?: string) {
    const where = source === undefined ? 'configuration' : `configuration ${source}`;
    const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
    super(`${where} is invalid (${count}):\n${issues.map((issue) => `  ${issue}`).join('\n')}`);
    this.name = 'ConfigError';
    this.issues = issues;
  }
}
