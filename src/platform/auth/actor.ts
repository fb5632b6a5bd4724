/** Who is making a request. Routes and policies only ever see this. */
export type Actor =
  | { kind: 'anonymous' }
  | {
      kind: 'user';
      userId: string;
      displayName: string;
      email: string;
      /** How they proved it: a browser session or an API token. */
      via: 'session' | 'token';
      sessionId?: string;
      tokenId?: string;
      /** The person's own IANA time zone, when they chose one (ADR 0015); else the server's. */
      timeZone?: string | null;
    };

export type UserActor = Extract<Actor, { kind: 'user' }>;

export const anonymous: Actor = { kind: 'anonymous' };
