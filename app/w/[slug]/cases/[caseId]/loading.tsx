import { Skeleton } from "@/components/ui/skeleton";

// A tab's content while it loads; the case's header and figures (the layout) stay in place.
export default function Loading() {
  return <Skeleton variant="tab" />;
}
