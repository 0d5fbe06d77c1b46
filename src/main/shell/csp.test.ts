import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, securityHeaders } from './csp';

/** Parses a policy into directive → sources. */
function parse(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((part) => {
      const [name = '', ...sources] = part.trim().split(/\s+/);
      return [name, sources];
    }),
  );
}

describe('contentSecurityPolicy', () => {
  const production = parse(contentSecurityPolicy());

  it('allows only the app itself in production', () => {
    expect(production.get('default-src')).toEqual(["'none'"]);
    expect(production.get('script-src')).toEqual(["'self'"]);
    expect(production.get('style-src')).toEqual(["'self'"]);
    expect(production.get('img-src')).toEqual(["'self'", 'data:']);
    expect(production.get('font-src')).toEqual(["'self'"]);
    expect(production.get('connect-src')).toEqual(["'self'"]);
    for (const name of ['object-src', 'base-uri', 'form-action', 'frame-ancestors']) {
      expect(production.get(name)).toEqual(["'none'"]);
    }
  });

  it('never allows eval or inline script in production', () => {
    expect(contentSecurityPolicy()).not.toMatch(/unsafe-(eval|inline)/);
  });

  it('relaxes only what the Vite dev client needs, for the dev server', () => {
    const dev = parse(contentSecurityPolicy({ devServerOrigin: 'http://localhost:5173' }));
    expect(dev.get('script-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(dev.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(dev.get('connect-src')).toEqual(["'self'", 'ws://localhost:5173']);
    expect(dev.get('default-src')).toEqual(["'none'"]);
    expect(contentSecurityPolicy({ devServerOrigin: 'https://localhost:5173' })).toContain(
      'wss://localhost:5173',
    );
  });
});

describe('securityHeaders', () => {
  it('carries the policy and forbids sniffing, referrers and cross-origin embedding', () => {
    const headers = securityHeaders('default-src none');
    expect(headers).toEqual({
      'Content-Security-Policy': 'default-src none',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Resource-Policy': 'same-origin',
    });
  });
});
