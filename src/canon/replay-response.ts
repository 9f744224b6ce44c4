import type { CanonResponse } from './response.js';
import type { CanonEvent } from './stream-event.js';

/**
 * Turns a complete answer back into stream events (a cache hit served to a streaming caller, or an
 * upstream that answered JSON to a stream request), its warnings included.
 */
export function replayResponse(response: CanonResponse): CanonEvent[] {
  const events: CanonEvent[] = [
    {
      type: 'response-start',
      id: response.id,
      model: response.model,
      createdAt: response.createdAt,
      vendor: response.vendor,
    },
  ];
  // What the answer could not carry is reported on the stream too (it reaches the gateway summary).
  for (const warning of response.warnings) events.push({ type: 'warning', warning });
  for (const choice of response.choices) {
    const choiceField = choice.index === 0 ? {} : { choice: choice.index };
    choice.message.content.forEach((part, block) => {
      switch (part.type) {
        case 'text':
          events.push({ type: 'text-start', block, ...choiceField });
          events.push({ type: 'text-delta', block, text: part.text, ...choiceField });
          events.push({ type: 'text-end', block, ...choiceField });
          break;
        case 'refusal':
          events.push({ type: 'refusal-delta', block, text: part.text, ...choiceField });
          break;
        case 'reasoning': {
          events.push({ type: 'reasoning-start', block, ...choiceField });
          events.push({ type: 'reasoning-delta', block, text: part.text, ...choiceField });
          const end: CanonEvent = { type: 'reasoning-end', block, ...choiceField };
          if (part.signature !== undefined) end.signature = part.signature;
          if (part.redactedData !== undefined) end.redactedData = part.redactedData;
          events.push(end);
          break;
        }
        case 'tool-call':
          events.push({
            type: 'tool-call-start',
            block,
            callId: part.callId,
            toolName: part.toolName,
            ...choiceField,
          });
          events.push({ type: 'tool-call-delta', block, argumentsDelta: part.argumentsJson, ...choiceField });
          events.push({ type: 'tool-call-end', block, ...choiceField });
          break;
      }
    });
    const finish: CanonEvent = { type: 'finish', finish: choice.finish, ...choiceField };
    if (choice.logprobs !== undefined) finish.logprobs = choice.logprobs;
    events.push(finish);
  }
  if (response.usage) events.push({ type: 'usage', usage: response.usage });
  return events;
}
