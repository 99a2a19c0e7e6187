// The API key lives in sessionStorage only: it disappears with the tab and never appears in a URL.
const KEY = 'enhancer.apiKey';
const ROLE = 'enhancer.role';
const REVIEWER = 'enhancer.reviewerName';

export const session = {
  key: () => sessionStorage.getItem(KEY),
  role: () => sessionStorage.getItem(ROLE),
  reviewerName: () => sessionStorage.getItem(REVIEWER) || 'admin-ui',
  signIn(key, role, reviewerName) {
    sessionStorage.setItem(KEY, key);
    sessionStorage.setItem(ROLE, role);
    if (reviewerName) sessionStorage.setItem(REVIEWER, reviewerName);
    else sessionStorage.removeItem(REVIEWER);
  },
  signOut() {
    sessionStorage.removeItem(KEY);
    sessionStorage.removeItem(ROLE);
    sessionStorage.removeItem(REVIEWER);
  },
  signedIn: () => Boolean(sessionStorage.getItem(KEY)),
};

/** Which screens a role may open; mirrors the connector's @AllowedRoles (admin may do everything). */
export const SCREENS_BY_ROLE = {
  admin: ['review', 'dashboard', 'images', 'batches', 'import', 'presets', 'deliveries', 'dead-letters'],
  reviewer: ['review', 'dashboard', 'images', 'batches', 'presets'],
  integration: ['dashboard', 'images', 'batches', 'import', 'presets'],
};

export function canOpen(screen) {
  return (SCREENS_BY_ROLE[session.role()] || []).includes(screen);
}

/** Writes (create batch, edit presets) the role may do, beyond reading. */
export function canWrite(what) {
  const role = session.role();
  if (role === 'admin') return true;
  if (what === 'batches' || what === 'import') return role === 'integration';
  if (what === 'renditions') return role === 'reviewer' || role === 'integration';
  return false;
}
