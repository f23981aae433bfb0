// A written notice as its document: JSON for the console to print (with its print stylesheet),
// or the PDF (Accept: application/pdf), rendered here with its font subset embedded.
import { rolesFor } from '../../shared/domain/access.ts';
import type { WrittenNotice } from '../../shared/domain/documents.ts';
import { inRegionScript, regionScript } from '../../shared/domain/region-script.ts';
import type { UseCaseContext } from '../../shared/usecases/context.ts';
import { readWrittenNotice } from '../../shared/usecases/written-notices.ts';
import { defineRoute } from '../http/define-route.ts';
import { noticePath, responses } from '../http/schemas.ts';

export const readNoticeDocument = defineRoute({
  route: 'GET /cases/{id}/notices/{noticeId}/document',
  operationId: 'readNoticeDocument',
  summary:
    'A written notice as a document: issuing bureau, document number, date, addressee, text (Accept: application/pdf for the PDF)',
  access: rolesFor('list_notices'),
  request: () => ({ params: noticePath }),
  responses: {
    200: {
      description:
        'The document, masked as the case view is; number and date are null until it is issued (delivered or printed from the print queue)',
      schema: () => responses().writtenNotice,
      alsoAs: 'application/pdf',
    },
  },
  errors: { 404: 'No such case or written notice' },
  action: async ({ params, staff, headers }, ctx) => {
    const document = await readWrittenNotice(ctx, params.id, params.noticeId, staff);
    if (!(headers.accept ?? '').includes('application/pdf')) return { statusCode: 200, body: document };
    if (!ctx.documents) throw new Error('This function renders no PDF');
    const { language } = ctx.config.region.region;
    const rendered = await ctx.documents.pdf(inRegionScript(document, regionScript(language)), language);
    // An issued document carries the organ's signature; a draft (no number yet) does not.
    const pdf = document.documentNumber ? await signed(ctx, rendered, document) : rendered;
    return {
      statusCode: 200,
      body: undefined,
      binary: { contentType: 'application/pdf', body: pdf },
      headers: {
        'content-disposition': `attachment; filename="notice-${document.caseId}-${document.noticeId}.pdf"`,
      },
    };
  },
});

async function signed(ctx: UseCaseContext, pdf: Uint8Array, document: WrittenNotice) {
  if (!ctx.signer) throw new Error('This function signs no documents');
  const { region } = ctx.config.region;
  const script = regionScript(region.language);
  return (await ctx.signer()).sign(pdf, {
    name: document.signedBy?.name ?? script(document.issuer.zh),
    reason: script(`${document.title.zh} ${document.documentNumber}`),
    location: script(region.name.zh),
  });
}
