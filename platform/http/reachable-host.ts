/** The host to reach a server bound to `bindHost` on this machine (the loopback for wildcard addresses). */
export function reachableHost(bindHost: string): string {
  return bindHost === '0.0.0.0' || bindHost === '::' ? '127.0.0.1' : bindHost;
}
