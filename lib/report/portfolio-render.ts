// The portfolio board report as PDF bytes: the portfolio view in, the document out (react-pdf).
import { renderToBuffer } from "@react-pdf/renderer";
import { createElement, type ReactElement } from "react";
import type { PortfolioView } from "@/lib/dto/portfolio";
import { registerFonts } from "@/lib/pdf/fonts";
import { PortfolioDocument } from "@/lib/pdf/portfolio-document";

export async function renderPortfolioPdf(
  view: PortfolioView,
  options: { locale?: string; generatedAt?: Date } = {},
): Promise<Buffer> {
  registerFonts();
  return renderToBuffer(
    createElement(PortfolioDocument, {
      view,
      locale: options.locale ?? "en",
      generatedAt: options.generatedAt ?? new Date(),
    }) as ReactElement<never>,
  );
}
