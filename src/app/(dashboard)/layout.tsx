/**
 * Every page below needs a session, and each page redirects to sign-in itself (requireUser in
 * _lib/session.ts) because only the page knows its full path for `callbackUrl`. Layouts render
 * `children` for anonymous visitors so that redirect happens during the first render, as a real
 * 307; for the same reason no loading.tsx sits above the pages (a Suspense boundary would turn
 * the redirect into a client-side one).
 */
export default function DashboardLayout({ children }: { children: React.ReactNode }) {
  return children;
}
