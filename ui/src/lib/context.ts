/**
 * The explorer's state, shared with every component through Svelte context rather than threaded
 * through props: main.ts mounts the app with it, any component below reads it with `useExplorer()`.
 */
import { getContext } from 'svelte';
import type { Explorer } from './explorer.svelte.js';

const EXPLORER = Symbol('explorer');

/** The context to mount the app with: `mount(App, { …, context: explorerContext(explorer) })`. */
export function explorerContext(explorer: Explorer): Map<symbol, Explorer> {
  return new Map([[EXPLORER, explorer]]);
}

/** The explorer of the page; only inside a component that App renders. */
export function useExplorer(): Explorer {
  const explorer = getContext<Explorer | undefined>(EXPLORER);
  if (!explorer) throw new Error('useExplorer() needs the Explorer that App provides');
  return explorer;
}
