/**
 * The knowledge plugin's browser module: the resident smart FAQ page component. A plain
 * custom element that acts through the plugin's actions; text is set, never parsed as HTML.
 */
import { SmartFaq } from './smart-faq.js';

customElements.define('knowledge-smart-faq', SmartFaq);
