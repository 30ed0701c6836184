package org.convertalot.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.convertalot.api.error.InvalidRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The page selection against a model: the set of page numbers it names, for documents of any
 * length.
 */
class PageSelectionTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        "1,3,5-7; 1,3,5-7",
        "7, 5 - 6 ,1; 1,5-7",
        "3,1; 1,3",
        "1,2,3; 1-3",
        "1-3,2-5; 1-5",
        "10-; 10-",
        "4-,2; 2,4-",
        "2-,5-9; 2-",
        "1-; 1-",
        "ALL; 1-",
        "5-5; 5"
      })
  void readsAndWritesTheCanonicalForm(String text, String canonical) {
    PageSelection selection = PageSelection.parse(text);

    assertEquals(canonical, selection.toString());
    assertEquals(selection, PageSelection.parse(canonical));
  }

  @Test
  void everyPageIsAll() {
    assertSame(PageSelection.ALL, PageSelection.parse("1-"));
    assertSame(PageSelection.ALL, PageSelection.parse(" all "));
    assertTrue(PageSelection.parse("1-3,4-").isAll());
    assertFalse(PageSelection.parse("2-").isAll());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        " ",
        "0",
        "-3",
        "3-1",
        "a",
        "1,,2",
        "1-2-3",
        "1;2",
        "+1",
        "99999999999",
        "1.5"
      })
  void malformedTextIsAnInvalidRequestNamingIt(String text) {
    InvalidRequestException e =
        assertThrows(InvalidRequestException.class, () -> PageSelection.parse(text));

    assertEquals("invalid_request", e.code());
    assertEquals(text, e.details().get("selection"));
    assertTrue(e.getMessage().contains("such as 1,3,5-7"), e.getMessage());
  }

  @Test
  void tooManyRangesAreRefused() {
    StringBuilder b = new StringBuilder();
    for (int page = 1; page <= 2 * (PageSelection.MAX_RANGES + 1); page += 2) {
      b.append(b.length() == 0 ? "" : ",").append(page);
    }
    assertThrows(InvalidRequestException.class, () -> PageSelection.parse(b.toString()));
  }

  @Test
  void aSelectionWithNoPageOfTheDocumentIsPagesOutOfRange() {
    PageSelection selection = PageSelection.parse("4,9-");

    InvalidRequestException e =
        assertThrows(InvalidRequestException.class, () -> selection.requireWithin(3));

    assertEquals("pages_out_of_range", e.details().get("reason"));
    assertEquals("the PDF has 3 pages, none of them in the selection 4,9-", e.getMessage());
    assertEquals("3", e.details().get("pages"));
    assertEquals("4,9-", e.details().get("selection"));
    assertEquals(1, selection.requireWithin(4));
    assertEquals(
        List.of(new PageSelection.Range(4, 4), new PageSelection.Range(9, 12)),
        selection.within(12));
  }

  @Property(tries = 500)
  void agreesWithTheSetOfPagesItNames(
      @ForAll("ranges") List<int[]> ranges, @ForAll @IntRange(min = 1, max = 60) int pageCount) {
    List<PageSelection.Range> given = new ArrayList<>();
    TreeSet<Integer> model = new TreeSet<>();
    for (int[] r : ranges) {
      boolean toEnd = r[1] == 0;
      given.add(new PageSelection.Range(r[0], toEnd ? PageSelection.TO_END : r[0] + r[1] - 1));
      for (int p = r[0]; p <= (toEnd ? 200 : r[0] + r[1] - 1); p++) {
        model.add(p);
      }
    }
    PageSelection selection = PageSelection.of(given);

    assertEquals(selection, PageSelection.parse(selection.toString()), "text round trip");
    for (int page = 1; page <= 200; page++) {
      assertEquals(model.contains(page), selection.contains(page), "page " + page);
    }
    TreeSet<Integer> inDocument = new TreeSet<>(model.headSet(pageCount, true));
    assertEquals(inDocument.size(), selection.count(pageCount));
    TreeSet<Integer> covered = new TreeSet<>();
    int previousLast = -1;
    for (PageSelection.Range r : selection.within(pageCount)) {
      assertTrue(r.first() > previousLast + 1, "sorted, merged, not adjacent: " + selection);
      assertTrue(r.last() <= pageCount);
      for (int p = r.first(); p <= r.last(); p++) {
        covered.add(p);
      }
      previousLast = r.last();
    }
    assertEquals(inDocument, covered);
    assertEquals(model.size() == 200, selection.isAll(), "every page is ALL: " + selection);
  }

  @Provide
  Arbitrary<List<int[]>> ranges() {
    Arbitrary<int[]> range =
        Combinators.combine(
                Arbitraries.integers().between(1, 80), Arbitraries.integers().between(0, 12))
            .as((first, length) -> new int[] {first, length});
    return range.list().ofMinSize(1).ofMaxSize(8);
  }
}
