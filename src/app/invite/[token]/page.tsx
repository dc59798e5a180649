import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { AcceptInvitation } from "@/components/invite/accept-invitation";
import { buttonClasses, ButtonLink } from "@/components/ui/button";
import { Icon, Logo, type IconName } from "@/components/ui/icons";
import { RelativeTime } from "@/components/ui/time";
import { invitationTokenInput } from "@/server/dataspaces/dataspace.schema";
import { previewInvitation } from "@/server/dataspaces/invitations";
import { AppError } from "@/server/errors";
import { currentUser } from "@/trpc/server";
import { switchAccount } from "./actions";
import { SignUpForm } from "./sign-up-form";

export const metadata: Metadata = { title: "Invitation" };

const ROLE_NAMES = { OWNER: "an owner", ADMIN: "an admin", MEMBER: "a member", VIEWER: "a viewer" } as const;

/** The preview, or null for a token that matches no invitation. */
async function loadPreview(token: string) {
  if (!invitationTokenInput.safeParse({ token }).success) return null;
  try {
    // Anyone holding the link may see what it invites to, signed in or not: the token is the secret.
    return await previewInvitation(token);
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") return null;
    throw error;
  }
}

function Shell({ icon, tone, title, children }: { icon: IconName; tone: "indigo" | "slate" | "amber"; title: ReactNode; children: ReactNode }) {
  const tones = { indigo: "bg-indigo-50 text-indigo-600", slate: "bg-slate-100 text-slate-500", amber: "bg-amber-50 text-amber-600" };
  return (
    <main className="flex min-h-full flex-col items-center justify-center px-4 py-16">
      <Link href="/" className="mb-8 flex items-center gap-2.5">
        <Logo />
        <span className="text-base font-semibold tracking-tight text-slate-900">Switchboard</span>
      </Link>
      <div className="w-full max-w-md rounded-lg border border-slate-200 bg-white p-8 text-center shadow-sm">
        <div className={`mx-auto mb-4 flex size-12 items-center justify-center rounded-full ${tones[tone]}`}>
          <Icon name={icon} />
        </div>
        <h1 className="text-xl font-semibold tracking-tight text-slate-900">{title}</h1>
        <div className="mt-3 text-sm text-slate-600">{children}</div>
      </div>
    </main>
  );
}

const GONE: Record<"expired" | "used" | "revoked", { title: string; text: string }> = {
  expired: { title: "This invitation has expired", text: "Invitation links work for a limited time. Ask an admin of the dataspace for a new link." },
  used: { title: "This invitation has already been used", text: "Each invitation link works once. If you accepted it, you are already a member; otherwise ask an admin for a new link." },
  revoked: { title: "This invitation was revoked", text: "An admin withdrew this link. Ask them for a new one if you still need access." },
};

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [preview, user] = await Promise.all([loadPreview(token), currentUser()]);

  if (!preview) {
    return (
      <Shell icon="envelope" tone="slate" title="Invitation not found">
        <p>This link does not match any invitation. Check that you copied the whole link, or ask for a new one.</p>
        <div className="mt-6">
          <ButtonLink href="/" variant="secondary">Go to Switchboard</ButtonLink>
        </div>
      </Shell>
    );
  }

  if (preview.state !== "pending") {
    const gone = GONE[preview.state];
    return (
      <Shell icon="warning" tone="amber" title={gone.title}>
        <p>
          The invitation to <strong className="font-semibold text-slate-900">{preview.dataspace.name}</strong> can no longer be used.
        </p>
        <p className="mt-2">{gone.text}</p>
        <div className="mt-6">
          <ButtonLink href="/" variant="secondary">Go to Switchboard</ButtonLink>
        </div>
      </Shell>
    );
  }

  const wrongAccount = user && preview.email && preview.email !== user.email.toLowerCase();
  return (
    <Shell icon="envelope" tone="indigo" title={<>Join {preview.dataspace.name}</>}>
      <p>
        You have been invited to join <strong className="font-semibold text-slate-900">{preview.dataspace.name}</strong> as{" "}
        {ROLE_NAMES[preview.role]}. The invitation expires <RelativeTime date={preview.expiresAt} />.
      </p>
      {user && preview.email && <p className="mt-2">It is meant for {preview.email}.</p>}
      <div className="mt-6 text-left">
        {!user ? (
          <div className="space-y-6">
            <div>
              <h2 className="mb-3 text-sm font-semibold text-slate-900">New to Switchboard? Create your account</h2>
              <SignUpForm token={token} invitedEmail={preview.email} />
            </div>
            <div className="border-t border-slate-200 pt-5 text-center">
              <p className="mb-3 text-sm text-slate-600">Already have an account{preview.email ? ` for ${preview.email}` : ""}?</p>
              <ButtonLink href={`/signin?callbackUrl=${encodeURIComponent(`/invite/${token}`)}`} variant="secondary" className="w-full">
                Sign in to accept
              </ButtonLink>
            </div>
          </div>
        ) : wrongAccount ? (
          <div className="space-y-4">
            <p role="alert" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
              You are signed in as {user.email}. Sign in with {preview.email} to accept this invitation.
            </p>
            <form action={switchAccount.bind(null, token)}>
              <button type="submit" className={buttonClasses("secondary", "md", "w-full")}>
                Sign out and switch account
              </button>
            </form>
          </div>
        ) : (
          <>
            <p className="mb-3 text-center text-xs text-slate-500">Signed in as {user.email}</p>
            <AcceptInvitation token={token} dataspace={preview.dataspace} />
          </>
        )}
      </div>
    </Shell>
  );
}
