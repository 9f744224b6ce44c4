/** Inputs and checks every client file of the conformance matrix shares. */
import { expect } from 'vitest';
import { z } from 'zod';
import type { SimulatorRecord } from '../../../src/simulator/index.js';
import type { ProtocolId } from './matrix.js';

/** Every simulated answer starts like this (the base model behind every alias is demo-fast). */
export const ANSWER_PREFIX = /^Simulated reply from demo-fast: \S/;
/** The first tokens of every answer: what a stream cut after three chunks has delivered. */
export const CUT_PREFIX = /^Simulated reply/;
/** The upstream's own 429 wording in each protocol (OpenAI and Anthropic: rate limit; Gemini: quota). */
export const RATE_LIMIT_MESSAGE = /rate limit|quota/i;
/** The gateway's wording for a stream that ended without its finish. */
export const CUT_MESSAGE = /mid-stream|ended before/;

export const WEATHER_TOOL = {
  name: 'get_weather',
  description: 'Current weather for a city',
  parameters: {
    type: 'object' as const,
    properties: { city: { type: 'string' } },
    required: ['city'],
    additionalProperties: false,
  },
};

/** What the client sends back as the tool's result; the second answer must quote it. */
export const TOOL_RESULT = 'Sunny, 24 degrees';

/** Checks a tool call's arguments: schema-valid, i.e. an object with a string `city`. */
export function expectWeatherArguments(args: unknown): void {
  const parsed = typeof args === 'string' ? (JSON.parse(args) as unknown) : args;
  expect(parsed).toEqual({ city: expect.any(String) });
}

/** The structured-output schema, as zod (to validate answers, and for the SDKs that take zod). */
export const REPORT_SCHEMA = z.object({
  city: z.string(),
  temperature: z.number().int().min(-50).max(60),
  conditions: z.enum(['sunny', 'cloudy', 'rain']),
  tags: z.array(z.string()),
});

/**
 * The report without numeric bounds, for `zodOutputFormat`: Anthropic's structured outputs cannot
 * express `minimum`/`maximum`, so that helper moves them into a description a real model reads and
 * the simulator cannot, so the parsed answer is checked without them.
 */
export const UNBOUNDED_REPORT_SCHEMA = REPORT_SCHEMA.extend({ temperature: z.number().int() });

/** The same schema as plain JSON Schema, for the SDKs that take JSON Schema. */
export const REPORT_JSON_SCHEMA = {
  type: 'object' as const,
  properties: {
    city: { type: 'string' },
    temperature: { type: 'integer', minimum: -50, maximum: 60 },
    conditions: { type: 'string', enum: ['sunny', 'cloudy', 'rain'] },
    tags: { type: 'array', items: { type: 'string' } },
  },
  required: ['city', 'temperature', 'conditions', 'tags'],
  additionalProperties: false,
};

/** Parses an answer that must be JSON valid for the report schema. */
export function expectReport(value: unknown): void {
  const parsed = typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
  expect(REPORT_SCHEMA.safeParse(parsed).success, JSON.stringify(parsed)).toBe(true);
}

/** A 1×1 PNG. */
export const PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
export const PNG_DATA_URL = `data:image/png;base64,${PNG_BASE64}`;
/** Never fetched: the gateway and simulator are offline, so the URL must travel as a URL. */
export const IMAGE_URL = 'https://images.example.com/conformance/cat.png';

export type UpstreamImage =
  | { kind: 'base64'; mediaType: string; data: string }
  | { kind: 'url'; url: string };

/** The image parts of an upstream request body, whatever the protocol's shape. */
export function upstreamImages(record: SimulatorRecord, protocol: ProtocolId): UpstreamImage[] {
  const body = record.body as Record<string, unknown>;
  const images: UpstreamImage[] = [];
  if (protocol === 'gemini') {
    for (const content of list(body.contents)) {
      for (const part of list(content.parts)) {
        const inline = record_(part.inlineData ?? part.inline_data);
        const file = record_(part.fileData ?? part.file_data);
        if (inline) {
          images.push({
            kind: 'base64',
            mediaType: String(inline.mimeType ?? inline.mime_type),
            data: String(inline.data),
          });
        }
        if (file) images.push({ kind: 'url', url: String(file.fileUri ?? file.file_uri) });
      }
    }
    return images;
  }
  for (const message of list(body.messages)) {
    for (const part of list(message.content)) {
      if (protocol === 'openai' && part.type === 'image_url') {
        const url = String(record_(part.image_url)?.url);
        const data = /^data:([^;]+);base64,(.*)$/.exec(url);
        images.push(
          data ? { kind: 'base64', mediaType: String(data[1]), data: String(data[2]) } : { kind: 'url', url },
        );
      }
      if (protocol === 'anthropic' && part.type === 'image') {
        const source = record_(part.source) ?? {};
        images.push(
          source.type === 'url'
            ? { kind: 'url', url: String(source.url) }
            : { kind: 'base64', mediaType: String(source.media_type), data: String(source.data) },
        );
      }
    }
  }
  return images;
}

/** Asserts the single upstream request carrying `marker` had exactly this image. */
export function expectUpstreamImage(
  records: SimulatorRecord[],
  protocol: ProtocolId,
  image: UpstreamImage,
): void {
  expect(records).toHaveLength(1);
  expect(upstreamImages(records[0] as SimulatorRecord, protocol)).toEqual([image]);
}

export const BASE64_IMAGE: UpstreamImage = { kind: 'base64', mediaType: 'image/png', data: PNG_BASE64 };
export const URL_IMAGE: UpstreamImage = { kind: 'url', url: IMAGE_URL };

function list(value: unknown): Array<Record<string, unknown>> {
  return Array.isArray(value)
    ? value.filter((item): item is Record<string, unknown> => record_(item) !== undefined)
    : [];
}

function record_(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** The system prompt every plain case sends; it must land where the upstream protocol wants it. */
export const SYSTEM_PROMPT = 'You are a terse assistant.';

/** Asserts the single upstream request carrying the marker had the system prompt in the protocol's place. */
export function expectUpstreamSystem(records: SimulatorRecord[], protocol: ProtocolId): void {
  expect(records).toHaveLength(1);
  const body = (records[0] as SimulatorRecord).body as Record<string, unknown>;
  const textOf = (value: unknown): string =>
    typeof value === 'string'
      ? value
      : list(value)
          .map((part) => String(part.text ?? ''))
          .join('');
  if (protocol === 'openai') {
    const messages = list(body.messages);
    expect(messages[0]?.role).toMatch(/^(system|developer)$/);
    expect(textOf(messages[0]?.content)).toBe(SYSTEM_PROMPT);
    expect(messages.slice(1).every((message) => message.role !== 'system')).toBe(true);
  } else if (protocol === 'anthropic') {
    expect(textOf(body.system)).toBe(SYSTEM_PROMPT);
  } else {
    expect(textOf(record_(body.systemInstruction ?? body.system_instruction)?.parts)).toBe(SYSTEM_PROMPT);
  }
}
