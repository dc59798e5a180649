import { Logo } from "@/components/ui/icons";

// Sign-in and first-run setup: one centered card on the app's slate background.
export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <main className="flex min-h-full flex-col items-center justify-center bg-slate-50 px-4 py-12">
      <div className="mb-6 flex items-center gap-2.5">
        <Logo className="size-8" />
        <span className="text-lg font-semibold tracking-tight text-slate-900">Switchboard</span>
      </div>
      <div className="w-full max-w-sm rounded-lg border border-slate-200 bg-white px-6 py-8 shadow-sm sm:px-8">{children}</div>
    </main>
  );
}
