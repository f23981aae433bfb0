// What asking to add files takes and answers, for staff and petitioners alike.
import * as z from 'zod/mini';
import { text } from '../../shared/domain/text-field.ts';

const fileToAdd = { name: text(1, 200), bytes: z.int().check(z.nonnegative()) };

/** The files to add: each named as the uploader's file was, with its size (the form allows no more). */
export const filesToAdd = z.array(z.strictObject(fileToAdd));

/**
 * Staff's files, each saying whether it may carry personal data (default: it may; readers with
 * a masked view then open it only redacted).
 */
export const staffFilesToAdd = z.array(
  z.strictObject({ ...fileToAdd, personalData: z._default(z.boolean(), true) }),
);

export const uploadsAnswer = {
  201: {
    description:
      'One signed upload form per file: POST the fields and then the file (as `file`) to the url before uploadBy',
    schema: () =>
      z.object({
        uploads: z.array(
          z.object({
            attachmentId: z.string(),
            name: z.string(),
            uploadBy: z.string(),
            form: z.object({ url: z.string(), fields: z.record(z.string(), z.string()) }),
          }),
        ),
      }),
  },
};
