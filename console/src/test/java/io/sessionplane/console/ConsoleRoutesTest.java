package io.sessionplane.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The console's files and the headers every answer carries. */
@QuarkusTest
class ConsoleRoutesTest {

    @Test
    void thePageIsServedAtTheRootWithTheSecurityHeadersAndRevalidation() {
        given().get("/").then().statusCode(200)
                .contentType(containsString("text/html"))
                .header("Content-Security-Policy", equalTo(ConsoleRoutes.CONTENT_SECURITY_POLICY))
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "no-cache")
                .header("ETag", not(emptyString()))
                .body(containsString("<script type=\"module\" src=\"/console/app.js\"></script>"));
    }

    @Test
    void aMatchingEtagIsA304AndModulesAreJavaScript() {
        String etag = given().get("/console/app.js").then().statusCode(200)
                .contentType(containsString("text/javascript")).header("Cache-Control", "no-cache")
                .extract().header("ETag");
        given().header("If-None-Match", etag).get("/console/app.js").then().statusCode(304)
                .header("X-Content-Type-Options", "nosniff");
        given().get("/console/console.css").then().statusCode(200).contentType(containsString("text/css"));
    }

    @Test
    void unknownPathsAre404WithTheHeadersAndNothingElseIsServed() {
        given().get("/console/nope.js").then().statusCode(404).header("Content-Security-Policy", not(nullValue()))
                .header("X-Content-Type-Options", "nosniff");
        given().get("/index.html").then().statusCode(404);
        given().post("/").then().statusCode(405);
    }

    /** The CSP forbids inline script and style: no file may rely on them. */
    @Test
    void noInlineScriptOrStyleAnywhere() throws Exception {
        Path web = Path.of("src/main/resources/web");
        Pattern inline = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>|<style|\\sstyle=\"|\\son[a-z]+=\"|innerHTML|"
                + "insertAdjacentHTML|setAttribute\\('style'|eval\\(|new Function\\(");
        try (Stream<Path> files = Files.walk(web)) {
            for (Path file : files.filter(Files::isRegularFile).filter(f -> !f.toString().endsWith(".svg")).toList()) {
                Matcher matcher = inline.matcher(Files.readString(file));
                if (matcher.find()) {
                    throw new AssertionError(file + " uses " + matcher.group() + ", which the CSP forbids or we avoid");
                }
            }
        }
    }
}
