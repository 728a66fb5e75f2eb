package dev.hookline.archfixture.adapters.web;

import dev.hookline.archfixture.adapters.persistence.Repository;

/** An adapter depending on another adapter. */
public class ControllerUsingRepository {
    Repository repository;
}
