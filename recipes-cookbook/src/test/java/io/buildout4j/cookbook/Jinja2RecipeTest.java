package io.buildout4j.cookbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildout4j.profile.BuildoutException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jinja2 recipe through the engine: every context kind, imports, strictness, modes. */
class Jinja2RecipeTest {
  @TempDir Path directory;
  TemplateTestBuildout buildout;

  @BeforeEach
  void setUp() {
    buildout = new TemplateTestBuildout(directory);
  }

  @Test
  void everyContextKindReachesTheTemplate() throws IOException {
    buildout
        .file(
            "instance.cfg.in",
            """
            bar = {{ bar }}
            own = {{ recipe }}
            knight = {{ knight }}
            words = {{ words | join(',') }} ({{ words | length }})
            later = {{ later.a }} {{ later['b'][1] }}
            params = {% for k in params %}{{ k }}={{ params[k] }};{% endfor %}
            dashed = {{ params['with-dash'] }}
            {% if bar == 'value' %}literal = ${this:is_literal}{% endif %}
            mixed = ${foo:{{ bar }}}
            {%- set items = [] %}{% do items.append('x') %}
            done = {{ items | join }}
            """)
        .profile(
            """
            [buildout]
            parts = template

            [section]
            key = value
            later-words = {"a": 1, "b": [true, "two"]}

            [parameter-collection]
            foo = 1
            with-dash = d

            [template]
            recipe = slapos.recipe.template:jinja2
            url = instance.cfg.in
            output = ${buildout:directory}/instance.cfg
            extensions = jinja2.ext.do
            context =
                key     bar          section:key
                key     recipe       :recipe
                raw     knight       Ni !
                json    words        ["Peng", "Neee-wom"]
                jsonkey later        section:later-words
                section params       parameter-collection
            """);
    buildout.install();
    assertEquals(
        """
        bar = value
        own = slapos.recipe.template:jinja2
        knight = Ni !
        words = Peng,Neee-wom (2)
        later = 1 two
        params = foo=1;with-dash=d;
        dashed = d
        literal = ${this:is_literal}
        mixed = ${foo:value}
        done = x""",
        buildout.read("instance.cfg"));
  }

  @Test
  void anUndefinedVariableFailsNamingTheTemplateTheLineAndTheVariable() throws IOException {
    buildout
        .file("t.in", "ok {{ a }}\n{{ nosuch }}\n")
        .profile(
            """
            [buildout]
            parts = t

            [t]
            recipe = slapos.recipe.template:jinja2
            url = t.in
            output = out
            context = raw a A
            """);
    String message = buildout.installFails();
    assertTrue(message.contains("Cannot render the template t.in (t:url)"), message);
    assertTrue(message.contains("line 2: undefined variable 'nosuch'"), message);
    assertFalse(buildout.exists("out"), "nothing is written");
  }

  @Test
  void aMissingKeyOfADictIsAnErrorUnlessTestedOrDefaulted() throws IOException {
    buildout
        .file(
            "t.in",
            """
            {{ p.get('nosuch', 'fallback') }}
            {{ p.nosuch | default('d1') }} {{ p['nosuch'] | default('d2') }}
            {% if p.nosuch is defined %}yes{% else %}no{% endif %}
            {% if nothere is not defined %}undefined ok{% endif %}
            {% macro m(a, b=None) %}{{ a }}{% if b == None %}-none{% endif %}{% endmacro %}{{ m(1) }}
            {{ p.nosuch }}""")
        .profile(
            """
            [buildout]
            parts = t

            [params]
            x = 1

            [t]
            recipe = jinja2
            url = t.in
            output = out
            context = section p params
            """);
    String message = buildout.installFails();
    assertTrue(message.contains("line 6: no key 'nosuch' in `p.nosuch`"), message);
    assertEquals(1, message.split("line ").length - 1, "only the last line fails: " + message);

    buildout.file("t.in", buildout.read("t.in").replace("{{ p.nosuch }}", "{{ p.x }}"));
    buildout.install();
    assertEquals("fallback\nd1 d2\nno\nundefined ok\n1-none\n1", buildout.read("out"));
  }

  @Test
  void importListFilesAndFoldersAreTemplatesToImport() throws IOException {
    buildout
        .file("lib/macros.jinja2", "{% macro hello(who) %}Hello {{ who }}!{% endmacro %}\n")
        .file("lib/more/other.jinja2", "{% macro bye() %}Bye{% endmacro %}\n")
        .file(
            "t.in",
            """
            {% import "lib" as lib with context %}{% import "dir/more/other.jinja2" as other %}
            {{ lib.hello(name) }} {{ other.bye() }}
            """)
        .profile(
            """
            [buildout]
            parts = t

            [library]
            target = ${buildout:directory}/lib/macros.jinja2

            [t]
            recipe = slapos.recipe.template:jinja2
            url = t.in
            output = out
            context = raw name you
            import-list =
              file lib library:target
              rawfolder dir ${buildout:directory}/lib
            """);
    buildout.install();
    assertEquals("\nHello you! Bye", buildout.read("out"));
  }

  @Test
  void anUnknownImportIsAnError() throws IOException {
    buildout
        .file("t.in", "{% import 'nosuch' as x %}{{ x.y() }}")
        .profile(
            """
            [buildout]
            parts = t

            [t]
            recipe = slapos.recipe.template:jinja2
            url = t.in
            output = out
            """);
    String message = buildout.installFails();
    assertTrue(message.contains("no template named 'nosuch' in t:import-list"), message);
  }

  @Test
  void pythonModuleImportsAndUnknownTypesAreRefusedWhenThePartIsCreated() throws IOException {
    buildout.profile(
        """
        [buildout]
        parts = t

        [t]
        recipe = slapos.recipe.template:jinja2
        inline = x
        output = out
        context = import os_module os
        """);
    String message =
        assertThrows(BuildoutException.class, buildout::plan).getMessage(); // nothing installs
    assertTrue(message.contains("t:context line 'import os_module os'"), message);
    message = buildout.installFails();
    assertTrue(message.contains("t:context line 'import os_module os'"), message);
    assertTrue(message.contains("Python module"), message);

    buildout.profile(buildout.read("buildout.cfg").replace("import os_module os", "bogus a b"));
    message = buildout.installFails();
    assertTrue(message.contains("unknown type 'bogus'"), message);

    buildout.profile(buildout.read("buildout.cfg").replace("bogus a b", "json j {not json"));
    message = buildout.installFails();
    assertTrue(message.contains("Invalid t:context line 'json j {not json': not JSON"), message);

    buildout.profile(buildout.read("buildout.cfg").replace("json j {not json", "key k nosuch:x"));
    message = buildout.installFails();
    assertTrue(message.contains("nosuch"), message);

    buildout.profile(buildout.read("buildout.cfg").replace("key k nosuch:x", "raw a 1\n  raw a 2"));
    message = buildout.installFails();
    assertTrue(message.contains("Duplicate context entry 'a'"), message);
  }

  @Test
  void inlineTemplatesLegacyNamesModeAndIgnoredExtensions() throws IOException {
    buildout.profile(
        """
        [buildout]
        parts = new old

        [new]
        recipe = slapos.recipe.template:jinja2
        output = new.sh
        mode = 0750
        extensions = jinja2.ext.do jinja2.ext.i18n
        context = key dir buildout:directory
        inline =
          #!/bin/sh
          {% for i in range(2) %}echo {{ dir }} {{ i }}
          {% endfor %}

        [old]
        recipe = slapos.recipe.template:jinja2
        rendered = old.txt
        template = inline:
          old {{ 1 + 1 }}
        """);
    buildout.install();
    assertEquals(
        "#!/bin/sh\necho " + directory + " 0\necho " + directory + " 1\n", buildout.read("new.sh"));
    assertEquals("rwxr-x---", buildout.mode("new.sh"));
    assertEquals("old 2", buildout.read("old.txt"));
    assertTrue(
        buildout.output.stream().anyMatch(l -> l.contains("jinja2.ext.i18n is ignored")),
        String.join("\n", buildout.output));
    assertTrue(buildout.log("new").contains("WARNING: new:extensions: jinja2.ext.i18n"));
  }

  @Test
  void updateRendersAgainWhenAValueChanged() throws IOException {
    buildout
        .file("t.in", "{{ v }}")
        .profile(
            """
            [buildout]
            parts = t

            [values]
            v = 1

            [t]
            recipe = slapos.recipe.template:jinja2
            url = t.in
            output = out
            context = key v values:v
            """);
    buildout.install();
    assertEquals("1", buildout.read("out"));
    buildout.profile(buildout.read("buildout.cfg").replace("v = 1", "v = 2"));
    buildout.install();
    assertEquals(List.of("update t"), buildout.events);
    assertEquals("2", buildout.read("out"));
    Files.delete(directory.resolve("out"));
    buildout.install();
    assertEquals("2", buildout.read("out"), "a missing output reinstalls the part");
  }
}
