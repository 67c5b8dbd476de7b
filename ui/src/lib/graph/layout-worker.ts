/** The layout worker: forces off the main thread. One request in, one set of positions out. */
import { computePositions, type LayoutInput } from './layout-core.js';

self.onmessage = (event: MessageEvent<{ id: number; input: LayoutInput }>) => {
  const started = performance.now();
  try {
    const positions = computePositions(event.data.input);
    self.postMessage({ id: event.data.id, positions, ms: performance.now() - started });
  } catch (error) {
    self.postMessage({ id: event.data.id, error: String(error) });
  }
};
