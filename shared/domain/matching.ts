// One case file per matter (統一建檔): who petitions (keyed hashes of the ID number and phone)
// and which matter, as fingerprints the intake transaction guards. docs/matching.md.
import { createHmac, randomUUID } from 'node:crypto';
import { isPlaceholderPhone, normaliseIdNumber, normalisePhone, type PetitionIntake } from './petition.ts';
import { normaliseText } from './text.ts';

/** Hashed identities of a petitioner: ID number and phone (when given), else name and address. */
export interface PetitionerIdentity {
  identityHashes: string[];
  /** One fingerprint per identity: the same person and the same matter give the same one. */
  matterFingerprints: string[];
}

function keyedHash(pepper: string, value: string): string {
  return createHmac('sha256', pepper).update(value).digest('base64url').slice(0, 32);
}

/**
 * The matter rule (docs/matching.md): the same petitioner (by normalised ID number or
 * phone) with the same category, township and normalised subject is the same matter.
 */
export function petitionerIdentity(
  intake: Pick<PetitionIntake, 'petitioner' | 'township' | 'category' | 'subject'>,
  pepper: string,
): PetitionerIdentity {
  const { idNumber, phone, name, address } = intake.petitioner;
  const identities = [
    ...(idNumber ? [`id:${normaliseIdNumber(idNumber)}`] : []),
    // A placeholder number (0000000) would merge strangers: it identifies nobody.
    ...(phone && !isPlaceholderPhone(phone) ? [`phone:${normalisePhone(phone)}`] : []),
  ];
  // A letter with only a postal address: the name at that address, and nothing else.
  if (identities.length === 0 && address) {
    identities.push(`address:${normaliseText(name)}|${normaliseText(address)}`);
  }
  const matter = `${intake.township}|${intake.category}|${normaliseText(intake.subject)}`;
  return {
    identityHashes: identities.map((identity) => keyedHash(pepper, identity)),
    matterFingerprints: identities.map((identity) => keyedHash(pepper, `${identity}|${matter}`)),
  };
}

/**
 * The 4 digits a petitioner gives with the receipt code (the phone's last four); stored only as
 * a keyed hash. Without a real phone there is no online check: a hash no digits can match, and the
 * written acknowledgement says to ask the bureau.
 */
export function verifierHash(phone: string | undefined, caseId: string, pepper: string): string {
  // A placeholder number (0000000) opens nothing: its last four digits are anyone's guess.
  const digits =
    phone && !isPlaceholderPhone(phone) ? normalisePhone(phone).slice(-4) : `none:${randomUUID()}`;
  return keyedHash(pepper, `verifier:${caseId}:${digits}`);
}

export function verifierHashOfDigits(digits: string, caseId: string, pepper: string): string {
  return keyedHash(pepper, `verifier:${caseId}:${digits}`);
}
