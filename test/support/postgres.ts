// The PostgreSQL server the tests use (test/support/global-setup.ts finds or starts it). Each
// test isolates itself in its own schema or database on it.
export const PG_URL = process.env.LEDE_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
