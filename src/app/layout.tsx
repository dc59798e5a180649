import "@fontsource-variable/inter";
import "./globals.css";

import type { Metadata } from "next";
import { TRPCReactProvider } from "@/trpc/react";

// The product mark, inline: no extra file for the browser to fetch.
const ICON =
  "data:image/svg+xml," +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="8" fill="#4f46e5"/>' +
      '<path d="M8 11h6l4 10h6M8 21h6l1.5-3.75M18 11h6" fill="none" stroke="white" stroke-width="2.25" stroke-linecap="round" stroke-linejoin="round"/></svg>',
  );

export const metadata: Metadata = {
  title: { default: "Switchboard", template: "%s · Switchboard" },
  icons: { icon: ICON },
  description: "Multi-tenant integrations hub: requests, events, webhooks and integrations per dataspace.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en" className="h-full">
      <body className="h-full font-sans">
        <TRPCReactProvider>{children}</TRPCReactProvider>
      </body>
    </html>
  );
}
