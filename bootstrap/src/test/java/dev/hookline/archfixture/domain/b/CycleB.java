package dev.hookline.archfixture.domain.b;

import dev.hookline.archfixture.domain.a.CycleA;

/** The other half of the cycle. */
public class CycleB {
    CycleA partner;
}
