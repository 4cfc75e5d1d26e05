export * from './schemas/problem.js';
export * from './schemas/common.js';
export * from './schemas/participants.js';
export * from './schemas/polls.js';
export * from './schemas/comments.js';
export * from './schemas/ideas.js';
export * from './schemas/accounts.js';
export * as routes from './routes/index.js';
export { buildOpenApiDocument } from './openapi.js';
