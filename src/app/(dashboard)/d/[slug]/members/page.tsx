import type { Metadata } from "next";
import { Invitations } from "@/components/members/invitations";
import { MembersView } from "@/components/members/members-view";
import { PageHeader } from "@/components/ui/card";
import { getQueryClient, HydrateClient, trpc } from "@/trpc/server";
import { isAdminRole, requireDataspace, requireUser } from "../../../_lib/session";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  await requireUser(`/d/${slug}/members`);
  const dataspace = await requireDataspace(slug);
  const admin = isAdminRole(dataspace.role);
  const queryClient = getQueryClient();
  await Promise.all([
    queryClient.prefetchQuery(trpc.member.list.queryOptions({ dataspace: slug })),
    admin ? queryClient.prefetchQuery(trpc.invitation.list.queryOptions({ dataspace: slug })) : null,
  ]);
  return (
    <HydrateClient>
      <PageHeader title="Members" description={`People in ${dataspace.name}${admin ? ", and the invitations you sent" : ""}.`} />
      <div className="space-y-8">
        <MembersView />
        {admin && <Invitations />}
      </div>
    </HydrateClient>
  );
}
