import { ErrorAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { errorMessage } from "@/trpc/errors";

/** A list that could not load: what failed, why, and a way to try again. */
export function ListLoadError({ noun, error, onRetry }: { noun: string; error: unknown; onRetry: () => void }) {
  return (
    <div className="p-4">
      <ErrorAlert>
        <div className="flex items-center justify-between gap-4">
          <span>
            Could not load {noun}: {errorMessage(error)}
          </span>
          <Button size="sm" variant="secondary" onClick={onRetry}>
            Try again
          </Button>
        </div>
      </ErrorAlert>
    </div>
  );
}
