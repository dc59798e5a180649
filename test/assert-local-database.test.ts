import { describe, expect, it } from "vitest";
import { assertLocalDatabase } from "./setup/assert-local-database";

describe("the test database guard", () => {
  it.each([
    "postgresql://postgres:pw@127.0.0.1:5432/postgres",
    "postgres://me@localhost/app",
    "postgresql://me@[::1]:5433/app",
    "postgresql:///app?host=/var/run/postgresql",
  ])("accepts the local server %s", (url) => {
    expect(() => assertLocalDatabase(url)).not.toThrow();
  });

  it.each([
    "postgresql://admin:pw@db.internal.example.com:5432/switchboard",
    "postgresql://admin:pw@10.0.0.12/switchboard",
    "postgresql://admin:pw@localhost.evil.test/switchboard",
    "postgresql://me@localhost/app?host=db.example.com",
    "mysql://root@localhost/app",
    "not a url",
  ])("refuses %s", (url) => {
    expect(() => assertLocalDatabase(url)).toThrow(/Refusing to run tests/);
  });
});
