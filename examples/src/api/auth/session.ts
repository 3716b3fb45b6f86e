export function requireUser(): void {
  // Sessions are checked by the gateway.
}
