package dev.hookline.archfixture.application;

import dev.hookline.archfixture.adapters.persistence.Repository;

/** An application class that reaches into an adapter (the arrow points the wrong way). */
public class ServiceCallingAdapter {
    Repository repository;
}
