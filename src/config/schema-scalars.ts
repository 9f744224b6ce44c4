import { z } from 'zod';

/**
 * Interpolated values are strings (`port: ${PORT}`), so number and boolean fields also accept the
 * string form. Anything else is left for zod to reject with a type error.
 */
const integerText = /^\s*-?\d+\s*$/;
const decimalText = /^\s*-?\d+(\.\d+)?\s*$/;

/** An integer in [minimum, maximum]; a string of digits is accepted. */
export function integer(minimum: number, maximum = Number.MAX_SAFE_INTEGER) {
  return z.preprocess(
    (value) => (typeof value === 'string' && integerText.test(value) ? Number(value) : value),
    z.number().int().min(minimum).max(maximum),
  );
}

/** An integer of at least 1. */
export const positiveInteger = () => integer(1);

/** A finite number, unchecked (callers check the range where the message should say what was given). */
export function decimal() {
  return z.preprocess(
    (value) => (typeof value === 'string' && decimalText.test(value) ? Number(value) : value),
    z.number(),
  );
}

/** A finite number in [minimum, maximum]; a decimal string is accepted. */
export function boundedDecimal(minimum: number, maximum = Number.MAX_VALUE) {
  return z.preprocess(
    (value) => (typeof value === 'string' && decimalText.test(value) ? Number(value) : value),
    z.number().min(minimum).max(maximum),
  );
}

/** A boolean; the strings `true` and `false` are accepted. */
export function flag() {
  return z.preprocess((value) => (value === 'true' ? true : value === 'false' ? false : value), z.boolean());
}
