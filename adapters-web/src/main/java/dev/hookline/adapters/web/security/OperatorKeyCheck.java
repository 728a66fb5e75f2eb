package dev.hookline.adapters.web.security;

/** Tells whether a bearer key is the operator key ({@code hookline.operator-key}). */
public interface OperatorKeyCheck {

    boolean isOperatorKey(String key);
}
