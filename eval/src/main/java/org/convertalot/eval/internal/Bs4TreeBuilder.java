package org.convertalot.eval.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * BeautifulSoup's tree builder for {@code html.parser}: an element is closed only by its own end
 * tag (which also closes everything opened after it) or, for void elements, at once; an end tag
 * with no open element of its name is ignored. Whitespace-only strings shrink to one newline or
 * space, as BeautifulSoup stores them.
 */
final class Bs4TreeBuilder implements HtmlEvents {
  /** Elements BeautifulSoup closes at once and serializes as {@code <tag/>}. */
  private static final Set<String> VOID =
      Set.of(
          "area",
          "base",
          "basefont",
          "bgsound",
          "br",
          "col",
          "command",
          "embed",
          "frame",
          "hr",
          "image",
          "img",
          "input",
          "isindex",
          "keygen",
          "link",
          "menuitem",
          "meta",
          "nextid",
          "param",
          "source",
          "spacer",
          "track",
          "wbr");

  /** Where BeautifulSoup keeps whitespace-only strings as they are. */
  private static final Set<String> PRESERVE_WHITESPACE = Set.of("pre", "textarea");

  private final HtmlNode root = HtmlNode.element("[document]", Map.of());
  private final Deque<HtmlNode> stack = new ArrayDeque<>();
  private final Map<String, Integer> openCount = new HashMap<>();
  private final List<String> alreadyClosedEmpty = new ArrayList<>();
  private final StringBuilder pendingText = new StringBuilder();
  private int openPreserving;

  private Bs4TreeBuilder() {
    stack.push(root);
  }

  /** The document tree of {@code html}, as {@code BeautifulSoup(html, "html.parser")} builds it. */
  static HtmlNode parse(String html) {
    Bs4TreeBuilder builder = new Bs4TreeBuilder();
    PyHtmlParser.parse(html, builder);
    builder.endData();
    return builder.root;
  }

  /** Whether BeautifulSoup treats {@code tag} as a void element. */
  static boolean isVoid(String tag) {
    return VOID.contains(tag);
  }

  @Override
  public void startTag(String tag, Map<String, String> attributes, boolean selfClosing) {
    endData();
    HtmlNode element = HtmlNode.element(tag, attributes);
    stack.peek().appendChild(element);
    stack.push(element);
    openCount.merge(tag, 1, Integer::sum);
    if (PRESERVE_WHITESPACE.contains(tag)) {
      openPreserving++;
    }
    if (selfClosing) {
      popTo(tag);
    } else if (VOID.contains(tag)) {
      popTo(tag);
      // A later explicit </br> for this element is then ignored.
      alreadyClosedEmpty.add(tag);
    }
  }

  @Override
  public void endTag(String tag) {
    if (!alreadyClosedEmpty.remove(tag)) {
      popTo(tag);
    }
  }

  @Override
  public void text(String data) {
    pendingText.append(data);
  }

  @Override
  public void comment() {
    endData();
  }

  @Override
  public void doctype() {
    endData();
    // The doctype itself disappears in libxml2's re-parse; its trailing newline stays as text.
    stack.peek().appendText("\n");
  }

  /** Ends the current string; a whitespace-only one shrinks to one newline or space. */
  private void endData() {
    if (pendingText.length() == 0) {
      return;
    }
    String data = pendingText.toString();
    pendingText.setLength(0);
    if (openPreserving == 0 && data.chars().allMatch(c -> " \n\t\f\r".indexOf(c) >= 0)) {
      data = data.indexOf('\n') >= 0 ? "\n" : " ";
    }
    stack.peek().appendText(data);
  }

  /** Pops up to and including the most recent open {@code tag}; nothing when none is open. */
  private void popTo(String tag) {
    endData();
    while (stack.size() > 1 && openCount.getOrDefault(tag, 0) > 0) {
      HtmlNode popped = stack.pop();
      openCount.merge(popped.tag(), -1, Integer::sum);
      if (PRESERVE_WHITESPACE.contains(popped.tag())) {
        openPreserving--;
      }
      if (popped.tag().equals(tag)) {
        return;
      }
    }
  }
}
