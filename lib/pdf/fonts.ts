// Fonts shipped in npm packages, registered by absolute path: nothing is fetched at run time.
// Latin languages use Inter; Chinese uses Noto Sans SC (which also covers Latin), embedded as a
// subset by react-pdf.
import path from "node:path";
import { Font } from "@react-pdf/renderer";

let registered = false;
const root = () => process.env.CASEBOARD_ROOT ?? process.cwd();
const CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/;

export function registerFonts() {
  if (registered) return;
  registered = true;
  const inter = (file: string) => path.join(root(), "node_modules/@expo-google-fonts/inter", file);
  const noto = (file: string) => path.join(root(), "node_modules/@expo-google-fonts/noto-sans-sc", file);
  Font.register({
    family: "Inter",
    fonts: [
      { src: inter("400Regular/Inter_400Regular.ttf"), fontWeight: 400 },
      { src: inter("600SemiBold/Inter_600SemiBold.ttf"), fontWeight: 600 },
      { src: inter("700Bold/Inter_700Bold.ttf"), fontWeight: 700 },
    ],
  });
  Font.register({
    family: "NotoSansSC",
    fonts: [
      { src: noto("400Regular/NotoSansSC_400Regular.ttf"), fontWeight: 400 },
      { src: noto("700Bold/NotoSansSC_700Bold.ttf"), fontWeight: 600 },
      { src: noto("700Bold/NotoSansSC_700Bold.ttf"), fontWeight: 700 },
    ],
  });
  // Chinese has no hyphens: break between characters. Latin words are not hyphenated either
  // (board documents read better without), so long words wrap whole.
  Font.registerHyphenationCallback((word) => (CJK.test(word) ? Array.from(word).flatMap((ch) => [ch, ""]) : [word]));
}
