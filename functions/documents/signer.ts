// The organ's signer, loaded on the first document signed or checked: the signing libraries
// (pdf-lib, node-forge, @signpdf) stay out of the cold start of a function most of whose
// requests read a document as JSON.
import type { DocumentSigner } from '../../shared/usecases/ports.ts';

export function lazySigner(key: () => Promise<string>): () => Promise<DocumentSigner> {
  let signer: (() => Promise<DocumentSigner>) | undefined;
  return async () => {
    signer ??= (await import('./pades.ts')).signerFrom(key);
    return signer();
  };
}
