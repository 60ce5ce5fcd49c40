package dockerlab.stack;

import dockerlab.config.Lang;
import io.restassured.response.Response;
import java.util.Map;

/** An HTTP answer's body read as a JSON object; a body that is no JSON is the API's mistake, said as such. */
public final class JsonBody {

    private static final int SHOWN = 200;

    private JsonBody() {
    }

    public static Map<String, Object> of(Response response) {
        try {
            Map<String, Object> body = response.jsonPath().getMap("$");
            if (body != null) {
                return body;
            }
        } catch (RuntimeException notJson) {
            // said below, with what was seen
        }
        String seen = response.asString();
        throw new AssertionError(Lang.say("the body is not a JSON object (Content-Type: %s): %s", response.contentType(),
                seen.length() > SHOWN ? seen.substring(0, SHOWN) + "…" : seen));
    }
}
