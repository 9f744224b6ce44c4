import { GatewayError } from '../canon/errors.js';

/**
 * A catalog document that cannot be used. Keeps the problems as a list (`models[3].inputPerMillion:
 * ...`) so that the configuration loader can report each one under the `catalog.files[i]` that
 * named the file, while the message stays readable on its own.
 */
export class CatalogError extends GatewayError {
  /** The file or name the document came from. */
  readonly sourceName: string;
  /** One `path: message` line per problem. */
  readonly problems: string[];

  constructor(sourceName: string, problems: string[], summary = 'is invalid') {
    const lines = problems.map((problem) => `  ${problem}`).join('\n');
    super('internal', `model catalog ${sourceName} ${summary}:\n${lines}`);
    this.name = 'CatalogError';
    this.sourceName = sourceName;
    this.problems = problems;
  }
}
