// One case file per matter (統一建檔): who petitions (keyed hashes of the ID number and phone)
// and which matter, as fingerprints the intake transaction guards. docs/matching.md.
import { createHmac } from 'node:crypto';
import { normaliseIdNumber, normalisePhone, type PetitionIntake } from './petition.ts';
import { normaliseText } from './text.ts';

/** Hashed identities of a petitioner: ID number (when given) and phone. */
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
  const identities = [
    ...(intake.petitioner.idNumber ? [`id:${normaliseIdNumber(intake.petitioner.idNumber)}`] : []),
    `phone:${normalisePhone(intake.petitioner.phone)}`,
  ];
  const matter = `${intake.township}|${intake.category}|${normaliseText(intake.subject)}`;
  return {
    identityHashes: identities.map((identity) => keyedHash(pepper, identity)),
    matterFingerprints: identities.map((identity) => keyedHash(pepper, `${identity}|${matter}`)),
  };
}

/** The 4 digits a petitioner gives with the receipt code; stored only as a keyed hash. */
export function verifierHash(phone: string, caseId: string, pepper: string): string {
  return keyedHash(pepper, `verifier:${caseId}:${normalisePhone(phone).slice(-4)}`);
}

export function verifierHashOfDigits(digits: string, caseId: string, pepper: string): string {
  return keyedHash(pepper, `verifier:${caseId}:${digits}`);
}
