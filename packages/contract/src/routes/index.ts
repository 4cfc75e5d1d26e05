export * from './health.js';
export * from './participants.js';
export * from './polls.js';
export * from './admin-polls.js';
export * from './admin-participants.js';
export * from './comments.js';
export * from './admin-comments.js';
