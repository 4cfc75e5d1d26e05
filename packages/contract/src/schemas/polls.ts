import { z } from '@hono/zod-openapi';
import { AllowedOrigins, DateTime, Slug, TimeZone } from './common.js';

export const limits = {
  questionLength: 300,
  descriptionLength: 2000,
  optionLabelLength: 200,
  maxOptions: 30,
  otherLength: 500,
} as const;

export const PollOption = z
  .object({
    id: Slug,
    label: z.string().trim().min(1).max(limits.optionLabelLength),
  })
  .openapi('PollOption');

export const ResultsVisibility = z
  .enum(['always', 'after-vote', 'after-close', 'never'])
  .openapi('ResultsVisibility', {
    description:
      'When participants see the results: always; once they voted; once the poll closed; never (administrators only).',
  });

export const Participation = z.enum(['anonymous', 'verified']).openapi('Participation', {
  description:
    "anonymous: one vote per browser with an anonymous token; verified: only tokens of the city's identity provider (one vote per person).",
});

export const PollStatus = z.enum(['upcoming', 'open', 'closed']).openapi('PollStatus', {
  description: 'Derived from opensAt/closesAt and the server clock.',
});

const pollFields = {
  question: z.string().trim().min(1).max(limits.questionLength),
  description: z.string().trim().max(limits.descriptionLength).default(''),
  choice: z.enum(['single', 'multiple']).default('single'),
  minChoices: z.number().int().min(1).max(limits.maxOptions).default(1),
  maxChoices: z.number().int().min(1).max(limits.maxOptions).default(1),
  options: z.array(PollOption).min(2).max(limits.maxOptions),
  otherLabel: z
    .string()
    .trim()
    .min(1)
    .max(limits.optionLabelLength)
    .nullable()
    .default(null)
    .openapi({
      description: 'When set, participants may add a free-text answer under this label.',
    }),
  opensAt: DateTime.nullable().default(null),
  closesAt: DateTime.nullable().default(null),
  resultsVisibility: ResultsVisibility.default('after-vote'),
  allowVoteChange: z.boolean().default(false),
  participation: Participation.default('anonymous'),
  allowedOrigins: AllowedOrigins.default(null),
  timeZone: TimeZone.default('Europe/Paris'),
  privacyUrl: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .nullable()
    .default(null),
};

export const Poll = z
  .object({
    id: Slug,
    organisationId: Slug,
    question: z.string(),
    description: z.string(),
    choice: z.enum(['single', 'multiple']),
    minChoices: z.number().int(),
    maxChoices: z.number().int(),
    options: z.array(PollOption),
    otherLabel: z.string().nullable(),
    opensAt: DateTime.nullable(),
    closesAt: DateTime.nullable(),
    resultsVisibility: ResultsVisibility,
    allowVoteChange: z.boolean(),
    participation: Participation,
    allowedOrigins: z.array(z.string()).nullable(),
    timeZone: z.string(),
    privacyUrl: z.string().nullable(),
    createdAt: DateTime,
    updatedAt: DateTime,
  })
  .openapi('Poll');

function checkChoiceBounds(
  value: {
    choice?: 'single' | 'multiple';
    minChoices?: number;
    maxChoices?: number;
    options?: { id: string }[];
  },
  ctx: z.RefinementCtx,
): void {
  if (value.choice === 'single' && (value.minChoices !== 1 || value.maxChoices !== 1)) {
    ctx.addIssue({
      code: 'custom',
      path: ['maxChoices'],
      message: 'a single-choice poll takes exactly one answer',
    });
  }
  if (
    value.minChoices !== undefined &&
    value.maxChoices !== undefined &&
    value.minChoices > value.maxChoices
  ) {
    ctx.addIssue({
      code: 'custom',
      path: ['minChoices'],
      message: 'minChoices is greater than maxChoices',
    });
  }
  if (value.options) {
    const ids = new Set(value.options.map((o) => o.id));
    if (ids.size !== value.options.length) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'option ids must be unique' });
    }
    if (value.maxChoices !== undefined && value.maxChoices > value.options.length + 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['maxChoices'],
        message: 'maxChoices exceeds the number of answers',
      });
    }
  }
}

export const PollInput = z
  .strictObject({ id: Slug, organisationId: Slug.default('default'), ...pollFields })
  .superRefine((value, ctx) => {
    checkChoiceBounds(value, ctx);
    if (
      value.opensAt &&
      value.closesAt &&
      Date.parse(value.opensAt) >= Date.parse(value.closesAt)
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['closesAt'],
        message: 'closesAt must be after opensAt',
      });
    }
  })
  .openapi('PollInput', { description: 'A new poll. Omitted fields take their defaults.' });

export const PollPatch = z
  .strictObject({
    question: pollFields.question.optional(),
    description: z.string().trim().max(limits.descriptionLength).optional(),
    choice: z.enum(['single', 'multiple']).optional(),
    minChoices: z.number().int().min(1).max(limits.maxOptions).optional(),
    maxChoices: z.number().int().min(1).max(limits.maxOptions).optional(),
    options: pollFields.options.optional(),
    otherLabel: z.string().trim().min(1).max(limits.optionLabelLength).nullable().optional(),
    opensAt: DateTime.nullable().optional(),
    closesAt: DateTime.nullable().optional(),
    resultsVisibility: ResultsVisibility.optional(),
    allowVoteChange: z.boolean().optional(),
    participation: Participation.optional(),
    allowedOrigins: AllowedOrigins.optional(),
    timeZone: TimeZone.optional(),
    privacyUrl: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .nullable()
      .optional(),
  })
  .openapi('PollPatch', {
    description:
      'Fields to change. Once votes exist, options can be relabelled or added but not removed, and choice rules are locked (poll_locked).',
  });

export const VoteInput = z
  .strictObject({
    optionIds: z.array(Slug).max(limits.maxOptions),
    other: z.string().trim().min(1).max(limits.otherLength).optional(),
  })
  .openapi('VoteInput', {
    description:
      'The chosen option ids, and the free-text answer when the poll has one. The free text counts as one choice.',
  });

export const Vote = z
  .object({
    optionIds: z.array(z.string()),
    other: z.string().nullable(),
    votedAt: DateTime,
  })
  .openapi('Vote', { description: "The participant's own vote." });

export const PollResults = z
  .object({
    voters: z.number().int().min(0).openapi({ description: 'Participants who voted.' }),
    options: z.array(z.object({ id: z.string(), votes: z.number().int().min(0) })),
    other: z.number().int().min(0).openapi({ description: 'Votes with a free-text answer.' }),
  })
  .openapi('PollResults');

export const PollView = z
  .object({
    poll: Poll,
    status: PollStatus,
    myVote: Vote.nullable(),
    results: PollResults.nullable().openapi({
      description: 'Null when the results are not visible to this participant yet.',
    }),
    canVote: z.boolean().openapi({
      description: 'The poll is open and this participant may vote or change their vote.',
    }),
  })
  .openapi('PollView', {
    description: 'Everything a widget needs to render a poll, in one request.',
  });

export const OtherAnswer = z.object({ text: z.string(), votedAt: DateTime }).openapi('OtherAnswer');

export const OtherAnswerList = z.object({ items: z.array(OtherAnswer) }).openapi('OtherAnswerList');

export const PollList = z.object({ items: z.array(Poll) }).openapi('PollList');
