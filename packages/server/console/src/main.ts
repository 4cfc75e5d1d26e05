import { ConsoleAccounts } from './accounts-page.js';
import { ParvisConsole } from './console-app.js';
import { ConsoleDashboard } from './dashboard-page.js';
import './forms-elements.js';
import { ConsoleOrganisations } from './organisations-page.js';
import { ConsoleSignIn } from './sign-in-page.js';

const elements: Record<string, CustomElementConstructor> = {
  'parvis-console': ParvisConsole,
  'parvis-console-sign-in': ConsoleSignIn,
  'parvis-console-dashboard': ConsoleDashboard,
  'parvis-console-organisations': ConsoleOrganisations,
  'parvis-console-accounts': ConsoleAccounts,
};
for (const [name, element] of Object.entries(elements)) {
  if (!customElements.get(name)) customElements.define(name, element);
}
