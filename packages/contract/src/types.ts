// Type-only view of the contract: importing this file costs a browser nothing.
import type { z } from '@hono/zod-openapi';
import type { Problem, ProblemCode } from './schemas/problem.js';
import type { ParticipantSession } from './schemas/participants.js';
import type {
  OtherAnswer,
  Participation,
  Poll,
  PollInput,
  PollOption,
  PollPatch,
  PollResults,
  PollStatus,
  PollView,
  ResultsVisibility,
  Vote,
  VoteInput,
} from './schemas/polls.js';

export type Problem = z.infer<typeof Problem>;
export type ProblemCode = z.infer<typeof ProblemCode>;
export type ParticipantSession = z.infer<typeof ParticipantSession>;
export type Poll = z.infer<typeof Poll>;
export type PollOption = z.infer<typeof PollOption>;
export type PollInput = z.input<typeof PollInput>;
export type PollDefinition = z.output<typeof PollInput>;
export type PollPatch = z.infer<typeof PollPatch>;
export type PollResults = z.infer<typeof PollResults>;
export type PollStatus = z.infer<typeof PollStatus>;
export type PollView = z.infer<typeof PollView>;
export type ResultsVisibility = z.infer<typeof ResultsVisibility>;
export type Vote = z.infer<typeof Vote>;
export type VoteInput = z.infer<typeof VoteInput>;
export type OtherAnswer = z.infer<typeof OtherAnswer>;
export type Participation = z.infer<typeof Participation>;
