import type { INestApplication } from '@nestjs/common';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { MembershipRoles } from '../auth/membership-roles.service';
import { QueueConnection } from '../engine/queue-connection';
import { adminSession } from './admin-session.middleware';

export const QUEUE_BOARD_PATH = '/admin/queues';

/** Bull Board over the timer and outbox queues, for the admin role. Plain Express, outside Nest's router. */
export function mountQueueBoard(app: INestApplication): void {
  const connection = app.get(QueueConnection);
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({
    queues: connection.queues.map((queue) => new BullMQAdapter(queue)),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'samflyt' } },
  });
  app.use(QUEUE_BOARD_PATH, adminSession(app.get(MembershipRoles)), serverAdapter.getRouter());
}
