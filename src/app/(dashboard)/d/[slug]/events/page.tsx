import type { Metadata } from "next";
import { EventsView } from "@/components/events/events-view";
import { Notice } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { isAdminRole, requireDataspace, requireUser } from "../../../_lib/session";

export const metadata: Metadata = { title: "Events" };

export default async function EventsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  await requireUser(`/d/${slug}/events`);
  const dataspace = await requireDataspace(slug);
  return (
    <>
      <PageHeader
        title="Events"
        description="Domain events recorded in this dataspace, newest first. Click one to see its payload."
        actions={
          <ButtonLink variant="secondary" href={`/d/${slug}/events/types`}>
            Custom event types
          </ButtonLink>
        }
      />
      {isAdminRole(dataspace.role) ? (
        <EventsView />
      ) : (
        <Notice>Only admins and owners can see the event log: events carry full payloads, private requests included.</Notice>
      )}
    </>
  );
}
