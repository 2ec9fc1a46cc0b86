/**
 * The ai-concierge plugin's browser module: the resident chat component and the staff page of
 * conversation traces. Plain custom elements; answers and traces are set as text, never parsed
 * as HTML.
 */
import { ConciergeChat } from './chat.js';
import { ConciergeTraces } from './traces.js';

customElements.define('ai-concierge-chat', ConciergeChat);
customElements.define('ai-concierge-traces', ConciergeTraces);
