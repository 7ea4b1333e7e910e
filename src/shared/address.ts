import { BlockList, isIP } from 'node:net';

// Loopback, private, link-local, unique-local, multicast, unspecified, shared (CGNAT), benchmarking,
// documentation and reserved ranges: none of them is a public government portal.
const PRIVATE = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24],
  ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) PRIVATE.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  // IPv4-mapped addresses (::ffff:a.b.c.d) are checked against the IPv4 rules by BlockList itself.
  ['::', 128], ['::1', 128], ['64:ff9b:1::', 48], ['100::', 64], ['2001:db8::', 32],
  ['fc00::', 7], ['fe80::', 10], ['fec0::', 10], ['ff00::', 8],
] as const) PRIVATE.addSubnet(net, bits, 'ipv6');

/** True for anything that is not a public unicast address (a string that is no IP address at all included). */
export function isPrivateAddress(ip: string): boolean {
  const v = isIP(ip);
  if (v === 0) return true;
  return PRIVATE.check(ip, v === 4 ? 'ipv4' : 'ipv6');
}

/**
 * Whether a URL's host is private on its face: a literal address in the ranges above, or a localhost name.
 * Other names need DNS, which the crawl's SSRF gate does on every connection; this is for checks made
 * offline, such as validating a plan.
 */
export function isPrivateHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  return isIP(h) !== 0 && isPrivateAddress(h);
}
