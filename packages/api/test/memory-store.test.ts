import { MemoryStore } from '../src/memory-store.js';
import { describeCommentConformance } from './comment-conformance.js';
import { describeBudgetConformance } from './budget-conformance.js';
import { describeIdeaConformance } from './idea-conformance.js';
import { describeAccountConformance } from './account-conformance.js';
import { describeConsoleConformance } from './console-conformance.js';
import { describeConformance, describeParticipantConformance } from './conformance.js';

describeConformance('MemoryStore', async () => ({
  store: new MemoryStore(),
  cleanup: async () => {},
}));
describeParticipantConformance('MemoryStore', async () => ({
  store: new MemoryStore(),
  cleanup: async () => {},
}));
describeCommentConformance('MemoryStore', async () => ({
  store: new MemoryStore(),
  cleanup: async () => {},
}));
describeIdeaConformance('MemoryStore', async () => ({
  store: new MemoryStore(),
  cleanup: async () => {},
}));
describeBudgetConformance('MemoryStore', async () => ({
  store: new MemoryStore(),
  cleanup: async () => {},
}));
describeAccountConformance('MemoryStore', async () => ({
  store: new MemoryStore(),
  cleanup: async () => {},
}));
describeConsoleConformance('MemoryStore', async () => ({
  store: new MemoryStore(),
  cleanup: async () => {},
}));
