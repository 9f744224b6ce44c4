import type { IngressCodec } from '../codec.js';
import { isWireObject } from '../shared/read-fields.js';
import { decodeOpenAiChatRequest } from './decode-request.js';
import { openAiChatIngress } from './index.js';

/**
 * Azure OpenAI's classic shape: the deployment in the path is the model (`/openai/deployments/{d}/...`,
 * `api-key` header, `api-version` query). Everything else is OpenAI Chat, so this shim only moves the
 * deployment into the model field before the Chat decoder runs.
 */
export const azureChatIngress: IngressCodec = {
  ...openAiChatIngress,
  decodeRequest(body, route) {
    if (isWireObject(body) && route.model !== undefined)
      return decodeOpenAiChatRequest({ ...body, model: route.model });
    return decodeOpenAiChatRequest(body);
  },
};
