import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/card";
import { isAdminRole, requireDataspace, requireUser } from "../../../../_lib/session";
import { CustomEventTypes } from "./custom-event-types";
import { NewCustomEventType } from "./new-custom-event-type";

export const metadata: Metadata = { title: "Custom event types" };

export default async function CustomEventTypesPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  await requireUser(`/d/${slug}/events/types`);
  const dataspace = await requireDataspace(slug);
  const isAdmin = isAdminRole(dataspace.role);
  return (
    <>
      <PageHeader
        title="Custom event types"
        description={
          <>
            Your own <code className="font-mono">custom.*</code> events: register a type with the JSON Schema its data must match, publish it
            with <code className="font-mono">POST /api/v1/events</code>, and subscribe webhooks to it like to any event.{" "}
            <Link className="font-medium text-indigo-700 hover:underline" href={`/d/${slug}/events`}>
              Back to the event log
            </Link>
          </>
        }
      />
      <div className="space-y-6">
        {isAdmin && <NewCustomEventType />}
        <CustomEventTypes canEdit={isAdmin} />
      </div>
    </>
  );
}
