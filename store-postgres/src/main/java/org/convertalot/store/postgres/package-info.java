/**
 * The PostgreSQL job store: {@link org.convertalot.store.postgres.PostgresJobStore#builder} opens
 * it on a data source and a schema. See {@code docs/postgres.md} for the schema, the claim, fencing
 * and the clock.
 */
package org.convertalot.store.postgres;
