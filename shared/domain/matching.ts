// One case file per matter (統一建檔): who petitions (keyed hashes of the ID number and phone)
// and which matter, as fingerprints the intake transaction guards. docs/matching.md.
import { randomUUID } from 'node:crypto';
import { keyedHash, type PepperRing, versionsOf } from './pepper-ring.ts';
import { isPlaceholderPhone, normaliseIdNumber, normalisePhone, type PetitionIntake } from './petition.ts';
import { normaliseText } from './text.ts';

/** Hashed identities of a petitioner: ID number and phone (when given), else name and address. */
export interface PetitionerIdentity {
  /** Under the current pepper: what a new or corrected case file writes. */
  identityHashes: string[];
  /** One fingerprint per identity: the same person and the same matter give the same one. */
  matterFingerprints: string[];
  /** Under every other live pepper: what lookups also try, and a correction removes. */
  former: { identityHashes: string[]; matterFingerprints: string[] };
}

/**
 * The matter rule (docs/matching.md): the same petitioner (by normalised ID number or
 * phone) with the same category, township and normalised subject is the same matter.
 */
export function petitionerIdentity(
  intake: Pick<PetitionIntake, 'petitioner' | 'township' | 'category' | 'subject'>,
  peppers: PepperRing,
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
  const under = (version: string) => ({
    identityHashes: identities.map((identity) => keyedHash(peppers, version, identity)),
    matterFingerprints: identities.map((identity) => keyedHash(peppers, version, `${identity}|${matter}`)),
  });
  const [current, ...others] = versionsOf(peppers).map(under);
  return {
    ...(current as ReturnType<typeof under>),
    former: {
      identityHashes: others.flatMap((hashes) => hashes.identityHashes),
      matterFingerprints: others.flatMap((hashes) => hashes.matterFingerprints),
    },
  };
}

/** A hash and its forms under the other live peppers: all a lookup must try. */
export const everyForm = (identity: PetitionerIdentity, kind: 'identityHashes' | 'matterFingerprints') => [
  ...identity[kind],
  ...identity.former[kind],
];

/**
 * The 4 digits a petitioner gives with the receipt code (the phone's last four); stored only as
 * a keyed hash. Without a real phone there is no online check: a hash no digits can match, and the
 * written acknowledgement says to ask the bureau.
 */
export function verifierHash(phone: string | undefined, caseId: string, peppers: PepperRing): string {
  // A placeholder number (0000000) opens nothing: its last four digits are anyone's guess.
  const digits =
    phone && !isPlaceholderPhone(phone) ? normalisePhone(phone).slice(-4) : `none:${randomUUID()}`;
  return keyedHash(peppers, peppers.current, `verifier:${caseId}:${digits}`);
}

/**
 * The digits given, hashed under the pepper the stored hash was made with (the current one when
 * there is none, or its pepper was retired): the same work whether or not anything matches.
 */
export function verifierHashOfDigits(
  digits: string,
  caseId: string,
  peppers: PepperRing,
  stored?: string,
): string {
  const version = stored?.slice(0, stored.indexOf('.'));
  const live = version && peppers.versions[version] ? version : peppers.current;
  return keyedHash(peppers, live, `verifier:${caseId}:${digits}`);
}
