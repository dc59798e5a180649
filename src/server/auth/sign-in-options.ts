import { envProviderInfos, type SignInProviderInfo } from "./providers";
import { needsSetup } from "./setup-owner";
import { hasEnabledSsoConnections } from "./sso-connections";

export type SignInOptions = {
  /** Instance-wide providers (OIDC, GitHub, GitLab) that are configured. */
  providers: SignInProviderInfo[];
  /** Some dataspace has an enabled SSO connection: offer "Sign in with SSO". */
  sso: boolean;
  /** A local owner exists: offer email + password. */
  password: boolean;
  /** No owner yet: point to /setup. */
  needsSetup: boolean;
};

/** What the sign-in page offers: only what is configured. */
export async function listSignInOptions(): Promise<SignInOptions> {
  const [firstRun, sso] = await Promise.all([needsSetup(), hasEnabledSsoConnections()]);
  return { providers: envProviderInfos(), sso, password: !firstRun, needsSetup: firstRun };
}
