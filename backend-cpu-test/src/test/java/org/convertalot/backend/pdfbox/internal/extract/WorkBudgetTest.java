package org.convertalot.backend.pdfbox.internal.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.convertalot.api.error.CanceledException;
import org.convertalot.api.error.InvalidInputException;
import org.junit.jupiter.api.Test;

/** The budget's counting, its errors and how often it asks the stop signal. */
class WorkBudgetTest {

  @Test
  void eachLimitIsTooLargeOnePastItsMaximumNamingTheLimitAndThePage() {
    WorkBudget budget = new WorkBudget(10, 3, 5, 1_000, () -> {});
    budget.startPage(6);
    for (int i = 0; i < 10; i++) {
      budget.operator();
    }
    InvalidInputException operators = assertThrows(InvalidInputException.class, budget::operator);
    assertEquals(
        Map.of("reason", "too_large", "limit", "operators_per_page", "page", "7", "max", "10"),
        operators.details());
    assertTrue(operators.getMessage().contains("pdfbox.max_operators_per_page"));

    for (int i = 0; i < 3; i++) {
      budget.form();
    }
    assertEquals(
        "forms_per_page",
        assertThrows(InvalidInputException.class, budget::form).details().get("limit"));
    for (int i = 0; i < 5; i++) {
      budget.glyph();
    }
    assertEquals(
        "glyphs_per_page",
        assertThrows(InvalidInputException.class, budget::glyph).details().get("limit"));
  }

  @Test
  void countsStartAgainOnEveryPage() {
    WorkBudget budget = new WorkBudget(10, 10, 10, 1_000, () -> {});
    for (int page = 0; page < 5; page++) {
      budget.startPage(page);
      for (int i = 0; i < 10; i++) {
        budget.operator();
        budget.glyph();
        budget.form();
      }
    }
  }

  @Test
  void theStopSignalIsAskedEvery256OperatorsOrGlyphs() {
    AtomicInteger asked = new AtomicInteger();
    WorkBudget budget = new WorkBudget(1_000_000, 10, 1_000_000, 1_000, asked::incrementAndGet);
    budget.startPage(0);
    for (int i = 0; i < 1_024; i++) {
      budget.operator();
      budget.glyph();
    }
    assertEquals(8, asked.get());
  }

  @Test
  void aStopThrownByTheSignalEndsTheLoop() {
    WorkBudget budget =
        new WorkBudget(
            Long.MAX_VALUE,
            Long.MAX_VALUE,
            Long.MAX_VALUE,
            1_000,
            () -> {
              throw new CanceledException("conversion stopped: timeout", null, 0);
            });
    budget.startPage(0);
    CanceledException stopped =
        assertThrows(
            CanceledException.class,
            () -> {
              while (true) {
                budget.operator();
              }
            });
    assertEquals("canceled", stopped.code());
  }
}
