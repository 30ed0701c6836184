/**
 * The Convert-a-Lot test kit: what store and engine authors add at test scope. {@link
 * org.convertalot.testkit.BackendContract} and the store conformance suite are abstract JUnit 5
 * classes to extend, and so is {@link org.convertalot.testkit.ClaimRaceContract}, which races
 * worker JVMs for one store's jobs; {@link org.convertalot.testkit.StandaloneContext} calls an
 * engine without a runtime; {@link org.convertalot.testkit.TestPdf} writes test PDFs by hand (text,
 * lines, paths, images, links); {@link org.convertalot.testkit.MutableClock} moves only when a test
 * moves it.
 */
module org.convertalot.testkit {
  requires transitive org.convertalot.api;
  requires transitive org.convertalot.core;
  requires transitive org.junit.jupiter.api;
  requires transitive net.jqwik.api;

  exports org.convertalot.testkit;

  // JUnit and jqwik find and call the suites' test methods reflectively.
  opens org.convertalot.testkit;
}
