// The staff roles, apart from token verification so configuration and the console can name
// them without the JWT library.
export const STAFF_ROLES = ['clerk', 'official', 'department', 'supervisor', 'admin', 'auditor'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
