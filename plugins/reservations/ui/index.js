/**
 * The reservations plugin's browser module: the panel under resident profiles. A plain custom
 * element that reads through the plugin's route (the server checks the role again).
 */
import { ResidentReservationsPanel } from './resident-panel.js';

customElements.define('reservations-resident-panel', ResidentReservationsPanel);
