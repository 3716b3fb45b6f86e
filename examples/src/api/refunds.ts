export function refund(paymentId: number): number {
  return paymentId;
}
