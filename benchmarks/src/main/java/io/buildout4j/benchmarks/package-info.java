/**
 * JMH benchmarks of the profile language on the largest SlapOS releases of the conformance corpus.
 * They are never part of the test run:
 *
 * <pre>
 * mvn -B -o -q package -pl benchmarks -am -DskipTests
 * java -jar benchmarks/target/benchmarks.jar
 * </pre>
 *
 * <p>The corpus directory (the one holding {@code slapos/}) is the system property {@code
 * buildout4j.corpus}, by default {@code ../shared/corpus} relative to the repository root. See
 * {@code docs/performance.md} for the figures.
 */
package io.buildout4j.benchmarks;
