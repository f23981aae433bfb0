// The SMS providers' delivery reports (回执), pushed to a URL the administrator registers with
// the provider. Neither provider signs these pushes, so the URL carries a secret token
// (SMS_REPORT_TOKEN); a wrong or missing token is answered as an unknown route, before the body
// is read. The answers
// are the ones each provider's documentation asks for.
import * as z from 'zod/mini';
import type { AppConfig } from '../../shared/config.ts';
import { noticeOfReference } from '../../shared/domain/sms-templates.ts';
import { recordSmsReports } from '../../shared/usecases/sms-reports.ts';
import { configuredSecret, sameSecret } from '../aws/secrets.ts';
import { defineRoute } from '../http/define-route.ts';

const tokenQuery = z.strictObject({ token: z.string().check(z.maxLength(200)) });
const MAX_REPORTS = 1000;

let reportToken: (() => Promise<string>) | undefined;

/** The URL's token is the route's secret: without it the route does not exist. */
async function tokenGiven(query: Record<string, string | undefined>, config: AppConfig): Promise<boolean> {
  reportToken ??= configuredSecret(config.SMS_REPORT_TOKEN, config.SMS_REPORT_TOKEN_SECRET_ARN);
  return reportToken !== undefined && sameSecret(query.token, await reportToken());
}

export const tencentSmsReports = defineRoute({
  route: 'POST /sms/reports/tencent',
  operationId: 'tencentSmsReports',
  summary: 'Tencent Cloud SMS delivery reports (短信下发状态通知), by the secret URL the provider was given',
  access: 'public',
  hiddenUnless: tokenGiven,
  request: () => ({
    query: tokenQuery,
    body: z
      .array(
        z.object({
          user_receive_time: z.string().check(z.maxLength(40)),
          report_status: z.enum(['SUCCESS', 'FAIL']),
          errmsg: z.string().check(z.maxLength(200)),
          sid: z.string().check(z.minLength(1), z.maxLength(100)),
        }),
      )
      .check(z.maxLength(MAX_REPORTS)),
  }),
  responses: {
    200: {
      description: 'Taken (as the provider expects: result 0)',
      schema: () => z.object({ result: z.int(), errmsg: z.string() }),
    },
  },
  errors: { 404: 'Unknown route (or a wrong token)' },
  action: async ({ body }, ctx) => {
    await recordSmsReports(
      ctx,
      body.map((r) => ({
        sent: { providerMessageId: r.sid },
        report: {
          status: r.report_status === 'SUCCESS' ? 'received' : 'failed',
          at: r.user_receive_time,
          code: r.errmsg,
        },
      })),
    );
    return { statusCode: 200, body: { result: 0, errmsg: 'OK' } };
  },
});

export const alibabaSmsReports = defineRoute({
  route: 'POST /sms/reports/alibaba',
  operationId: 'alibabaSmsReports',
  summary:
    'Alibaba Cloud SMS delivery reports (短信发送状态报告 HTTP 推送), by the secret URL the provider was given',
  access: 'public',
  hiddenUnless: tokenGiven,
  request: () => ({
    query: tokenQuery,
    body: z
      .array(
        z.object({
          success: z.boolean(),
          err_code: z.string().check(z.maxLength(200)),
          report_time: z.string().check(z.maxLength(40)),
          biz_id: z.string().check(z.minLength(1), z.maxLength(100)),
          out_id: z.optional(z.string().check(z.maxLength(256))),
        }),
      )
      .check(z.maxLength(MAX_REPORTS)),
  }),
  responses: {
    200: {
      description: 'Taken (as the provider expects: code 0)',
      schema: () => z.object({ code: z.int(), msg: z.string() }),
    },
  },
  errors: { 404: 'Unknown route (or a wrong token)' },
  action: async ({ body }, ctx) => {
    await recordSmsReports(
      ctx,
      body.map((r) => ({
        sent: noticeOfReference(r.out_id ?? '') ?? { providerMessageId: r.biz_id },
        report: { status: r.success ? 'received' : 'failed', at: r.report_time, code: r.err_code },
      })),
    );
    return { statusCode: 200, body: { code: 0, msg: '成功' } };
  },
});
