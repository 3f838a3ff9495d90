package io.buildout4j.engine;

import io.buildout4j.profile.SectionOptions;
import io.buildout4j.recipe.Options;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The recipe SPI's {@link Options} over a live profile section. */
final class PartOptions implements Options {
  private final SectionOptions section;

  PartOptions(SectionOptions section) {
    this.section = section;
  }

  @Override
  public String section() {
    return section.name();
  }

  @Override
  public @Nullable String get(String option) {
    return section.get(option);
  }

  @Override
  public String require(String option) {
    return section.require(option);
  }

  @Override
  public boolean has(String option) {
    return section.has(option);
  }

  @Override
  public void set(String option, String value) {
    java.util.Objects.requireNonNull(value, "value");
    section.set(option, value);
  }

  @Override
  public void remove(String option) {
    section.remove(option);
  }

  @Override
  public List<String> keys() {
    return section.keys();
  }

  @Override
  public Map<String, String> snapshot() {
    return section.snapshot();
  }

  @Override
  public String toString() {
    return "[" + section.name() + "]";
  }
}
