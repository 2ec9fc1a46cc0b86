export { type CatalogEntity, type Portal, type PortalCatalog, portalCatalog, visiblePages } from './catalog.ts';
export type { CatalogRecordPanel, CatalogStaffPage } from './plugin-contributions.ts';
export { serveUi, type UiDirectories } from './static-ui.ts';
