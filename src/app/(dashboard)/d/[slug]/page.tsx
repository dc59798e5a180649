import { redirect } from "next/navigation";
import { requireUser } from "../../_lib/session";

export default async function DataspaceHome({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  await requireUser(`/d/${slug}/requests`);
  redirect(`/d/${slug}/requests`);
}
