package org.ecoplan.testing.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One malformed request, exactly as it goes on the wire: the target is sent as written (percent-escapes,
 * broken ones included), headers and body byte for byte.
 *
 * @param what        what is wrong with it, for the failure report
 * @param contentType null: no Content-Type header
 * @param mustRefuse  false for an extreme but possibly meaningful value of a read (a year 2147483647, a blank
 *                    filter): any answer but a 5xx will do, and a refusal must still be a problem
 */
record Variant(String what, String method, String target, List<Map.Entry<String, String>> headers, byte[] body,
        String contentType, boolean mustRefuse) {

    Variant withHeaders(List<Map.Entry<String, String>> replaced) {
        return new Variant(what, method, target, replaced, body, contentType, mustRefuse);
    }

    Variant extreme() {
        return new Variant(what, method, target, headers, body, contentType, false);
    }

    String describe() {
        boolean text = contentType == null || contentType.contains("json") || contentType.startsWith("text/");
        String shownBody = body == null ? "" : text ? " body=" + abbreviate(new String(body, StandardCharsets.UTF_8))
                : " body=<" + body.length + " bytes of " + contentType + ">";
        return method + " " + abbreviate(target) + " [" + what.replace("\0", "\\0") + "]" + shownBody;
    }

    private static String abbreviate(String text) {
        String printable = text.replace("\0", "\\0");
        return printable.length() > 160 ? printable.substring(0, 160) + "…(" + printable.length() + ")" : printable;
    }
}
