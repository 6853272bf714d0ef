/** Pure helpers of the roles tab: what the admin may compose a custom role of. */

export interface Permission { object: string; action: string; default: boolean; allowed: boolean; narrowed: boolean }
export interface RoleView { key: string; role: string; customRoleID?: string | null; retired: boolean; permissions: Permission[] }

export const permissionKey = (p: { object: string; action: string }) => `${p.object}:${p.action}`;

/**
 * The permissions a custom role may be made of: those some built-in role has
 * by default and the admin holds themselves (the server refuses the rest).
 */
export function composable(roles: RoleView[], can: (object: string, action: string) => boolean): string[] {
  const out = new Set<string>();
  for (const r of roles) {
    if (r.customRoleID) continue;
    for (const p of r.permissions) if (p.default && can(p.object, p.action)) out.add(permissionKey(p));
  }
  return [...out].sort();
}

/** How many of a role's default permissions the community took away. */
export const narrowedCount = (r: RoleView) => r.permissions.filter((p) => p.narrowed).length;

/** A role chosen in a form: a built-in role by name, or the community's own by its ID (role CUSTOM). */
export function roleChoice(value: string, customIDs: string[]): { role: string; customRoleID: string | null } {
  return customIDs.includes(value) ? { role: 'CUSTOM', customRoleID: value } : { role: value, customRoleID: null };
}
