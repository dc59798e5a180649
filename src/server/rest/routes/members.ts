import { z } from "zod";
import { appUrl } from "@/env";
import type { Role } from "@/generated/prisma/enums";
import { roleSchema } from "@/server/dataspaces/dataspace.schema";
import { changeMemberRole, getMember, listMembersPage, removeMember, type Member } from "@/server/dataspaces/members";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { defineRoute } from "../route";
import { pageQuery, uuidParams } from "../schemas";

/**
 * Members of the dataspace, named by their user's `uuid`. Any token with `members:read` lists
 * them; changes take `members:admin` and a token made by an admin. A token never acts as an
 * owner, so granting, taking or removing the owner role stays in the dashboard (403 here).
 */
type RoleName = Lowercase<Role>;
const ROLE_NAMES = roleSchema.options.map((role) => role.toLowerCase() as RoleName) as [RoleName, ...RoleName[]];
const roleName = z.enum(ROLE_NAMES, { error: `role must be one of ${ROLE_NAMES.join(", ")}` });

export const memberObject = z
  .object({
    api_url: z.string(),
    absolute_url: z.string().meta({ description: "The dataspace's members page" }),
    uuid: z.string().uuid().meta({ description: "The user's id" }),
    email: z.string(),
    name: z.string().nullable(),
    role: roleName.meta({ description: "`owner`, `admin`, `member` (reads and writes) or `viewer` (reads)" }),
    joined_date: z.string().meta({ description: "ISO 8601" }),
  })
  .meta({ id: "Member", description: "A member of the dataspace and their role" });

function memberObjectOf(tenant: TenantContext, member: Member): z.infer<typeof memberObject> {
  return {
    api_url: `/api/v1/members/${member.id}`,
    absolute_url: `${appUrl()}/d/${tenant.dataspace.slug}/members`,
    uuid: member.id,
    email: member.email,
    name: member.name,
    role: member.role.toLowerCase() as RoleName,
    joined_date: member.joinedAt.toISOString(),
  };
}

const memberUpdateBody = z
  .strictObject({ role: roleName.meta({ description: "The new role; `owner` is granted and taken in the dashboard only" }) })
  .meta({ id: "MemberUpdate" });

const ADMIN = "Takes the `members:admin` scope (or `admin`) and a token made by an admin; owners are changed in the dashboard only.";

export const memberRoutes = [
  defineRoute({
    method: "GET",
    path: "/members",
    operationId: "listMembers",
    tag: "Members",
    summary: "List members",
    description: "In the order they joined, with their role.",
    scope: { resource: "members", level: "read" },
    kind: "list",
    query: z.object(pageQuery),
    response: memberObject,
    errors: [400, 422],
    handle: async ({ tenant, query }) => {
      const page = await listMembersPage(tenant, { limit: query.limit, cursor: query.cursor });
      return { items: page.items.map((member) => memberObjectOf(tenant, member)), nextCursor: page.nextCursor };
    },
  }),
  defineRoute({
    method: "GET",
    path: "/members/{uuid}",
    operationId: "getMember",
    tag: "Members",
    summary: "Get a member",
    scope: { resource: "members", level: "read" },
    kind: "object",
    params: uuidParams,
    response: memberObject,
    errors: [404],
    handle: async ({ tenant, params }) => memberObjectOf(tenant, await getMember(tenant, params.uuid)),
  }),
  defineRoute({
    method: "PATCH",
    path: "/members/{uuid}",
    operationId: "changeMemberRole",
    tag: "Members",
    summary: "Change a member's role",
    description: `Send \`If-Match\` with the ETag you read to refuse the change (412) if the member changed since. ${ADMIN}`,
    scope: { resource: "members", level: "admin" },
    kind: "object",
    params: uuidParams,
    body: memberUpdateBody,
    response: memberObject,
    fieldNames: { userId: "uuid" },
    errors: [400, 404, 409, 412, 413, 415, 422],
    handle: async ({ tenant, params, body, ifMatch }) => {
      const role = body.role.toUpperCase() as Role;
      const changed = await changeMemberRole(tenant, { userId: params.uuid, role }, { precondition: (current) => ifMatch(memberObjectOf(tenant, current)) });
      return memberObjectOf(tenant, changed);
    },
  }),
  defineRoute({
    method: "DELETE",
    path: "/members/{uuid}",
    operationId: "removeMember",
    tag: "Members",
    summary: "Remove a member",
    description: `They lose access at once; the API tokens they made stop working within seconds. ${ADMIN}`,
    scope: { resource: "members", level: "admin" },
    kind: "empty",
    params: uuidParams,
    response: z.undefined(),
    errors: [404, 409],
    handle: async ({ tenant, params }) => {
      await removeMember(tenant, { userId: params.uuid });
    },
  }),
];
