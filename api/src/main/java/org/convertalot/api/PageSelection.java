package org.convertalot.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.convertalot.api.error.InvalidRequestException;

/**
 * Which pages of a PDF a job converts, numbered from 1 as a PDF viewer shows them: {@code 1,3,5-7},
 * {@code 10-} (page 10 to the last), or {@link #ALL}. Immutable; kept in a canonical form (ranges
 * sorted, overlapping and adjacent ones merged), so {@code 7-5} is refused but {@code 5,1-3,2}
 * equals {@code 1-3,5}. Pages are always converted in document order.
 *
 * <p>Every engine reads it from {@link org.convertalot.api.backend.BackendInput#pages()} and
 * applies it with {@link #within(int)} and {@link #requireWithin(int)}: pages past the document's
 * last page are ignored (as Docling's {@code page_range} does), and a selection that holds no page
 * of the document fails the job with {@code invalid_request}, {@code details.reason} {@value
 * #OUT_OF_RANGE}. The page limit ({@link Limits#maxPages()}) bounds the document, whatever the
 * selection.
 */
public final class PageSelection {

  /**
   * The last page of the document, whatever its number: the end of an open range like {@code 10-}.
   */
  public static final int TO_END = Integer.MAX_VALUE;

  /** The most ranges a selection holds, after merging. */
  public static final int MAX_RANGES = 1_000;

  /** {@code details.reason} of the refusal of a selection that holds no page of the document. */
  public static final String OUT_OF_RANGE = "pages_out_of_range";

  /** The longest text {@link #parse(String)} reads. */
  public static final int MAX_TEXT_LENGTH = 16 * 1024;

  /** Every page: what a request converts unless it says otherwise. */
  public static final PageSelection ALL = new PageSelection(List.of(new Range(1, TO_END)));

  private static final String FORM =
      "a page selection is page numbers and ranges from 1, separated by commas, such as 1,3,5-7"
          + " or 10- (page 10 to the last)";

  private final List<Range> ranges;

  private PageSelection(List<Range> canonical) {
    this.ranges = canonical;
  }

  /**
   * A run of consecutive pages.
   *
   * @param first the first page, from 1
   * @param last the last page, at least {@code first}; {@link #TO_END} for the document's last
   */
  public record Range(int first, int last) {
    /**
     * Validates the bounds.
     *
     * @param first the first page, from 1
     * @param last the last page, at least {@code first}; {@link #TO_END} for the document's last
     * @throws InvalidRequestException when {@code first < 1} or {@code last < first}
     */
    public Range {
      if (first < 1 || last < first) {
        throw new InvalidRequestException(
            FORM + ": " + first + "-" + last + " is not a range of pages",
            Map.of("range", first + "-" + last),
            null,
            0);
      }
    }

    /**
     * Whether the range runs to the document's last page.
     *
     * @return {@code true} for {@code N-}
     */
    public boolean toEnd() {
      return last == TO_END;
    }

    @Override
    public String toString() {
      return first == last ? Integer.toString(first) : first + "-" + (toEnd() ? "" : last);
    }
  }

  /**
   * Reads a selection such as {@code 1,3,5-7} or {@code 10-}; spaces around numbers are allowed,
   * {@code all} is {@link #ALL}.
   *
   * @param text the selection
   * @return the selection in canonical form
   * @throws InvalidRequestException when the text is empty, malformed, names page 0, has a range
   *     that runs backwards, or holds more than {@link #MAX_RANGES} ranges
   */
  public static PageSelection parse(String text) {
    Objects.requireNonNull(text, "text");
    String trimmed = text.strip();
    if (trimmed.equalsIgnoreCase("all")) {
      return ALL;
    }
    if (trimmed.isEmpty() || text.length() > MAX_TEXT_LENGTH) {
      throw refused(text, trimmed.isEmpty() ? "it is empty" : "it is too long");
    }
    List<Range> parsed = new ArrayList<>();
    for (String part : trimmed.split(",", -1)) {
      String item = part.strip();
      int dash = item.indexOf('-');
      try {
        if (dash < 0) {
          int page = page(item, text);
          parsed.add(new Range(page, page));
        } else {
          int first = page(item.substring(0, dash).strip(), text);
          String end = item.substring(dash + 1).strip();
          parsed.add(new Range(first, end.isEmpty() ? TO_END : page(end, text)));
        }
      } catch (InvalidRequestException e) {
        if (e.details().containsKey("selection")) {
          throw e;
        }
        throw refused(text, "'" + item + "' runs backwards or starts before page 1");
      }
    }
    return of(parsed, text);
  }

  /**
   * A selection of the given pages.
   *
   * @param pages page numbers from 1, in any order, repeats allowed
   * @return the selection in canonical form
   * @throws InvalidRequestException when no page is given or a page is below 1
   */
  public static PageSelection of(int... pages) {
    List<Range> ranges = new ArrayList<>();
    for (int page : pages) {
      ranges.add(new Range(page, page));
    }
    return of(ranges, ranges.toString());
  }

  /**
   * A selection of the given ranges.
   *
   * @param ranges the ranges, in any order, overlaps allowed
   * @return the selection in canonical form
   * @throws InvalidRequestException when no range is given
   */
  public static PageSelection of(List<Range> ranges) {
    return of(ranges, String.valueOf(ranges));
  }

  private static PageSelection of(List<Range> given, String text) {
    if (given.isEmpty()) {
      throw refused(text, "it names no page");
    }
    List<Range> sorted = new ArrayList<>(given);
    sorted.sort(Comparator.comparingInt(Range::first));
    List<Range> merged = new ArrayList<>();
    Range open = sorted.get(0);
    for (Range next : sorted.subList(1, sorted.size())) {
      if ((long) next.first() <= (long) open.last() + 1) {
        open = new Range(open.first(), Math.max(open.last(), next.last()));
      } else {
        merged.add(open);
        open = next;
      }
    }
    merged.add(open);
    if (merged.size() > MAX_RANGES) {
      throw refused(text, "it holds more than " + MAX_RANGES + " ranges");
    }
    PageSelection selection = new PageSelection(Collections.unmodifiableList(merged));
    return selection.isAll() ? ALL : selection;
  }

  private static int page(String digits, String text) {
    if (digits.isEmpty() || digits.length() > 10 || !digits.chars().allMatch(Character::isDigit)) {
      throw refused(text, "'" + digits + "' is not a page number");
    }
    long value = Long.parseLong(digits);
    if (value < 1 || value >= TO_END) {
      throw refused(text, "page " + digits + " is out of range (pages count from 1)");
    }
    return (int) value;
  }

  private static InvalidRequestException refused(String text, String why) {
    return new InvalidRequestException(
        FORM + ": '" + text + "' cannot be read, " + why,
        Map.of("selection", String.valueOf(text)),
        null,
        0);
  }

  /**
   * The ranges, sorted and merged.
   *
   * @return at least one range
   */
  public List<Range> ranges() {
    return ranges;
  }

  /**
   * Whether every page is selected.
   *
   * @return {@code true} for {@link #ALL}
   */
  public boolean isAll() {
    return ranges.size() == 1 && ranges.get(0).first() == 1 && ranges.get(0).toEnd();
  }

  /**
   * Whether a page is selected.
   *
   * @param page a page number from 1
   * @return whether the selection holds it
   */
  public boolean contains(int page) {
    for (Range r : ranges) {
      if (page < r.first()) {
        return false;
      }
      if (page <= r.last()) {
        return true;
      }
    }
    return false;
  }

  /**
   * The selected ranges of a document with {@code pageCount} pages: ranges past its last page
   * dropped, the last one cut at it.
   *
   * @param pageCount the document's pages
   * @return the ranges within the document, possibly none
   */
  public List<Range> within(int pageCount) {
    List<Range> inside = new ArrayList<>();
    for (Range r : ranges) {
      if (r.first() > pageCount) {
        break;
      }
      inside.add(r.last() <= pageCount ? r : new Range(r.first(), pageCount));
    }
    return List.copyOf(inside);
  }

  /**
   * How many pages of a document with {@code pageCount} pages are selected.
   *
   * @param pageCount the document's pages
   * @return the count, from 0 to {@code pageCount}
   */
  public int count(int pageCount) {
    int count = 0;
    for (Range r : within(pageCount)) {
      count += r.last() - r.first() + 1;
    }
    return count;
  }

  /**
   * The rule every engine applies once it knows the document's page count.
   *
   * @param pageCount the document's pages
   * @return how many pages are selected, at least 1
   * @throws InvalidRequestException when no selected page is in the document: {@code
   *     details.reason} is {@value #OUT_OF_RANGE}, {@code details.pages} the page count and {@code
   *     details.selection} the selection. The job fails at once; its request cannot be served by
   *     this document, whichever engine runs it.
   */
  public int requireWithin(int pageCount) {
    int count = count(pageCount);
    if (count == 0) {
      throw new InvalidRequestException(
          "the PDF has "
              + pageCount
              + (pageCount == 1 ? " page" : " pages")
              + ", none of them in the selection "
              + this,
          Map.of(
              "reason",
              OUT_OF_RANGE,
              "pages",
              Integer.toString(pageCount),
              "selection",
              toString()),
          null,
          0);
    }
    return count;
  }

  /** The canonical text, such as {@code 1,3,5-7} or {@code 10-}; {@code 1-} for {@link #ALL}. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    for (Range r : ranges) {
      b.append(b.length() == 0 ? "" : ",").append(r);
    }
    return b.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PageSelection && ((PageSelection) o).ranges.equals(ranges);
  }

  @Override
  public int hashCode() {
    return ranges.hashCode();
  }
}
