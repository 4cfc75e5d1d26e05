// Template types of the Parvis elements for Vue 3 (vue-tsc, Volar). Load them once, e.g. in
// `env.d.ts`: /// <reference types="@parvis/widgets/vue" />
// Vue must also be told the tags are custom elements: in vite.config, plugin-vue's
// `template.compilerOptions.isCustomElement: (tag) => tag.startsWith('parvis-')`.
import type { DefineComponent } from 'vue';
import type { ParvisElements, ParvisProperties, ParvisTag } from '@parvis/widgets';

type CamelCase<S extends string> = S extends `${infer Head}-${infer Tail}`
  ? `${Head}${Capitalize<CamelCase<Tail>>}`
  : S;

/** `@parvis-vote="…"` in a template is the prop `onParvisVote`. */
type VueListeners<Tag extends ParvisTag> = {
  [Name in keyof ParvisElements[Tag]['events'] & string as `on${Capitalize<CamelCase<Name>>}`]?: (
    event: ParvisElements[Tag]['events'][Name],
  ) => void;
};

type ParvisVueComponents = {
  [Tag in ParvisTag]: DefineComponent<ParvisProperties<Tag> & VueListeners<Tag>>;
};

declare module 'vue' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface GlobalComponents extends ParvisVueComponents {}
}
