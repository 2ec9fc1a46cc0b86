/**
 * The ai-concierge plugin's browser module: the resident chat component. A plain custom
 * element that asks through the plugin's `ask` action; answers are set as text, never parsed
 * as HTML.
 */
import { ConciergeChat } from './chat.js';

customElements.define('ai-concierge-chat', ConciergeChat);
