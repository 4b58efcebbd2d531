/**
 * Whether the server should receive traffic: false until the app is built and recovery ran,
 * and false again while it drains on shutdown. `/ready` answers 503 with the reason meanwhile.
 */
export class Readiness {
  private reason: string | null;

  constructor(initiallyReady = false) {
    this.reason = initiallyReady ? null : 'starting';
  }

  get ready(): boolean {
    return this.reason === null;
  }

  get notReadyReason(): string | null {
    return this.reason;
  }

  markReady(): void {
    this.reason = null;
  }

  markNotReady(reason: string): void {
    this.reason = reason;
  }
}
