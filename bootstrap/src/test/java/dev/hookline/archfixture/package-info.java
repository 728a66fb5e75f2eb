/**
 * Deliberately broken classes: the architecture rules must fail on them
 * ({@code ArchitectureRulesCatchViolationsTest}). Never imported by {@code ArchitectureTest}.
 */
package dev.hookline.archfixture;
