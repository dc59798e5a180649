"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useDataspace } from "@/components/dataspace/dataspace-context";
import { initialsOf } from "@/components/dataspace/user-menu";
import { ErrorAlert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { TextAreaField } from "@/components/ui/field";
import { RelativeTime } from "@/components/ui/time";
import { errorMessage, fieldErrorsOf } from "@/trpc/errors";
import { useTRPC } from "@/trpc/react";
import { personLabel } from "./labels";

type Comment = {
  id: string;
  text: string;
  createdAt: Date;
  editedAt: Date | null;
  /** A comment synced from a platform (issue sync) has no member author: its platform and author there. */
  source: string | null;
  externalAuthor: string | null;
  externalUrl: string | null;
  user: { id: string; email: string; name: string | null } | null;
};

/** The platforms' names as their users write them, for the source badge. */
const PLATFORM_NAMES: Record<string, string> = { github: "GitHub", gitlab: "GitLab", jira: "Jira", forgejo: "Forgejo", sourcehut: "SourceHut" };

export function Comments({ requestId, comments }: { requestId: string; comments: Comment[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { slug, canEdit } = useDataspace();
  const [text, setText] = useState("");
  const add = useMutation(
    trpc.request.comment.mutationOptions({
      onSuccess: async () => {
        setText("");
        await queryClient.invalidateQueries(trpc.request.pathFilter());
      },
    }),
  );
  const fieldError = fieldErrorsOf(add.error).text;

  function submit(event: FormEvent) {
    event.preventDefault();
    add.mutate({ dataspace: slug, requestId, text });
  }

  return (
    <Card className="p-6">
      <h2 className="text-sm font-semibold text-slate-900">
        Comments <span className="font-normal text-slate-500">({comments.length})</span>
      </h2>
      {comments.length === 0 ? (
        <p className="mt-3 text-sm text-slate-400">No comments yet.</p>
      ) : (
        <ol className="mt-4 space-y-5" title="Comments">
          {comments.map((c) => (
            <li key={c.id} className="flex gap-3">
              <span aria-hidden="true" className="flex size-8 shrink-0 items-center justify-center rounded-full bg-slate-100 text-xs font-semibold text-slate-600">
                {c.user ? initialsOf(c.user) : (c.externalAuthor ?? "?").slice(0, 2).toUpperCase()}
              </span>
              <article className="min-w-0 flex-1">
                <header className="flex flex-wrap items-baseline gap-x-2 text-sm">
                  <span className="font-medium text-slate-900">{c.user ? personLabel(c.user) : (c.externalAuthor ?? "someone")}</span>
                  {c.source ? (
                    <Badge tone="slate">
                      {c.externalUrl ? (
                        <a href={c.externalUrl} target="_blank" rel="noreferrer noopener" className="hover:underline">
                          via {PLATFORM_NAMES[c.source] ?? c.source}
                        </a>
                      ) : (
                        <>via {PLATFORM_NAMES[c.source] ?? c.source}</>
                      )}
                    </Badge>
                  ) : null}
                  <RelativeTime date={c.createdAt} className="text-xs text-slate-500" />
                  {c.editedAt ? <span className="text-xs text-slate-400">(edited)</span> : null}
                </header>
                <p className="mt-1 text-sm leading-6 whitespace-pre-wrap break-words text-slate-700">{c.text}</p>
              </article>
            </li>
          ))}
        </ol>
      )}
      {canEdit ? (
        <form method="post" onSubmit={submit} noValidate className="mt-6 space-y-3 border-t border-slate-200 pt-5">
          <TextAreaField label="Comment" name="text" rows={3} value={text} onChange={(e) => setText(e.target.value)} error={fieldError} placeholder="Write a comment…" />
          <ErrorAlert>{add.error && !fieldError ? errorMessage(add.error) : null}</ErrorAlert>
          <div className="flex justify-end">
            <Button type="submit" pending={add.isPending}>
              Add comment
            </Button>
          </div>
        </form>
      ) : (
        <p className="mt-6 border-t border-slate-200 pt-5 text-sm text-slate-500">Viewers can read comments but not add them.</p>
      )}
    </Card>
  );
}
