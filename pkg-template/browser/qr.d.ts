/** Texts of the QR code's display. */
export interface QrCodeOptions {
  /** The code's text alternative (its `<title>` and `aria-label`). */
  label?: string | undefined;
  /** The link's text, for a customer on their phone (default "Open in your bank app"). */
  openLabel?: string | undefined;
}

/** The SVG text of a deep link's QR code. Rejects with `invalid_params` (`link`, `opts.label`) or `wasm_unavailable`. */
export declare function qrCodeSvg(link: string, opts?: QrCodeOptions): Promise<string>;

/** Shows the QR code of `link` in `element`, with the link as a button (`data-testid` `fps-qr` and `fps-open-bank`). */
export declare function showQrCode(
  element: HTMLElement,
  link: string,
  opts?: QrCodeOptions,
): Promise<{ svg: SVGSVGElement; button: HTMLAnchorElement }>;
