// What an SMS provider's adapter is given and gives back (functions/notices/sms-*.ts).
export interface SmsCredentials {
  id: string;
  key: string;
}

export interface SmsSettings {
  provider: 'tencent' | 'alibaba';
  signName: string;
  /** Tencent's SmsSdkAppId. */
  appId?: string;
  /** The provider's own region (ap-guangzhou, cn-hangzhou). */
  providerRegion?: string;
  /** host[:port] of the provider's API; a local stub in tests (then over http). */
  endpoint?: string;
  /** Notice type → the provider's approved template. */
  templates: Readonly<Record<string, string>>;
  credentials: () => Promise<SmsCredentials>;
}

export interface SmsMessage {
  phone: string;
  template: string;
  parameters: { code: string; notice: string };
  reference: string;
}

/** Sends one SMS; the provider's id of it. */
export type Sender = (message: SmsMessage) => Promise<string | undefined>;

/** A local stand-in in tests: plain http. */
export const insecure = (endpoint: string | undefined) => endpoint?.startsWith('127.0.0.1:') ?? false;
