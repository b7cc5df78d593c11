package io.warden.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;

/**
 * A request body read as a JSON object, with typed accessors that answer 400 naming the field.
 * Reading the tree by hand, rather than binding to classes, lets every type error say which field.
 */
public final class JsonBody {

    private final ObjectNode node;

    private JsonBody(ObjectNode node) {
        this.node = node;
    }

    /** An empty or blank body is an empty object: every field of every request is optional or checked. */
    public static JsonBody parse(ObjectMapper mapper, String text, int maxBytes) {
        if (text != null && text.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
            throw new ProblemException(ProblemType.TOO_LARGE, "the body is over " + maxBytes + " bytes");
        }
        if (text == null || text.isBlank()) {
            return new JsonBody(mapper.createObjectNode());
        }
        try {
            JsonNode tree = mapper.readTree(text);
            if (!(tree instanceof ObjectNode object)) {
                throw new ProblemException(ProblemType.INVALID_REQUEST, "the body must be a JSON object");
            }
            return new JsonBody(object);
        } catch (JsonProcessingException e) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "the body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    public String string(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ProblemException.invalid(field, "must be a string");
        }
        return value.textValue();
    }

    public String requiredString(String field) {
        String value = string(field);
        if (value == null) {
            throw ProblemException.invalid(field, "is required");
        }
        return value;
    }

    public Long integer(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw ProblemException.invalid(field, "must be an integer");
        }
        return value.longValue();
    }

    /** A JSON object field, returned as compact JSON text. */
    public String objectText(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw ProblemException.invalid(field, "must be a JSON object");
        }
        return value.toString();
    }

    public boolean bool(String field, boolean absent) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return absent;
        }
        if (!value.isBoolean()) {
            throw ProblemException.invalid(field, "must be true or false");
        }
        return value.booleanValue();
    }

    /** An array of objects, each as a body of its own (empty when absent). */
    public java.util.List<JsonBody> objects(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return java.util.List.of();
        }
        if (!value.isArray()) {
            throw ProblemException.invalid(field, "must be an array");
        }
        java.util.List<JsonBody> items = new java.util.ArrayList<>();
        for (JsonNode item : value) {
            if (!(item instanceof ObjectNode object)) {
                throw ProblemException.invalid(field, "must hold JSON objects");
            }
            items.add(new JsonBody(object));
        }
        return items;
    }
}
