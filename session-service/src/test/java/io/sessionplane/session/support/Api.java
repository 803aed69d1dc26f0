package io.sessionplane.session.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** REST helpers: logging in as the test operators (tokens cached per JVM). */
public final class Api {
    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    private Api() {
    }

    /** Logs in with the test profile's password (same as the user name). */
    public static String token(String user) {
        return TOKENS.computeIfAbsent(user, name -> given().contentType(ContentType.JSON)
                .body(Map.of("domain", "LOCAL", "username", name, "password", name))
                .post("/rest/login").then().statusCode(200).extract().path("access_token"));
    }

    public static RequestSpecification as(String user) {
        return given().auth().oauth2(token(user)).contentType(ContentType.JSON);
    }

    public static RequestSpecification withToken(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }
}
