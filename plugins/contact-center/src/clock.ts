/** What time it is for SLAs and rate windows; tests pass one they move. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
