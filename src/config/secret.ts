import { inspect } from 'node:util';

const redacted = '[redacted]';

/**
 * A credential that cannot leak by accident: string conversion, JSON serialisation (pino) and
 * `util.inspect` (console.log) all print `[redacted]`. Only `reveal()` returns the value, so every
 * place that really sends the key is easy to find.
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  /** The plain value, for the one place that puts it on the wire. */
  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return redacted;
  }

  toJSON(): string {
    return redacted;
  }

  [Symbol.toPrimitive](): string {
    return redacted;
  }

  [inspect.custom](): string {
    return redacted;
  }
}
