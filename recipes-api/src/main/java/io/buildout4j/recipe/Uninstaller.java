package io.buildout4j.recipe;

/**
 * Runs when an installed part is removed or about to be reinstalled, before its recorded paths are
 * deleted (so it can still read them): buildout's uninstall entry point. Returned by {@link
 * RecipeFactory#uninstaller()}.
 *
 * <p>Called by the engine from one thread at a time per part. An exception stops the run with the
 * part still recorded as installed.
 */
@FunctionalInterface
public interface Uninstaller {
  /**
   * Undoes what the part did outside its recorded paths (stop a service, unregister something).
   *
   * @param part the part as it was recorded when installed
   */
  void uninstall(RecordedPart part) throws Exception;
}
