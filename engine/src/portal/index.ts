export { type CatalogEntity, type Portal, type PortalCatalog, portalCatalog, visiblePages } from './catalog.ts';
export { serveUi } from './static-ui.ts';
