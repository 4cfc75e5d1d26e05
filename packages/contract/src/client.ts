// A small typed fetch client for the Parvis contract. It imports types only, so a browser
// that loads it pays for no schema library.
export { lineContribution, meetsBalance, remainingAmount } from './budget-math.js';
import type {
  BoardView,
  BudgetResults,
  BudgetSubmissionInput,
  BudgetView,
  Idea,
  IdeaInput,
  IdeaPage,
  IdeaSort,
  IdeaStatus,
  IdeaSupport,
  SimilarIdeas,
  Comment,
  CommentInput,
  CommentLikes,
  CommentPage,
  CommentPatch,
  CommentSort,
  EnsureThreadInput,
  ParticipantSession,
  PollResults,
  PollView,
  Problem,
  ReportInput,
  ReportReceipt,
  ThreadView,
  VoteInput,
} from './types.js';

/** Which page of comments: `parent` lists the replies of one comment. */
export interface CommentQuery {
  sort?: CommentSort;
  limit?: number;
  cursor?: string | null;
  parent?: string | null;
}

/** Which page of ideas: sort, filters and search, and the cursor of the previous page. */
export interface IdeaQuery {
  sort?: IdeaSort;
  limit?: number;
  cursor?: string | null;
  category?: string | null;
  status?: IdeaStatus | null;
  q?: string | null;
}

export interface ClientOptions {
  /** The backend base, e.g. https://consult.example.fr/api (paths start at /v1/…). */
  baseUrl: string;
  fetch?: typeof fetch;
  /** Extra headers on every request (a host site routing calls through its own backend). */
  headers?: Record<string, string>;
  /** Milliseconds before one attempt is abandoned. Default 10 000. */
  timeoutMs?: number;
  /** Further attempts after a network error, a 429 or a 5xx. Default 2. */
  retries?: number;
  /** Base of the exponential backoff, in milliseconds. Default 400. */
  backoffMs?: number;
}

export interface RequestOptions {
  signal?: AbortSignal;
  token?: string | null;
}

/** Why a call failed: `status` 0 means no answer (offline, timeout). */
export class ParvisApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly problem: Problem | null;
  readonly retryAfterSeconds: number | null;

  constructor(
    status: number,
    code: string,
    message: string,
    problem: Problem | null = null,
    retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = 'ParvisApiError';
    this.status = status;
    this.code = code;
    this.problem = problem;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

const maxRetryAfterMs = 30_000;

export function createClient(options: ClientOptions) {
  const base = options.baseUrl.replace(/\/+$/, '');
  const doFetch =
    options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const timeoutMs = options.timeoutMs ?? 10_000;
  const retries = options.retries ?? 2;
  const backoffMs = options.backoffMs ?? 400;

  async function request<T>(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    path: string,
    body: unknown,
    { signal, token }: RequestOptions = {},
  ): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (token) headers.authorization = `Bearer ${token}`;
    // One key per intended write, reused by every retry of it.
    if (method !== 'GET') headers['idempotency-key'] = randomKey();

    for (let attempt = 0; ; attempt++) {
      signal?.throwIfAborted();
      let response: Response;
      try {
        response = await doFetch(`${base}${path}`, {
          method,
          headers,
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: withTimeout(signal, timeoutMs),
          credentials: 'omit',
        });
      } catch (error) {
        if (signal?.aborted) throw error;
        const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
        if (attempt < retries) {
          await sleep(backoff(attempt, backoffMs), signal);
          continue;
        }
        throw new ParvisApiError(
          0,
          timedOut ? 'timeout' : 'network_error',
          timedOut ? 'The server did not answer in time.' : 'The server could not be reached.',
        );
      }

      if (response.ok) return (await response.json()) as T;

      const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
      const retryable = response.status === 429 || response.status >= 500;
      if (
        retryable &&
        attempt < retries &&
        (retryAfter === null || retryAfter * 1000 <= maxRetryAfterMs)
      ) {
        await response.body?.cancel();
        await sleep(retryAfter !== null ? retryAfter * 1000 : backoff(attempt, backoffMs), signal);
        continue;
      }
      const problem = await readProblem(response);
      throw new ParvisApiError(
        response.status,
        problem?.code ?? (response.status >= 500 ? 'server_error' : 'http_error'),
        problem?.title ?? `HTTP ${response.status}`,
        problem,
        retryAfter,
      );
    }
  }

  return {
    request,
    createParticipant: (opts?: RequestOptions) =>
      request<ParticipantSession>('POST', '/v1/participants', undefined, opts),
    getPoll: (pollId: string, opts?: RequestOptions) =>
      request<PollView>('GET', `/v1/polls/${encodeURIComponent(pollId)}`, undefined, opts),
    castVote: (pollId: string, vote: VoteInput, opts?: RequestOptions) =>
      request<PollView>('PUT', `/v1/polls/${encodeURIComponent(pollId)}/vote`, vote, opts),
    getPollResults: (pollId: string, opts?: RequestOptions) =>
      request<PollResults>(
        'GET',
        `/v1/polls/${encodeURIComponent(pollId)}/results`,
        undefined,
        opts,
      ),
    getThread: (threadId: string, query: CommentQuery = {}, opts?: RequestOptions) =>
      request<ThreadView>('GET', `${threadPath(threadId)}${queryString(query)}`, undefined, opts),
    /** The thread, created on first use when the server allows it (else 404 thread_not_found). */
    ensureThread: (
      threadId: string,
      input: EnsureThreadInput = {},
      query: CommentQuery = {},
      opts?: RequestOptions,
    ) => request<ThreadView>('PUT', `${threadPath(threadId)}${queryString(query)}`, input, opts),
    listComments: (threadId: string, query: CommentQuery = {}, opts?: RequestOptions) =>
      request<CommentPage>(
        'GET',
        `${threadPath(threadId)}/comments${queryString(query)}`,
        undefined,
        opts,
      ),
    postComment: (threadId: string, input: CommentInput, opts?: RequestOptions) =>
      request<Comment>('POST', `${threadPath(threadId)}/comments`, input, opts),
    editComment: (commentId: string, patch: CommentPatch, opts?: RequestOptions) =>
      request<Comment>('PATCH', commentPath(commentId), patch, opts),
    deleteComment: (commentId: string, opts?: RequestOptions) =>
      request<Comment>('DELETE', commentPath(commentId), undefined, opts),
    likeComment: (commentId: string, opts?: RequestOptions) =>
      request<CommentLikes>('PUT', `${commentPath(commentId)}/like`, undefined, opts),
    unlikeComment: (commentId: string, opts?: RequestOptions) =>
      request<CommentLikes>('DELETE', `${commentPath(commentId)}/like`, undefined, opts),
    reportComment: (commentId: string, input: ReportInput, opts?: RequestOptions) =>
      request<ReportReceipt>('POST', `${commentPath(commentId)}/reports`, input, opts),
    getBoard: (boardId: string, query: IdeaQuery = {}, opts?: RequestOptions) =>
      request<BoardView>('GET', `${boardPath(boardId)}${ideaQueryString(query)}`, undefined, opts),
    listIdeas: (boardId: string, query: IdeaQuery = {}, opts?: RequestOptions) =>
      request<IdeaPage>(
        'GET',
        `${boardPath(boardId)}/ideas${ideaQueryString(query)}`,
        undefined,
        opts,
      ),
    similarIdeas: (boardId: string, title: string, opts?: RequestOptions) =>
      request<SimilarIdeas>(
        'GET',
        `${boardPath(boardId)}/similar?${new URLSearchParams({ title }).toString()}`,
        undefined,
        opts,
      ),
    proposeIdea: (boardId: string, input: IdeaInput, opts?: RequestOptions) =>
      request<Idea>('POST', `${boardPath(boardId)}/ideas`, input, opts),
    getIdea: (ideaId: string, opts?: RequestOptions) =>
      request<Idea>('GET', ideaPath(ideaId), undefined, opts),
    supportIdea: (ideaId: string, opts?: RequestOptions) =>
      request<IdeaSupport>('PUT', `${ideaPath(ideaId)}/support`, undefined, opts),
    withdrawSupport: (ideaId: string, opts?: RequestOptions) =>
      request<IdeaSupport>('DELETE', `${ideaPath(ideaId)}/support`, undefined, opts),
    getBudget: (budgetId: string, opts?: RequestOptions) =>
      request<BudgetView>('GET', budgetPath(budgetId), undefined, opts),
    /** Submit or replace the participant's budget (allocations or projectIds, by mode). */
    submitBudget: (budgetId: string, input: BudgetSubmissionInput, opts?: RequestOptions) =>
      request<BudgetView>('PUT', `${budgetPath(budgetId)}/submission`, input, opts),
    getBudgetResults: (budgetId: string, opts?: RequestOptions) =>
      request<BudgetResults>('GET', `${budgetPath(budgetId)}/results`, undefined, opts),
  };
}

const threadPath = (threadId: string) => `/v1/threads/${encodeURIComponent(threadId)}`;
const commentPath = (commentId: string) => `/v1/comments/${encodeURIComponent(commentId)}`;

const boardPath = (boardId: string) => `/v1/boards/${encodeURIComponent(boardId)}`;
const ideaPath = (ideaId: string) => `/v1/ideas/${encodeURIComponent(ideaId)}`;
const budgetPath = (budgetId: string) => `/v1/budgets/${encodeURIComponent(budgetId)}`;

function ideaQueryString(query: IdeaQuery): string {
  const params = new URLSearchParams();
  if (query.sort) params.set('sort', query.sort);
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  if (query.cursor) params.set('cursor', query.cursor);
  if (query.category) params.set('category', query.category);
  if (query.status) params.set('status', query.status);
  if (query.q) params.set('q', query.q);
  const text = params.toString();
  return text ? `?${text}` : '';
}

function queryString(query: CommentQuery): string {
  const params = new URLSearchParams();
  if (query.sort) params.set('sort', query.sort);
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  if (query.cursor) params.set('cursor', query.cursor);
  if (query.parent) params.set('parent', query.parent);
  const text = params.toString();
  return text ? `?${text}` : '';
}

export type ParvisClient = ReturnType<typeof createClient>;

function withTimeout(signal: AbortSignal | undefined, ms: number): AbortSignal {
  const timeout = AbortSignal.timeout(ms);
  return signal ? AbortSignal.any([signal, timeout]) : timeout;
}

function backoff(attempt: number, baseMs: number): number {
  return baseMs * 2 ** attempt * (0.5 + Math.random() / 2);
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

/** Retry-After in seconds, from either delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

async function readProblem(response: Response): Promise<Problem | null> {
  try {
    const data: unknown = await response.json();
    if (data && typeof data === 'object' && typeof (data as Problem).code === 'string')
      return data as Problem;
  } catch {
    // Not JSON: a proxy's error page, say.
  }
  return null;
}

function randomKey(): string {
  if (typeof crypto !== 'undefined' && 'randomUUID' in crypto) return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

export { widgetKinds, type WidgetKind, type WidgetSegment } from './widgets.js';
