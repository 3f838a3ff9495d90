package io.buildout4j.engine;

import io.buildout4j.profile.BuildoutException;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A second process for {@link DirectoryLockTest}. With one argument, it locks the directory named
 * by it, prints {@code locked}, and keeps the lock until its standard input closes (or it is
 * killed). With {@code try} as second argument, it tries once and prints {@code locked} or {@code
 * refused: <message>}, then exits.
 */
public final class DirectoryLockHolder {
  private DirectoryLockHolder() {}

  public static void main(String[] args) throws IOException {
    boolean tryOnly = args.length > 1 && args[1].equals("try");
    DirectoryLock lock;
    try {
      lock = DirectoryLock.acquire(Path.of(args[0]), "test holder");
    } catch (BuildoutException e) {
      System.out.println("refused: " + e.getMessage());
      return;
    }
    try (lock) {
      System.out.println("locked");
      System.out.flush();
      while (!tryOnly && System.in.read() >= 0) {
        // wait for the end of input
      }
    }
  }
}
