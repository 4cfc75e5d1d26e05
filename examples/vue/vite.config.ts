import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [
    vue({
      // <parvis-*> are custom elements: Vue must not try to resolve them as Vue components.
      template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('parvis-') } },
    }),
  ],
});
