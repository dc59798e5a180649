// oidc-provider ships no types; this declares only what the test IdP uses.
declare module "oidc-provider" {
  import type { IncomingMessage, ServerResponse } from "node:http";

  type Req = IncomingMessage;
  type Res = ServerResponse;

  export interface InteractionDetails {
    uid: string;
    prompt: { name: "login" | "consent" | string; details: Record<string, unknown> & { missingOIDCScope?: string[]; missingOIDCClaims?: string[] } };
    params: Record<string, unknown> & { client_id: string; login_hint?: string; scope?: string };
    session?: { accountId: string };
    grantId?: string;
  }

  export interface Grant {
    addOIDCScope(scope: string): void;
    addOIDCClaims(claims: string[]): void;
    save(): Promise<string>;
  }

  export interface ClientModel {
    clientId: string;
    clientName?: string;
    redirectUriAllowed(uri: string): boolean;
  }

  export default class Provider {
    constructor(issuer: string, configuration: Record<string, unknown>);
    callback(): (req: Req, res: Res) => void;
    interactionDetails(req: Req, res: Res): Promise<InteractionDetails>;
    interactionFinished(req: Req, res: Res, result: Record<string, unknown>, options?: { mergeWithLastSubmission?: boolean }): Promise<void>;
    on(event: string, listener: (...args: unknown[]) => void): this;
    Grant: { new (init: { accountId: string; clientId: string }): Grant; find(id: string): Promise<Grant | undefined> };
    Client: { new (...args: never[]): ClientModel; prototype: ClientModel; find(id: string): Promise<ClientModel | undefined> };
  }
}
