package dev.hookline.archfixture.adapters.httpout;

/** An outbound adapter class. */
public class Sender {
}
