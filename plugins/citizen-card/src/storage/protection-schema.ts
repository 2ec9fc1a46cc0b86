/**
 * Residents under a support measure (DV等支援措置): the register marks them, and where they
 * shelter is then never told to their household or found by an evacuee search — only staff of
 * the DV support role see it.
 */
export const PROTECTION_SCHEMA = `
alter table resident_record add column dv_protected boolean not null default false;
`;
