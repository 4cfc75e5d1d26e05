// Domain events of the Parvis widgets: typed classes, bubbling and composed.

export interface VoteDetail {
  pollId: string;
  optionIds: readonly string[];
  other: string | null;
  /** True when the citizen changed an earlier vote. */
  changed: boolean;
}

/** Fired when the backend has recorded the citizen's vote (never on programmatic changes). */
export class ParvisVoteEvent extends Event implements VoteDetail {
  static readonly type = 'parvis-vote';
  readonly pollId: string;
  readonly optionIds: readonly string[];
  readonly other: string | null;
  readonly changed: boolean;

  constructor(detail: VoteDetail) {
    super(ParvisVoteEvent.type, { bubbles: true, composed: true });
    this.pollId = detail.pollId;
    this.optionIds = detail.optionIds;
    this.other = detail.other;
    this.changed = detail.changed;
  }
}

/** Fired when loading or sending failed; `code` is the contract's problem code or a client one. */
export class ParvisErrorEvent extends Event {
  static readonly type = 'parvis-error';
  /** e.g. `poll_closed`, `network_error`, `timeout`, `server_error`, `bad_data`. */
  readonly code: string;
  /** HTTP status; 0 when the server was not reached or the error is the widget's own. */
  readonly status: number;
  /** What failed: loading the widget or sending the citizen's answer. */
  readonly during: 'load' | 'submit';

  constructor(code: string, status: number, during: 'load' | 'submit') {
    super(ParvisErrorEvent.type, { bubbles: true, composed: true });
    this.code = code;
    this.status = status;
    this.during = during;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'parvis-vote': ParvisVoteEvent;
    'parvis-error': ParvisErrorEvent;
  }
}
