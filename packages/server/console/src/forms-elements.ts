// The consultation forms, their list and the embed codes (issue 8, part B).
import { ConsoleBoardForm } from './board-form.js';
import { ConsoleBudgetForm } from './budget-form.js';
import { ConsoleConsultationList } from './consultation-list.js';
import { ConsoleEditorPage } from './editor-page.js';
import { ConsoleEmbedCodes } from './embed-codes-page.js';
import { ConsolePollForm } from './poll-form.js';
import { ConsoleThreadForm } from './thread-form.js';

const elements: Record<string, CustomElementConstructor> = {
  'parvis-console-editor': ConsoleEditorPage,
  'parvis-console-consultation-list': ConsoleConsultationList,
  'parvis-console-poll-form': ConsolePollForm,
  'parvis-console-budget-form': ConsoleBudgetForm,
  'parvis-console-thread-form': ConsoleThreadForm,
  'parvis-console-board-form': ConsoleBoardForm,
  'parvis-console-embed': ConsoleEmbedCodes,
};
for (const [name, element] of Object.entries(elements)) {
  if (!customElements.get(name)) customElements.define(name, element);
}
