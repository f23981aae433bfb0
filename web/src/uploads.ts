// Uploading a file straight to the files bucket with the form the API signed, reporting progress
// as it goes (the citizen form and the staff console both use it).

/** One signed upload form, as the API answers it for each file. */
export interface SignedUpload {
  attachmentId: string;
  name: string;
  uploadBy: string;
  form: { url: string; fields: Record<string, string> };
}

/**
 * Posts the file with its form's fields (the file last, as S3 requires); `progress` gets the
 * fraction sent. Resolves true when the bucket took it; never rejects.
 */
export function postFile(
  upload: SignedUpload,
  file: Blob,
  progress: (fraction: number) => void,
): Promise<boolean> {
  const body = new FormData();
  for (const [field, value] of Object.entries(upload.form.fields)) body.append(field, value);
  body.append('file', file, upload.name);
  // XMLHttpRequest: fetch reports no upload progress.
  const request = new XMLHttpRequest();
  return new Promise((resolve) => {
    request.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) progress(event.loaded / event.total);
    });
    request.addEventListener('load', () => {
      const ok = request.status >= 200 && request.status < 300;
      if (ok) progress(1);
      resolve(ok);
    });
    request.addEventListener('error', () => resolve(false));
    request.addEventListener('abort', () => resolve(false));
    request.open('POST', upload.form.url);
    request.send(body);
  });
}
