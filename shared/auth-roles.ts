// The staff roles, apart from token verification so configuration and the console can name
// them without the JWT library.
export const STAFF_ROLES = [
  'clerk',
  'official',
  'department',
  'supervisor',
  'admin',
  'auditor',
  // The archive officer (檔案員): holds, restricted look-ups, disposal lists.
  'archivist',
  // Leaders who sign opinions off: the one in charge (分管領導) and the head (主要領導).
  'deputy_head',
  'head',
] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
