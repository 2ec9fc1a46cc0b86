/**
 * The portals import this module; the elements themselves are in the bundle the plugin builds
 * from `ui-src/` (Lit, jose, @sd-jwt, qrcode, jsQR) and serves publicly, so the offline pages
 * and the portals run the same code.
 */
import '/api/public/citizen-card/app.js';
