// What every screen knows: the region's names (public configuration) and who is signed in.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { StaffRole } from '../../../shared/auth-roles.ts';
import { instantOfLocalTime, localDate, localDateTime } from '../../../shared/domain/local-time.ts';
import type { Me, Officials, PublicConfig } from './answers.ts';
import { inLanguage } from './text.ts';

/** The region's public configuration and its officials, read at sign-in. */
export type Region = PublicConfig & Officials;
export type { Me };

export interface Desk {
  region: Region;
  me: Me;
  /** Each operation's roles, as the API publishes them (x-roles of /openapi.json). */
  operations: Record<string, readonly StaffRole[]>;
}

/** The roles of each staff operation, read from the API's own contract: the console keeps no copy. */
export function operationRoles(document: {
  paths: Record<string, Record<string, { operationId?: string; 'x-roles'?: StaffRole[] }>>;
}): Desk['operations'] {
  return Object.fromEntries(
    Object.values(document.paths).flatMap((methods) =>
      Object.values(methods).flatMap((op) => (op.operationId ? [[op.operationId, op['x-roles'] ?? []]] : [])),
    ),
  );
}

export const DeskContext = createContext<Desk | undefined>(undefined);

export function useDesk(): Desk & {
  /** Whether the API admits this person to the operation (by its operationId). */
  may: (operationId: string) => boolean;
  nameOf: (list: 'townships' | 'categories' | 'departments', code: string | null | undefined) => string;
  officialName: (id: string | null | undefined) => string;
  options: (list: 'townships' | 'categories' | 'departments') => Array<[string, string]>;
  /** Today in the region (its dates are local to it, wherever the browser is). */
  today: () => string;
  /** An instant as the region's date (YYYY-MM-DD): never the UTC date. */
  localDate: (instant: string) => string;
  /** An instant as the region's date and time (YYYY-MM-DD HH:mm). */
  localTime: (instant: string) => string;
  /** Now as a datetime-local field shows it in the region, and such a field's value as an instant. */
  nowForInput: () => string;
  instantOfInput: (local: string) => string;
} {
  const desk = useContext(DeskContext);
  if (!desk) throw new Error('useDesk outside the console');
  const zone = desk.region.region.timeZone;
  return {
    ...desk,
    may: (operationId) => mayCall(desk, operationId),
    nameOf: (list, code) => {
      const found = desk.region[list].find((n) => n.code === code);
      return found ? inLanguage(found.name) : (code ?? '');
    },
    officialName: (id) => {
      const found = desk.region.officials.find((o) => o.id === id);
      return found ? `${found.name}（${inLanguage(found.title)}）` : (id ?? '');
    },
    options: (list) => desk.region[list].map((n) => [n.code, inLanguage(n.name)]),
    today: () => localDate(new Date(), zone),
    localDate: (instant) => localDate(instant, zone),
    localTime: (instant) => localDateTime(instant, zone).replace('T', ' '),
    nowForInput: () => localDateTime(new Date(), zone),
    instantOfInput: (local) => instantOfLocalTime(local, zone).toISOString(),
  };
}

export const mayCall = (desk: Desk, operationId: string) =>
  (desk.operations[operationId] ?? []).some((role) => desk.me.roles.includes(role));
