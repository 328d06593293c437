/**
 * Which network addresses byline may connect to when a member gives it a link: public unicast addresses
 * only. Everything else — loopback, private networks, link-local (where cloud metadata services answer:
 * 169.254.169.254), carrier-grade NAT (another provider's metadata, 100.100.100.200), multicast, broadcast,
 * unspecified, documentation and reserved ranges, IPv6 unique-local, and every IPv6 form that carries an
 * IPv4 address (IPv4-mapped `::ffff:127.0.0.1`, NAT64, 6to4, Teredo) — is refused. The address classes
 * come from ipaddr.js (its tables of special ranges, kept with the RFCs), not from hand-written prefixes.
 */
import ipaddr from 'ipaddr.js';

/**
 * Says why byline must not connect to an address (a sentence for the member), or null when it may.
 * The default policy of every fetch; tests inject their own to reach a server of theirs on 127.0.0.1.
 */
export type AddressGuard = (address: string) => string | null;

/** The kind words a refusal uses for each class of address ipaddr.js names. */
const CLASS_NAMES: Readonly<Record<string, string>> = {
  unspecified: 'an unspecified address',
  broadcast: 'a broadcast address',
  multicast: 'a multicast address',
  linkLocal: 'a link-local address (where cloud metadata services answer)',
  loopback: 'this machine itself (a loopback address)',
  carrierGradeNat: 'a provider-internal address',
  private: 'a private network address',
  reserved: 'a reserved address',
  uniqueLocal: 'a private network address',
  as112: 'a reserved address',
  amt: 'a reserved address',
};

/** IPv6 global unicast, 2000::/3: every other IPv6 prefix is special, reserved or unassigned. */
const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3');

/** The strict policy: public unicast addresses only, IPv4 and IPv6 (an IPv4-mapped IPv6 is judged as its IPv4). */
export const publicAddressesOnly: AddressGuard = (text) => {
  let address: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    // process() turns ::ffff:a.b.c.d into a.b.c.d, so a mapped loopback is judged as the loopback it is.
    address = ipaddr.process(text.replace(/^\[|\]$/g, '').replace(/%.*$/, ''));
  } catch {
    return 'an address byline cannot read';
  }
  const range = address.range();
  if (address.kind() === 'ipv4') {
    return range === 'unicast' ? null : (CLASS_NAMES[range] ?? 'a reserved address');
  }
  if (range !== 'unicast') return CLASS_NAMES[range] ?? 'an address that carries another address or is reserved';
  return address.match(GLOBAL_UNICAST_V6 as [ipaddr.IPv6, number]) ? null : 'a reserved address';
};

/** Whether a host name is written as an IP address (IPv4, or IPv6 with or without brackets). */
export function isIpLiteral(host: string): boolean {
  return ipaddr.isValid(host.replace(/^\[|\]$/g, ''));
}
