// Corrections by a clerk (更正): the category, township, the bodies complained about, the
// matter's text and the petitioner's contact details, each with a reason. The matter's
// fingerprints, the petitioner index, the receipt's verifier and the counters follow.
import type { Bilingual } from '../errors.ts';
import { ConflictError } from '../errors.ts';
import type { CaseFile, PersonalRecord } from './case.ts';
import { isOpen } from './work-queues.ts';

export interface Correction {
  reason: string;
  category?: string | undefined;
  township?: string | undefined;
  complainsAbout?: string[] | undefined;
  subject?: string | undefined;
  description?: string | undefined;
  phone?: string | undefined;
  address?: string | undefined;
}

const MATTER_FIELDS = ['category', 'township', 'complainsAbout', 'subject', 'description'] as const;
const CONTACT_FIELDS = ['phone', 'address'] as const;

export interface Corrected {
  next: CaseFile;
  personal: PersonalRecord;
  /** Matter fields changed, with what they were and are (no personal data). */
  matter: Record<string, { from: unknown; to: unknown }>;
  /** Contact fields changed (names only: the values are personal data). */
  contact: string[];
}

const refuse = (message: Bilingual) => new ConflictError(message);
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export function correct(caseFile: CaseFile, personal: PersonalRecord, correction: Correction): Corrected {
  if (!isOpen(caseFile)) {
    throw refuse({ zh: '已辦結的案件不能更正。', en: 'A resolved case cannot be corrected.' });
  }
  const handling = [caseFile.handlingDepartment, ...(caseFile.assistingDepartments ?? [])];
  if (correction.complainsAbout?.some((d) => handling.includes(d))) {
    throw refuse({
      zh: '被反映的部門正在辦理此案，請先改派（《信訪工作條例》第30條）。',
      en: 'A department handling the case cannot be one it complains about; reassign it first (art. 30).',
    });
  }
  const matter: Corrected['matter'] = {};
  const next: CaseFile = { ...caseFile };
  for (const field of MATTER_FIELDS) {
    const value = correction[field];
    if (value === undefined || same(value, caseFile[field])) continue;
    matter[field] = { from: caseFile[field] ?? null, to: value };
    Object.assign(next, { [field]: value });
  }
  const contact: string[] = [];
  const petitioner = { ...personal.petitioner };
  const replaced: NonNullable<PersonalRecord['formerContacts']> = [];
  for (const field of CONTACT_FIELDS) {
    const value = correction[field];
    if (value === undefined || same(value, petitioner[field])) continue;
    contact.push(field);
    const former = petitioner[field];
    if (former) replaced.push({ [field]: former });
    petitioner[field] = value;
  }
  if (Object.keys(matter).length === 0 && contact.length === 0) {
    throw refuse({ zh: '沒有需要更正的內容。', en: 'Nothing differs from the case as it stands.' });
  }
  // The old values may be quoted in the file: a disposal must still find them.
  const formerContacts = [...(personal.formerContacts ?? []), ...replaced];
  return {
    next,
    personal: { ...personal, petitioner, ...(formerContacts.length && { formerContacts }) },
    matter,
    contact,
  };
}
