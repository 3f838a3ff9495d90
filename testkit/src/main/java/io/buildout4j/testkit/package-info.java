/**
 * A test kit for recipe authors: run a recipe through the real part engine in a throw-away buildout
 * directory, in a few lines of a test.
 *
 * <pre>{@code
 * @TempDir Path directory;
 *
 * @Test
 * void writesTheGreeting() throws IOException {
 *   TestBuildout buildout = TestBuildout.builder(directory).recipe(new GreetingRecipe()).build();
 *   buildout.profile("""
 *       [buildout]
 *       parts = hello
 *
 *       [hello]
 *       recipe = example.greeting
 *       greeting = Hi
 *       """);
 *   buildout.install();
 *   assertEquals("Hi\n", buildout.read("parts/hello/greeting.txt"));
 *   assertEquals(Action.UPDATE, buildout.plan("hello").action());
 * }
 * }</pre>
 *
 * <ul>
 *   <li>{@link io.buildout4j.testkit.TestBuildout}: the directory, its profile and files, and the
 *       runs ({@code install}, {@code plan}, {@code uninstall}) through {@link
 *       io.buildout4j.engine.Buildout};
 *   <li>{@link io.buildout4j.testkit.InstalledParts} and {@link io.buildout4j.testkit.PartRecord}:
 *       what {@code .installed.cfg} records, read back;
 *   <li>{@link io.buildout4j.testkit.PartLogText}: a part's log, {@code .buildout4j/logs/PART.log};
 *   <li>{@link io.buildout4j.testkit.LocalRepository} and {@link io.buildout4j.testkit.RecipeJar}:
 *       a recipe packed as a jar and laid out in a Maven repository, for {@code [buildout] develop
 *       = JAR} and {@code recipe = GROUP:ARTIFACT:VERSION}.
 * </ul>
 *
 * <p>The kit depends on no test framework: an expectation that does not hold (a part that is not
 * installed, a log that was not written, an install that should have failed) is an {@link
 * AssertionError} whose message says what was expected and what there is instead.
 */
@NullMarked
package io.buildout4j.testkit;

import org.jspecify.annotations.NullMarked;
