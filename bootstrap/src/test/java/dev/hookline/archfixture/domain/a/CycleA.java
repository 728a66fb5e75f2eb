package dev.hookline.archfixture.domain.a;

import dev.hookline.archfixture.domain.b.CycleB;

/** Half of a package cycle inside the domain. */
public class CycleA {
    CycleB partner;
}
