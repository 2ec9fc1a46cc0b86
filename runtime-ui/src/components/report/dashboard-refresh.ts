/** The engine's channel saying that records of an entity (the room) changed (engine/src/realtime/record-notices.ts). */
export const RECORDS_CHANNEL = 'records';

/** Where a dashboard hears that records changed: the portal's realtime connection (`RealtimeClient`). */
export interface RecordChangeSource {
  readonly connected: boolean;
  subscribe(channel: string, room: string, listener: () => void): () => void;
}

/**
 * A dashboard's auto-refresh: its reports run again when records of their entities change
 * (realtime notices), and every `seconds` while the realtime connection is down — the polling
 * fallback. A refresh asked for while one runs is run once after it, never overlapping.
 */
export class DashboardRefresh {
  private readonly unsubscribes: (() => void)[] = [];
  private timer: ReturnType<typeof setInterval> | undefined;
  private running = false;
  private again = false;
  private readonly refresh: () => Promise<void>;

  constructor(refresh: () => Promise<void>) {
    this.refresh = refresh;
  }

  start(source: RecordChangeSource, entities: readonly string[], seconds: number): void {
    this.stop();
    for (const entity of new Set(entities))
      this.unsubscribes.push(source.subscribe(RECORDS_CHANNEL, entity, () => this.request()));
    this.timer = setInterval(() => {
      if (!source.connected) this.request();
    }, seconds * 1000);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    for (const unsubscribe of this.unsubscribes.splice(0)) unsubscribe();
  }

  private request(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    void this.refresh()
      .catch(() => {})
      .finally(() => {
        this.running = false;
        if (!this.again) return;
        this.again = false;
        this.request();
      });
  }
}
