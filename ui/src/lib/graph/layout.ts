/** Asks the layout worker for positions; a newer request supersedes an older one still running. */
import type { LayoutInput, Positions } from './layout-start.js';

export interface LayoutResult {
  positions: Positions;
  /** Time the worker spent, for the UI benchmark. */
  ms: number;
}

export class LayoutWorker {
  private worker = new Worker(new URL('./layout-worker.ts', import.meta.url), { type: 'module' });
  private next = 0;
  private waiting = new Map<number, { resolve: (r: LayoutResult) => void; reject: (e: Error) => void }>();

  constructor() {
    this.worker.onmessage = (event: MessageEvent<{ id: number; positions?: Positions; ms?: number; error?: string }>) => {
      const { id, positions, ms, error } = event.data;
      const request = this.waiting.get(id);
      this.waiting.delete(id);
      if (!request) return;
      if (error || !positions) request.reject(new Error(error ?? 'layout failed'));
      else request.resolve({ positions, ms: ms ?? 0 });
    };
  }

  layout(input: LayoutInput): Promise<LayoutResult> {
    const id = ++this.next;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ id, input });
    });
  }

  terminate(): void {
    this.worker.terminate();
  }
}
