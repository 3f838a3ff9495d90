package io.buildout4j.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class RecipeCoordinatesTest {
  @Test
  void twoPartsAreGroupAndArtifact() {
    assertEquals(
        new RecipeCoordinates("slapos.cookbook", "mkdirectory", null, null),
        RecipeCoordinates.parse("slapos.cookbook:mkdirectory"));
  }

  @Test
  void aThirdPartIsAVersionWhenItStartsWithADigitOrARangeBracket() {
    assertEquals(
        new RecipeCoordinates("g", "a", "1.0-SNAPSHOT", null),
        RecipeCoordinates.parse("g:a:1.0-SNAPSHOT"));
    assertEquals(
        new RecipeCoordinates("g", "a", "[1.0,2.0)", null),
        RecipeCoordinates.parse("g:a:[1.0,2.0)"));
    assertEquals(
        new RecipeCoordinates("g", "a", "(,2]", null), RecipeCoordinates.parse("g:a:(,2]"));
    assertEquals(
        new RecipeCoordinates("g", "a", null, "entry"), RecipeCoordinates.parse("g:a:entry"));
  }

  @Test
  void fourPartsAreGroupArtifactVersionEntry() {
    assertEquals(
        new RecipeCoordinates("io.example", "my-recipes", "2.3.1", "build_it"),
        RecipeCoordinates.parse("io.example:my-recipes:2.3.1:build_it"));
    assertEquals(
        new RecipeCoordinates("g", "a", "LATEST", "x"), RecipeCoordinates.parse("g:a:LATEST:x"));
  }

  @Test
  void otherNamesAreNotCoordinates() {
    for (String name :
        new String[] {
          "slapos.recipe.cmmi",
          "",
          ":",
          "g:",
          ":a",
          "g::1.0",
          "g:a:",
          "g:a:1.0:",
          "g:a:1:e:x",
          "g a:b",
          "g/a:b",
          "g:a:1.0 beta",
          "g:a:[1.0",
          "g:a:1.0:ent/ry",
          "${x}:y"
        }) {
      assertNull(RecipeCoordinates.parse(name), name);
    }
  }

  @Test
  void rendersCoordinates() {
    RecipeCoordinates coordinates = RecipeCoordinates.parse("g:a:e");
    assertEquals("g:a", coordinates.gav());
    assertEquals("g:a:1:e", coordinates.withVersion("1").gav() + ":" + coordinates.entry());
  }
}
