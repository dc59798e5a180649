"use client";

// The same error screen as the dashboard's.
export { default } from "../../(dashboard)/error";
