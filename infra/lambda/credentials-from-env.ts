// Stands in for @aws-sdk/credential-provider-node in the Lambda bundles. Lambda hands every
// function its role's credentials in environment variables; the SDK's default chain (SSO,
// STS, web identity, shared profiles: some 60 KB and their start-up) finds nothing else there.
import { fromEnv } from '@aws-sdk/credential-provider-env';

export const defaultProvider = () => fromEnv();
