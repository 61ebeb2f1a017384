// What the collaboration screens receive (comments panel, notifications): plain data, shared by
// the server that builds it and the client components that show it.
import type { CommentTargetKind } from "@/lib/validation/comments";

export interface CommentView {
  id: string;
  authorName: string | null; // null: an API token or a deleted user
  body: string;
  mentionNames: string[];
  revision: number;
  createdAt: string;
  editedAt: string | null;
  deleted: boolean;
  canEdit: boolean;
  canDelete: boolean;
}

export interface ThreadView {
  id: string;
  target: { kind: CommentTargetKind; id: string | null; label: string | null; exists: boolean; href: string | null };
  resolved: boolean;
  lastActivity: string;
  comments: CommentView[];
}

export interface TargetOption {
  key: string; // "case" or "<kind>:<stableId>"
  kind: CommentTargetKind;
  id: string | null;
  label: string;
}

export interface NotificationDTO {
  id: string;
  kind: string;
  caseId: string | null;
  commentId: string | null;
  actorName: string | null;
  caseName: string | null;
  title: string;
  body: string;
  url: string;
  read: boolean;
  createdAt: string;
}
