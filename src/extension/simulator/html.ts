// The simulator page's HTML. No vscode import, so tests can check the CSP and the
// escaping without an editor. Strings and state reach the page through escaped
// `data-` attributes (as VS Code's Markdown preview does), never inline script.

export interface PageAssets {
  /** `webview.cspSource`. */
  readonly cspSource: string;
  readonly scriptUri: string;
  /** The page's one stylesheet (codicons included); vscode-elements finds it by its id. */
  readonly styleUri: string;
}

export interface PageContent {
  readonly nonce: string;
  readonly lang: string;
  readonly title: string;
  /** Serialized into `data-boot`; the page validates it before use. */
  readonly boot: unknown;
}

export function escapeAttribute(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `img-src ${cspSource} data:`,
  ].join('; ');
}

/** 32 random alphanumerics; a fresh one for every render. */
export function makeNonce(random: (n: number) => Uint8Array): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from(random(32), (b) => alphabet[b % alphabet.length]).join('');
}

export function renderSimulatorHtml(assets: PageAssets, content: PageContent): string {
  const a = escapeAttribute;
  return `<!DOCTYPE html>
<html lang="${a(content.lang)}">
  <head>
    <meta charset="utf-8">
    <meta http-equiv="Content-Security-Policy" content="${a(contentSecurityPolicy(assets.cspSource, content.nonce))}">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <link rel="stylesheet" href="${a(assets.styleUri)}" id="vscode-codicon-stylesheet">
    <title>${a(content.title)}</title>
  </head>
  <body data-boot="${a(JSON.stringify(content.boot))}">
    <main id="app" aria-busy="true"></main>
    <script nonce="${a(content.nonce)}" src="${a(assets.scriptUri)}"></script>
  </body>
</html>`;
}
