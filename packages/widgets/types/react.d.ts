// JSX types of the Parvis elements for React 19. Load them once, e.g. in a `parvis.d.ts`:
//   /// <reference types="@parvis/widgets/react" />
// React 19 sets known properties (`poll`, `withChart`) as properties and listens to
// `onparvis-vote={…}` as the `parvis-vote` event.
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { ParvisElements, ParvisListeners, ParvisProperties, ParvisTag } from '@parvis/widgets';

type ParvisReactElements = {
  [Tag in ParvisTag]: DetailedHTMLProps<
    HTMLAttributes<ParvisElements[Tag]['element']>,
    ParvisElements[Tag]['element']
  > &
    ParvisProperties<Tag> &
    ParvisListeners<Tag> & { class?: string };
};

declare module 'react' {
  namespace JSX {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface IntrinsicElements extends ParvisReactElements {}
  }
}
