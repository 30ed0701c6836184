package org.convertalot.testkit;

import org.convertalot.core.store.JobStore;

/**
 * Opens a store from a location string, in whichever JVM calls it. A lambda cannot cross a process
 * boundary, so {@link ClaimRaceContract} names a class instead: write a public class with a public
 * no-arg constructor that implements this, and the race opens your store with it in the test JVM
 * and in every worker JVM it starts.
 *
 * <pre>{@code
 * public final class FileStoreFactory implements JobStoreFactory {
 *   public JobStore open(String location) {
 *     return JobStores.openFileStore(
 *         Path.of(location), JobStores.DEFAULT_NAMESPACE, Clock.systemUTC());
 *   }
 * }
 * }</pre>
 *
 * <p>Every call for the same location must open the same data (a folder, a database schema). The
 * stores it opens run on real time: the race starts no reaper and never moves a clock.
 */
public interface JobStoreFactory {
  /**
   * Opens the store at a location, creating it when it is absent.
   *
   * @param location what {@link ClaimRaceContract#newStoreLocation()} returned: a folder for a file
   *     store, a JDBC URL for a database
   * @return an open store, closed by the caller
   */
  JobStore open(String location);
}
