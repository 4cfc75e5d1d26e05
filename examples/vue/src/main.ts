import { createApp } from 'vue';
import { configure } from '@parvis/widgets/configure.js';
// Each import registers one element; a page with only a poll imports only the poll.
import '@parvis/widgets/poll';
import '@parvis/widgets/comments';
import App from './App.vue';

// Where the Parvis server is; a real site writes its own address here.
configure({ api: import.meta.env.VITE_PARVIS_API ?? 'http://localhost:8080/api' });

createApp(App).mount('#app');
