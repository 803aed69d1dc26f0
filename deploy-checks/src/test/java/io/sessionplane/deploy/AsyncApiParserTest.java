package io.sessionplane.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The published Kafka contract (contracts' asyncapi.yaml and the JSON Schema files it references) as AsyncAPI tools
 * read it: parsed and validated by the AsyncAPI Initiative's parser (deploy/validation, pinned), the one code
 * generators and documentation tools build on. contracts' AsyncApiDocumentTest checks what the document says; this
 * checks that tools accept it.
 */
class AsyncApiParserTest {
    private static final Path CONTRACT = Tools.ROOT.resolve("contracts/src/main/resources");

    @Test
    void theAsyncApiParserAcceptsTheContract() {
        Tools.Result result = validate(CONTRACT.resolve("asyncapi.yaml"));
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).doesNotContain("error ")
                .containsPattern("valid: AsyncAPI 3\\.0\\.0, \\d+ channels");
    }

    /** The negative control: a broken copy of the document (an operation's action v3 does not have) is refused. */
    @Test
    void theParserRefusesABrokenCopy(@TempDir Path copy) throws Exception {
        try (Stream<Path> files = Files.walk(CONTRACT)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = copy.resolve(CONTRACT.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        }
        Path document = copy.resolve("asyncapi.yaml");
        String text = Files.readString(document);
        assertThat(text).contains("action: send");
        Files.writeString(document, text.replaceFirst("action: send", "action: publish"));
        Tools.Result result = validate(document);
        assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
        assertThat(result.output()).contains("\"action\" property must be equal to one of the allowed values");
    }

    private static Tools.Result validate(Path document) {
        Tools.requireValidationPackages();
        return Tools.run(Tools.VALIDATION, Map.of(), List.of("node", "validate-asyncapi.mjs", document.toString()));
    }
}
