import { describe, expect, it } from "vitest";
import { logoDataUrl } from "./logo";

describe("logoDataUrl", () => {
  it("encodes the bytes in base64 with the media type, and only PNG or JPEG", () => {
    expect(logoDataUrl({ media_type: "image/png", bytes: [137, 80, 78, 71] })).toBe("data:image/png;base64,iVBORw==");
    expect(logoDataUrl({ media_type: "image/jpeg", bytes: [255, 216] })).toBe("data:image/jpeg;base64,/9g=");
    expect(logoDataUrl({ media_type: "text/html", bytes: [60] })).toBe("data:image/png;base64,PA==");
  });

  it("handles a large file in chunks", () => {
    const bytes = new Array<number>(200_000).fill(65);
    expect(logoDataUrl({ media_type: "image/png", bytes }).length).toBe("data:image/png;base64,".length + 266_668);
  });
});
