import { refund } from './refunds';
import { requireUser } from './auth/session';

export function start(): void {
  requireUser();
  refund(1);
}
