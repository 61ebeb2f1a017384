// Inputs of snapshots, approvals and the version difference (docs/architecture.md#versions-and-approval),
// shared by the API, the server actions and the forms.
import { z } from "zod";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const createSnapshotSchema = z.strictObject({ name: z.string().trim().min(1, "must not be empty").max(200) });

export const requestApprovalSchema = z.strictObject({
  approverIds: z.array(z.string().regex(UUID, "a user id")).max(50).optional(),
  note: z.string().max(2000).optional(),
});

export const approveSchema = z.strictObject({ comment: z.string().max(2000).optional() });

export const rejectSchema = z.strictObject({
  comment: z.string().trim().min(1, "say why (the requester reads it)").max(2000),
});

// A version: "current" (the plan as it stands) or a snapshot id of the case.
export const versionRefSchema = z.union([z.literal("current"), z.string().regex(UUID, 'a snapshot id or "current"')]);

export const diffQuerySchema = z.strictObject({ from: versionRefSchema, to: versionRefSchema.optional() });

export type CreateSnapshotInput = z.infer<typeof createSnapshotSchema>;
export type RequestApprovalInput = z.infer<typeof requestApprovalSchema>;
