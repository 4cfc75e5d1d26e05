import { z } from '@hono/zod-openapi';
import { AllowedOrigins, DateTime, Slug, TimeZone } from './common.js';
import { Participation, PollStatus, ResultsVisibility } from './polls.js';
import { checkBudgetDefinition } from './budget-definition.js';

/**
 * Limits of budgets. Money is always an integer number of cents (minor units), never a float.
 * `maxAmount` (100 G€) keeps every sum of a budget an exact JavaScript integer.
 */
export const budgetLimits = {
  titleLength: 300,
  descriptionLength: 5000,
  labelLength: 200,
  lineDescriptionLength: 500,
  messageLength: 500,
  unitLabelLength: 60,
  districtLength: 100,
  maxLines: 100,
  maxProjects: 200,
  /** Steps of one line: (max − min) / step. Results keep one counter per reachable value. */
  maxStepsPerLine: 10_000,
  /** The largest amount, in cents, of a total, a cost, a line's value or its contribution. */
  maxAmount: 10_000_000_000_000,
} as const;

const Amount = z.number().int().min(0).max(budgetLimits.maxAmount);
const SignedValue = z.number().int().min(-budgetLimits.maxAmount).max(budgetLimits.maxAmount);
const HttpsUrl = z
  .url({ protocol: /^https$/ })
  .max(2000)
  .nullable();
const HttpUrl = z
  .url({ protocol: /^https?$/ })
  .max(2000)
  .nullable();
const Text = (max: number) => z.string().trim().max(max);
const Label = (max: number) => z.string().trim().min(1).max(max);

export const BudgetMode = z.enum(['allocate', 'select']).openapi('BudgetMode', {
  description:
    'allocate: participants move sliders over spending (and revenue) lines under a balance rule; select: participants pick projects within a cap (participatory budget ballot).',
});

export const BudgetStatus = PollStatus;

export const BudgetUnit = z
  .discriminatedUnion('type', [
    z.strictObject({
      type: z.literal('money'),
      display: z.enum(['€', 'k€', 'M€']).openapi({
        description: 'How to show the value; the value itself is always in cents.',
      }),
    }),
    z.strictObject({
      type: z.literal('percent'),
      amountPerUnit: z.number().int().min(1).max(budgetLimits.maxAmount).openapi({
        description: 'Cents brought or spent by one percentage point.',
      }),
    }),
    z.strictObject({
      type: z.literal('custom'),
      label: Label(budgetLimits.unitLabelLength).openapi({ example: 'km de piste cyclable' }),
      amountPerUnit: z.number().int().min(1).max(budgetLimits.maxAmount).openapi({
        description: 'Cents brought or spent by one unit.',
      }),
    }),
  ])
  .openapi('BudgetUnit', {
    description: [
      'money: values are cents, shown in €, k€ or M€; a value of 150000 is 1 500 €.',
      'percent and custom: values are integers in hundredths of the unit (425 = 4.25 % or 4.25 km), and a value counts for value × amountPerUnit / 100 cents in the balance.',
      'A definition is refused unless min × amountPerUnit and step × amountPerUnit are multiples of 100, so every allowed value counts for a whole number of cents.',
    ].join(' '),
  });

export const BudgetLine = z
  .strictObject({
    id: Slug,
    label: Label(budgetLimits.labelLength),
    description: Text(budgetLimits.lineDescriptionLength).default(''),
    moreUrl: HttpUrl.default(null).openapi({ description: 'A page explaining the line.' }),
    kind: z.enum(['expense', 'revenue']).openapi({
      description: 'Revenue lines add to the money available; expense lines spend it.',
    }),
    unit: BudgetUnit,
    min: SignedValue,
    max: SignedValue,
    step: z.number().int().min(1).max(budgetLimits.maxAmount),
    default: SignedValue.openapi({ description: 'Where the slider starts (e.g. this year).' }),
  })
  .openapi('BudgetLine', {
    description: `One slider. min ≤ default ≤ max; (max − min) and (default − min) are multiples of step; at most ${budgetLimits.maxStepsPerLine} steps. Values are in the unit's minor units (see BudgetUnit).`,
  });

export const BalanceRule = z
  .strictObject({
    rule: z.enum(['exact', 'max', 'margin']),
    margin: Amount.default(0).openapi({ description: "Cents; used by 'margin' only." }),
  })
  .openapi('BalanceRule', {
    description: [
      'With remaining = total + revenue contributions − expense contributions (cents):',
      'exact: remaining must be 0; max: remaining ≥ 0 (spending must not exceed what is available);',
      'margin: −margin ≤ remaining ≤ margin.',
    ].join(' '),
  });

export const BudgetMessages = z
  .strictObject({
    surplus: Text(budgetLimits.messageLength).nullable().default(null),
    balanced: Text(budgetLimits.messageLength).nullable().default(null),
    deficit: Text(budgetLimits.messageLength).nullable().default(null),
  })
  .openapi('BudgetMessages', {
    description:
      "The city's words for a participant whose remaining amount is positive, zero or negative.",
  });

export const BudgetProject = z
  .strictObject({
    id: Slug,
    title: Label(budgetLimits.labelLength),
    description: Text(2000).default(''),
    cost: z.number().int().min(1).max(budgetLimits.maxAmount).openapi({ description: 'Cents.' }),
    imageUrl: HttpsUrl.default(null).openapi({ description: 'https only.' }),
    district: Label(budgetLimits.districtLength).nullable().default(null),
  })
  .openapi('BudgetProject');

const commonFields = {
  title: Label(budgetLimits.titleLength),
  description: Text(budgetLimits.descriptionLength).default(''),
  opensAt: DateTime.nullable().default(null),
  closesAt: DateTime.nullable().default(null),
  resultsVisibility: ResultsVisibility.default('after-vote'),
  allowChange: z.boolean().default(false).openapi({
    description: 'A participant may replace their submission until the budget closes.',
  }),
  participation: Participation.default('anonymous'),
  allowedOrigins: AllowedOrigins.default(null),
  timeZone: TimeZone.default('Europe/Paris'),
  privacyUrl: HttpUrl.default(null),
};

const allocateFields = {
  mode: z.literal('allocate'),
  total: Amount.openapi({
    description: 'Cents available before revenue lines (0 when revenue lines bring everything).',
  }),
  balance: BalanceRule,
  messages: BudgetMessages.default({ surplus: null, balanced: null, deficit: null }),
  lines: z.array(BudgetLine).min(1).max(budgetLimits.maxLines),
};

const selectFields = {
  mode: z.literal('select'),
  total: Amount.min(1).openapi({ description: 'The cap, in cents.' }),
  minSpendShare: z.number().int().min(0).max(100).default(0).openapi({
    description: 'A ballot must spend at least this percentage of the cap (integer, 0–100).',
  }),
  minProjects: z.number().int().min(0).max(budgetLimits.maxProjects).default(1),
  maxProjects: z
    .number()
    .int()
    .min(1)
    .max(budgetLimits.maxProjects)
    .default(budgetLimits.maxProjects),
  projects: z.array(BudgetProject).min(1).max(budgetLimits.maxProjects),
};

const definitionDescription = [
  'A new budget. Omitted fields take their defaults. Besides each field, the server checks:',
  'unique line and project ids; per line min ≤ default ≤ max, (max − min) and (default − min) multiples of step,',
  `at most ${budgetLimits.maxStepsPerLine} steps, whole cents per step (percent and custom units), every contribution at most maxAmount;`,
  'that the balance rule can be met: the range of reachable remaining amounts meets the accepted range at a value reachable with the lines’ step granularity (their greatest common divisor);',
  'for select, no project costs more than the cap, minProjects ≤ maxProjects ≤ number of projects, the minProjects cheapest projects fit within the cap, and the maxProjects dearest projects reach the minimum spend.',
].join(' ');

const base = { id: Slug, organisationId: Slug.default('default'), ...commonFields };

export const BudgetInput = z
  .discriminatedUnion('mode', [
    z.strictObject({ ...base, ...allocateFields }),
    z.strictObject({ ...base, ...selectFields }),
  ])
  .superRefine(checkBudgetDefinition)
  .openapi('BudgetInput', { description: definitionDescription });

const stored = {
  id: z.string(),
  organisationId: z.string(),
  title: z.string(),
  description: z.string(),
  opensAt: DateTime.nullable(),
  closesAt: DateTime.nullable(),
  resultsVisibility: ResultsVisibility,
  allowChange: z.boolean(),
  participation: Participation,
  allowedOrigins: z.array(z.string()).nullable(),
  timeZone: z.string(),
  privacyUrl: z.string().nullable(),
  createdAt: DateTime,
  updatedAt: DateTime,
};

export const AllocateBudget = z
  .object({
    ...stored,
    mode: z.literal('allocate'),
    total: z.number().int(),
    balance: z.object({ rule: z.enum(['exact', 'max', 'margin']), margin: z.number().int() }),
    messages: z.object({
      surplus: z.string().nullable(),
      balanced: z.string().nullable(),
      deficit: z.string().nullable(),
    }),
    lines: z.array(BudgetLine),
  })
  .openapi('AllocateBudget');

export const SelectBudget = z
  .object({
    ...stored,
    mode: z.literal('select'),
    total: z.number().int(),
    minSpendShare: z.number().int(),
    minProjects: z.number().int(),
    maxProjects: z.number().int(),
    projects: z.array(BudgetProject),
  })
  .openapi('SelectBudget');

export const Budget = z
  .discriminatedUnion('mode', [AllocateBudget, SelectBudget])
  .openapi('Budget', { description: 'A budget as stored. Amounts are integers in cents.' });

export const BudgetPatch = z
  .strictObject({
    title: commonFields.title.optional(),
    description: Text(budgetLimits.descriptionLength).optional(),
    opensAt: DateTime.nullable().optional(),
    closesAt: DateTime.nullable().optional(),
    resultsVisibility: ResultsVisibility.optional(),
    allowChange: z.boolean().optional(),
    participation: Participation.optional(),
    allowedOrigins: AllowedOrigins.optional(),
    timeZone: TimeZone.optional(),
    privacyUrl: HttpUrl.optional(),
    total: Amount.optional(),
    balance: BalanceRule.optional(),
    messages: BudgetMessages.optional(),
    lines: allocateFields.lines.optional(),
    minSpendShare: z.number().int().min(0).max(100).optional(),
    minProjects: z.number().int().min(0).max(budgetLimits.maxProjects).optional(),
    maxProjects: z.number().int().min(1).max(budgetLimits.maxProjects).optional(),
    projects: selectFields.projects.optional(),
  })
  .openapi('BudgetPatch', {
    description: [
      'Fields to change; the mode cannot change. The result is checked as a whole like BudgetInput.',
      'Once submissions exist only texts (titles, descriptions, labels, messages, links, images, districts), dates, results visibility, allowChange, allowed origins, time zone and privacy link may change; anything else is refused with budget_locked.',
    ].join(' '),
  });

export const BudgetSubmissionInput = z
  .strictObject({
    allocations: z
      .record(Slug, z.number().int())
      .optional()
      .openapi({
        description:
          'allocate mode: the value of every line, exactly once, keyed by line id (integers in the line’s minor units).',
        example: { ecoles: 1_250_000_000, transports: 800_000_000 },
      }),
    projectIds: z
      .array(Slug)
      .max(budgetLimits.maxProjects)
      .optional()
      .openapi({ description: 'select mode: the chosen project ids.' }),
  })
  .refine(
    (value) => (value.allocations === undefined) !== (value.projectIds === undefined),
    'send either allocations (allocate mode) or projectIds (select mode)',
  )
  .openapi('BudgetSubmissionInput', {
    description:
      'Exactly one of allocations (allocate mode) and projectIds (select mode). Sending the other mode’s field is validation_failed.',
  });

export const BudgetSubmission = z
  .object({
    allocations: z.record(z.string(), z.number().int()).nullable(),
    projectIds: z.array(z.string()).nullable(),
    submittedAt: DateTime,
  })
  .openapi('BudgetSubmission', {
    description:
      "The participant's own submission: allocations in allocate mode, projectIds (in the budget's order) in select mode; the other is null.",
  });

export const AllocateResults = z
  .object({
    mode: z.literal('allocate'),
    submissions: z.number().int().min(0),
    lines: z.array(
      z.object({
        id: z.string(),
        mean: z.number().int().nullable().openapi({
          description:
            'sum / submissions rounded to the nearest integer (halves up); null without submissions.',
        }),
        median: z.number().int().nullable().openapi({
          description:
            'The lower median: the value at rank ⌈n/2⌉ in increasing order, so always an allowed slider value; null without submissions.',
        }),
      }),
    ),
  })
  .openapi('AllocateResults', {
    description: 'Per line, in the budget’s order, in the line’s minor units.',
  });

export const SelectResults = z
  .object({
    mode: z.literal('select'),
    submissions: z.number().int().min(0),
    fundedCost: z.number().int().openapi({ description: 'Cents of the funded projects.' }),
    projects: z.array(
      z.object({
        id: z.string(),
        votes: z.number().int().min(0),
        rank: z.number().int().min(1),
        funded: z.boolean(),
      }),
    ),
  })
  .openapi('SelectResults', {
    description: [
      'Projects ranked by votes (most first; ties: the cheaper first, then the budget’s order).',
      'Funding is greedy in that order: a project is funded when its cost fits in what the projects funded before it left of the cap; otherwise it is skipped and the next ones are still considered.',
      'Projects without votes are never funded.',
    ].join(' '),
  });

export const BudgetResults = z
  .discriminatedUnion('mode', [AllocateResults, SelectResults])
  .openapi('BudgetResults');

export const BudgetView = z
  .object({
    budget: Budget,
    status: BudgetStatus,
    mySubmission: BudgetSubmission.nullable(),
    results: BudgetResults.nullable().openapi({
      description: 'Null when the results are not visible to this participant yet.',
    }),
    canSubmit: z.boolean().openapi({
      description:
        'The budget is open and this participant may submit, or replace their submission.',
    }),
  })
  .openapi('BudgetView', {
    description: 'Everything a widget needs to render a budget, in one request.',
  });

export const BudgetList = z.object({ items: z.array(Budget) }).openapi('BudgetList');
