import { createRoute, z } from '@hono/zod-openapi';
import {
  CrossQueue,
  ExportDataset,
  ParticipationSeries,
  QueueStatus,
  consoleLimits,
} from '../schemas/console.js';
import { threadParams } from './comment-params.js';
import { boardParams } from './idea-params.js';
import { budgetParams, pollParams } from './params.js';
import { adminAuth, json, problem } from './responses.js';

const unauthorised = problem(
  'No session or a wrong admin token (session_missing, admin_token_invalid).',
);
const forbidden = problem('Your role or organisation does not allow it (forbidden).');

export const adminCrossModerationQueue = createRoute({
  method: 'get',
  path: '/v1/admin/moderation-queue',
  operationId: 'adminCrossModerationQueue',
  tags: ['admin'],
  summary:
    'Comments and ideas awaiting a moderator, across every consultation of your organisations',
  description:
    'Newest first, keyset-paginated on (queuedAt, id). Only the consultations of the caller’s organisations (every one for an administrator). Without `status`, both pending and reported items.',
  security: adminAuth,
  request: {
    query: z.object({
      status: QueueStatus.optional().openapi({ param: { name: 'status', in: 'query' } }),
      cursor: z
        .string()
        .max(500)
        .optional()
        .openapi({ param: { name: 'cursor', in: 'query' } }),
      limit: z.coerce
        .number()
        .int()
        .min(1)
        .max(consoleLimits.queuePageSize)
        .optional()
        .openapi({ param: { name: 'limit', in: 'query' } }),
    }),
  },
  responses: {
    200: json(CrossQueue, 'The queue.'),
    400: problem('Invalid query or cursor (validation_failed, cursor_invalid).'),
    401: unauthorised,
    403: forbidden,
  },
});

type Kind = 'polls' | 'threads' | 'boards' | 'budgets';
const names = { polls: 'Poll', threads: 'Thread', boards: 'Board', budgets: 'Budget' } as const;
const idName = {
  polls: 'pollId',
  threads: 'threadId',
  boards: 'boardId',
  budgets: 'budgetId',
} as const;
const notFound = problem(
  'No such consultation (poll_not_found, thread_not_found, board_not_found, budget_not_found).',
);

function participationRoute<P extends z.ZodObject>(kind: Kind, params: P) {
  return createRoute({
    method: 'get',
    path: `/v1/admin/${kind}/{${idName[kind]}}/participation`,
    operationId: `admin${names[kind]}Participation`,
    tags: ['admin'],
    summary: `Participation per day of a ${names[kind].toLowerCase()}`,
    security: adminAuth,
    request: { params },
    responses: {
      200: json(ParticipationSeries, 'Per day.'),
      401: unauthorised,
      403: forbidden,
      404: notFound,
    },
  });
}

const attachment = {
  'content-disposition': z.string().openapi({ description: 'attachment; filename="…"' }),
  'cache-control': z.string().openapi({ description: 'no-store' }),
};

function exportCsvRoute<P extends z.ZodObject>(kind: Kind, params: P) {
  return createRoute({
    method: 'get',
    path: `/v1/admin/${kind}/{${idName[kind]}}/export.csv`,
    operationId: `admin${names[kind]}ExportCsv`,
    tags: ['admin'],
    summary: `Anonymised results of a ${names[kind].toLowerCase()} as CSV`,
    description:
      'UTF-8 with a byte order mark, `;` between cells and CRLF line ends (what French spreadsheets open directly). Cells starting with =, +, -, @, a tab or a carriage return get a leading apostrophe. Counts below the organisation’s threshold read "< n". See docs/open-data.md.',
    security: adminAuth,
    request: { params },
    responses: {
      200: {
        description: 'The file.',
        headers: z.object(attachment),
        content: { 'text/csv': { schema: z.string() } },
      },
      401: unauthorised,
      403: forbidden,
      404: notFound,
    },
  });
}

function exportJsonRoute<P extends z.ZodObject>(kind: Kind, params: P) {
  return createRoute({
    method: 'get',
    path: `/v1/admin/${kind}/{${idName[kind]}}/export.json`,
    operationId: `admin${names[kind]}ExportJson`,
    tags: ['admin'],
    summary: `Anonymised results of a ${names[kind].toLowerCase()} as JSON`,
    security: adminAuth,
    request: { params },
    responses: {
      200: { ...json(ExportDataset, 'The file.'), headers: z.object(attachment) },
      401: unauthorised,
      403: forbidden,
      404: notFound,
    },
  });
}

export const adminPollParticipation = participationRoute('polls', pollParams);
export const adminThreadParticipation = participationRoute('threads', threadParams);
export const adminBoardParticipation = participationRoute('boards', boardParams);
export const adminBudgetParticipation = participationRoute('budgets', budgetParams);
export const adminPollExportCsv = exportCsvRoute('polls', pollParams);
export const adminThreadExportCsv = exportCsvRoute('threads', threadParams);
export const adminBoardExportCsv = exportCsvRoute('boards', boardParams);
export const adminBudgetExportCsv = exportCsvRoute('budgets', budgetParams);
export const adminPollExportJson = exportJsonRoute('polls', pollParams);
export const adminThreadExportJson = exportJsonRoute('threads', threadParams);
export const adminBoardExportJson = exportJsonRoute('boards', boardParams);
export const adminBudgetExportJson = exportJsonRoute('budgets', budgetParams);
