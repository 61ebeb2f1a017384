import type { ButtonHTMLAttributes } from "react";

type Variant = "primary" | "secondary" | "danger" | "ghost";
const styles: Record<Variant, string> = {
  primary: "bg-blue-700 text-white hover:bg-blue-800 disabled:bg-blue-100 disabled:text-blue-800",
  secondary: "border border-gray-300 bg-white text-gray-800 hover:bg-gray-50 disabled:text-gray-500",
  danger: "border border-red-200 bg-white text-red-700 hover:bg-red-50",
  ghost: "text-gray-700 hover:bg-gray-100",
};

// Disabled buttons stay readable (blue-800 on blue-100 is 7:1), and there is no colour transition,
// so a contrast check never catches a button half-way between its states.
export function Button({
  variant = "primary",
  className = "",
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant }) {
  return (
    <button
      {...props}
      className={`inline-flex items-center justify-center gap-2 rounded-md px-3.5 py-2 text-sm font-medium disabled:cursor-not-allowed ${styles[variant]} ${className}`}
    />
  );
}
