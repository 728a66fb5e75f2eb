package dev.hookline.archfixture.bootstrap;

/** A bootstrap class. */
public class Main {
}
