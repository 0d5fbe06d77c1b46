/**
 * The Content-Security-Policy and the other response headers that confine the renderer, shared by
 * the Electron session, the app protocol and the browser-mode HTTP server.
 *
 * Production allows only the app's own files: no inline script, no eval, no inline `<style>` or
 * `style="…"` attributes. That suffices because inline styles set through the CSSOM
 * (`element.style.cssText`, `style.setProperty`) are not subject to CSP, and that is how React
 * applies its `style` prop and how prosemirror-view applies the `style` of a decoration. What
 * it does block is markup carrying a style attribute: a ProseMirror `toDOM` spec with
 * `{ style: … }` (rendered with setAttribute) or HTML parsed with inline styles. Use classes and
 * CSS custom properties set through the CSSOM instead.
 */

export interface PolicyOptions {
  /**
   * Origin of the Vite dev server, in development only. Vite's dev client injects an inline
   * React-refresh preamble, adds CSS as `<style>` elements and talks to its HMR websocket; the
   * policy relaxes exactly those three things for that origin. Never set for a built app.
   */
  devServerOrigin?: string;
}

export function contentSecurityPolicy(options: PolicyOptions = {}): string {
  const dev = options.devServerOrigin;
  const directives: Array<[name: string, ...sources: string[]]> = [
    ['default-src', "'none'"],
    ['script-src', "'self'", ...(dev ? ["'unsafe-inline'"] : [])],
    ['style-src', "'self'", ...(dev ? ["'unsafe-inline'"] : [])],
    ['img-src', "'self'", 'data:'],
    ['font-src', "'self'"],
    ['connect-src', "'self'", ...(dev ? [websocketOrigin(dev)] : [])],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'none'"],
    ['frame-ancestors', "'none'"],
  ];
  return directives.map((directive) => directive.join(' ')).join('; ');
}

/** `http://localhost:5173` → `ws://localhost:5173` (and https → wss). */
function websocketOrigin(httpOrigin: string): string {
  const url = new URL(httpOrigin);
  return `${url.protocol === 'https:' ? 'wss:' : 'ws:'}//${url.host}`;
}

/** Headers for every response that carries app content (documents, scripts, API results). */
export function securityHeaders(policy: string): Record<string, string> {
  return {
    'Content-Security-Policy': policy,
    // A file is what its Content-Type says, never sniffed into script or HTML.
    'X-Content-Type-Options': 'nosniff',
    // Links in articles must not tell the sites they lead to where the reader came from.
    'Referrer-Policy': 'no-referrer',
    // A page that opens ours (or that we open) gets no window handle to it.
    'Cross-Origin-Opener-Policy': 'same-origin',
    // No other site may embed our responses, e.g. as a no-cors <script> or <img>.
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}
