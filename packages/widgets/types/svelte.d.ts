// Markup types of the Parvis elements for Svelte 5 (svelte-check). Load them once, e.g. in
// `src/app.d.ts`: /// <reference types="@parvis/widgets/svelte" />
// Svelte 5 sets known properties as properties and listens to `onparvis-vote={…}`.
import type { HTMLAttributes } from 'svelte/elements';
import type { ParvisElements, ParvisListeners, ParvisProperties, ParvisTag } from '@parvis/widgets';

type ParvisSvelteElements = {
  [Tag in ParvisTag]: HTMLAttributes<ParvisElements[Tag]['element']> &
    ParvisProperties<Tag> &
    ParvisListeners<Tag>;
};

declare module 'svelte/elements' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface SvelteHTMLElements extends ParvisSvelteElements {}
}
