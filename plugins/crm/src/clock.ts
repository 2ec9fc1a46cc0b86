/** The time the plugin decides by (back-off, SLA, overdue); tests pass one they move forward. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
