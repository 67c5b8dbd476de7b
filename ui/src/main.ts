import '@fontsource/noto-sans-khmer/khmer-400.css';
import '@fontsource/noto-sans-khmer/khmer-700.css';
import './app.css';
import { mount } from 'svelte';
import App from './App.svelte';
import { Explorer } from './lib/explorer.svelte.js';
import { explorerContext } from './lib/context.js';

// The first request leaves before the page is built: the network is on its way while Svelte and
// Cytoscape start.
const explorer = new Explorer();
void explorer.start();
mount(App, { target: document.getElementById('app')!, context: explorerContext(explorer) });
