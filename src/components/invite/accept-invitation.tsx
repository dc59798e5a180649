"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { ErrorAlert } from "@/components/ui/alert";
import { Button, ButtonLink } from "@/components/ui/button";
import { errorCode, errorMessage } from "@/trpc/errors";
import { useTRPC } from "@/trpc/react";

export function AcceptInvitation({ token, dataspace }: { token: string; dataspace: { slug: string; name: string } }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const accept = useMutation(
    trpc.invitation.accept.mutationOptions({
      onSuccess: async (joined) => {
        await queryClient.invalidateQueries(trpc.dataspace.mine.queryFilter());
        router.push(`/d/${joined.slug}/requests`);
      },
    }),
  );
  const alreadyMember = errorCode(accept.error) === "CONFLICT";
  return (
    <div className="space-y-4">
      {accept.error && (
        <ErrorAlert>
          {errorMessage(accept.error)}
          {alreadyMember && (
            <div className="mt-3">
              <ButtonLink href={`/d/${dataspace.slug}/requests`} size="sm">
                Open {dataspace.name}
              </ButtonLink>
            </div>
          )}
        </ErrorAlert>
      )}
      {!alreadyMember && (
        <Button className="w-full" pending={accept.isPending || accept.isSuccess} onClick={() => accept.mutate({ token })}>
          Accept invitation
        </Button>
      )}
    </div>
  );
}
