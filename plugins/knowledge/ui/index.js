/**
 * The knowledge plugin's browser module: the resident smart FAQ page component and the staff
 * catalogue. Plain custom elements that act through the plugin's actions and routes; text is
 * set, never parsed as HTML.
 */
import { KnowledgeCatalogue } from './catalogue.js';
import { SmartFaq } from './smart-faq.js';

customElements.define('knowledge-smart-faq', SmartFaq);
customElements.define('knowledge-catalogue', KnowledgeCatalogue);
