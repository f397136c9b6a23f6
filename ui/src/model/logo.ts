import type { LogoView } from "../platform";

/** The logo's bytes as a `data:` URL for an <img> (the CSP allows `data:` images, nothing else). */
export function logoDataUrl(logo: Pick<LogoView, "media_type" | "bytes">): string {
  let binary = "";
  const chunk = 0x8000;
  for (let i = 0; i < logo.bytes.length; i += chunk) {
    binary += String.fromCharCode(...logo.bytes.slice(i, i + chunk));
  }
  const type = logo.media_type === "image/jpeg" ? "image/jpeg" : "image/png";
  return `data:${type};base64,${btoa(binary)}`;
}
