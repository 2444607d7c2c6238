import { isIP } from 'node:net';

/**
 * Whether a request's Host header names this server in a way no other site can forge:
 * loopback names (localhost, *.localhost), an IP address literal, or the host the server
 * was told to listen on. A page on attacker.example can point its own name at 127.0.0.1
 * (DNS rebinding) and then read the lab from the browser; its requests carry
 * Host: attacker.example, and are refused. The rule is Vite's dev server's and Jupyter's.
 *
 * @example
 * isAllowedHost('localhost:5173', '127.0.0.1') // true
 * isAllowedHost('attacker.example:5173', '127.0.0.1') // false
 */
export function isAllowedHost(header: string | undefined, configured: string): boolean {
  if (header === undefined) return false;
  const name = hostName(header).toLowerCase();
  if (name === '') return false;
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  if (isIP(name) !== 0) return true;
  return name === hostName(configured).toLowerCase();
}

/** The name of `host[:port]` or `[v6][:port]`, without brackets or port. */
function hostName(host: string): string {
  const h = host.trim();
  if (h.startsWith('[')) return h.slice(1, h.indexOf(']') < 0 ? undefined : h.indexOf(']'));
  // A bare IPv6 address (the configured host) has colons and no port.
  if (isIP(h) === 6) return h;
  const colon = h.lastIndexOf(':');
  return colon < 0 ? h : h.slice(0, colon);
}
