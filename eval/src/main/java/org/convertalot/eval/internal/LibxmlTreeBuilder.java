package org.convertalot.eval.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * libxml2's HTML tree construction (the legacy one lxml still uses), started inside {@code
 * <html><body><table>}: a start tag first closes the open elements it implies the end of ({@code
 * <td>} ends an open {@code <td>}, {@code <p>} an open {@code <b>}); an end tag closes up to its
 * element unless that crosses one of higher priority ({@code </td>} never closes a {@code
 * <table>}); misplaced {@code html}, {@code head} and {@code body} tags are dropped; empty elements
 * close at once.
 */
final class LibxmlTreeBuilder {
  /** Elements libxml2 closes at once (its DTD's empty elements). */
  private static final Set<String> EMPTY =
      Set.of(
          "area",
          "base",
          "basefont",
          "br",
          "col",
          "frame",
          "hr",
          "img",
          "input",
          "isindex",
          "link",
          "meta",
          "param");

  /** libxml2's htmlStartClose table, one line per open element: the start tags that close it. */
  private static final Set<String> START_CLOSE =
      pairs(
          """
          a: a fieldset table td th
          address: dd dl dt form li ul
          b: center p td th
          big: p
          caption: col colgroup tbody tfoot thead tr
          col: col colgroup tbody tfoot thead tr
          colgroup: colgroup tbody tfoot thead tr
          dd: dt
          dir: dd dl dt form ul
          dl: form li
          dt: dd dl
          font: center td th
          form: form
          h1: fieldset form li p table
          h2: fieldset form li p table
          h3: fieldset form li p table
          h4: fieldset form li p table
          h5: fieldset form li p table
          h6: fieldset form li p table
          head: a abbr acronym address b bdo big blockquote body br center cite code dd dfn dir \
          div dl dt em fieldset font form frameset h1 h2 h3 h4 h5 h6 hr i iframe img kbd li \
          listing map menu ol p pre q s samp small span strike strong sub sup table tt u ul var xmp
          hr: form
          i: center p td th
          legend: fieldset
          li: li
          link: body frameset
          listing: dd dl dt fieldset form li table ul
          menu: dd dl dt form ul
          ol: form
          option: optgroup option
          p: address blockquote body caption center col colgroup dd dir div dl dt fieldset form \
          frameset h1 h2 h3 h4 h5 h6 head hr li listing menu ol p pre table tbody td tfoot th \
          title tr ul xmp
          pre: dd dl dt fieldset form li table ul
          s: p
          script: noscript
          small: p
          span: td th
          strike: p
          style: body frameset
          tbody: tbody tfoot
          td: tbody td tfoot th tr
          tfoot: tbody
          th: tbody td tfoot th tr
          thead: tbody tfoot
          title: body frameset
          tr: tbody tfoot tr
          tt: p
          u: p td th
          ul: address form menu pre
          xmp: dd dl dt fieldset form li table ul
          """);

  /** libxml2's end-tag priorities (100 for the rest). */
  private static final Map<String, Integer> END_PRIORITY =
      Map.ofEntries(
          Map.entry("div", 150),
          Map.entry("td", 160),
          Map.entry("th", 160),
          Map.entry("tr", 170),
          Map.entry("thead", 180),
          Map.entry("tbody", 180),
          Map.entry("tfoot", 180),
          Map.entry("table", 190),
          Map.entry("head", 200),
          Map.entry("body", 200),
          Map.entry("html", 220));

  private final HtmlNode wrapper = HtmlNode.element("table", Map.of());
  private final Deque<HtmlNode> stack = new ArrayDeque<>();

  LibxmlTreeBuilder() {
    HtmlNode html = HtmlNode.element("html", Map.of());
    HtmlNode body = HtmlNode.element("body", Map.of());
    html.appendChild(body);
    body.appendChild(wrapper);
    stack.push(html);
    stack.push(body);
    stack.push(wrapper);
  }

  /** The {@code table} element everything was parsed into. */
  HtmlNode wrapper() {
    return wrapper;
  }

  void startTag(String tag, Map<String, String> attributes, boolean selfClosing) {
    while (!stack.isEmpty() && START_CLOSE.contains(stack.peek().tag() + " " + tag)) {
      stack.pop();
    }
    if (tag.equals("html") || tag.equals("head") || tag.equals("body")) {
      return;
    }
    HtmlNode element = HtmlNode.element(tag, attributes);
    stack.peek().appendChild(element);
    if (!selfClosing && !EMPTY.contains(tag)) {
      stack.push(element);
    }
  }

  void endTag(String tag) {
    if (tag.equals("html") || tag.equals("head") || tag.equals("body")) {
      // Their start tags were dropped as misplaced; so are these.
      return;
    }
    int priority = END_PRIORITY.getOrDefault(tag, 100);
    boolean open = false;
    for (HtmlNode element : stack) {
      if (element.tag().equals(tag)) {
        open = true;
        break;
      }
      if (END_PRIORITY.getOrDefault(element.tag(), 100) > priority) {
        return;
      }
    }
    while (open && !stack.isEmpty()) {
      if (stack.pop().tag().equals(tag)) {
        return;
      }
    }
  }

  void text(String data) {
    if (!stack.isEmpty()) {
      // libxml2 reads \r\n and \r as \n.
      stack.peek().appendText(data.replace("\r\n", "\n").replace('\r', '\n'));
    }
  }

  private static Set<String> pairs(String table) {
    Set<String> pairs = new HashSet<>();
    for (String line : table.strip().split("\n")) {
      int colon = line.indexOf(':');
      String open = line.substring(0, colon);
      for (String next : line.substring(colon + 1).trim().split(" +")) {
        pairs.add(open + " " + next);
      }
    }
    return Set.copyOf(pairs);
  }
}
