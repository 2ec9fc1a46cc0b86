/**
 * What the detail view shows of a record's workflow. The workflow API is still being built;
 * these plain shapes are what a loader hands over until it exists.
 */
export interface WorkflowView {
  state: string;
  stateLabel: string;
  transitions: { name: string; label: string }[];
}

export interface HistoryEntry {
  /** An ISO instant. */
  at: string;
  actor: string;
  from?: string;
  to?: string;
  comment?: string;
}

/** Detail of `kiban-transition`: the transition the staff member or resident chose. */
export interface KibanTransitionDetail {
  name: string;
}
