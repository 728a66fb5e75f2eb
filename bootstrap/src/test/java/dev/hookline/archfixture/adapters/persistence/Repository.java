package dev.hookline.archfixture.adapters.persistence;

/** A persistence adapter class. */
public class Repository {
}
