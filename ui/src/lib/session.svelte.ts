/** Who is signed in, and what they may do; the API decides, this only shows the right controls. */
import { auth, type User } from './api.js';

export class SessionState {
  user = $state.raw<User | null>(null);
  anonymousRead = $state(true);

  get canEdit(): boolean {
    return this.user?.role === 'editor' || this.user?.role === 'admin';
  }
  get isAdmin(): boolean {
    return this.user?.role === 'admin';
  }

  async load(): Promise<void> {
    const session = await auth.session().catch(() => null);
    this.user = session?.user ?? null;
    this.anonymousRead = session?.anonymousRead ?? true;
  }

  async login(email: string, password: string): Promise<void> {
    this.user = (await auth.login(email, password)).user;
  }

  async logout(): Promise<void> {
    await auth.logout();
    this.user = null;
  }
}
