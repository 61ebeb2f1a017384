// Inputs of comments and notifications (docs/architecture.md#comments-and-notifications), shared by the API, its
// OpenAPI document and the comments panel. Text is stored exactly as typed (never HTML): only NUL,
// which PostgreSQL refuses, and text over 10,000 characters are refused.
import { z } from "zod";
import { stableIdSchema } from "@/lib/case-file/schema";

export const MAX_COMMENT_LENGTH = 10_000;
export const COMMENT_TARGET_KINDS = ["case", "line", "risk", "kpi", "assumption"] as const;
export type CommentTargetKind = (typeof COMMENT_TARGET_KINDS)[number];

export const commentBodySchema = z
  .string()
  .max(MAX_COMMENT_LENGTH, `at most ${MAX_COMMENT_LENGTH} characters`)
  .refine((s) => !s.includes("\u0000"), "must not contain NUL characters")
  .refine((s) => s.trim().length > 0, "must not be empty");

// The object a thread is about: the case itself (no id) or a line, risk, KPI or assumption by its
// stable id (the case file's `id`, kept across edits, so a thread outlives the object).
export const commentTargetSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("case"), id: z.string().max(64).optional() }),
  z.strictObject({
    kind: z.enum(["line", "risk", "kpi", "assumption"]),
    id: stableIdSchema().describe(
      "The object's id or its stable id (`id` or `stableId` in the case's answer); answers show the stable id",
    ),
  }),
]);
export type CommentTarget = z.infer<typeof commentTargetSchema>;

export const createCommentSchema = z.strictObject({
  body: commentBodySchema,
  target: commentTargetSchema.optional(),
  parentId: z.uuid().optional(),
});
export type CreateCommentInput = z.infer<typeof createCommentSchema>;

// An edit names the revision it was made on; another edit in between answers 409.
export const updateCommentSchema = z.strictObject({
  body: commentBodySchema,
  revision: z.number().int().min(1).max(2_147_483_647),
});
export type UpdateCommentInput = z.infer<typeof updateCommentSchema>;

export const resolveCommentSchema = z.strictObject({ resolved: z.boolean() });

export const markNotificationsReadSchema = z.strictObject({
  ids: z.array(z.uuid()).max(500).optional(), // absent: all of mine
});
