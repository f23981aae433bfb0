// The petitioner's requests about their own data, from the status page (PIPL arts. 46-47):
// a correction of their details or submission, or a deletion; decided by staff with a reason.
import * as z from 'zod/mini';
import { DATA_REQUEST_KINDS } from '../../shared/domain/data-rights.ts';
import { phone } from '../../shared/domain/petition.ts';
import { askAboutMyData } from '../../shared/usecases/data-rights.ts';
import { rule } from '../../shared/validation.ts';
import { defineRoute } from '../http/define-route.ts';
import { receiptPath, text, verifier } from '../http/schemas.ts';

export const askAboutData = defineRoute({
  route: 'POST /petitions/{receiptCode}/data-requests',
  operationId: 'askAboutMyData',
  summary:
    'The petitioner asks for a correction of their details or submission, or for deletion of their data',
  access: 'public',
  request: () => ({
    params: receiptPath,
    body: z
      .strictObject({
        verifier,
        kind: z.enum(DATA_REQUEST_KINDS),
        phone: z.optional(phone),
        address: z.optional(text(1, 200)),
        text: text(2, 2000),
      })
      .check(
        z.refine((b) => b.kind === 'correction' || (b.phone === undefined && b.address === undefined), {
          ...rule('刪除請求不填寫新的聯絡資料。', 'A deletion request gives no new contact details.'),
          path: ['phone'],
        }),
      ),
  }),
  responses: {
    201: {
      description: 'Recorded: staff decide it with a reason and the petitioner is told',
      schema: () =>
        z.object({ requestId: z.string(), kind: z.enum(DATA_REQUEST_KINDS), askedOn: z.string() }),
    },
  },
  errors: {
    404: 'Unknown code, wrong verifier or temporarily locked (one answer)',
    409: 'The data was erased already',
  },
  action: async ({ params, body }, ctx) => {
    const { verifier: digits, ...input } = body;
    return { statusCode: 201, body: await askAboutMyData(ctx, params.receiptCode, digits, input) };
  },
});
