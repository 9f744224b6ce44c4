import { describe, expect, it } from 'vitest';
import { providerPresets } from '../providers/presets/index.js';
import { describeConfiguration } from './describe-configuration.js';
import { detectProviders } from './detect-providers.js';
import { loadConfiguration } from './index.js';
import { issuesOfYaml, resolveYaml } from './test-helpers.js';

describe('cloud and vendor providers from the environment', () => {
  it('detects each cloud only when its variables are set together', () => {
    const env = {
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'AKID',
      AWS_SECRET_ACCESS_KEY: 'secret',
      GOOGLE_APPLICATION_CREDENTIALS: '/keys/sa.json',
      VERTEX_PROJECT: 'p1',
      WATSONX_API_KEY: 'k',
      WATSONX_PROJECT_ID: 'proj',
      AZURE_OPENAI_API_KEY: 'az',
      AZURE_OPENAI_ENDPOINT: 'https://res.openai.azure.com',
      COHERE_API_KEY: 'co',
      DATABRICKS_HOST: 'https://adb-1.azuredatabricks.net',
      DATABRICKS_TOKEN: 'dapi',
      SNOWFLAKE_ACCOUNT: 'org-acct',
      SNOWFLAKE_PAT: 'pat',
      DASHSCOPE_API_KEY: 'd',
      MOONSHOT_API_KEY: 'm',
      MINIMAX_API_KEY: 'mm',
      ARK_API_KEY: 'a',
      ZHIPUAI_API_KEY: 'z',
    };
    expect(Object.keys(detectProviders(env, providerPresets)).sort()).toEqual(
      [
        'azure',
        'bedrock',
        'cohere',
        'dashscope',
        'databricks',
        'minimax',
        'moonshot',
        'snowflake',
        'vertex',
        'volcengine',
        'watsonx',
        'zhipuai',
      ].sort(),
    );
    // A key alone is not enough where the cloud needs more to be usable.
    expect(
      detectProviders(
        { WATSONX_API_KEY: 'k', AZURE_OPENAI_API_KEY: 'az', AWS_ACCESS_KEY_ID: 'x' },
        providerPresets,
      ),
    ).toEqual({});
  });

  it('resolves regions, projects and secrets from the environment into options and templated base URLs', () => {
    const config = loadConfiguration({
      dataDir: '/var/lib/switchyard',
      env: {
        AWS_REGION: 'eu-west-1',
        AWS_ACCESS_KEY_ID: 'AKID',
        AWS_SECRET_ACCESS_KEY: 'aws-secret',
        AWS_SESSION_TOKEN: 'session',
        GOOGLE_APPLICATION_CREDENTIALS: '/keys/sa.json',
        VERTEX_PROJECT: 'p1',
        VERTEX_LOCATION: 'global',
        DATABRICKS_HOST: 'https://adb-1.azuredatabricks.net',
        DATABRICKS_TOKEN: 'dapi',
      },
    });
    const bedrock = config.providers.get('bedrock');
    expect(bedrock?.baseUrl).toBe('https://bedrock-runtime.eu-west-1.amazonaws.com');
    expect(bedrock?.options).toEqual({ region: 'eu-west-1', accessKeyId: 'AKID' });
    expect(bedrock?.secrets.secretAccessKey?.reveal()).toBe('aws-secret');
    expect(String(bedrock?.secrets.sessionToken)).not.toContain('session');
    const vertex = config.providers.get('vertex');
    expect(vertex?.baseUrl).toBe('https://aiplatform.googleapis.com');
    expect(vertex?.options).toEqual({ project: 'p1', location: 'global', credentialsFile: '/keys/sa.json' });
    expect(config.providers.get('databricks')?.baseUrl).toBe(
      'https://adb-1.azuredatabricks.net/serving-endpoints',
    );
  });

  it('takes explicit settings over the environment and fills defaults', () => {
    const config = resolveYaml(
      [
        'providers:',
        '  ibm:',
        '    type: watsonx',
        '    apiKey: k',
        '    spaceId: space-1',
        '    baseUrl: https://eu-de.ml.cloud.ibm.com',
        '  vertex:',
        '    project: explicit',
        '  azure:',
        '    baseUrl: https://res.openai.azure.com',
        '    apiKey: az',
      ].join('\n'),
      { env: { VERTEX_PROJECT: 'from-env' } },
    );
    expect(config.providers.get('ibm')?.options).toEqual({
      spaceId: 'space-1',
      iamUrl: 'https://iam.cloud.ibm.com',
      apiVersion: '2025-02-06',
    });
    expect(config.providers.get('vertex')?.options.project).toBe('explicit');
    expect(config.providers.get('vertex')?.baseUrl).toBe('https://us-central1-aiplatform.googleapis.com');
    expect(config.providers.get('azure')?.options.apiVersion).toBe('2024-10-21');
    expect(describeConfiguration(config)).toEqual(
      expect.arrayContaining([
        '  ibm (watsonx): https://eu-de.ml.cloud.ibm.com, key set, apiVersion 2025-02-06, spaceId space-1, iamUrl https://iam.cloud.ibm.com',
        "  vertex (vertex): https://us-central1-aiplatform.googleapis.com, the cloud's default credentials, project explicit, location us-central1",
      ]),
    );
  });

  it('names what is missing', () => {
    const issues = issuesOfYaml(
      [
        'providers:',
        '  bedrock: {}',
        '  watsonx:',
        '    apiKey: k',
        '  databricks:',
        '    apiKey: d',
        '  snowflake:',
        '    apiKey: s',
      ].join('\n'),
    );
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/providers\.bedrock\.region: .*needs region.*AWS_REGION or AWS_DEFAULT_REGION/),
        expect.stringMatching(
          /providers\.watsonx\.projectId: .*needs projectId or spaceId.*WATSONX_PROJECT_ID/,
        ),
        expect.stringMatching(
          /providers\.databricks\.baseUrl: .*needs the base URL of your workspace.*DATABRICKS_HOST/,
        ),
        expect.stringMatching(/providers\.snowflake\.baseUrl: .*needs the base URL of your account/),
      ]),
    );
  });

  it('warns about a setting the provider does not use', () => {
    const config = resolveYaml('providers:\n  cohere:\n    apiKey: k\n    region: us-east-1\n');
    expect(config.warnings).toContainEqual(
      expect.stringMatching(/providers\.cohere\.region: ignored, Cohere does not use it/),
    );
  });
});
