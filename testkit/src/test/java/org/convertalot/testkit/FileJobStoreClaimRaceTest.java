package org.convertalot.testkit;

import java.nio.file.Path;
import java.time.Clock;
import org.convertalot.core.store.JobStore;
import org.convertalot.core.store.JobStores;
import org.junit.jupiter.api.io.TempDir;

/** The file store in the cross-process claim race: worker JVMs sharing one data root. */
class FileJobStoreClaimRaceTest extends ClaimRaceContract {
  @TempDir Path dir;

  /** Opens the data root a location names, in the test JVM and in every worker JVM. */
  public static final class FileStoreFactory implements JobStoreFactory {
    @Override
    public JobStore open(String location) {
      return JobStores.openFileStore(
          Path.of(location), JobStores.DEFAULT_NAMESPACE, Clock.systemUTC());
    }
  }

  @Override
  protected Class<? extends JobStoreFactory> storeFactory() {
    return FileStoreFactory.class;
  }

  @Override
  protected String newStoreLocation() {
    return dir.resolve("data").toString();
  }
}
