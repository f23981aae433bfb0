// What every use case is given: the store, the configuration, and a clock to read "now".
import type { AppConfig } from '../config.ts';
import type { PepperRing } from '../domain/pepper-ring.ts';
import type { Actor } from '../domain/timeline.ts';
import type { AnchorStore, DocumentRenderer, DocumentSigner, FileStorage, Store } from './ports.ts';

export interface UseCaseContext {
  store: Store;
  config: AppConfig;
  now: () => Date;
  /** The peppers personal data is hashed with (a function that hashes nothing has none to give). */
  peppers: () => Promise<PepperRing>;
  /** Where the daily anchors of the timelines are kept, where the function uses them. */
  anchors?: AnchorStore;
  /** Written notices as PDF, in the function that carries the font and the library. */
  documents?: DocumentRenderer;
  /** The organ's signature on its documents, where the function signs or checks them (its key read once). */
  signer?: () => Promise<DocumentSigner>;
  /** The attachments' bucket, in the functions that hand out upload forms and opening links. */
  files?: FileStorage;
}

/** Who is asking: the public (by receipt code) or a staff member (by token). */
export interface Caller {
  actor: Actor;
  roles: string[];
}

export async function pause(maxMs: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 1 + Math.random() * maxMs));
}
