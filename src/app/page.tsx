import { redirect } from "next/navigation";
import { connection } from "next/server";
import { needsSetup } from "@/server/auth/setup-owner";
import { currentUser, getCaller } from "@/trpc/server";

// The front door: first-run setup, sign-in, or the user's first dataspace.
export default async function Home() {
  await connection(); // decided per request, never prerendered at build time
  if (await needsSetup()) redirect("/setup");
  const user = await currentUser();
  if (!user) redirect("/signin");
  const dataspaces = await (await getCaller()).dataspace.mine();
  const first = dataspaces[0];
  redirect(first ? `/d/${first.slug}/requests` : "/dataspaces/new");
}
