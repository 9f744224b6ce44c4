import type { OpenAiCompatibleQuirks, ProviderPreset } from './types.js';

// Cloud platforms: each needs an account-specific host, region or project, and several authenticate
// through the cloud's own scheme (`auth: cloud`) rather than a static key.

const openAiLike: OpenAiCompatibleQuirks = {
  streamUsage: false,
  maxTokensField: 'max_tokens',
  unsupportedFields: [],
  imageUrls: 'any',
  supportsN: false,
};

/**
 * Azure OpenAI, classic deployment-scoped API: the model name in a target is the deployment name; the
 * dated `api-version` is mandatory (2024-10-21 is GA and accepts `stream_options`). Key auth via the
 * `api-key` header; Microsoft Entra tokens expire within hours, so they are not configurable here.
 */
const azure: ProviderPreset = {
  id: 'azure',
  displayName: 'Azure OpenAI',
  protocol: 'openai-chat',
  defaultBaseUrl: 'https://{resource}.openai.azure.com',
  baseUrlEnv: ['AZURE_OPENAI_ENDPOINT'],
  chatPath: '/openai/deployments/{model}/chat/completions?api-version={apiVersion}',
  apiKeyEnv: ['AZURE_OPENAI_API_KEY'],
  auth: { style: 'header', header: 'api-key' },
  keyRequired: true,
  selfHosted: false,
  optionEnv: { apiVersion: ['AZURE_OPENAI_API_VERSION', 'OPENAI_API_VERSION'] },
  optionDefaults: { apiVersion: '2024-10-21' },
  detectEnv: [['AZURE_OPENAI_API_KEY', 'AZURE_OPENAI_ENDPOINT']],
  quirks: { ...openAiLike, streamUsage: true, supportsN: true },
  docsUrl: 'https://learn.microsoft.com/azure/ai-foundry/openai/reference',
};

/**
 * AWS Bedrock Converse / ConverseStream through the AWS SDK (SigV4 signing, event-stream framing).
 * Credentials: `accessKeyId`/`secretAccessKey`/`sessionToken`, else a Bedrock API key
 * (`AWS_BEARER_TOKEN_BEDROCK`), else the SDK's default chain (profile, SSO, instance role).
 */
const bedrock: ProviderPreset = {
  id: 'bedrock',
  displayName: 'AWS Bedrock',
  protocol: 'bedrock-converse',
  defaultBaseUrl: 'https://bedrock-runtime.{region}.amazonaws.com',
  baseUrlEnv: ['AWS_ENDPOINT_URL_BEDROCK_RUNTIME'],
  apiKeyEnv: ['AWS_BEARER_TOKEN_BEDROCK'],
  auth: { style: 'cloud' },
  keyRequired: false,
  selfHosted: false,
  optionEnv: {
    region: ['AWS_REGION', 'AWS_DEFAULT_REGION'],
    accessKeyId: ['AWS_ACCESS_KEY_ID'],
    secretAccessKey: ['AWS_SECRET_ACCESS_KEY'],
    sessionToken: ['AWS_SESSION_TOKEN'],
  },
  requiredOptions: ['region'],
  detectEnv: [
    ['AWS_REGION', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'],
    ['AWS_DEFAULT_REGION', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'],
    ['AWS_REGION', 'AWS_BEARER_TOKEN_BEDROCK'],
    ['AWS_REGION', 'AWS_PROFILE'],
  ],
  quirks: { ...openAiLike, streamUsage: true },
  docsUrl: 'https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html',
};

/**
 * Vertex AI: Gemini models (`publishers/google`) and Anthropic models (`publishers/anthropic`, every
 * model id starting with `claude`), with OAuth tokens from a service account (`credentialsFile`, else
 * Application Default Credentials). The `global` location uses the host without a region prefix.
 */
const vertex: ProviderPreset = {
  id: 'vertex',
  displayName: 'Google Vertex AI',
  protocol: 'vertex',
  defaultBaseUrl: 'https://{location}-aiplatform.googleapis.com',
  apiKeyEnv: [],
  auth: { style: 'cloud' },
  keyRequired: false,
  selfHosted: false,
  optionEnv: {
    project: ['VERTEX_PROJECT', 'GOOGLE_CLOUD_PROJECT'],
    location: ['VERTEX_LOCATION', 'GOOGLE_CLOUD_LOCATION'],
    credentialsFile: ['GOOGLE_APPLICATION_CREDENTIALS'],
  },
  optionDefaults: { location: 'us-central1' },
  requiredOptions: ['project'],
  detectEnv: [['GOOGLE_APPLICATION_CREDENTIALS', 'VERTEX_PROJECT']],
  quirks: { ...openAiLike, streamUsage: true },
  docsUrl: 'https://cloud.google.com/vertex-ai/generative-ai/docs/reference/rest',
};

/**
 * IBM watsonx.ai chat (`/ml/v1/text/chat`): the API key is exchanged for an IAM bearer token; requests
 * name `model_id` and a `project_id` or `space_id`; the dated `version` query is mandatory.
 */
const watsonx: ProviderPreset = {
  id: 'watsonx',
  displayName: 'IBM watsonx.ai',
  protocol: 'watsonx-chat',
  defaultBaseUrl: 'https://us-south.ml.cloud.ibm.com',
  baseUrlEnv: ['WATSONX_URL'],
  apiKeyEnv: ['WATSONX_API_KEY', 'WATSONX_APIKEY'],
  auth: { style: 'cloud' },
  keyRequired: true,
  selfHosted: false,
  optionEnv: {
    projectId: ['WATSONX_PROJECT_ID'],
    spaceId: ['WATSONX_SPACE_ID'],
    iamUrl: ['WATSONX_IAM_URL'],
    apiVersion: ['WATSONX_VERSION'],
  },
  optionDefaults: { iamUrl: 'https://iam.cloud.ibm.com', apiVersion: '2025-02-06' },
  requiredOptions: [['projectId', 'spaceId']],
  detectEnv: [
    ['WATSONX_API_KEY', 'WATSONX_PROJECT_ID'],
    ['WATSONX_API_KEY', 'WATSONX_SPACE_ID'],
  ],
  quirks: { ...openAiLike },
  docsUrl: 'https://cloud.ibm.com/apidocs/watsonx-ai#text-chat',
};

/**
 * Databricks Model Serving: OpenAI-compatible under the workspace's `/serving-endpoints`; the model is
 * the serving endpoint's name; a personal access token is the bearer key.
 */
const databricks: ProviderPreset = {
  id: 'databricks',
  displayName: 'Databricks Model Serving',
  protocol: 'openai-chat',
  defaultBaseUrl: 'https://{workspace}/serving-endpoints',
  baseUrlEnv: ['DATABRICKS_HOST'],
  baseUrlEnvPath: '/serving-endpoints',
  apiKeyEnv: ['DATABRICKS_TOKEN'],
  auth: { style: 'bearer' },
  keyRequired: true,
  selfHosted: false,
  detectEnv: [['DATABRICKS_HOST', 'DATABRICKS_TOKEN']],
  quirks: { ...openAiLike },
  docsUrl: 'https://docs.databricks.com/machine-learning/model-serving/score-foundation-models',
};

/**
 * Snowflake Cortex Chat Completions (`/api/v2/cortex/v1`), a superset of OpenAI's; a programmatic
 * access token is the bearer key. Account identifiers with `_` must be written with `-` in the host.
 */
const snowflake: ProviderPreset = {
  id: 'snowflake',
  displayName: 'Snowflake Cortex',
  protocol: 'openai-chat',
  defaultBaseUrl: 'https://{account}.snowflakecomputing.com/api/v2/cortex/v1',
  apiKeyEnv: ['SNOWFLAKE_PAT'],
  auth: { style: 'bearer' },
  keyRequired: true,
  selfHosted: false,
  optionEnv: { account: ['SNOWFLAKE_ACCOUNT'] },
  detectEnv: [['SNOWFLAKE_ACCOUNT', 'SNOWFLAKE_PAT']],
  quirks: { ...openAiLike },
  docsUrl: 'https://docs.snowflake.com/user-guide/snowflake-cortex/open_ai_sdk',
};

/**
 * Amazon SageMaker real-time endpoints whose container speaks OpenAI's chat schema at `/invocations`
 * (LMI/vLLM, TGI Messages API): through the AWS SDK's InvokeEndpoint and
 * InvokeEndpointWithResponseStream (SigV4). The target's model is the endpoint name. Never detected
 * from the environment: which endpoints speak that schema is only known to the user.
 */
const sagemaker: ProviderPreset = {
  id: 'sagemaker',
  displayName: 'Amazon SageMaker (OpenAI-compatible containers)',
  protocol: 'sagemaker-openai',
  defaultBaseUrl: 'https://runtime.sagemaker.{region}.amazonaws.com',
  baseUrlEnv: ['AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME'],
  apiKeyEnv: [],
  auth: { style: 'cloud' },
  keyRequired: false,
  selfHosted: false,
  optionEnv: {
    region: ['AWS_REGION', 'AWS_DEFAULT_REGION'],
    accessKeyId: ['AWS_ACCESS_KEY_ID'],
    secretAccessKey: ['AWS_SECRET_ACCESS_KEY'],
    sessionToken: ['AWS_SESSION_TOKEN'],
  },
  requiredOptions: ['region'],
  detectEnv: [],
  quirks: { ...openAiLike, streamUsage: true },
  docsUrl: 'https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_runtime_InvokeEndpoint.html',
};

/** Cloud platforms, in the order they are listed to users. */
export const cloudPresets: readonly ProviderPreset[] = [
  azure,
  bedrock,
  vertex,
  watsonx,
  databricks,
  snowflake,
  sagemaker,
];
