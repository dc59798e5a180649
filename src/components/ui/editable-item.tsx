"use client";

import { useState, type ReactNode } from "react";
import { Button } from "./button";

/**
 * One row of an item list that admins edit in place: its heading with Edit and the other actions,
 * its details below; while editing, the form the caller renders takes the row's place.
 */
export function EditableItem({ name, canEdit, heading, actions, editor, children }: {
  /** The row's accessible name, and what its Edit button names. */
  name: string;
  canEdit: boolean;
  heading: ReactNode;
  /** Next to Edit (a delete button), for those who can edit. */
  actions?: ReactNode;
  /** The edit form; `done` puts the row back. */
  editor: (done: () => void) => ReactNode;
  children: ReactNode;
}) {
  const [editing, setEditing] = useState(false);
  if (editing) return <li className="px-5 py-5">{editor(() => setEditing(false))}</li>;
  return (
    <li className="px-5 py-4" aria-label={name}>
      <div className="flex flex-wrap items-center gap-2">
        {heading}
        {canEdit && (
          <div className="ml-auto flex items-start gap-2">
            <Button variant="secondary" size="sm" onClick={() => setEditing(true)} aria-label={`Edit ${name}`}>
              Edit
            </Button>
            {actions}
          </div>
        )}
      </div>
      {children}
    </li>
  );
}
