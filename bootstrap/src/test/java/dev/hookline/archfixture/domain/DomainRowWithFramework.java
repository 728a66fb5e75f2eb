package dev.hookline.archfixture.domain;

import io.micronaut.data.annotation.MappedEntity;

/** A domain class that uses Micronaut and is a persistence row: breaks two rules. */
@MappedEntity
public record DomainRowWithFramework(String id) {
}
