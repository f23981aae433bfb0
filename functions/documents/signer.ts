// The organ's signer, built on the first document signed or checked: the signing libraries
// (pdf-lib, node-forge, @signpdf) stay out of the cold start of a function most of whose
// requests read a document as JSON, and the key is read once. A failed build (the secret not
// readable, or not yet set up: 503) is tried again on the next request.
import type { DocumentSigner } from '../../shared/usecases/ports.ts';

export function lazySigner(key: () => Promise<string>): () => Promise<DocumentSigner> {
  let signer: Promise<DocumentSigner> | undefined;
  return () => {
    signer ??= Promise.all([import('./pades.ts'), key()])
      .then(([{ padesSigner, signingKeyOf }, json]) => padesSigner(signingKeyOf(json)))
      .catch((error: unknown) => {
        signer = undefined;
        throw error;
      });
    return signer;
  };
}
