package dev.vsskit.lab.ontap;

import com.fasterxml.jackson.databind.JsonNode;

/** One REST answer: HTTP status, JSON body and, for a created resource, its Location ("" when none). */
record SimResponse(int status, JsonNode body, String location) {
}
