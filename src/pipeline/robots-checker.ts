// robots.txt for article pages, cached per host for the life of the process.
import type { Config } from '../shared/config.js';
import { isAllowed, type RobotsCache } from '../fetch/robots.js';
import { fetchOptions } from './http-adapters.js';

export class RobotsChecker {
  private readonly cache: RobotsCache = new Map();

  constructor(private readonly config: Config) {}

  async allowed(url: string): Promise<boolean> {
    if (!this.config.fetch.respectRobotsTxt) return true;
    return isAllowed(url, this.config.fetch.userAgent, {
      cache: this.cache,
      fetchOptions: fetchOptions(this.config.fetch, 512 * 1024),
    });
  }
}
