"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useDataspace } from "@/components/dataspace/dataspace-context";
import { ErrorAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { CheckboxField, TextField } from "@/components/ui/field";
import { SkeletonRows } from "@/components/ui/skeleton";
import { errorMessage, fieldErrorsOf } from "@/trpc/errors";
import type { WebhookSettingsValue } from "@/server/webhooks/settings/webhook-settings";
import { useTRPC } from "@/trpc/react";

// Mirrors DEFAULT_RETRY_SCHEDULE_SECONDS in src/server/webhooks/rules/retry-schedule.ts (kept
// here so the client bundle does not pull in the server's rules).
const DEFAULT_SCHEDULE = [5, 30, 120, 600, 1800, 3600, 7200, 14400, 28800];

/** "5 s", "2 min", "1 h 30 min". */
function seconds(s: number): string {
  if (s < 60) return `${s} s`;
  if (s < 3600) return s % 60 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${s / 60} min`;
  const h = Math.floor(s / 3600);
  const m = Math.round((s % 3600) / 60);
  return m ? `${h} h ${m} min` : `${h} h`;
}

/** What a schedule means, in a sentence: how many attempts, when, and over how long. */
export function describeSchedule(schedule: number[]): string {
  if (schedule.length === 0) return "One attempt, no retries: a delivery that fails is marked failed at once.";
  const total = schedule.reduce((sum, s) => sum + s, 0);
  return `${schedule.length + 1} attempts: the first at once, then retries after ${schedule.map(seconds).join(", ")} (about ${seconds(total)} in all, each ±20 %). After the last, the delivery is marked failed.`;
}

function parseSchedule(text: string): { value: number[] } | { error: string } {
  const parts = text.split(",").map((p) => p.trim()).filter(Boolean);
  const bad = parts.find((p) => !/^\d+$/.test(p));
  if (bad !== undefined) return { error: `“${bad}” is not a whole number of seconds` };
  return { value: parts.map(Number) };
}

function parseWhole(text: string): number {
  return /^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN;
}

/** The dataspace's webhook delivery settings: retry schedule, plain HTTP, circuit breaker. Admins only. */
export function WebhookSettingsForm() {
  const trpc = useTRPC();
  const { slug } = useDataspace();
  const settings = useQuery(trpc.webhook.settings.queryOptions({ dataspace: slug }));
  return (
    <Card>
      <CardHeader
        title="Webhook delivery"
        description="How this dataspace’s outgoing webhooks retry, which targets they may reach, and when a failing endpoint is paused or disabled."
      />
      {settings.isPending ? (
        <SkeletonRows rows={3} label="Loading webhook settings" />
      ) : settings.isError ? (
        <ErrorAlert className="m-5">Could not load webhook settings: {errorMessage(settings.error)}</ErrorAlert>
      ) : (
        <SettingsForm initial={settings.data} />
      )}
    </Card>
  );
}

function SettingsForm({ initial }: { initial: WebhookSettingsValue }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { slug } = useDataspace();
  const [schedule, setSchedule] = useState(initial.retryScheduleSeconds.join(", "));
  const [allowHttp, setAllowHttp] = useState(initial.allowHttp);
  const [pauseAfterFailures, setPauseAfterFailures] = useState(String(initial.pauseAfterFailures));
  const [pauseSeconds, setPauseSeconds] = useState(String(initial.pauseSeconds));
  const [disableAfterHours, setDisableAfterHours] = useState(String(initial.disableAfterHours));
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const save = useMutation(
    trpc.webhook.updateSettings.mutationOptions({
      onSuccess: (saved) => {
        queryClient.setQueryData(trpc.webhook.settings.queryKey({ dataspace: slug }), saved);
        setSchedule(saved.retryScheduleSeconds.join(", "));
      },
    }),
  );
  const serverErrors = fieldErrorsOf(save.error);
  const errors = { ...serverErrors, ...localErrors };
  const generalError = save.error && Object.keys(serverErrors).length === 0 ? errorMessage(save.error) : null;
  const parsed = parseSchedule(schedule);
  const edit = <T,>(set: (value: T) => void) => (value: T) => {
    set(value);
    save.reset();
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    const local: Record<string, string> = {};
    if ("error" in parsed) local.retryScheduleSeconds = parsed.error;
    const numbers = { pauseAfterFailures: parseWhole(pauseAfterFailures), pauseSeconds: parseWhole(pauseSeconds), disableAfterHours: parseWhole(disableAfterHours) };
    for (const [field, value] of Object.entries(numbers)) if (Number.isNaN(value)) local[field] = "Enter a whole number";
    setLocalErrors(local);
    if (Object.keys(local).length > 0 || "error" in parsed) return;
    save.mutate({ dataspace: slug, retryScheduleSeconds: parsed.value, allowHttp, ...numbers });
  }

  return (
    <form method="post" onSubmit={submit} noValidate className="space-y-5 px-5 py-5">
      <TextField
        label="Retry schedule (seconds)"
        name="retryScheduleSeconds"
        value={schedule}
        onChange={(e) => edit(setSchedule)(e.target.value)}
        error={errors.retryScheduleSeconds}
        autoComplete="off"
        hint={
          <>
            The wait before each retry, comma separated, each no shorter than the one before; at most 12 retries and 72 hours in all.
            Empty means no retries. Default: {DEFAULT_SCHEDULE.join(", ")}. Failures that are retried: network errors, timeouts, 5xx,
            408 and 429 (a Retry-After answer is honoured). <span className="text-slate-700">{"value" in parsed ? describeSchedule(parsed.value) : null}</span>
          </>
        }
      />
      <CheckboxField
        label="Allow plain HTTP targets"
        name="allowHttp"
        checked={allowHttp}
        onChange={(e) => edit(setAllowHttp)(e.target.checked)}
        error={errors.allowHttp}
        hint="Off: webhook URLs must use HTTPS. Turn on only for receivers that cannot serve TLS; deliveries then travel unencrypted."
      />
      <div className="grid gap-4 sm:grid-cols-3">
        <TextField
          label="Pause after failures"
          name="pauseAfterFailures"
          type="number"
          inputMode="numeric"
          min={3}
          max={100}
          value={pauseAfterFailures}
          onChange={(e) => edit(setPauseAfterFailures)(e.target.value)}
          error={errors.pauseAfterFailures}
          hint="Consecutive failed attempts (3–100) before an endpoint is paused; its deliveries are held meanwhile."
        />
        <TextField
          label="Pause for (seconds)"
          name="pauseSeconds"
          type="number"
          inputMode="numeric"
          min={10}
          max={3600}
          value={pauseSeconds}
          onChange={(e) => edit(setPauseSeconds)(e.target.value)}
          error={errors.pauseSeconds}
          hint="10–3600. Then delivery resumes with the held backlog."
        />
        <TextField
          label="Disable after (hours)"
          name="disableAfterHours"
          type="number"
          inputMode="numeric"
          min={1}
          max={168}
          value={disableAfterHours}
          onChange={(e) => edit(setDisableAfterHours)(e.target.value)}
          error={errors.disableAfterHours}
          hint="1–168. An endpoint still failing this long after its first failure is disabled until an admin enables it."
        />
      </div>
      <ErrorAlert>{generalError}</ErrorAlert>
      {save.isSuccess && (
        <p role="status" className="text-sm text-emerald-700">
          Saved.
        </p>
      )}
      <div className="flex justify-end">
        <Button type="submit" pending={save.isPending}>
          Save webhook settings
        </Button>
      </div>
    </form>
  );
}
