// Which addresses a track URL may be downloaded from: not this host (any of its interface
// addresses, not only loopback), not private or special-purpose networks. Checked on the address
// actually connected to, via the connection's own DNS lookup, so a name that resolves somewhere
// else the second time (DNS rebinding) gains nothing.
import dns from "node:dns";
import net from "node:net";
import os from "node:os";

/** Networks that are not the public internet (IANA special-purpose registries). */
const specialPurpose = new net.BlockList();
for (const [prefix, bits] of [
  ["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["169.254.0.0", 16],
  ["172.16.0.0", 12], ["192.0.0.0", 24], ["192.0.2.0", 24], ["192.88.99.0", 24], ["192.168.0.0", 16],
  ["198.18.0.0", 15], ["198.51.100.0", 24], ["203.0.113.0", 24], ["224.0.0.0", 4], ["240.0.0.0", 4],
] as const) specialPurpose.addSubnet(prefix, bits, "ipv4");
for (const [prefix, bits] of [
  ["::", 128], ["::1", 128], ["64:ff9b::", 96], ["64:ff9b:1::", 48], ["100::", 64], ["2001::", 23],
  ["2001:db8::", 32], ["2002::", 16], ["fc00::", 7], ["fe80::", 10], ["fec0::", 10], ["ff00::", 8],
] as const) specialPurpose.addSubnet(prefix, bits, "ipv6");

/** This host's own addresses, read now (interfaces come and go). */
export function ownAddresses(): Set<string> {
  const own = new Set<string>();
  for (const list of Object.values(os.networkInterfaces())) {
    for (const iface of list ?? []) own.add(normalize(iface.address));
  }
  return own;
}

function normalize(ip: string): string {
  const bare = ip.toLowerCase().replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  // An IPv4 address written as IPv6 (::ffff:10.0.0.1, or in hex as URLs print it, ::ffff:a00:1)
  // is that IPv4 address.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(bare);
  if (mapped) return mapped[1];
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(bare);
  if (hex) {
    const high = parseInt(hex[1], 16), low = parseInt(hex[2], 16);
    return `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
  }
  return bare;
}

/** Whether a track may not be fetched from `ip`: this host, or not on the public internet. */
export function isForbiddenAddress(ip: string, own: Set<string> = ownAddresses()): boolean {
  const address = normalize(ip);
  const family = net.isIP(address);
  if (family === 0) return true;
  if (own.has(address)) return true;
  return specialPurpose.check(address, family === 4 ? "ipv4" : "ipv6");
}

/** Thrown (through the connection) when a URL's host is one tracks may not be fetched from. */
export class ForbiddenAddressError extends Error {
  override name = "ForbiddenAddressError";
}

type Resolve = (hostname: string, options: dns.LookupAllOptions, callback: (err: NodeJS.ErrnoException | null, addresses: dns.LookupAddress[]) => void) => void;

/**
 * A `lookup` for http.request that refuses a name when ANY of its addresses is forbidden (a name
 * may resolve to a public and a private address at once), and connects to the checked address.
 */
export function guardedLookup(resolve: Resolve = dns.lookup): net.LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, "", 4);
      const bad = addresses.find((a) => isForbiddenAddress(a.address));
      if (bad || addresses.length === 0) {
        return callback(new ForbiddenAddressError(`${hostname} is on a private network or this server`), "", 4);
      }
      // Node asks for every address when it races IPv4 against IPv6 (autoSelectFamily).
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}
