package io.sessionplane.contracts.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Error body of the Huawei-style share-space endpoints; codes are {@code WKS.xxxx}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record HuaweiError(String errorCode, String errorMsg, String errorDetail, String encodedAuthorizationMessage) {

    public static HuaweiError of(String code, String message, String detail) {
        return new HuaweiError(code, message, detail, null);
    }
}
