import { MemoryStore } from '../src/memory-store.js';
import { describeConformance } from './conformance.js';

describeConformance('MemoryStore', async () => ({
  store: new MemoryStore(),
  cleanup: async () => {},
}));
