package org.convertalot.backend.pdfbox.internal.extract;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Font names that tell a bold face where the descriptor does not. */
class FontStylesTest {

  @Test
  void mediumAndDemiFaceNamesCountAsBold() {
    assertTrue(FontStyles.isBoldName("NimbusRomNo9L-Medi"));
    assertTrue(FontStyles.isBoldName("Inter-SemiBold"));
    assertTrue(FontStyles.isBoldName("Arial-BoldMT"));
    assertFalse(FontStyles.isBoldName("NimbusRomNo9L-Regu"));
  }
}
