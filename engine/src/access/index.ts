export { AccessError } from './access-error.ts';
export {
  type ApiTokenListing,
  createApiToken,
  listApiTokens,
  resolveApiToken,
  revokeApiToken,
} from './api-tokens.ts';
export {
  type AuditAction,
  type AuditEntry,
  type AuditInput,
  type AuditQuery,
  insertAuditsStatement,
  listAudit,
  recordAudit,
  recordAudits,
} from './audit.ts';
export { resolveBearer } from './authenticate.ts';
export { checkWritable, filterVisible } from './field-access.ts';
export {
  checkPasswordPolicy,
  hashPassword,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  verifyPassword,
} from './passwords.ts';
export { personalFieldsIn, shouldAuditRead } from './personal-data.ts';
export {
  type AccessPolicy,
  ADMIN_ROLE,
  type Authorization,
  createAccessPolicy,
  type PolicyPrincipal,
} from './policy.ts';
export { PRINCIPAL_KINDS, type Principal, type PrincipalKind } from './principal-row.ts';
export {
  authenticatePassword,
  createPrincipal,
  findEnabledPrincipal,
  findPrincipalById,
  listPrincipals,
  type NewPrincipal,
  normalizeUsername,
  type PrincipalListing,
  setAttributes,
  setPassword,
  setPrincipalDisabled,
  setRoles,
} from './principals.ts';
export { assertProductionDatabase } from './production-database.ts';
export { EMPTY_PROFILE, type Profile, readProfile, writeProfile } from './profiles.ts';
export {
  bindPrincipal,
  type FilterPrincipal,
  type FilterReferences,
  filterReferences,
  matchesFilter,
  matchesRowFilters,
  PRINCIPAL_PLACEHOLDER_PREFIX,
  principalAttribute,
  referenceOf,
  USER_PLACEHOLDER,
} from './row-filters.ts';
export { SESSION_COOKIE } from './session-cookie.ts';
export { createSession, resolveSession, revokePrincipalSessions, revokeSession } from './sessions.ts';
export {
  ASSURANCE_LEVELS,
  type AssuranceLevel,
  createSignInSession,
  isAssuranceLevel,
  meetsAssurance,
  type SessionSignIn,
  type SignIn,
} from './sign-in.ts';
export { ACCESS_SCHEMA_SQL } from './system-tables.ts';
export { clearAttempts, countAttempt, lockedFor, type ThrottleKey, type ThrottleRule } from './throttle.ts';
export { API_TOKEN_PREFIX } from './tokens.ts';
