import type { Metadata } from "next";
import { ButtonLink } from "@/components/ui/button";
import { Icon, Logo } from "@/components/ui/icons";

export const metadata: Metadata = { title: "Dataspace not found" };

// Unknown slugs and dataspaces the user is not a member of look the same on purpose: membership
// cannot be probed.
export default function DataspaceNotFound() {
  return (
    <main className="flex min-h-full flex-col items-center justify-center px-6 py-24 text-center">
      <Logo className="size-10" />
      <div className="mt-8 flex size-12 items-center justify-center rounded-full bg-slate-100 text-slate-500">
        <Icon name="squares" />
      </div>
      <h1 className="mt-4 text-2xl font-semibold tracking-tight text-slate-900">Dataspace not found</h1>
      <p className="mt-3 max-w-md text-base text-slate-600">
        There is no dataspace at this address that you are a member of. If someone shared the link with you, ask them
        for an invitation.
      </p>
      <div className="mt-8 flex gap-3">
        <ButtonLink href="/">Go to your dashboard</ButtonLink>
        <ButtonLink href="/dataspaces/new" variant="secondary">
          Create a dataspace
        </ButtonLink>
      </div>
    </main>
  );
}
