// The case's files (附件): each with where it stands, opened one at a time (images shown here,
// PDFs in the browser's own viewer), and an upload with progress for those who may add files.
import { useRef, useState } from 'preact/hooks';
import { uploadProblems } from '../../../../../shared/domain/attachments.ts';
import { postFile, type SignedUpload } from '../../../../src/uploads.ts';
import type { CaseView } from '../../answers.ts';
import { ApiProblem, api } from '../../api.ts';
import { useDesk } from '../../context.ts';
import { inLanguage, type TextKey, t } from '../../text.ts';
import { problemsOf } from '../../ui.tsx';
import { path } from './view.ts';

type File = CaseView['attachments'][number];

const MB = 1024 * 1024;

/** What the file is, as kept: its type, size and pixels or pages. */
function kind(file: File): string {
  if (!file.kept) return '';
  const size =
    file.kept.bytes < MB
      ? `${Math.ceil(file.kept.bytes / 1024)} KB`
      : `${(file.kept.bytes / MB).toFixed(1)} MB`;
  const detail = file.kept.pages
    ? t('pages', { n: file.kept.pages })
    : file.kept.width
      ? `${file.kept.width}×${file.kept.height}`
      : '';
  return [file.kept.type.replace(/^(image|application)\//, '').toUpperCase(), size, detail]
    .filter(Boolean)
    .join(' · ');
}

export function Attachments({
  caseId,
  files,
  refresh,
}: {
  caseId: string;
  files: File[];
  refresh: () => void;
}) {
  const desk = useDesk();
  const [opened, setOpened] = useState<Opened>();
  const [regions, setRegions] = useState<Region[]>([]);
  const [refusal, setRefusal] = useState<string>();
  const open = async (file: File, copy: 'original' | 'redacted' = 'original') => {
    setRefusal(undefined);
    try {
      const answer = await api<{ url: string; copy: 'original' | 'redacted' }>(
        'POST',
        path(caseId, `/attachments/${file.attachmentId}/opening?copy=${copy}`),
      );
      setOpened({ file, ...answer });
      setRegions([]);
    } catch (error) {
      setRefusal(error instanceof Error ? error.message : String(error));
    }
  };
  return (
    <section aria-labelledby="files-title">
      <h2 id="files-title">{t('files')}</h2>
      {files.length === 0 ? (
        <p>{t('noFiles')}</p>
      ) : (
        <div class="table-wrap">
          <table id="case-files">
            <thead>
              <tr>
                <th scope="col">{t('fileName')}</th>
                <th scope="col">{t('fileKind')}</th>
                <th scope="col">{t('fileAdded')}</th>
                <th scope="col">{t('fileState')}</th>
              </tr>
            </thead>
            <tbody>
              {files.map((file) => (
                <tr key={file.attachmentId} data-file={file.attachmentId}>
                  <th scope="row">{file.name}</th>
                  <td>{kind(file)}</td>
                  <td>
                    {file.addedBy.kind === 'petitioner' ? t('byPetitioner') : file.addedBy.sub}{' '}
                    {desk.localTime(file.addedAt)}
                  </td>
                  <td>
                    {t(`file.${file.state}` as TextKey)}
                    {file.refusal && <>：{inLanguage(file.refusal.text)}</>}
                    {file.redacted && <span class="badge"> {t('hasRedacted')}</span>}
                    {file.state === 'available' && (
                      <>
                        {' '}
                        <button
                          type="button"
                          class="secondary"
                          aria-label={`${t('openFile')} ${file.name}`}
                          onClick={() => void open(file)}
                        >
                          {t('openFile')}
                        </button>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p class="hint">{t('openedLogged')}</p>
      {refusal && (
        <p class="notice" role="alert">
          {refusal}
        </p>
      )}
      {opened && (
        <Viewer
          opened={opened}
          close={() => setOpened(undefined)}
          openRedacted={() => void open(opened.file, 'redacted')}
          regions={regions}
          drawn={(region) => setRegions((now) => [...now, region])}
        />
      )}
      {opened?.copy === 'original' && desk.may('redactCaseFile') && (
        <Redaction
          caseId={caseId}
          file={opened.file}
          regions={regions}
          setRegions={setRegions}
          done={() => {
            setOpened(undefined);
            refresh();
          }}
        />
      )}
      {desk.may('addCaseFiles') && <FileUpload caseId={caseId} done={refresh} />}
    </section>
  );
}

interface Opened {
  file: File;
  url: string;
  copy: 'original' | 'redacted';
}

/** A photo shown here (with the regions being chosen over it); a PDF opened in the browser's viewer. */
function Viewer({
  opened,
  close,
  openRedacted,
  regions,
  drawn,
}: {
  opened: Opened;
  close: () => void;
  openRedacted: () => void;
  regions: Region[];
  drawn: (region: Region) => void;
}) {
  const image = opened.file.kept?.type.startsWith('image/');
  const start = useRef<{ x: number; y: number } | undefined>(undefined);
  // A point in fractions of the picture as shown.
  const at = (event: PointerEvent) => {
    const box = (event.currentTarget as HTMLElement).getBoundingClientRect();
    return {
      x: Math.min(1, Math.max(0, (event.clientX - box.left) / box.width)),
      y: Math.min(1, Math.max(0, (event.clientY - box.top) / box.height)),
    };
  };
  return (
    <figure class="viewer" id="file-viewer" aria-label={opened.file.name}>
      {image ? (
        <div
          class="picture"
          id="redaction-canvas"
          onPointerDown={(event) => {
            start.current = at(event);
            (event.currentTarget as HTMLElement).setPointerCapture(event.pointerId);
            event.preventDefault();
          }}
          onPointerUp={(event) => {
            const from = start.current;
            start.current = undefined;
            if (!from || opened.copy !== 'original') return;
            const to = at(event);
            const region = {
              page: 1,
              x: Math.min(from.x, to.x),
              y: Math.min(from.y, to.y),
              width: Math.abs(to.x - from.x),
              height: Math.abs(to.y - from.y),
            };
            if (region.width > 0.005 && region.height > 0.005) drawn(region);
          }}
        >
          <img src={opened.url} alt={opened.file.name} draggable={false} />
          {regions.map((r) => (
            <span
              key={`${r.x}-${r.y}-${r.width}-${r.height}`}
              class="region"
              style={{
                left: `${r.x * 100}%`,
                top: `${r.y * 100}%`,
                width: `${r.width * 100}%`,
                height: `${r.height * 100}%`,
              }}
            />
          ))}
        </div>
      ) : (
        <a href={opened.url} target="_blank" rel="noopener noreferrer">
          {t('openPdf')}
        </a>
      )}
      <figcaption>
        {opened.file.name}
        {opened.copy === 'redacted' && ` · ${t('hasRedacted')}`}{' '}
        {opened.copy === 'original' && opened.file.redacted && (
          <button type="button" class="secondary" onClick={openRedacted}>
            {t('openRedacted')}
          </button>
        )}{' '}
        <button type="button" class="secondary" onClick={close}>
          {t('closeFile')}
        </button>
      </figcaption>
    </figure>
  );
}

/** Choose files, see each one's progress; when all are sent, waits for their checks and shows them. */
export function FileUpload({ caseId, done }: { caseId: string; done: () => void }) {
  const [progress, setProgress] = useState<Array<{ name: string; fraction: number; failed: boolean }>>([]);
  const [problem, setProblem] = useState<string>();
  const send = async (input: HTMLInputElement, personalData: boolean) => {
    const chosen = [...(input.files ?? [])];
    const files = chosen.map((f) => ({ name: f.name.slice(-200), bytes: f.size, personalData }));
    const problems = uploadProblems(files, [], 'staff', new Date());
    if (problems.length) return setProblem(problems.map((p) => inLanguage(p.message)).join(' '));
    setProblem(undefined);
    try {
      const { uploads } = await api<{ uploads: SignedUpload[] }>('POST', path(caseId, '/attachments'), {
        files,
      });
      const shown = uploads.map((u) => ({ name: u.name, fraction: 0, failed: false }));
      setProgress(shown);
      const update = (i: number, change: Partial<(typeof shown)[number]>) =>
        setProgress((now) => now.map((row, j) => (i === j ? { ...row, ...change } : row)));
      const sent = await Promise.all(
        uploads.map(async (upload, i) => {
          const file = chosen[i];
          const arrived = file ? await postFile(upload, file, (fraction) => update(i, { fraction })) : false;
          if (!arrived) update(i, { failed: true });
          return arrived ? upload.attachmentId : undefined;
        }),
      );
      input.value = '';
      await checked(
        caseId,
        sent.filter((id) => id !== undefined),
      );
      done();
    } catch (error) {
      const fields = error instanceof ApiProblem ? error.problem.fields : undefined;
      setProblem(
        fields?.length
          ? Object.values(problemsOf(fields)).join(' ')
          : error instanceof Error
            ? error.message
            : String(error),
      );
    }
  };
  return (
    <form
      class="file-upload"
      aria-labelledby="add-files-title"
      onSubmit={(e) => {
        e.preventDefault();
        const input = e.currentTarget.elements.namedItem('files') as HTMLInputElement;
        const none = e.currentTarget.elements.namedItem('noPersonalData') as HTMLInputElement;
        if (!input.files?.length) return setProblem(t('chooseFile'));
        void send(input, !none.checked);
      }}
    >
      <h3 id="add-files-title">{t('addFiles')}</h3>
      <label for={`files-${caseId}`}>{t('addFilesHint')}</label>
      <input
        id={`files-${caseId}`}
        name="files"
        type="file"
        multiple
        accept="image/jpeg,image/png,application/pdf,.jpg,.jpeg,.png,.pdf"
        aria-describedby={problem ? `files-problem-${caseId}` : undefined}
        aria-invalid={problem ? 'true' : undefined}
      />
      {problem && (
        <p class="error" id={`files-problem-${caseId}`} role="alert">
          {problem}
        </p>
      )}
      <p class="check">
        <input type="checkbox" id={`no-personal-${caseId}`} name="noPersonalData" />
        <label for={`no-personal-${caseId}`}>{t('noPersonalData')}</label>
      </p>
      <ul class="uploads" aria-live="polite">
        {progress.map((row) => (
          <li key={row.name}>
            <span>{row.name}</span>
            <progress max={1} value={row.fraction} aria-label={t('uploading', { name: row.name })} />
            {row.failed && <span class="error">{t('uploadFailed', { name: row.name })}</span>}
          </li>
        ))}
      </ul>
      <button type="submit">{t('upload')}</button>
    </form>
  );
}

/** Waits (up to half a minute) until the files sent are checked. */
async function checked(caseId: string, sent: string[]): Promise<void> {
  for (let i = 0; i < 30; i++) {
    const { attachments } = await api<{ attachments: File[] }>('GET', path(caseId, '/attachments'));
    const waiting = attachments.filter((a) => sent.includes(a.attachmentId));
    if (!waiting.some((a) => a.state === 'uploading' || a.state === 'processing')) return;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

type Region = { page: number; x: number; y: number; width: number; height: number };

const percent = (fraction: number) => Math.round(fraction * 1000) / 10;
const FIELD_LABELS = {
  x: 'regionLeft',
  y: 'regionTop',
  width: 'regionWidth',
  height: 'regionHeight',
} as const;

/**
 * Regions chosen by dragging over the photo, or typed (keyboard first: four numbers and a page),
 * listed with their remove buttons, then saved as the redacted copy.
 */
function Redaction({
  caseId,
  file,
  regions,
  setRegions,
  done,
}: {
  caseId: string;
  file: File;
  regions: Region[];
  setRegions: (change: (now: Region[]) => Region[]) => void;
  done: () => void;
}) {
  const [problem, setProblem] = useState<string>();
  const pdf = file.kept?.type === 'application/pdf';
  const save = async () => {
    try {
      await api('POST', path(caseId, `/attachments/${file.attachmentId}/redaction`), { regions });
      done();
    } catch (error) {
      const fields = error instanceof ApiProblem ? error.problem.fields : undefined;
      setProblem(fields?.length ? Object.values(problemsOf(fields)).join(' ') : String(error));
    }
  };
  return (
    <section class="redaction" aria-labelledby="redaction-title">
      <h3 id="redaction-title">{t('redactTitle')}</h3>
      <p class="hint">{t('redactHint')}</p>
      <form
        class="region-form"
        aria-label={t('addRegion')}
        onSubmit={(e) => {
          e.preventDefault();
          const value = (name: string) =>
            Number((e.currentTarget.elements.namedItem(name) as HTMLInputElement).value);
          const region = {
            page: pdf ? value('page') : 1,
            x: value('x') / 100,
            y: value('y') / 100,
            width: value('width') / 100,
            height: value('height') / 100,
          };
          setRegions((now) => [...now, region]);
        }}
      >
        {pdf && (
          <label>
            {t('regionPage')}{' '}
            <input name="page" type="number" min={1} max={file.kept?.pages ?? 1} value={1} required />
          </label>
        )}
        {(['x', 'y', 'width', 'height'] as const).map((name) => (
          <label key={name}>
            {t(FIELD_LABELS[name])} <input name={name} type="number" min={0} max={100} step="any" required />
          </label>
        ))}
        <button type="submit" class="secondary">
          {t('addRegion')}
        </button>
      </form>
      <ol id="redaction-regions">
        {regions.map((r, i) => (
          <li key={`${i}-${r.x}-${r.y}`}>
            {t('regionLine', {
              n: i + 1,
              page: r.page,
              x: percent(r.x),
              y: percent(r.y),
              w: percent(r.width),
              h: percent(r.height),
            })}{' '}
            <button
              type="button"
              class="secondary"
              onClick={() => setRegions((now) => now.filter((_, j) => j !== i))}
            >
              {t('removeRegion', { n: i + 1 })}
            </button>
          </li>
        ))}
      </ol>
      {problem && (
        <p class="error" role="alert">
          {problem}
        </p>
      )}
      <button type="button" id="save-redaction" disabled={!regions.length} onClick={() => void save()}>
        {t('saveRedaction')}
      </button>
    </section>
  );
}
