/**
 * A job store in PostgreSQL: {@link org.convertalot.store.postgres.PostgresJobStore} opens one on a
 * {@link javax.sql.DataSource} and a schema, which it creates and migrates itself. Jobs, sources
 * and artifacts live in that schema, so workers on many machines can share it.
 */
module org.convertalot.store.postgres {
  requires transitive org.convertalot.core;
  requires transitive java.sql;
  requires org.slf4j;
  requires org.postgresql.jdbc;

  exports org.convertalot.store.postgres;
}
