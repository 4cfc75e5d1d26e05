// The idea board's domain event. Kept beside the widget (not in shared/events.ts) so a page
// without an idea board does not download it.

export interface IdeaDetail {
  boardId: string;
  ideaId: string;
  /** `published`, or `pending` when the board is pre-moderated. */
  status: string;
}

/** Fired when the backend has recorded the citizen's proposal (never on programmatic changes). */
export class ParvisIdeaEvent extends Event implements IdeaDetail {
  static readonly type = 'parvis-idea';
  readonly boardId: string;
  readonly ideaId: string;
  readonly status: string;

  constructor(detail: IdeaDetail) {
    super(ParvisIdeaEvent.type, { bubbles: true, composed: true });
    this.boardId = detail.boardId;
    this.ideaId = detail.ideaId;
    this.status = detail.status;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'parvis-idea': ParvisIdeaEvent;
  }
}
