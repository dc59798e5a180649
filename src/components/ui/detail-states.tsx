"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import { errorCode, errorMessage } from "@/trpc/errors";
import { Button, ButtonLink } from "./button";
import { Card } from "./card";
import { EmptyState } from "./empty-state";
import { Icon, type IconName } from "./icons";
import { Skeleton } from "./skeleton";

/**
 * The frame every detail page shares: the link back to its list, a skeleton while it loads, and
 * one error state — "not found" (deleted, or another dataspace's: the same answer) or "could not
 * load" with a retry.
 */
export function BackLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Link href={href} className="inline-flex items-center gap-1 text-sm text-slate-500 hover:text-slate-800">
      <Icon name="arrowLeft" className="size-4" />
      {children}
    </Link>
  );
}

export function DetailLoading({ label }: { label: string }) {
  return (
    <div role="status" aria-label={label} className="space-y-6">
      <Skeleton className="h-4 w-24" />
      <Skeleton className="h-8 w-1/2" />
      <Skeleton className="h-64" />
    </div>
  );
}

export function DetailError(props: {
  error: unknown;
  noun: string;
  icon: IconName;
  /** The link above the card, and the button's text when it is not "Back to <the link's list>". */
  back: { href: string; label: string; action?: string };
  /** Why it may be missing, when "deleted, or another dataspace's" does not say it. */
  missingHint?: string;
  onRetry: () => void;
}) {
  const missing = errorCode(props.error) === "NOT_FOUND" || errorCode(props.error) === "BAD_REQUEST";
  const Noun = props.noun[0].toUpperCase() + props.noun.slice(1);
  return (
    <div className="space-y-4">
      <BackLink href={props.back.href}>{props.back.label}</BackLink>
      <Card>
        <EmptyState
          icon={<Icon name={missing ? props.icon : "warning"} />}
          title={missing ? `${Noun} not found` : `Could not load this ${props.noun}`}
          action={
            missing ? (
              <ButtonLink href={props.back.href} variant="secondary">
                {props.back.action ?? `Back to ${props.back.label.replace(/^All /, "")}`}
              </ButtonLink>
            ) : (
              <Button onClick={props.onRetry}>Try again</Button>
            )
          }
        >
          {missing ? (props.missingHint ?? "It may have been deleted, or it belongs to another dataspace.") : errorMessage(props.error)}
        </EmptyState>
      </Card>
    </div>
  );
}
