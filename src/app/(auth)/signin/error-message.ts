import "server-only";

import { INVALID_LOGIN_MESSAGE, tooManyAttemptsMessage } from "@/server/auth/login";
import { describeSignInFailure, isSignInFailureReason } from "@/server/auth/sign-in-failure";

type Params = Record<string, string | string[] | undefined>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * The message for `/signin?error=…`. Only codes come from the URL; the words come from us (and,
 * for provider failures, from stored settings), so a crafted link cannot put text on the page.
 */
export async function signInErrorMessage(params: Params): Promise<string | null> {
  const error = first(params.error);
  if (!error) return null;
  switch (error) {
    case "SignInFailed": {
      const provider = first(params.provider);
      const reason = first(params.reason);
      if (provider && isSignInFailureReason(reason)) return describeSignInFailure(provider, reason);
      break;
    }
    case "CredentialsSignin": {
      const seconds = Number(first(params.code)?.match(/^rate_limited_(\d{1,5})$/)?.[1]);
      return seconds ? tooManyAttemptsMessage(seconds) : INVALID_LOGIN_MESSAGE;
    }
    case "OAuthAccountNotLinked":
      return "An account with this email address already exists. Sign in the way you did before.";
    case "AccessDenied":
      return "Sign-in was refused.";
    case "Configuration":
      return "Sign-in is not configured correctly on this server; the server log says why.";
  }
  return "Sign-in failed. Please try again.";
}
