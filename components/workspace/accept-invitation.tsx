"use client";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { acceptInvitationAction } from "@/lib/actions/workspaces";

export function AcceptInvitation({ token }: { token: string }) {
  const t = useTranslations("workspace");
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);
  return (
    <div className="space-y-4">
      {error ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      ) : null}
      <Button
        disabled={pending}
        onClick={async () => {
          setPending(true);
          const r = await acceptInvitationAction({ token });
          setPending(false);
          if (!r.ok) setError(t("invalidInvite"));
          else router.push(`/w/${r.data.workspaceSlug}`);
        }}
      >
        {t("accept")}
      </Button>
    </div>
  );
}
