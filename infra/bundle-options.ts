// How every function is bundled, shared by the CDK construct and the benchmark so the
// sizes measured are the sizes deployed.
import { resolve } from 'node:path';

/** Lambda's credentials come from the environment: the SDK's default chain is swapped out. */
export const credentialsShim = {
  package: '@aws-sdk/credential-provider-node',
  replacement: resolve(import.meta.dirname, 'lambda', 'credentials-from-env.ts'),
};

export const bundleOptions = {
  minify: true,
  format: 'esm',
  target: 'node24',
  platform: 'node',
  mainFields: ['module', 'main'],
  // Chinese text stays UTF-8 instead of \uXXXX escapes: half the bytes.
  charset: 'utf8',
  // Some SDK dependencies still call require(); ESM bundles need it defined.
  banner: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  alias: { [credentialsShim.package]: credentialsShim.replacement },
} as const;
