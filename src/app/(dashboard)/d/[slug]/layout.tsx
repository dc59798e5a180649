import Link from "next/link";
import type { ReactNode } from "react";
import { AppShell } from "@/components/dataspace/app-shell";
import { DataspaceProvider } from "@/components/dataspace/dataspace-context";
import { DataspaceSwitcher } from "@/components/dataspace/dataspace-switcher";
import { DataspaceNav } from "@/components/dataspace/nav";
import { UserMenu } from "@/components/dataspace/user-menu";
import { Logo } from "@/components/ui/icons";
import { currentUser, getQueryClient, HydrateClient, trpc } from "@/trpc/server";
import { requireDataspace } from "../../_lib/session";
import { signOutAction } from "../../actions";

export default async function DataspaceLayout({ children, params }: { children: ReactNode; params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const user = await currentUser();
  if (!user) return children; // the page redirects to sign-in (see ../../layout.tsx)
  const dataspace = await requireDataspace(slug);
  const queryClient = getQueryClient();
  queryClient.setQueryData(trpc.dataspace.current.queryKey({ dataspace: slug }), dataspace);
  await queryClient.prefetchQuery(trpc.dataspace.mine.queryOptions());

  return (
    <HydrateClient>
      <DataspaceProvider initial={dataspace} userId={user.id}>
        <AppShell
          sidebar={
            <>
              <Link href="/" className="hidden items-center gap-2.5 px-2.5 md:flex">
                <Logo />
                <span className="text-base font-semibold tracking-tight text-slate-900">Switchboard</span>
              </Link>
              <DataspaceSwitcher />
              <div className="border-t border-slate-200 pt-4">
                <DataspaceNav />
              </div>
              <div className="mt-auto border-t border-slate-200 pt-4">
                <UserMenu user={user} signOutAction={signOutAction} />
              </div>
            </>
          }
        >
          {children}
        </AppShell>
      </DataspaceProvider>
    </HydrateClient>
  );
}
