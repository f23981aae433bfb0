// What every screen knows: the region's names (public configuration) and who is signed in.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { StaffRole } from '../../../shared/auth-roles.ts';
import { instantOfLocalTime, localDate, localDateTime } from '../../../shared/domain/local-time.ts';
import { inLanguage, type Named } from './text.ts';

export interface Region {
  region: Named & { timeZone: string };
  townships: Named[];
  categories: Named[];
  departments: Named[];
  officials: Array<{ id: string; name: string; title: { zh: string; en: string } }>;
  channels: string[];
}

export interface Me {
  sub: string;
  roles: StaffRole[];
  officialId: string | null;
  department: string | null;
}

export interface Desk {
  region: Region;
  me: Me;
}

export const DeskContext = createContext<Desk | undefined>(undefined);

export function useDesk(): Desk & {
  has: (...roles: StaffRole[]) => boolean;
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
    has: (...roles) => desk.me.roles.some((r) => roles.includes(r)),
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
