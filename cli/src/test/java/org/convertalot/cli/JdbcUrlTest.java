package org.convertalot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading and redacting JDBC URLs, and scrubbing secrets from any text. */
class JdbcUrlTest {
  @Test
  void redactsPasswordParametersAndUserInfo() {
    assertEquals(
        "jdbc:postgresql://db:5432/jobs?user=app&password=***&ssl=true",
        JdbcUrl.redact("jdbc:postgresql://db:5432/jobs?user=app&password=s3cr%40t&ssl=true"));
    assertEquals(
        "jdbc:postgresql://db/jobs?sslpassword=***&PASSWORD=***",
        JdbcUrl.redact("jdbc:postgresql://db/jobs?sslpassword=key&PASSWORD=pw"));
    assertEquals(
        "jdbc:postgresql://app:***@db/jobs", JdbcUrl.redact("jdbc:postgresql://app:pw@db/jobs"));
    assertEquals("jdbc:postgresql://app@db/jobs", JdbcUrl.redact("jdbc:postgresql://app@db/jobs"));
    assertEquals("jdbc:postgresql://db/jobs", JdbcUrl.redact("jdbc:postgresql://db/jobs"));
  }

  @Test
  void takesUserAndPasswordOutOfTheUrlForTheDriver() {
    JdbcUrl url = JdbcUrl.parse(" jdbc:postgresql://app:p%40ss+w@db:5432/jobs?ssl=true ");
    assertEquals("jdbc:postgresql://db:5432/jobs?ssl=true", url.driverUrl());
    assertEquals("app", url.user());
    assertEquals("p@ss+w", url.password());
    assertTrue(url.secrets().containsAll(List.of("p%40ss+w", "p@ss+w")), url.secrets().toString());
    assertEquals("jdbc:postgresql://app:***@db:5432/jobs?ssl=true", url.toString());

    JdbcUrl plain = JdbcUrl.parse("jdbc:postgresql://db/jobs?password=pw&user=app");
    assertEquals("jdbc:postgresql://db/jobs?password=pw&user=app", plain.driverUrl());
    assertNull(plain.user());
    assertNull(plain.password());
    assertEquals(List.of("pw"), plain.secrets());
    assertEquals("jdbc:postgresql://db/jobs?password=***&user=app", plain.toString());
  }

  @Test
  void refusesOtherDatabases() {
    UsageError e = assertThrows(UsageError.class, () -> JdbcUrl.parse("jdbc:mysql://root:pw@db/x"));
    assertTrue(e.getMessage().contains("jdbc:mysql://root:***@db/x"), e.getMessage());
    assertFalse(e.getMessage().contains(":pw@"), e.getMessage());
  }

  @Test
  void scrubsTheUrlAndEveryPassword() {
    String url = "jdbc:postgresql://app:pw-in-url@db/jobs";
    Secrets secrets = Secrets.of(url, List.of("pw-in-url", "env-password", ""));
    assertEquals(
        "failed on jdbc:postgresql://app:***@db/jobs with *** and ***",
        secrets.scrub("failed on " + url + " with env-password and pw-in-url"));
    assertNull(secrets.scrub(null));
    Secrets shortOne = Secrets.of(url, List.of("x1"));
    assertEquals(
        "at Sql.tx1(Sql.java:75) with *** and x1y",
        shortOne.scrub("at Sql.tx1(Sql.java:75) with x1 and x1y"));
    assertEquals("as is", Secrets.NONE.scrub("as is"));
  }
}
