// WebSub callbacks, /websub/<feedId> (on when api.publicUrl is set). The hub GETs it to verify
// a subscription we asked for (answerIntent in feeds/websub.ts) and POSTs new content, signed
// with our secret. A push with a good signature polls the feed at once (trigger 'push'); the
// poll fetches the feed itself, so a push body never has to be trusted beyond its signature.
// Outside /v1: hubs carry no API key; the secret and the topic check guard these routes.
import type { FastifyInstance } from 'fastify';
import type { ApiDeps } from './server.js';
import { answerIntent, signatureMatches, type IntentQuery } from '../feeds/websub.js';
import { WebSubSubscriptions } from '../feeds/websub-store.js';

export function registerWebSubRoutes(app: FastifyInstance, deps: ApiDeps): void {
  if (!deps.config.api.publicUrl) return;
  const subscriptions = new WebSubSubscriptions(deps.connection, deps.config.redis.prefix);
  const wanted = (feedId: string) => {
    const feed = deps.feeds.get(feedId);
    return feed !== undefined && feed.enabled !== false;
  };

  void app.register(async (scope) => {
    // The signature covers the raw bytes, so the body must reach the handler unparsed.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: deps.config.feeds.maxBytes }, (_req, body, done) =>
      done(null, body),
    );

    scope.get<{ Params: { feedId: string }; Querystring: IntentQuery }>('/websub/:feedId', async (req, reply) => {
      const { feedId } = req.params;
      const sub = await subscriptions.get(feedId);
      const answer = answerIntent(sub, req.query, wanted(feedId), new Date(), deps.config.feeds.websubLeaseSeconds);
      if (answer.confirm) {
        if (answer.subscription) await subscriptions.put(feedId, answer.subscription);
        else await subscriptions.delete(feedId);
        req.log.info({ feed_id: feedId, mode: req.query['hub.mode'] }, 'websub intent confirmed');
        return reply.code(200).type('text/plain').send(answer.challenge);
      }
      if (answer.subscription) await subscriptions.put(feedId, answer.subscription);
      req.log.warn(
        { feed_id: feedId, mode: req.query['hub.mode'], reason: answer.reason },
        'websub intent not confirmed',
      );
      return reply
        .code(answer.status)
        .type('text/plain')
        .send(answer.status === 200 ? '' : answer.reason);
    });

    scope.post<{ Params: { feedId: string } }>('/websub/:feedId', async (req, reply) => {
      const { feedId } = req.params;
      const sub = await subscriptions.get(feedId);
      if (!sub || sub.state === 'failed' || !wanted(feedId))
        return reply.code(404).type('text/plain').send('no subscription');
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      if (!signatureMatches(req.headers['x-hub-signature'] as string | undefined, body, sub.secret)) {
        req.log.warn({ feed_id: feedId }, 'websub push refused: bad or missing X-Hub-Signature');
        return reply.code(403).type('text/plain').send('signature mismatch');
      }
      await deps.queues.add('poll', { feedId, trigger: 'push' });
      return reply.code(202).send();
    });
  });
}
