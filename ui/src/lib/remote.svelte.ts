/** An API answer a view shows: loading until it arrives, the problem if it fails; the newest request wins. */
import { ApiError } from './api.js';

export class Remote<T> {
  value = $state.raw<T | null>(null);
  failure = $state.raw<ApiError | null>(null);
  private latest = 0;

  load(request: () => Promise<T>): void {
    const mine = ++this.latest;
    request().then(
      (value) => {
        if (mine !== this.latest) return;
        this.value = value;
        this.failure = null;
      },
      (error: unknown) => {
        if (mine === this.latest) this.failure = error instanceof ApiError ? error : new ApiError(String(error), 500);
      },
    );
  }
}
